"""JSON and JSONL exports (news-please, trafilatura, custom scrapers): one record per article.

Fields are mapped with the `FieldMapping` of the read options; the record's payload is the text
field (plain text or HTML), its `fields` the other mapped values. JSONL is read line by line
(`record_index` = line number - 1); a line that does not parse costs that line only. A JSON file
may hold one object, an array of objects (streamed element by element, see `jsonarray`), or an
object with one list of article objects (`{"articles": [...]}`). Bytes are decoded by the rule
of `jsondoc`: UTF-8, an invalid byte as U+FFFD, never a guessed code page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from corpus.formats.jsonarray import iter_array
from corpus.formats.jsondoc import decode_json_bytes, parse_json, record_from_object
from corpus.formats.mapping import map_fields
from corpus.formats.options import ReadOptions
from corpus.formats.streams import CHUNK, read_capped
from corpus.records import RawRecord, Reject
from corpus.rejects import RejectError, make_reject, reject_of


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def read_jsonl(
    stream: BinaryIO, raw_path: str, fmt: str, options: ReadOptions
) -> Iterator[RawRecord | Reject]:
    """One record per non-blank line; bad lines become rejects naming their line number."""
    index = -1
    while True:
        line = stream.readline(options.max_line_bytes + 1)
        if not line:
            return
        index += 1
        where = f"line {index + 1}"
        if len(line) > options.max_line_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield make_reject(raw_path, index, "too_large",
                              f"{where} is longer than {options.max_line_bytes} bytes", data=line)  # fmt: skip
            continue
        if not line.strip():
            continue
        try:
            text = decode_json_bytes(line)
            value = parse_json(text, options.max_json_depth)
        except RejectError as exc:
            yield reject_of(exc, raw_path, index, where=where, data=line)
            continue
        del line, text  # a 50 MB line is held once, as its parsed value, from here on
        yield record_from_object(value, raw_path, index, fmt, options, where)


_LIST_KEYS = ("articles", "items", "data", "results", "records", "documents", "docs", "entries")


def read_json(
    stream: BinaryIO, raw_path: str, fmt: str, options: ReadOptions, head: bytes
) -> Iterator[RawRecord | Reject]:
    """A JSON document: one article object, an array of them, or an object holding such a list."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield from iter_array(stream, raw_path, fmt, options)
        return
    data = read_capped(stream, options.max_record_bytes)
    try:
        value = parse_json(decode_json_bytes(data), options.max_json_depth)
    except RejectError as exc:
        yield reject_of(exc, raw_path, 0, where="the document", data=data)
        return
    del data
    if isinstance(value, dict) and "text" not in map_fields(value, options.mapping):
        for key in _LIST_KEYS:
            items = value.get(key)
            if isinstance(items, list) and items and all(isinstance(i, dict) for i in items):
                for index, item in enumerate(items):
                    where = f"{key}[{index}]"
                    yield record_from_object(item, raw_path, index, fmt, options, where)
                return
    yield record_from_object(value, raw_path, 0, fmt, options, "the document")
