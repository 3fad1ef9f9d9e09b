"""From a byte stream to records: sniff the format, peel compressions and archives, read leaves.

`read_stream` is the one recursive step. It reads a head, names the format (`sniff`), and either
opens a container (gzip/bz2/xz/zstd stream, zip or tar members) and recurses on what is inside,
or hands the stream to a leaf reader (WARC, JSONL, JSON, HTML, text). The record's `raw_format`
lists the layers, outermost first: `gzip+warc`, `zip+html`, `gzip+tar+jsonl`.

Errors of a layer become rejects at that layer: a truncated gzip yields the records read before
the damage, then one `corrupt_archive` reject; a bomb yields `too_large`. Nothing read is
dropped without a record or a reject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from corpus.formats import archives, jsonl, warc, xmldocs
from corpus.formats.decode import decode_markup, decode_text
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.formats.sniff import sniff
from corpus.formats.streams import (
    COMPRESSIONS,
    CORRUPT_ERRORS,
    HEAD_BYTES,
    CappedReader,
    CountingReader,
    DiskReadError,
    TolerantReader,
    TooLarge,
    buffered,
    decompressing,
    read_capped,
    read_head,
)
from corpus.records import RawRecord, Reject
from corpus.rejects import RejectError, make_reject, reject_of

LEAF_FORMATS = ("warc", "arc", "jsonl", "json", "xml", "html", "text")


def _read_decoded(
    data: bytes, raw_path: str, fmt: str, decode: Callable[[bytes], str]
) -> Iterator[RawRecord | Reject]:
    """A single-record file: its decoded text, or a decode reject."""
    try:
        text = decode(data)
    except RejectError as exc:
        yield reject_of(exc, raw_path, 0, data=data)
        return
    yield RawRecord(raw_path=raw_path, record_index=0, raw_format=fmt, payload=text)


def read_html_bytes(data: bytes, raw_path: str, fmt: str = "html") -> Iterator[RawRecord | Reject]:
    """A saved page is one record: its markup, decoded (BOM, meta charset, detection)."""
    return _read_decoded(data, raw_path, fmt, decode_markup)


def read_text_bytes(data: bytes, raw_path: str, fmt: str = "text") -> Iterator[RawRecord | Reject]:
    """A plain-text dump is one record: the decoded file (strict: BOM or UTF-8, see decode)."""
    return _read_decoded(data, raw_path, fmt, decode_text)


def _read_leaf(
    kind: str, stream: BinaryIO, head: bytes, raw_path: str, fmt: str, options: ReadOptions
) -> Iterator[RawRecord | Reject]:
    if kind in ("warc", "arc"):
        yield from warc.read_warc(stream, raw_path, fmt, options, arc=kind == "arc")
    elif kind == "jsonl":
        yield from jsonl.read_jsonl(stream, raw_path, fmt, options)
    elif kind == "json":
        yield from jsonl.read_json(stream, raw_path, fmt, options, head)
    elif kind == "xml":
        yield from xmldocs.read_xml(stream, raw_path, fmt, options)
    else:
        data = read_capped(stream, options.max_record_bytes)
        if not data.strip():
            yield make_reject(raw_path, None, "empty_file", "the file holds no text")
        elif kind == "html":
            yield from read_html_bytes(data, raw_path, fmt)
        else:
            yield from read_text_bytes(data, raw_path, fmt)


def read_stream(
    stream: BinaryIO,
    raw_path: str,
    *,
    options: ReadOptions = DEFAULT_OPTIONS,
    layers: str = "",
    depth: int = 0,
    seekable: BinaryIO | None = None,
) -> Iterator[RawRecord | Reject]:
    """Records of one stream named `raw_path`; `layers` are the containers around it so far.

    `seekable` is the same bytes as a seekable file, when the caller has one (a zip is read in
    place instead of being spooled).
    """
    head, stream = read_head(stream)
    if not head.strip() and len(head) < HEAD_BYTES:  # a longer blank head: the leaf reader says
        yield make_reject(raw_path, None, "empty_file", "the file holds no text")
        return
    kind = sniff(head, raw_path)
    fmt = f"{layers}{kind}"
    if (kind in COMPRESSIONS or kind in ("zip", "tar")) and depth >= options.max_archive_depth:
        yield make_reject(raw_path, None, "unsupported_format",
                          f"containers nested deeper than {options.max_archive_depth}")  # fmt: skip
        return
    if kind in COMPRESSIONS:
        yield from _read_compressed(kind, stream, raw_path, options, fmt, depth)
        return
    try:
        if kind == "zip":
            try:
                file = seekable if seekable is not None else archives.spool(stream, options)
            except TooLarge as exc:
                yield make_reject(raw_path, None, "too_large", f"zip: {exc}")
                return
            file.seek(0)

            def member(data: BinaryIO, name: str) -> Iterator[RawRecord | Reject]:
                return read_stream(buffered(data), name, options=options, layers=f"{fmt}+",
                                   depth=depth + 1)  # fmt: skip

            yield from archives.read_zip(file, raw_path, options, member)
        elif kind == "tar":

            def member(data: BinaryIO, name: str) -> Iterator[RawRecord | Reject]:
                return read_stream(buffered(data), name, options=options, layers=f"{fmt}+",
                                   depth=depth + 1)  # fmt: skip

            yield from archives.read_tar(stream, raw_path, options, member)
        else:
            yield from _read_leaf(kind, stream, head, raw_path, fmt, options)
    except TooLarge as exc:
        if exc.reader is not None:
            raise  # an enclosing layer's cap: that layer reports it
        yield reject_of(exc, raw_path, None)


def _may_be_cut(item: RawRecord | Reject) -> bool:
    """Whether the last item of a damaged stream may only reflect the damage."""
    return isinstance(item, RawRecord) or item.reason in ("empty_file", "invalid_json")


def _read_compressed(
    kind: str, stream: BinaryIO, raw_path: str, options: ReadOptions, fmt: str, depth: int
) -> Iterator[RawRecord | Reject]:
    """Records of a compressed stream; damage and bombs end it with one reject."""
    counted = CountingReader(stream)
    try:
        tolerant = TolerantReader(decompressing(kind, buffered(counted)))  # type: ignore[arg-type]
    except DiskReadError:
        raise
    except CORRUPT_ERRORS as exc:
        yield make_reject(raw_path, None, "corrupt_archive", f"{kind}: {exc}")
        return
    inner = CappedReader(
        tolerant,  # type: ignore[arg-type]
        options.max_member_bytes,
        compressed=counted,
        max_ratio=options.max_ratio,
        ratio_grace=options.ratio_grace,
    )
    # the last item is held back: when the stream turns out to be cut short, a record read from
    # its last bytes may be incomplete, and the corrupt_archive reject stands for it
    pending: RawRecord | Reject | None = None
    try:
        for item in read_stream(buffered(inner), raw_path, options=options, layers=f"{fmt}+",
                                depth=depth + 1):  # fmt: skip
            if pending is not None:
                yield pending
            pending = item
    except TooLarge as exc:
        if exc.reader is not inner:
            raise
        if pending is not None:
            yield pending
        yield make_reject(raw_path, None, "too_large", f"{kind}: {exc}")
        return
    except DiskReadError:
        raise
    except CORRUPT_ERRORS as exc:
        tolerant.error = tolerant.error or exc
    if pending is not None and not (tolerant.error and _may_be_cut(pending)):
        yield pending
    if tolerant.error is not None:
        error = tolerant.error
        message = f"{kind} stream is truncated or corrupt: {type(error).__name__}: {error}"
        yield make_reject(raw_path, None, "corrupt_archive", message)
