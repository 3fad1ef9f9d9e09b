"""Format detection is by content: magic bytes first, then text sniffing, the name last."""

from __future__ import annotations

import bz2
import gzip
import lzma

import pytest
import zstandard

from corpus.formats import detect_format
from tests.formats.helpers import jsonl, page, tar_bytes, warc_bytes, zip_bytes


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (gzip.compress(b"x"), "dump.txt", "gzip"),
        (bz2.compress(b"x"), "dump.txt", "bz2"),
        (lzma.compress(b"x"), "dump", "xz"),
        (zstandard.ZstdCompressor().compress(b"x"), "a.json", "zstd"),
        (zip_bytes({"a.html": b"<p>x</p>"}), "a.tar", "zip"),
        (tar_bytes({"a.html": b"<p>x</p>"}), "a.zip", "tar"),
        (warc_bytes([]), "a.html", "warc"),
        (page().encode(), "a.txt", "html"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><p>x</p>", "a", "html"),
        (b"Some intro\n<p>text</p><div>x</div>", "page.htm", "html"),
        (jsonl({"text": "a"}, {"text": "b"}), "dump.txt", "jsonl"),
        (b'{"text": "one object on one line"}', "a.json", "jsonl"),
        (b'{\n  "text": "pretty"\n}\n', "a.jsonl", "json"),
        (b'[{"text": "a"}]', "a.jsonl", "json"),
        (b"date 2024-01-02 NAIROBI - Text.", "a.html", "text"),
        ("date 2024-01-02 x".encode("utf-16"), "a.txt", "text"),
    ],
)
def test_detects_by_content(data: bytes, name: str, expected: str) -> None:
    assert detect_format(data, name) == expected
