"""Datelines: the `CITY – ` or `CITY, March 5 (Agency) - ` opening of a news story.

A dateline is recognized only when the place is written in capitals (as wire style demands), or
when an agency in parentheses follows it; a sentence that merely opens with a capitalized word
(`Officials said - ...`) is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_'’.\- ]*(?:[ '’.\-]{1,2}[^\W\d_][^\W\d_'’.\-]*){0,4}\.?)"
    r"(?:,\s*(?P<region>[^\W\d_][\w.'’ ]{0,30}?))??"
    r"(?:,\s*(?P<day>" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?P<dash>[–—-]{1,2})\s+(?=\S)"
)
_MAX_PLACE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str  # normalized: upper case, single spaces
    raw: str  # the dateline as written, without the trailing dash
    agency: str | None


def _is_capitals(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """(dateline, rest of paragraph) when the paragraph opens with one, else (None, paragraph)."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return None, paragraph
    place = match.group("place").strip(" .")
    agency = match.group("agency")
    if len(place.split()) > _MAX_PLACE_WORDS:
        return None, paragraph
    if not _is_capitals(place) and not (agency and place[:1].isupper()):
        return None, paragraph
    rest = paragraph[match.end() :].lstrip()
    if not rest:
        return None, paragraph
    raw = paragraph[: match.start("dash")].strip()
    normalized = " ".join(place.upper().split())
    return Dateline(place=normalized, raw=raw, agency=agency.strip() if agency else None), rest
