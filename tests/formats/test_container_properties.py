"""No reader raises, whatever the bytes: containers and leaf formats around arbitrary payloads."""

from __future__ import annotations

import bz2
import gzip
import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.extract import extract
from corpus.formats import read_bytes, read_file
from corpus.records import ParsedArticle, RawRecord, Reject

PREFIXES = [b"", b"\x1f\x8b", b"PK\x03\x04", b"WARC/1.0\r\n", b"{", b"[", b"<html>", b"BZh", b"\xfd7zXZ\x00",
            b"\x28\xb5\x2f\xfd", b"date 2024-01-01 "]  # fmt: skip
NAMES = ["a.txt", "a.html", "a.jsonl", "a.json", "a.warc.gz", "a.zip", "a.tar.gz", "a"]


def _check(items: list) -> None:
    assert items, "every input must leave a trace"
    for item in items:
        assert isinstance(item, RawRecord | Reject)
        if isinstance(item, RawRecord):
            assert isinstance(extract(item, time_limit=5), ParsedArticle | Reject)


@settings(max_examples=250, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=1500), st.sampled_from(NAMES))
def test_arbitrary_bytes_behind_magic_prefixes(prefix: bytes, data: bytes, name: str) -> None:
    _check(list(read_bytes(prefix + data, name)))


@settings(max_examples=120, deadline=None)
@given(st.binary(max_size=1500), st.sampled_from(["gzip", "bz2", "zip"]), st.integers(0, 200))
def test_damaged_containers(data: bytes, kind: str, cut: int) -> None:
    if kind == "gzip":
        packed = gzip.compress(data)
    elif kind == "bz2":
        packed = bz2.compress(data)
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("m.html", data)
        packed = buffer.getvalue()
    _check(list(read_bytes(packed[: max(len(packed) - cut, 1)], f"x.{kind}")))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), st.binary(max_size=80)), max_size=8))
def test_arbitrary_jsonl_lines(lines: list) -> None:
    data = b"\n".join(
        x.encode("utf-8", "surrogatepass") if isinstance(x, str) else x for x in lines
    )
    _check(list(read_bytes(b'{"text": "first"}\n' + data, "x.jsonl")))


def test_missing_file_is_a_read_error(tmp_path) -> None:
    [reject] = read_file(tmp_path / "gone.html", "gone.html")
    assert reject.reason == "read_error"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=800), st.sampled_from(NAMES))
def test_read_file_on_arbitrary_files(prefix: bytes, data: bytes, name: str) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(prefix + data)
        _check(list(read_file(path, f"src/{name}")))
