"""The one rule that makes every string valid, storable text before it reaches Arrow or a parser.

Python strings may hold what no UTF-8 column can: lone surrogates (a JSON `"\\ud800"`, a name
decoded with `surrogateescape`), and characters that are valid Unicode but are never text: NUL
(a JSON `"\\u0000"` in a title), the other C0 controls but tab, newline and carriage return, and
the noncharacters U+FFFE/U+FFFF. The rule:

- a surrogate pair spelled as two code points becomes the character it encodes;
- a lone surrogate becomes U+FFFD (the standard replacement character: something was there);
- the C0 controls that separate words (vertical tab, form feed, the four information
  separators U+001C-U+001F) become a space, so words around them stay apart;
- NUL, the other C0 controls, DEL and U+FFFE/U+FFFF are removed (they carry no text).

`clean_text` returns the cleaned string and how many code points it changed, so callers can
record where text was altered. Strings that need nothing (nearly all) are returned as they are
after one regex scan.
"""

from __future__ import annotations

import re

from corpus.records import RawRecord

_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile("[\x0b\x0c\x1c-\x1f]")
_DROP = re.compile("[\x00-\x08\x0e-\x1b\x7f\ufffe\uffff]")


# `_BAD`'s characters below U+0080, as UTF-8 bytes (the others are multi-byte sequences)
_BAD_BYTES = bytes(b for b in range(128) if _BAD.match(chr(b)))
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())


def is_clean(text: str) -> bool:
    """Whether `text` holds none of `_BAD`'s characters: its UTF-8 encoding (which refuses a
    lone surrogate) and a byte deletion, twice as fast as the pattern's scan over a batch's
    joined text column (measured: 4 against 9 ms per MB)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return len(data.translate(None, _BAD_BYTES)) == len(data) and not any(
        n in data for n in _NONCHARACTERS
    )


def clean_text(text: str) -> tuple[str, int]:
    """`text` under the rule above, and the number of code points changed or removed."""
    if is_clean(text):
        return text, 0
    spaced, changed = _SPACE.subn(" ", text)
    cleaned, dropped = _DROP.subn("", spaced)
    changed += dropped
    if re.search("[\ud800-\udfff]", cleaned):
        before = len(cleaned)
        paired = cleaned.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        changed += sum(c == "\ufffd" for c in paired) - cleaned.count("\ufffd")
        changed += before - len(paired)  # each pair joined into one character
        cleaned = paired
    return cleaned, changed


def clean_value(value: object) -> tuple[object, int]:
    """Strings anywhere in a value (lists, tuples, dict keys and values) cleaned; other values
    returned as they are."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        total = 0
        items = []
        for item in value:
            cleaned, n = clean_value(item)
            items.append(cleaned)
            total += n
        return (items if isinstance(value, list) else tuple(items)), total
    if isinstance(value, dict):
        return clean_row(value)
    return value, 0


def clean_row(row: dict) -> tuple[dict, int]:
    """A row (or any dict) with every string in it cleaned; the same object when nothing
    changed."""
    total = 0
    changed: dict = {}
    for key, value in row.items():
        new_key, n_key = clean_text(key) if isinstance(key, str) else (key, 0)
        new_value, n_value = clean_value(value)
        changed[new_key] = new_value
        total += n_key + n_value
    return (changed, total) if total else (row, 0)


def clean_record(record: RawRecord) -> RawRecord:
    """A reader's record with its text payload and fields cleaned, in place, before extraction
    (parsers such as lxml refuse NUL and control characters); `record.sanitized` counts the
    changes. Idempotent: a clean record is returned as it is."""
    changed = 0
    if isinstance(record.payload, str):
        record.payload, changed = clean_text(record.payload)
    record.fields, n_fields = clean_row(record.fields)
    record.sanitized += changed + n_fields
    return record
