"""The publication date of a page, from the most to the least trusted evidence.

1. structured metadata, as collected by `html_meta` (JSON-LD of an article type, `<meta>`
   publication dates, microdata `datePublished`, then JSON-LD of other page types);
2. what the page shows (`shown_date`): a statement that it was "originally published on" a day,
   then the date shown beside the headline (the first in the 300 characters after the first
   real `h1`, else the nearest in the 150 before it; `headline_date`), then a date labelled
   "Published on" / "Erschienen am" anywhere in the shown text, then htmldate's fast heuristics
   (URL, headers, `<time>`, date-like elements). On pages without structured dates where the
   two differ, the headline's date was right on 9 WCXB-dev articles and htmldate's on none; on
   the htmldate set, 2 against 4 (benchmarks/date_sources.py: how often htmldate is asked, its
   answer kept, and right);
3. our own fallbacks: publication-date keys in inline scripts, `<time datetime>` elements not
   marked as updates, a date in the URL path, short date/byline elements (those after the `h1`
   first), the first and last blocks of the main text, then the first full date in the text;
4. htmldate's extensive search, which is slow, for the few pages still without a date.

An htmldate answer that is one of the page's declared modified days, the update date shown
beside the headline, or a January 1st (its reading of a bare year such as "© 2024"), is refused. Steps 2-4 run only for pages whose
metadata has no date; their hints are read only then.

Modified dates are no publication: `dateModified`/`article:modified_time` are never collected as
candidates, and text next to "updated", "modified", "aktualisiert", "mis à jour"... is not read
as one. Only a page with no publication date anywhere (steps 1-4 found nothing but an update)
takes its update date, with `date_source` 'modified' (`shown_update`, then `declared_update`),
and a page that shows its update in place of a declared publication (`html_date_revisions`):
the update shown beside the headline before the weak text scans of step 3, the declared
modified day last (WCXB-dev's truth is the date shown, 9 of its article pages). Comment
threads, sidebars, related-story boxes, captions and menus are not read for dates.

A structured publication date is checked against what the page shows beside its headline
(`html_date_revisions`): a re-stamped date, a `<meta>` (re)publication stamp or a JSON-LD date
the page replaces by its shown update give way to the date shown.

A structured timestamp written in UTC ("...T02:41Z") names the UTC day; when the URL path
holds a day one apart (/2025/12/18/), that is the publisher's local day and is kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings

from corpus.extract.html_hints import MODIFIED, DateHints, is_update
from corpus.extract.html_meta import PageMetadata
from corpus.normalize.dates import (
    LAST_DAY,
    FoundDate,
    date_from_url,
    find_date_in_text,
    parse_date,
)
from corpus.records import Block

# htmldate's extensive search on pages up to this size; 300,000 found 2 more WCXB-dev article
# days of 659 (0.842 -> 0.845) for ~8% more extraction CPU, which the speed target cannot spare
EXTENSIVE_MAX_CHARS = 100_000

# lines whose dates are not the page's publication: copyright, updates, and citations of other
# works ("Retrieved 11 March 2012", "accessed on", "archived from the original")
_COPYRIGHT = r"©|copyright|\(c\)"
COPYRIGHT = re.compile(_COPYRIGHT, re.I)
NOT_PUBLICATION = re.compile(
    _COPYRIGHT + r"|updat|modif|aktualisiert|geändert|änderung|retrieved|accessed|archived|"
    r"abgerufen|consulté",
    re.I,
)
# a version stamp on an asset URL ("navigation.js?ver=20120206"): a build date, not the page's
_ASSET_STAMP = r"[?&](?:ver|v|version|rev|ts|t|cb)=(?:\d+\.)*"


def headline_date(hints: DateHints, *, stamps: bool = True) -> FoundDate | None:
    """The first date shown after the headline, else the nearest one above it ("Published
    March 9, 2026", "Dec 12, 2025 · 4 min read", a `<time datetime>` in the byline), unless
    labelled as an update or a copyright. Related-story boxes were skipped when collecting.
    `stamps=False` reads only written dates, not `<time>` values shown as "4 months ago"."""
    for item in (*hints.after_headline, *hints.before_headline):
        if item.kind == "update" or (item.kind == "time" and not stamps):
            continue
        if item.kind == "time":
            if MODIFIED.search(item.label) is None and (found := parse_date(item.value)):
                return found
        elif NOT_PUBLICATION.search(f"{item.label} {item.value}") is None and (
            found := find_date_in_text(item.value)
        ):
            return found
    return None


def shown_update(hints: DateHints) -> FoundDate | None:
    """For pages that say nothing of their publication: the update date shown beside the
    headline ("Last updated: Dec 12, 2025", a `<time>` marked as an update). It is the only date
    the reader sees of the page itself (WCXB-dev's truth takes it there), more the page's own
    than a date further down in its text; `date_source` 'modified' says what it is."""
    for item in (*hints.after_headline, *hints.before_headline):
        if item.kind == "update":
            found = parse_date(item.value)
        elif item.kind == "time":
            found = parse_date(item.value) if MODIFIED.search(item.label) else None
        elif is_update(f"{item.label} {item.value}") and "©" not in item.value:
            found = find_date_in_text(item.value)
        else:
            found = None
        if found is not None:
            return found
    return None


def declared_update(meta: PageMetadata) -> FoundDate | None:
    """The metadata's one modified day, for a page with no other date at all."""
    if len(meta.modified_days) != 1:
        return None
    (day,) = meta.modified_days
    return FoundDate(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), day, "day")


def scan_page_text(texts: list[tuple[str, bool]], after_h1: bool) -> FoundDate | None:
    """The first full date in the visible text that is not a copyright or update line."""
    for text, after in texts:
        if after != after_h1:
            continue
        found = find_date_in_text(text)
        if found is not None and not NOT_PUBLICATION.search(text):
            return found
    return None


# dateparser's languages for htmldate's extensive search: the web's most used ones (W3Techs,
# 2025). Its first call compiles patterns for every locale it may try (all ~600 by default: ~3 s
# per process, more under load); on the WCXB-dev articles and the htmldate set 8 of 1,193 pages
# reach it, and none of their days changes even without it (benchmarks/extraction.py)
DATEPARSER_LANGUAGES = (
    "en", "es", "de", "ja", "fr", "pt", "ru", "it", "nl", "pl", "tr", "fa", "zh", "vi", "id",
    "cs", "ko", "uk", "ar", "sv", "hu", "el", "ro", "da", "fi", "he", "th", "hi", "nb", "sk",
    "bg", "hr", "ca", "lt", "sr",
)  # fmt: skip


@functools.cache
def _htmldate_find_date():  # type: ignore[no-untyped-def]
    """htmldate's `find_date`, with its dateparser fallback built once per process, for
    `DATEPARSER_LANGUAGES` only.

    The htmldate release in `uv.lock` already builds its `DateDataParser` once per process, but
    for every locale: the first call compiles ~600 locales' patterns (~3 s of CPU). The
    languages' list cuts that to ~1.4 s with the same days on the dev sets. This function runs
    once per process (`functools.cache`), so htmldate's own builder is wrapped only once."""
    import htmldate.extractors
    from htmldate import find_date

    build = htmldate.extractors.get_external_parser  # htmldate's settings, all languages

    @functools.cache
    def parser():  # type: ignore[no-untyped-def]
        built = build()
        return type(built)(languages=list(DATEPARSER_LANGUAGES), settings=built._settings)

    htmldate.extractors.get_external_parser = parser
    return find_date


def load_date_parser() -> None:
    """Build htmldate's dateparser fallback (`DATEPARSER_LANGUAGES`) and its first parse's
    tables now: ~0.13 s of CPU once per process, which otherwise falls on the first page that
    needs it (benchmarks load it before they time pages, as they load the page-type model)."""
    import htmldate.extractors

    _htmldate_find_date()
    htmldate.extractors.get_external_parser().get_date_data("12 March 2021")


def htmldate_day(html: str, *, extensive: bool = False) -> FoundDate | None:
    """htmldate's original-date heuristics (a date as a day), or None; never raises."""
    find_date = _htmldate_find_date()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # a fixed ceiling, not htmldate's default of today: the same page, the same date
            day = find_date(
                html,
                original_date=True,
                extensive_search=extensive,
                max_date=LAST_DAY.isoformat(),
            )
        except Exception:  # a third-party heuristic must not cost the record
            return None
    return parse_date(day) if day else None


def structured_date(meta: PageMetadata, urls: list[str]) -> tuple[FoundDate, str] | None:
    """Step 1: the first publication date of the structured metadata that parses."""
    for candidate in meta.dates:
        if (found := parse_date(candidate.value)) is not None:
            return _local_day(found, str(candidate.value), urls), candidate.source
    return None


def shown_date(
    meta: PageMetadata, hints: DateHints, urls: list[str], html: str
) -> tuple[FoundDate, str] | None:
    """Step 2, for pages without a structured date: the date shown beside the headline, then
    htmldate's fast heuristics; None when both find nothing."""
    if (found := original_publication(hints)) is not None:
        return found, "text"
    if (found := headline_date(hints)) is not None:
        return found, "text"
    if (found := labelled_publication(hints)) is not None:
        return found, "text"
    found = _htmldate_answer(meta, urls, htmldate_day(html), html)
    if found is not None and (update := shown_update(hints)) and update.day == found[0].day:
        return None  # htmldate took the shown update date: the fallbacks decide
    return found


# a page that says when it was first published ("This article was originally published on 26
# Sep 2019 but has been regularly updated"): that date, whatever is shown beside the headline
_ORIGINALLY = re.compile(
    r"(?:originally|first) published(?: on| in)?|ursprünglich (?:veröffentlicht|erschienen)(?: am)?|"
    r"publié (?:initialement|pour la première fois)(?: le)?|publicado originalmente(?: el| en)?",
    re.IGNORECASE,
)


# a date labelled as the publication's anywhere in the shown text ("Erschienen am: 01.11.2023")
_PUBLISHED_ON = re.compile(
    r"\b(?:published|posted|erschienen|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|"
    r"opublikowano)(?: on| am| le| el| il| op)?\s*:?\s*(?=\d)",
    re.IGNORECASE,
)


def original_publication(hints: DateHints) -> FoundDate | None:
    """The date right after "originally published" / "first published" in the shown text."""
    return _date_after(_ORIGINALLY, hints)


def labelled_publication(hints: DateHints) -> FoundDate | None:
    """The first date right after a publication label ("Published on", "Veröffentlicht am")
    anywhere in the shown text, for pages with no date beside their headline."""
    return _date_after(_PUBLISHED_ON, hints)


def _date_after(label: re.Pattern[str], hints: DateHints) -> FoundDate | None:
    for text, _ in hints.page_texts:
        if (said := label.search(text)) and (
            found := find_date_in_text(text[said.end() : said.end() + 40])
        ):
            return found
    return None


_UTC_STAMP = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00)$")


def _local_day(found: FoundDate, value: str, urls: list[str]) -> FoundDate:
    """A timestamp written in UTC names the UTC day; the day in the URL path is the one the
    publisher wrote (their local day) when the two are a day apart: "2025-12-19T02:41Z" of a
    page under /2025/12/18/ was published on the evening of the 18th, local time. (The day
    shown beside the headline, a day apart, was tried in its place: it lost more pages than it
    won, a later day shown being an update.)"""
    if found.precision != "time" or not _UTC_STAMP.search(value.strip()):
        return found
    for url in urls:
        url_day = date_from_url(url)
        if url_day is not None and abs((url_day.day - found.day).days) == 1:
            return FoundDate(found.at, url_day.day, found.precision)
    return found


def _only_in_asset_urls(found: FoundDate, html: str) -> bool:
    """The day is written only as an asset's version stamp (`?ver=20120206`), nowhere else."""
    compact = found.day.strftime("%Y%m%d")
    if compact not in html or found.day.isoformat() in html:
        return False
    stamps = len(re.findall(_ASSET_STAMP + compact, html))
    return stamps > 0 and stamps == html.count(compact)


_CITATION = re.compile(r"(?:retrieved|accessed|archived)(?: on| from)?[^<>]{0,40}$", re.IGNORECASE)


def _only_in_citations(found: FoundDate, html: str) -> bool:
    """The day is written only after "Retrieved" / "accessed" (a reference to another work)."""
    day = found.day
    month = day.strftime("%B")
    forms = (f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", day.isoformat())
    starts = [m.start() for f in forms for m in re.finditer(re.escape(f), html)]
    return bool(starts) and all(_CITATION.search(html[max(0, i - 60) : i]) for i in starts)


def _htmldate_answer(
    meta: PageMetadata, urls: list[str], found: FoundDate | None, html: str | None = None
) -> tuple[FoundDate, str] | None:
    if found is None or found.day in meta.modified_days:
        return None
    if (found.day.month, found.day.day) == (1, 1):
        return None  # htmldate's reading of a bare year ("© 2024"): a year is not a day
    if html is not None and (_only_in_asset_urls(found, html) or _only_in_citations(found, html)):
        return None
    url_days = {d.day for d in (date_from_url(u) for u in urls) if d is not None}
    return found, "url" if found.day in url_days else "text"


def late_date(
    meta: PageMetadata, hints: DateHints, urls: list[str], blocks: list[Block], html: str
) -> tuple[FoundDate, str] | None:
    """Steps 3 and 4, for pages where steps 1 and 2 found nothing: our own fallbacks, then
    htmldate's extensive search (slow, so only for the few pages left)."""
    for value in hints.script_dates:
        if (found := parse_date(value)) is not None:
            return found, "script"
    for value, _ in sorted(hints.times, key=lambda t: not t[1]):
        if (found := parse_date(value)) is not None:
            return found, "markup"
    for url in urls:
        if (found := date_from_url(url)) is not None:
            return found, "url"
    if (found := shown_update(hints)) is not None:
        return found, "modified"
    for text, _ in sorted(hints.texts, key=lambda t: not t[1]):
        if NOT_PUBLICATION.search(text):
            continue
        if (found := find_date_in_text(text)) is not None:
            return found, "text"
    for block in blocks[:3] + blocks[-2:]:
        if len(block.text) >= 300 or NOT_PUBLICATION.search(block.text):
            continue
        if (found := find_date_in_text(block.text)) is not None:
            return found, "text"
    for after_h1 in (True, False):
        if (found := scan_page_text(hints.page_texts, after_h1)) is not None:
            return found, "text"
    # the slow search grows with the page: big ones skip it
    extensive = htmldate_day(html, extensive=True) if len(html) <= EXTENSIVE_MAX_CHARS else None
    if found := _htmldate_answer(meta, urls, extensive, html):
        return found
    if (found := declared_update(meta)) is not None:
        return found, "modified"
    return None
