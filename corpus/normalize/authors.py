"""Author names from bylines and metadata: a clean, de-duplicated list of people.

Bylines arrive as "By Jane Doe and John Roe | Staff Writers", as JSON-LD persons, as profile URLs
in `article:author`, or with the site's own name. `clean_authors` keeps the names and drops the
rest: leading "By"/"Von"/"Par", roles, e-mail addresses, URLs, dates, and any name that is the
publisher's (`site_names`).

Authors are people: never places, weekdays, labels ("Authors"), photo credits, reviewers, job
titles glued to a name ("Jane DoeMarketing Director") or agencies glued to one ("Jane Doe -
AP" is Jane Doe). Decision on credits that name no person: a page credited only to a team, a
desk or an organisation ("Podium Staff", "News Desk", the site itself, an `author` typed
`Organization`) keeps that credit as its author (`clean_credit`), because it says who stands
behind the text and is what the WCXB truth records; it is asked only when no person is named
anywhere (JSON-LD, meta, byline), so an organisation never hides or joins a person.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

# names are listed with commas (a role may follow one: "Jane Doe, Privacy and Security Expert"),
# then joined with "and" in many languages
_COMMA_SPLIT = re.compile(r"\s*[;|/•·,]\s*|\s+[-–—]\s+")
_AND_SPLIT = re.compile(r"\s*(?:\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*", re.I)
_LEADING = re.compile(
    r"^(?:this (?:post|article|story|piece) (?:was |is )?)?(?:(?:written|authored|reported|posted|published|text|story|words|photos?|publié|eingestellt|"
    r"veröffentlicht|geschrieben|publicado|pubblicato|escrito|recipe|guide|articles?)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|de)\b[:\s]*|^(?:insights|notes|words) from\s+|^(?:authors?|autor(?:in)?|auteur|author\(s\))\s*[:\-]\s*",
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
_JOB = re.compile(
    r"\b(?:founder|co-founder|ceo|cto|cfo|owner|head|lead|expert|reviewer|consultant|director|"
    r"manager|marketer|specialist|officer|president|dietitian|nutritionist|therapist|physician|"
    r"educators?|grader|astrologer|gardener|winemaker|professor|researcher|analyst|strategist)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net|co\.uk|de|fr)(?:/|$)", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
# the site, the group or the section a name writes for ("Jane Doe in Woodworking")
_FOR_SITE = re.compile(r"\s+(?:for|für|pour|para|on behalf of|in)\s+.+$", re.IGNORECASE)
# an avatar's initials ("JD"): no name
_INITIALS = re.compile(r"^[A-Z]{1,3}$")
# a byline that opens with its date ("Dec. 19, 2025 · Jane Doe", "Dec 17, 2025Jane Doe")
_LEADING_DATE = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s*(?:\d{4})?\s*[·•|\-–—]?\s*",
    re.IGNORECASE,
)
# the word a byline's run-on leaves behind ("Posted by Jane on Friday", "Jane Doe at 5 PM")
_TRAILING_LINK_WORD = re.compile(r"\s+(?:on|at|in|le|am)$")  # lower case: "Audiophile On" stays
# a link's text after a byline ("Jane Doe View In Digital Edition", "Jane Doe See full bio")
_TRAILING_LINK = re.compile(
    r"\s+(?:view|see|read)\s+(?:in|on|the|full|profile|bio|digital|print|all)\b.*$", re.IGNORECASE
)
# a user name or a template key ("jane.doe", "page.head.author"): no person's name
_DOTTED_ID = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$")
# particles inside names: lower-case words that do not make a text prose
_PARTICLES = frozenset({
    "and", "und", "et", "y", "e", "en", "de", "del", "della", "der", "den", "van", "von", "da",
    "di", "du", "dos", "das", "la", "le", "bin", "al", "ter",
})  # fmt: skip
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
    r"additional reporting|aktualisiert|mis à jour|reviewed|fact[- ]checked|" + _WEEKDAYS + r")\b",
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
    r"auteurs?|autor(?:en|innen|\*innen|:innen)?|autores|autori|(?:mon|tue|wed|thu|fri|sat|sun)\.?)$|"
    r"\b(?:images?|getty|shutterstock|istock|alamy|unsplash|pexels|admin|sponsored)\b",
    re.IGNORECASE,
)
_UI_TEXT = re.compile(
    r"\b(?:sign (?:in|up)|log ?in|register|subscribe|follow|read more|view (?:more|all))\b|"
    r"^(?:read|see|view|more)\b.*\b(?:articles|posts|stories)$",
    re.IGNORECASE,
)
# a reviewer or fact-checker is credited beside the author, not as one
_REVIEWER = re.compile(
    r"^\W*(?:medically |fact[- ])?(?:reviewed|checked|verified) by\b", re.IGNORECASE
)


def is_role(text: str) -> bool:
    """A job title or newsroom role ("Senior Writer", "Managing Editor"), not a name."""
    return _ROLE.search(text) is not None or _JOB.search(text) is not None


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).casefold()
    return re.sub(r"[^\w]+", "", "".join(c for c in folded if not unicodedata.combining(c)))


def _is_person_like(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= _MAX_WORDS or len(name) > 60 or len(name) < 2:
        return False
    if _HAS_DIGIT.search(name) or _EMAIL.search(name) or _URL.search(name):
        return False
    if _DOTTED_ID.match(name) or _INITIALS.match(name):
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
_LABEL = re.compile(r"^(?i:authors?|autor(?:in)?|auteur)(?:\s+|(?=[A-Z][a-z]))(?=[A-Z])")
# a name run into the next text node: three lower-case letters, then a capital that opens
# a word ("Jane DoeMarketing Director", "Jane DoeDec 18"); "McDonald", "DeShawn" stay whole
_CAMEL_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
# job titles after a name without a comma ("Jane Doe Founder", "Jane Doe Former Consultant")
_TRAILING_ROLE = re.compile(
    r"\s+(?:former|founder|co-founder|ceo|cto|head|lead|chief|senior|expert|reviewer|consultant|"
    r"director|manager|marketer|specialist|officer|president|gardener|winemaker)\b.*$",
    re.IGNORECASE,
)
_MONTH_GLUED = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")


def _cut_glued(value: str) -> str:
    """What comes before a name's glued run-on; a leading label ("Author", "by") is not a name.
    A glued last word is a name ("Mark SubbaRao") unless it ends in a month ("Jane DoeDec")."""
    pieces = _CAMEL_GLUE.split(value)
    kept = pieces[0]
    for piece in pieces[1:]:
        run_on = _MONTH_GLUED.match(piece) or (
            _GLUED_RUN_ON.match(piece) and not _GROUP.search(piece)
        )
        if run_on and _LEADING.sub("", kept).strip() and not _LABEL_ONLY.match(kept.strip()):
            break
        kept = f"{kept} {piece}" if run_on else kept + piece
    return kept


_GLUED_RUN_ON = re.compile(
    rf"(?i:.*(?:{_JOB.pattern}|\b(?:former|senior|content|marketing|product|published|updated|"
    r"posted)\b))|[A-Z][a-z]+ (?:Mc|Mac|O')?[A-Z][a-z]+$"
)
_LABEL_ONLY = re.compile(r"^(?i:authors?|autor(?:in)?|auteur|insights from|from|by)$")


def _candidates(value: str) -> list[str]:
    value = html.unescape(value) if "&" in value else value
    value = _LABEL.sub("", _GLUED.sub(" ", _cut_glued(value)))
    value = " ".join(value.replace("\u00a0", " ").split())
    if (
        _UI_TEXT.search(value)
        or (_URL.search(value) and " " not in value)
        or _REVIEWER.match(value)
    ):
        return []
    value = _PARENS.sub("", value)
    value = _EMAIL.sub(" ", value)
    # the label first ("Posted by"), then what a byline runs on into: its date, an editor credit
    value = _LEADING.sub("", _LEADING_DATE.sub("", value))
    value = _RUNS_ON.split(value, maxsplit=1)[0]
    value = _TRAILING_LINK_WORD.sub("", _TRAILING_LINK.sub("", value.strip()))
    if _is_prose(value):  # an author's bio ("Jane Doe is a writer who ..."), not a byline
        return []
    names: list[str] = []
    after_role = False
    for chunk in _COMMA_SPLIT.split(value):
        # "Jane Doe, Privacy and Security Expert": a role after a comma is not a second author;
        # nor is one word after a name and its role ("Jane Doe Writer, Hardware": her desk)
        if names and (
            _JOB.search(chunk) or _ROLE.search(chunk) or (after_role and " " not in chunk)
        ):
            continue
        words = chunk.split()
        after_role = len(words) >= 3 and is_role(words[-1])
        _add_names(chunk, names)
    return names


def _is_prose(value: str) -> bool:
    """A sentence, not a list of names: long, with many lower-case words that are no particles."""
    words = value.split()
    lower = [w for w in words if w[:1].islower() and w.casefold() not in _PARTICLES]
    return len(words) > 12 and len(lower) >= 6


def _add_names(chunk: str, names: list[str]) -> None:
    """The names of one comma-separated piece of a byline ("Jane Doe and John Roe")."""
    parts = [p for p in _AND_SPLIT.split(chunk) if p and p.strip()]
    for part in parts:
        part = _FOR_SITE.sub("", _LEADING.sub("", part.strip(" .:-–—,*†&")))
        part = _AGENCY.sub("", part).strip(" :-–—,")
        if _NOT_NAMES.search(part) or _GROUP.search(part) or (names and _CREDENTIAL.match(part)):
            continue
        if names and (_JOB.search(part) or _ROLE.search(part)):
            continue  # "Jane Doe and CEO of Acme"
        part = _TRAILING_ROLE.sub("", part.rstrip("."))
        if _ROLE.search(part):
            part = _ROLE.sub("", part)
            part = " ".join(part.split()).strip(" .:-–—,")
            if len(part.split()) < 2:  # a bare role ("Staff"), or a role left a fragment
                continue
        if part:
            names.append(part)


def _without_site(name: str, site_names: Iterable[str]) -> str:
    """ "Jane Doe USA TODAY" -> "Jane Doe": the publisher's name written after a byline."""
    folded = name.casefold()
    for site in site_names:
        site = (site or "").strip()
        if site and len(name) > len(site) + 3 and folded.endswith(" " + site.casefold()):
            return name[: -len(site)].strip(" -–—|,")
    return name


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
        # the site's own name, whole ("The Acme Expert"), before its role words are cut
        if _key(_LEADING.sub("", value.strip())) in banned:
            continue
        for name in _candidates(value):
            name = _title_case_if_shouting(_without_site(name, site_names))
            key = _key(name)
            if not key or key in seen or key in banned or key.removeprefix("the") in banned:
                continue
            if not _is_person_like(name):
                continue
            seen.add(key)
            out.append(name)
    return out


# a credit that names a group: "Acme Team", "Podium Staff", "News Desk", "Our Editors"
_GROUP = re.compile(
    r"\b(?:team|staff|editors?|editorial(?: team| staff| board)?|desk|newsroom|contributors?|"
    r"redaktion|rédaction|redacción|redazione)$",
    re.IGNORECASE,
)
_MAX_CREDIT_WORDS = 6


def clean_credit(
    values: Iterable[str],
    *,
    site_names: Iterable[str] = (),
    organisations: Iterable[str] = (),
    groups_only: bool = False,
) -> list[str]:
    """The one credit of a page that names no person: a team or desk ("Podium Staff"), the site
    itself, or an organisation its metadata types as one (`organisations`); with `groups_only`,
    a team or desk alone. Only called when `clean_authors` found nobody; labels, photo credits,
    links and dates stay out."""
    sites = {_key(s) for s in site_names if s}
    sites |= {k.removeprefix("the") for k in sites}
    orgs = {_key(o) for o in organisations if o}
    for value in values:
        if not isinstance(value, str):
            continue
        value = html.unescape(value) if "&" in value else value
        value = " ".join(_cut_glued(value).replace("\u00a0", " ").split())
        if _UI_TEXT.search(value) or _URL.search(value) or _REVIEWER.match(value):
            continue
        value = _LEADING.sub("", _RUNS_ON.split(_EMAIL.sub(" ", value), maxsplit=1)[0])
        value = _AGENCY.sub("", _FOR_SITE.sub("", value)).strip(" .:-–—,|")
        words = value.split()
        if not words or len(words) > _MAX_CREDIT_WORDS or _HAS_DIGIT.search(value):
            continue
        if _NOT_NAMES.search(value) and not _GROUP.search(value):
            continue
        key = _key(value)
        if groups_only:  # a team alone, not one written beside a person ("Jane Doe - Acme Team")
            if _GROUP.search(value) and not re.search(r"\s[-–—|]\s|,", value):
                return [value]
            continue
        if _GROUP.search(value) or key in orgs or key in sites or key.removeprefix("the") in sites:
            return [value]
    return []


_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}|\b(?:19|20)\d\d\b|\b" + _MONTH_START, re.IGNORECASE)
_DOMAIN = re.compile(r"^[\w-]+\.[a-z]{2,6}$", re.IGNORECASE)


def declared_credit(values: Iterable[str]) -> list[str]:
    """The author a page declares in its metadata (`<meta name="author">`, JSON-LD) when it names
    no person ("Thrive Agency", "Staff Clinician", "Example.com"): kept as written, because the
    page says so; labels, links, e-mail addresses, dates and template keys stay out. Asked last,
    after `clean_authors` and `clean_credit` found nothing."""
    for value in values:
        if not isinstance(value, str):
            continue
        value = " ".join(html.unescape(value).split()).strip(" .:-–—,|")
        words = value.split()
        if not words or len(words) > _MAX_CREDIT_WORDS or _DATE_LIKE.search(value):
            continue
        if _EMAIL.search(value) or _UI_TEXT.search(value) or _NOT_NAMES.search(value):
            continue
        if "/" in value or (_URL.search(value) and not _DOMAIN.match(value)):
            continue
        if _DOTTED_ID.match(value) or not any(c.isalpha() for c in value):
            continue
        return [value]
    return []
