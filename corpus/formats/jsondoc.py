"""One JSON document's bytes to a value, and a value to an article record.

The decode rule: JSON is UTF-8 (RFC 8259 §8.1) unless a UTF-16/32 BOM says otherwise. Bytes
that are not valid UTF-8 follow `decode.decode_damaged_utf8`: plainly Latin legacy text (every
non-ASCII byte a letter inside a word, as in a windows-1252 export) is read as windows-1252;
anything else as UTF-8 with U+FFFD for each invalid byte. A code page is never guessed: the guess
turned ASCII exports with one stray byte into titles like `bad ├(`. (A streamed array is decoded
as UTF-8 with U+FFFD throughout: it is read in chunks, not whole.)

Depth is checked before parsing, iteratively, over the brackets outside strings, so no input can
make the parser recurse past the configured limit (`too_deeply_nested`).
"""

from __future__ import annotations

import codecs
import json
import re

from corpus.formats.decode import decode_damaged_utf8
from corpus.formats.mapping import map_fields
from corpus.formats.options import ReadOptions
from corpus.records import RawRecord, Reject
from corpus.rejects import RejectError, make_reject

_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# a string literal (skipped whole) or one bracket
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


def decode_json_bytes(data: bytes) -> str:
    """JSON bytes to text by the rule above."""
    for bom, encoding in _UTF16_32_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise RejectError(
                    "invalid_encoding", f"bad {encoding}: {exc}", stage="decode"
                ) from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_damaged_utf8(data)


def nesting_depth(text: str, limit: int) -> int:
    """The deepest bracket nesting in `text` (outside strings), counting no further than
    `limit + 1`; iterative, so any depth is safe to measure."""
    if text.count("[") + text.count("{") <= limit:
        return 0  # cannot be deeper than the limit: skip the scan
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
        elif token in "]}":
            depth -= 1
    return deepest


def parse_json(text: str, limit: int) -> object:
    """One JSON document's value; `RejectError` when it does not parse or nests too deeply."""
    if nesting_depth(text, limit) > limit:
        raise RejectError("too_deeply_nested", f"nesting deeper than {limit} levels")
    try:
        return json.loads(text)
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise RejectError("too_deeply_nested", "nests too deeply to parse") from exc
    except ValueError as exc:
        raise RejectError("invalid_json", str(exc)) from exc


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
        message = f"{where} holds a {type(obj).__name__}, not an object"
        return make_reject(raw_path, index, "invalid_json", message,
                           data=json.dumps(obj, ensure_ascii=False)[:200])  # fmt: skip
    found = map_fields(obj, options.mapping)
    text = _text_of(found.pop("text", None))
    if text is None:
        keys = ", ".join(list(obj)[:12])
        return make_reject(raw_path, index, "missing_text_field",
                           f"{where} has no text field under the mapping (keys: {keys})",
                           stage="extract", data=json.dumps(obj, ensure_ascii=False)[:200])  # fmt: skip
    return RawRecord(raw_path=raw_path, record_index=index, raw_format=fmt, payload=text,
                     fields=found)  # fmt: skip
