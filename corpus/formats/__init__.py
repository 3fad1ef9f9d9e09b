"""Readers: one raw file in, a stream of `RawRecord`s (or `Reject`s) out.

`read_file(path, raw_path, *, options=None)` is the one entry point. It streams the file: the
format is detected by content (magic bytes, then HTML/JSON/JSONL/text sniffing, the extension
only breaking ties), compressions and archives are opened layer by layer, and each leaf format
(WARC, ARC, JSONL, JSON, XML feeds and exports, HTML, text dump) yields its records one at a time, so memory is bounded by
the largest record, not by the file. `read_bytes` does the same for bytes already in memory.

A reader never raises for bad input: it yields a `Reject` with a stable reason code
(`corpus.reasons`) and goes on with the next record where it can.
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from corpus.formats.decode import decode_markup, decode_text
from corpus.formats.dispatch import read_html_bytes, read_stream, read_text_bytes
from corpus.formats.mapping import DEFAULT_MAPPING, FieldMapping, load_field_mapping
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.formats.sniff import sniff
from corpus.formats.streams import CHUNK, DiskFile, DiskReadError
from corpus.records import RawRecord, Reject
from corpus.rejects import RejectError, excerpt_of, make_reject, reject_of

__all__ = [
    "DEFAULT_MAPPING",
    "READERS",
    "FieldMapping",
    "ReadOptions",
    "RejectError",
    "decode_markup",
    "decode_text",
    "detect_format",
    "excerpt_of",
    "load_field_mapping",
    "read_bytes",
    "read_file",
    "read_stream",
]

Reader = Callable[..., Iterator[RawRecord | Reject]]


def _leaf_reader(kind: str) -> Reader:
    def reader(
        data: bytes, raw_path: str, *, options: ReadOptions | None = None
    ) -> Iterator[RawRecord | Reject]:
        return read_bytes(data, raw_path, options=options, expect=kind)

    reader.__name__ = f"read_{kind}"
    reader.__doc__ = f"Records of bytes known to be {kind}."
    return reader


# byte-level readers per leaf format (the streaming dispatch in `read_file` picks for itself)
READERS: dict[str, Reader] = {
    "text": read_text_bytes,
    "html": read_html_bytes,
    "json": _leaf_reader("json"),
    "jsonl": _leaf_reader("jsonl"),
    "warc": _leaf_reader("warc"),
    "arc": _leaf_reader("arc"),
    "xml": _leaf_reader("xml"),
}


def detect_format(data: bytes, raw_path: str) -> str:
    """The outermost format of these bytes: a compression, an archive, or a leaf format."""
    return sniff(data[:65536], raw_path)


def _guarded(records: Iterator[RawRecord | Reject], raw_path: str) -> Iterator[RawRecord | Reject]:
    """The read stage's boundary: a `RejectError` raised below becomes its reject; an I/O
    failure is `read_error`; anything else is a reader bug (`reader_error`) that costs this
    file, never the batch."""
    try:
        yield from records
    except RejectError as exc:
        yield reject_of(exc, raw_path, None)
    except DiskReadError as exc:
        yield make_reject(raw_path, None, "read_error", str(exc))
    except OSError as exc:  # from a decompressor or parser: the bytes are damaged
        yield make_reject(raw_path, None, "corrupt_archive", f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # a reader bug must cost this file, not the batch
        yield make_reject(raw_path, None, "reader_error", f"{type(exc).__name__}: {exc}")


def read_bytes(
    data: bytes,
    raw_path: str,
    *,
    options: ReadOptions | None = None,
    expect: str | None = None,
) -> Iterator[RawRecord | Reject]:
    """Records of one file's bytes (small files, archive members already in memory)."""
    options = options or DEFAULT_OPTIONS
    if expect in ("html", "text"):
        reader = read_html_bytes if expect == "html" else read_text_bytes
        yield from _guarded(reader(data, raw_path), raw_path)
        return
    stream = io.BytesIO(data)
    yield from _guarded(read_stream(stream, raw_path, options=options, seekable=stream), raw_path)


def read_file(
    path: Path, raw_path: str, *, options: ReadOptions | None = None
) -> Iterator[RawRecord | Reject]:
    """Records of the file at `path`, named `raw_path` (relative to the raw root) in the lake."""
    options = options or DEFAULT_OPTIONS
    try:
        file = io.BufferedReader(DiskFile(path), CHUNK)
    except RejectError as exc:
        yield reject_of(exc, raw_path, None)
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the path is a symlink: never followed here
            yield make_reject(raw_path, None, "symlink_not_followed", "a symlink, not read")
        else:
            yield make_reject(raw_path, None, "read_error", f"{type(exc).__name__}: {exc}")
        return
    try:
        yield from _guarded(read_stream(file, raw_path, options=options, seekable=file), raw_path)
    finally:
        file.close()
