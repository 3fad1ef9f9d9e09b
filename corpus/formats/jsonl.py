"""JSON and JSONL exports (news-please, trafilatura, custom scrapers): one record per article.

Fields are mapped with the `FieldMapping` of the read options; the record's payload is the text
field (plain text or HTML), its `fields` the other mapped values. JSONL is read line by line
(`record_index` = line number - 1); a line that does not parse costs that line only. A JSON file
may hold one object, an array of objects (streamed element by element), or an object with one list
of article objects (`{"articles": [...]}`).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from corpus.formats.decode import DecodeError, decode_markup
from corpus.formats.mapping import map_fields
from corpus.formats.options import ReadOptions
from corpus.formats.streams import CHUNK, read_capped
from corpus.records import RawRecord, Reject

_DECODER = json.JSONDecoder()


class _Nested(ValueError):
    pass


def _check_depth(obj: object, limit: int) -> None:
    """Raise `_Nested` when `obj` nests deeper than `limit` (iterative: no recursion limit)."""
    stack: list[tuple[object, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            raise _Nested(f"nesting deeper than {limit} levels")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, dict | list))


def _text_of(value: object) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def record_from_object(
    obj: object, raw_path: str, index: int, fmt: str, options: ReadOptions, where: str
) -> RawRecord | Reject:
    """One article record from a parsed JSON value, or the reason it is none."""
    if not isinstance(obj, dict):
        kind = type(obj).__name__
        return Reject(raw_path, index, "read", "invalid_json", f"{where} holds a {kind}, not an object",
                      json.dumps(obj, ensure_ascii=False)[:200])  # fmt: skip
    found = map_fields(obj, options.mapping)
    text = _text_of(found.pop("text", None))
    if text is None:
        keys = ", ".join(list(obj)[:12])
        return Reject(raw_path, index, "extract", "missing_text_field",
                      f"{where} has no text field under the mapping (keys: {keys})",
                      json.dumps(obj, ensure_ascii=False)[:200])  # fmt: skip
    return RawRecord(raw_path=raw_path, record_index=index, raw_format=fmt, payload=text,
                     fields=found)  # fmt: skip


def _parse(data: bytes, raw_path: str, index: int, where: str, options: ReadOptions):
    """(value, None) or (None, Reject) for one JSON document's bytes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = decode_markup(data)
        except DecodeError as exc:
            return None, Reject(raw_path, index, "decode", exc.reason, f"{where}: {exc.message}",
                                data[:200].decode("utf-8", "backslashreplace"))  # fmt: skip
    try:
        value = json.loads(text)
        _check_depth(value, options.max_json_depth)
    except RecursionError:
        return None, Reject(raw_path, index, "read", "too_deeply_nested",
                            f"{where} nests too deeply to parse", text[:200])  # fmt: skip
    except _Nested as exc:
        return None, Reject(raw_path, index, "read", "too_deeply_nested", f"{where}: {exc}",
                            text[:200])  # fmt: skip
    except ValueError as exc:
        return None, Reject(raw_path, index, "read", "invalid_json", f"{where}: {exc}", text[:200])
    return value, None


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
            excerpt = line[:200].decode("utf-8", "backslashreplace")
            _skip_rest_of_line(stream)
            yield Reject(raw_path, index, "read", "too_large",
                         f"{where} is longer than {options.max_line_bytes} bytes", excerpt)  # fmt: skip
            continue
        if not line.strip():
            continue
        value, reject = _parse(line, raw_path, index, where, options)
        yield reject or record_from_object(value, raw_path, index, fmt, options, where)


def _iter_array(
    stream: BinaryIO, raw_path: str, fmt: str, options: ReadOptions
) -> Iterator[RawRecord | Reject]:
    """Elements of a top-level JSON array, decoded one at a time (memory: the largest one)."""
    decode = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    buffer, pos, index, want, eof = "", 0, 0, CHUNK, False

    def more() -> bool:
        nonlocal buffer, pos, eof, want
        data = stream.read(want)
        eof = not data
        try:
            buffer = buffer[pos:] + decode.decode(data, final=eof)
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8: {exc}") from exc
        pos = 0
        want = min(want * 2, 64 * CHUNK)
        return not eof

    try:
        more()
        pos = buffer.index("[") + 1
        while True:
            while True:
                while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                    pos += 1
                if pos < len(buffer) or not more():
                    break
            if pos >= len(buffer):
                yield Reject(raw_path, index, "read", "invalid_json",
                             f"the array ends before its closing ']' (after {index} elements)", "")  # fmt: skip
                return
            if buffer[pos] == "]":
                if index == 0:
                    yield Reject(
                        raw_path, None, "read", "empty_file", "the JSON array is empty", ""
                    )
                return
            where = f"element {index}"
            try:
                value, end = _DECODER.raw_decode(buffer, pos)
            except json.JSONDecodeError as exc:
                incomplete = exc.pos >= len(buffer) - 1 or exc.msg.startswith("Unterminated")
                if not incomplete or eof:
                    yield Reject(raw_path, index, "read", "invalid_json", f"{where}: {exc}",
                                 buffer[pos : pos + 200])  # fmt: skip
                    return
                if len(buffer) - pos > options.max_record_bytes:
                    yield Reject(raw_path, index, "read", "too_large",
                                 f"{where} is larger than {options.max_record_bytes} bytes", "")  # fmt: skip
                    return
                more()
                continue
            pos = end
            try:
                _check_depth(value, options.max_json_depth)
            except _Nested as exc:
                yield Reject(raw_path, index, "read", "too_deeply_nested", f"{where}: {exc}", "")
            else:
                yield record_from_object(value, raw_path, index, fmt, options, where)
            index += 1
    except RecursionError:
        yield Reject(
            raw_path, index, "read", "too_deeply_nested", f"element {index} nests too deeply", ""
        )
    except ValueError as exc:
        yield Reject(raw_path, index, "read", "invalid_json", f"element {index}: {exc}", "")


_LIST_KEYS = ("articles", "items", "data", "results", "records", "documents", "docs", "entries")


def read_json(
    stream: BinaryIO, raw_path: str, fmt: str, options: ReadOptions, head: bytes
) -> Iterator[RawRecord | Reject]:
    """A JSON document: one article object, an array of them, or an object holding such a list."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield from _iter_array(stream, raw_path, fmt, options)
        return
    data = read_capped(stream, options.max_record_bytes)
    value, reject = _parse(data, raw_path, 0, "the document", options)
    if reject is not None:
        yield reject
        return
    if isinstance(value, dict) and "text" not in map_fields(value, options.mapping):
        for key in _LIST_KEYS:
            items = value.get(key)
            if isinstance(items, list) and items and all(isinstance(i, dict) for i in items):
                for index, item in enumerate(items):
                    where = f"{key}[{index}]"
                    yield record_from_object(item, raw_path, index, fmt, options, where)
                return
    yield record_from_object(value, raw_path, 0, fmt, options, "the document")
