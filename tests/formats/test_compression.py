"""Every compression reads; damage and bombs become rejects, never exceptions."""

from __future__ import annotations

import bz2
import gzip
import lzma

import pytest
import zstandard

from corpus.formats import ReadOptions
from corpus.records import ParsedArticle
from tests.formats.helpers import jsonl, outcomes, page, read_all, records, rejects

COMPRESSORS = {
    "gzip": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "zstd": lambda data: zstandard.ZstdCompressor().compress(data),
}


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
def test_each_compression_of_a_page(kind: str) -> None:
    data = COMPRESSORS[kind](page("Gates open").encode())
    [article] = outcomes(data, f"src/page.html.{kind}")
    assert isinstance(article, ParsedArticle)
    assert article.title == "Gates open"
    [record] = read_all(data, f"src/page.html.{kind}")
    assert record.raw_format == f"{kind}+html"


def test_extension_does_not_matter_gzip_jsonl_named_txt() -> None:
    data = gzip.compress(
        jsonl({"title": "A", "text": "Alpha text."}, {"title": "B", "text": "Beta."})
    )
    items = read_all(data, "src/dump.txt")
    assert [r.raw_format for r in items] == ["gzip+jsonl", "gzip+jsonl"]
    assert [r.record_index for r in items] == [0, 1]


def test_multi_member_gzip_is_one_stream() -> None:
    data = gzip.compress(jsonl({"text": "one"})) + gzip.compress(jsonl({"text": "two"}))
    assert [r.payload for r in records(read_all(data, "a.jsonl.gz"))] == ["one", "two"]


def test_truncated_gzip_keeps_what_was_read_and_rejects_the_rest() -> None:
    lines = jsonl(*({"text": f"record {i} " + "x" * 200} for i in range(200)))
    data = gzip.compress(lines)
    items = read_all(data[: len(data) // 2], "cut.jsonl.gz")
    assert records(items), "lines before the damage are kept"
    [reject] = rejects(items)
    assert reject.reason == "corrupt_archive"
    assert "gzip" in reject.message


@pytest.mark.parametrize("kind", ["bz2", "xz", "zstd"])
def test_truncated_streams_are_corrupt_archives(kind: str) -> None:
    data = COMPRESSORS[kind](page().encode() * 20)
    items = read_all(data[: len(data) // 2], f"cut.html.{kind}")
    assert [r.reason for r in rejects(items)] == ["corrupt_archive"]


def test_gzip_bomb_is_too_large_by_ratio() -> None:
    bomb = gzip.compress(b"a" * (40 * 1024 * 1024))
    [reject] = read_all(bomb, "bomb.txt.gz")
    assert reject.reason == "too_large"
    assert "ratio" in reject.message


def test_decompressed_size_cap() -> None:
    options = ReadOptions(max_member_bytes=10_000, max_ratio=0)
    data = gzip.compress(jsonl(*({"text": "y" * 100} for _ in range(500))))
    items = read_all(data, "big.jsonl.gz", options=options)
    assert rejects(items)[-1].reason == "too_large"
    assert len(records(items)) < 500


def test_garbage_after_magic_bytes() -> None:
    [reject] = read_all(b"\x1f\x8b" + b"not really gzip" * 10, "x.gz")
    assert reject.reason == "corrupt_archive"
