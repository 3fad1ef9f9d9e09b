"""Readers: one raw file in, a stream of `RawRecord`s (or `Reject`s) out.

`read_file` is the one entry point: it reads the bytes, detects the format by content and
extension, and hands them to the reader registered for that format. A reader never raises for
bad input; it yields a `Reject` and goes on with the next record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from corpus.formats.decode import DecodeError, decode_text
from corpus.records import RawRecord, Reject

Reader = Callable[[bytes, str], Iterator[RawRecord | Reject]]


def excerpt_of(data: bytes | str, limit: int = 200) -> str:
    """A short, printable excerpt for a rejects row."""
    if isinstance(data, bytes):
        data = data[:limit].decode("utf-8", errors="backslashreplace")
    return data[:limit]


def read_text_dump(data: bytes, raw_path: str) -> Iterator[RawRecord | Reject]:
    """A plain-text dump is one record: the decoded file."""
    try:
        text = decode_text(data)
    except DecodeError as exc:
        yield Reject(raw_path, 0, "decode", exc.reason, exc.message, excerpt_of(data))
        return
    yield RawRecord(raw_path=raw_path, record_index=0, raw_format="text", payload=text)


READERS: dict[str, Reader] = {"text": read_text_dump}


def detect_format(data: bytes, raw_path: str) -> str:
    """The reader name for these bytes; extended by content sniffing for other formats."""
    return "text"


def read_bytes(data: bytes, raw_path: str) -> Iterator[RawRecord | Reject]:
    """Records of one file's bytes; the shared path for files and archive members."""
    if not data.strip():
        yield Reject(raw_path, None, "read", "empty_file", "the file holds no text", "")
        return
    fmt = detect_format(data, raw_path)
    reader = READERS.get(fmt)
    if reader is None:
        yield Reject(raw_path, None, "read", "unsupported_format", f"no reader for {fmt}", "")
        return
    yield from reader(data, raw_path)


def read_file(path: Path, raw_path: str) -> Iterator[RawRecord | Reject]:
    """Records of the file at `path`, named `raw_path` (relative to the raw root) in the lake."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(raw_path, None, "read", "read_error", str(exc), "")
        return
    yield from read_bytes(data, raw_path)
