"""Author names from bylines and metadata: a clean, de-duplicated list of people.

Bylines arrive as "By Jane Doe and John Roe | Staff Writers", as JSON-LD persons, as profile URLs
in `article:author`, or with the site's own name. `clean_authors` keeps the names and drops the
rest: leading "By"/"Von"/"Par", roles, e-mail addresses, URLs, dates, and any name that is the
publisher's (`site_names`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

_SPLIT = re.compile(r"\s*(?:[;|/•·]|,|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*", re.I)
_LEADING = re.compile(
    r"^(?:(?:written|reported|posted|published|text|story|words|photos?|publié|eingestellt|"
    r"veröffentlicht|geschrieben|publicado|pubblicato|escrito)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|de)\b[:\s]*|^(?:authors?|autor(?:in)?|auteur|author\(s\))\s*[:\-]\s*",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:staff|senior|chief|contributing|special|associate|deputy|executive|managing|political|"
    r"foreign|business|science|health|sports?|technology|tech|investigative|national|local|"
    r"correspondent|reporter|writer|editor|editorial|columnist|contributor|journalist|photographer|"
    r"redakteur(?:in)?|korrespondent(?:in)?|journaliste|rédaction|redaktion|newsroom|desk|"
    r"team|staffers|editors|writers|reporters|agency|wire|services?|updated|published)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net|co\.uk|de|fr)(?:/|$)", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_FOR_SITE = re.compile(r"\s+(?:for|für|pour|para)\s+.+$", re.IGNORECASE)
_PARENS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_MAX_WORDS = 5
_MONTH_START = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre)[a-zé]*\.?\s+\d"
)
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_RUNS_ON = re.compile(
    r"\d|\b" + _MONTH_START + r"|\b(?:edited|updated|published|posted|photos?|illustrations?|"
    r"additional reporting|aktualisiert|mis à jour|" + _WEEKDAYS + r")\b",
    re.IGNORECASE,
)
# news agencies: credited beside a name ("Rachel Metz - AP"), never a person themselves
_AGENCY = re.compile(
    r"\s*(?:[-–—,|/]\s*|\b)(?:the )?(?:ap|afp|reuters|dpa|efe|ansa|upi|xinhua|kyodo|"
    r"associated press|agence france-presse|bloomberg(?: news)?|press association|pa media)$",
    re.IGNORECASE,
)
# words that label a byline or credit a picture: not names
_NOT_NAMES = re.compile(
    r"^(?:(?:the )?authors?|by|byline|admin(?:istrator)?|editorial|guest|anonymous|unknown|none|"
    r"auteurs?|autor(?:en|innen|\*innen|:innen)?|autores|autori)$|"
    r"\b(?:images?|getty|shutterstock|istock|alamy|unsplash|pexels)\b",
    re.IGNORECASE,
)
_UI_TEXT = re.compile(r"\b(?:sign (?:in|up)|log ?in|register|subscribe|follow)\b", re.IGNORECASE)


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).casefold()
    return re.sub(r"[^\w]+", "", "".join(c for c in folded if not unicodedata.combining(c)))


def _is_person_like(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= _MAX_WORDS or len(name) > 60 or len(name) < 2:
        return False
    if _HAS_DIGIT.search(name) or _EMAIL.search(name) or _URL.search(name):
        return False
    return any(c.isalpha() for c in name) and name[:1].isalpha()


def _title_case_if_shouting(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return " ".join(w.capitalize() if w.isalpha() else w for w in name.split())
    return name


# text nodes joined without a space ("Jane DoePublished on", "Written byJane Doe")
_GLUED = re.compile(
    r"(?<=[a-z])(?=(?:Published|Updated|Posted|Reviewed|January|February|March|April|June|July|"
    r"August|September|October|November|December)\b)|(?<=\b[Bb]y)(?=[A-Z])"
)
# a credential after a name ("Jane Doe, MS, RD", "Ph.D.", "M.D."): not a second author
_CREDENTIAL = re.compile(
    r"^(?:[A-Z]{2,6}|(?:[A-Z][a-z]?\.){1,3}[A-Z]?[a-z]?\.?|[A-Z]{1,5}-[A-Z]{1,5}.*)$"
)
_LABEL = re.compile(r"^(?i:authors?|autor(?:in)?|auteur)\s+(?=[A-Z])")


def _candidates(value: str) -> list[str]:
    value = html.unescape(value) if "&" in value else value
    value = _LABEL.sub("", _GLUED.sub(" ", value))
    value = " ".join(value.replace("\u00a0", " ").split())
    if _UI_TEXT.search(value) or (_URL.search(value) and " " not in value):  # a link, no name
        return []
    value = _PARENS.sub("", value)
    value = _EMAIL.sub(" ", value)
    # a byline often runs on into its date or an editor credit: keep what comes before
    value = _RUNS_ON.split(value, maxsplit=1)[0]
    value = _LEADING.sub("", value)
    # "Jane Doe, Staff Writer": a role after a comma is not a second author
    parts = [p for p in _SPLIT.split(value) if p and p.strip()]
    names = []
    for part in parts:
        part = _FOR_SITE.sub("", _LEADING.sub("", part.strip(" .:-–—,")))
        part = _AGENCY.sub("", part).strip(" :-–—,")
        if _NOT_NAMES.search(part) or (names and _CREDENTIAL.match(part)):
            continue
        part = part.rstrip(".")
        if _ROLE.search(part):
            part = _ROLE.sub("", part)
            part = " ".join(part.split()).strip(" .:-–—,")
            if len(part.split()) < 2:  # a bare role ("Staff"), or a role left a fragment
                continue
        if part:
            names.append(part)
    return names


def clean_authors(
    values: Iterable[str] | str | None, *, site_names: Iterable[str] = ()
) -> list[str]:
    """Person names in first-seen order; site names, roles and duplicates dropped."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    banned = {_key(s) for s in site_names if s}
    banned |= {k.removeprefix("the") for k in banned}
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            continue
        for name in _candidates(value):
            name = _title_case_if_shouting(name)
            key = _key(name)
            if not key or key in seen or key in banned or key.removeprefix("the") in banned:
                continue
            if not _is_person_like(name):
                continue
            seen.add(key)
            out.append(name)
    return out
