"""Files the reader must reject, each with the reason code it should give (`corpus.reasons`).

They are planted in the sample (and, sparingly, in the benchmark corpus) so the reject path is
exercised by every run, not only by unit tests.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from random import Random

from tools.sample.render import render, render_text
from tools.sample.text import Article, compose

BAD_KINDS: dict[str, str] = {
    "empty": "empty_file",
    "whitespace": "empty_file",
    "binary": "binary_content",
    "invalid_utf8": "invalid_encoding",
    "no_date": "missing_date_header",
    "impossible_date": "invalid_date",
    "header_only": "empty_body",
    "headers_no_body": "empty_body",
}
PNG_HEAD = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x00\xc8\x08\x06\x00\x00\x00"
)
# Bytes a stray single-byte encoding left behind. 0x9D is undefined in cp1252 and a lone
# continuation byte in UTF-8, so the file decodes in neither.
_LEGACY = {"’": b"\x92", "“": b"\x93", "”": b"\x9d"}


def _article(rng: Random, when: dt.date, source: str, **kw: bool) -> Article:
    return compose(rng, when, source, rng.choice(("en_dash", "wire_date", "none")), **kw)


def invalid_utf8(rng: Random, when: dt.date, source: str) -> bytes:
    """A whole article whose typographic quotes were saved as stray legacy bytes."""
    a = _article(rng, when, "northbay-courier", quote_paragraph=True)  # a typographic house
    data = render(dataclasses.replace(a, source=source))
    for char, byte in _LEGACY.items():
        data = data.replace(char.encode("utf-8"), byte)
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        raise AssertionError(f"invalid_utf8 sample decodes as {encoding}")
    return data


def no_date(rng: Random, when: dt.date, source: str) -> bytes:
    """Headers and a body, but the `date` line was lost."""
    a = _article(rng, when, source)
    text = render_text(dataclasses.replace(a, header_form=True, headers=("title", "url", "author")))
    return text.split("\n", 1)[1].encode("utf-8")


def impossible_date(rng: Random, when: dt.date, source: str, day: str) -> bytes:
    """A complete article whose date header names a day that does not exist."""
    a = _article(rng, when, source)
    return render_text(a).replace(when.isoformat(), day, 1).encode("utf-8")


def headers_no_body(rng: Random, when: dt.date, source: str) -> bytes:
    """Date and headers, then nothing but blank lines."""
    a = _article(rng, when, source)
    head = render_text(dataclasses.replace(a, header_form=True, headers=("title", "author")))
    return (head.split("\n\n", 1)[0] + "\n\n  \n").encode("utf-8")


def bad_bytes(kind: str, rng: Random, when: dt.date, source: str) -> bytes:
    """The bytes of a bad file of `kind` (a key of `BAD_KINDS`)."""
    if kind == "empty":
        return b""
    if kind == "whitespace":
        return b"  \n\t\n   \r\n\n"
    if kind == "binary":
        return PNG_HEAD + rng.randbytes(384)
    if kind == "invalid_utf8":
        return invalid_utf8(rng, when, source)
    if kind == "no_date":
        return no_date(rng, when, source)
    if kind == "impossible_date":
        last = calendar.monthrange(when.year, when.month)[1]
        return impossible_date(rng, when, source, f"{when:%Y-%m}-{last + 1}")
    if kind == "header_only":
        return f"date {when.isoformat()}\n".encode()
    if kind == "headers_no_body":
        return headers_no_body(rng, when, source)
    raise ValueError(f"unknown bad-file kind {kind!r}")
