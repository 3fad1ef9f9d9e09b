"""Plain-text dumps: `date YYYY-MM-DD` header, optional `key: value` header lines, then the body.

Format (see README): the first line starts, after optional spaces, with `date YYYY-MM-DD`; the body
may follow on the same line. When the date line holds only the date, `title:`, `url:`,
`author:`/`authors:`, `source:`, `section:`, `tags:` and `language:` lines may follow before the
first blank line. Without a title header the title is null: it is never guessed from the body.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.normalize.dateline import split_dateline
from corpus.normalize.dates import FoundDate, parse_date
from corpus.normalize.paragraphs import classify_blocks
from corpus.normalize.text import normalize_text
from corpus.records import Block, ParsedArticle, RawRecord
from corpus.rejects import RejectError

# `date 2024-03-05`, also with a time (`date 2024-03-05 07:30`, `date 2024-03-05T07:30:00Z`),
# and the shapes other tools write: `Date: 2024-03-05`, `Published: March 5, 2024`
_LABEL = r"^\s*(?:date|published|publication date|pubdate)\s*:?[ \t]+"
_DATE_HEADER = re.compile(
    _LABEL + r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d+)?)?"
    r"(?P<tz>Z|UTC|[+-]\d{2}:?\d{2})?)?(?=\s|$)[ \t]*",
    re.IGNORECASE,
)
_WRITTEN_HEADER = re.compile(
    _LABEL + r"(?P<written>(?:[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9}\.? \d{4}))"
    r"(?=\s|$)[ \t]*",
    re.IGNORECASE,
)
_NO_CEILING = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)  # a header's date is taken as written
_HEADER_FIELD = re.compile(r"^(title|url|authors?|source|section|tags|language)\s*:\s*(.*)$", re.I)


_LIST_SEPARATOR = re.compile(r"\s*(?:;|,|\band\b)\s*")


def _split_list(value: str) -> list[str]:
    if not value:
        return []
    parts = _LIST_SEPARATOR.split(value)
    return [p for p in (part.strip() for part in parts) if p]


def _read_header_fields(lines: list[str], fields: dict[str, str]) -> int:
    """Consume `key: value` lines at the top; returns how many lines were header."""
    consumed = 0
    for line in lines:
        match = _HEADER_FIELD.match(line)
        if not match:
            break
        key = match.group(1).lower()
        fields["author" if key == "authors" else key] = match.group(2).strip()
        consumed += 1
    return consumed


def _header_date(match: re.Match[str]) -> FoundDate | str:
    """The header's date (with its time when given), or why it is not one."""
    if match.re is _WRITTEN_HEADER:
        found = parse_date(match.group("written"), now=_NO_CEILING)
        return found if found is not None else "not a calendar date"
    year, month, day = (int(g) for g in match.groups()[:3])
    try:
        date = dt.date(year, month, day)
    except ValueError as exc:
        return str(exc)
    if match.group("H") is None:  # the common `date YYYY-MM-DD`: the day, nothing to parse
        return FoundDate(dt.datetime(year, month, day, tzinfo=dt.UTC), date, "day")
    found = parse_date(match.group(0).split(None, 1)[-1].strip().rstrip(":"), now=_NO_CEILING)
    if found is None or found.day != date:  # e.g. an hour of 25
        return FoundDate(dt.datetime(year, month, day, tzinfo=dt.UTC), date, "day")
    return found


def parse_text_dump(record: RawRecord) -> ParsedArticle:
    """One text dump to a `ParsedArticle`; raises `RejectError` naming what is missing."""
    if not isinstance(record.payload, str):
        raise RejectError("unsupported_format", "a text dump record must hold decoded text")
    text = normalize_text(record.payload)
    stripped = text.lstrip("\n")
    match = _DATE_HEADER.match(stripped) or _WRITTEN_HEADER.match(stripped)
    if match is None:
        raise RejectError("missing_date_header", "a text dump must start with 'date YYYY-MM-DD'")
    header = match.group(0).strip()
    found = _header_date(match)
    if isinstance(found, str):
        raise RejectError("invalid_date", f"date header {header!r}: {found}")
    rest = stripped[match.end() :]
    first_line, _, remainder = rest.partition("\n")
    fields: dict[str, str] = {}
    if not first_line.strip():
        lines = remainder.split("\n")
        consumed = _read_header_fields(lines, fields)
        body = "\n".join(lines[consumed:])
    else:
        body = rest
    blocks = classify_blocks(body)
    if not blocks:
        raise RejectError("empty_body", "the dump has a date header but no body text")
    dateline, first = split_dateline(blocks[0].text)
    if dateline is not None:
        blocks[0] = Block(blocks[0].kind, first)
    return ParsedArticle(
        blocks=blocks,
        title=fields.get("title") or None,
        url=fields.get("url") or None,
        source=fields.get("source") or None,
        authors=_split_list(fields.get("author", "")),
        published_at=found.at,
        published_date=found.day,
        date_precision=found.precision,
        date_source="header",
        dateline=dateline.place if dateline else None,
        language=fields.get("language") or None,
        section=fields.get("section") or None,
        tags=_split_list(fields.get("tags", "")),
    )
