"""The structured publication date checked against what the page shows beside its headline.

`html_dates.structured_date` reads the metadata's date; for some pages what is shown under the
headline says it is not the page's own (`revised_date`, called only when `may_be_revised`, as
the headline's neighbourhood costs a walk of the page):

A structured publication date within `RESTAMP_DAYS` of a declared modification, under a
headline that writes an earlier date, is the last edit's stamp: the written date is taken
(`restamped_date`; 8 WCXB-dev article days, none lost on the htmldate set).

A publication date declared only in JSON-LD or microdata (no `<meta>` tag names one), on a page
that shows readers a later update beside the headline instead (the declared modification's day,
bare or labelled, or a date labelled "Updated") and never the publication's day there, gives way
to the shown day, `date_source` 'modified' (`shown_revision`): WCXB-dev's truth takes the shown
day on 20 such article pages and the declared one on 2. Where a `<meta>` tag
(`article:published_time`) declares the publication too, the truth keeps the declared day (26
pages against 10), and so do we. On the htmldate set this wins 1 page and loses none; on the
readability set it changes none.

A publication date from a `<meta>` tag (no JSON-LD one) under a headline whose first written
date stands alone on its line and is earlier by `RESTAMP_DAYS` or more is a (re)publication's
stamp: the written date is taken (`written_earlier`; 2 WCXB-dev article days, 1 on the htmldate
set, 1 on the readability set, none lost).
"""

from __future__ import annotations

import re

from corpus.extract.html_dates import COPYRIGHT, NOT_PUBLICATION, headline_date
from corpus.extract.html_hints import DateHints, ShownItem, is_update
from corpus.extract.html_meta import PageMetadata
from corpus.normalize.dates import MONTHS, FoundDate, find_date_in_text, parse_date

# a structured publication day this close to a declared modification is often the CMS's stamp of
# the last edit (both the same instant, or the edit saved a day or two "before" it)
RESTAMP_DAYS = 2


def may_be_restamped(found: FoundDate, meta: PageMetadata) -> bool:
    """The structured publication day is within `RESTAMP_DAYS` of a declared modification."""
    return any(abs((found.day - day).days) <= RESTAMP_DAYS for day in meta.modified_days)


def restamped_date(found: FoundDate, near: DateHints) -> tuple[FoundDate, str] | None:
    """For a structured publication date that may be the last edit's (`may_be_restamped`): when
    the page writes an earlier date under its headline (not labelled as an update), that one is
    the publication. Only a written date after the headline counts: a `<time datetime>` shown as
    "vor 4 Monaten" is another machine stamp, no surer than the metadata, and a date above the
    headline may be a teaser's (one htmldate-set page). `near` is what `shown_near_headline`
    read."""
    shown = headline_date(DateHints(after_headline=near.after_headline), stamps=False)
    if shown is None or (found.day - shown.day).days < RESTAMP_DAYS:
        return None  # a day apart is a time zone's doing (either side was right as often)
    return shown, "text"


def may_be_revised(dated: tuple[FoundDate, str], meta: PageMetadata) -> bool:
    """What the page shows beside its headline may say which date is its own (`revised_date`):
    the structured day may be re-stamped, comes from a `<meta>` tag, or no `<meta>` tag declares
    one at all (JSON-LD or microdata do)."""
    found, source = dated
    return may_be_restamped(found, meta) or source == "meta" or _no_meta_date(meta)


def _no_meta_date(meta: PageMetadata) -> bool:
    """No `<meta>` tag names a publication date (JSON-LD or microdata may)."""
    return all(c.source != "meta" for c in meta.dates)


def revised_date(
    dated: tuple[FoundDate, str], meta: PageMetadata, near: DateHints
) -> tuple[FoundDate, str] | None:
    """The structured publication date corrected by what is shown beside the headline: an
    earlier written date under a re-stamped one (`restamped_date`) or under a `<meta>` date
    (`written_earlier`), or a later update shown in its place (`shown_revision`); None keeps
    the structured date."""
    found, source = dated
    if may_be_restamped(found, meta) and (restamped := restamped_date(found, near)):
        return restamped
    if source == "meta" and (written := written_earlier(found, near)):
        return written
    return shown_revision(found, meta, near)


def written_earlier(found: FoundDate, near: DateHints) -> tuple[FoundDate, str] | None:
    """For a publication date from a `<meta>` tag: when the first date written under the
    headline stands alone on its line ("Dec 30, 2013", "21.01.2022 - 13:30") and is
    `RESTAMP_DAYS` or more earlier, it is the publication; the tag is a later (re)publication's
    stamp (an imported or moved story). A date inside prose ("Am 14. Juni 2005 hielt ...") is an
    event's: then the tag is kept. Won 4 days on the three dev sets and lost none; on pages
    dated by JSON-LD it changed no day, so it is not asked there (it costs a walk)."""
    for item in near.after_headline:
        if item.kind not in ("text", "tail") or NOT_PUBLICATION.search(
            f"{item.label} {item.value}"
        ):
            continue
        if (shown := find_date_in_text(item.value)) is None:
            continue
        if _alone(item.value) and (found.day - shown.day).days >= RESTAMP_DAYS:
            return shown, "text"
        return None
    return None


# words a line holding only a date may have beside the month ("at", "um ... Uhr", "15th")
_DATE_WORDS = frozenset(
    ["am", "pm", "at", "um", "uhr", "de", "del", "of", "le", "el", "th", "st", "nd", "rd"]
)


def _alone(text: str) -> bool:
    """The text is a date and nothing else: each of its words is a month or a `_DATE_WORDS`."""
    words = (w.casefold() for w in re.findall(r"[^\W\d_]+", text))
    return all(w in MONTHS or w in _DATE_WORDS for w in words)


def shown_revision(
    found: FoundDate, meta: PageMetadata, near: DateHints
) -> tuple[FoundDate, str] | None:
    """For a publication date no `<meta>` tag declares: when the first date shown beside the
    headline is a later update (the declared modification's day, or a date labelled "Updated")
    and the publication's day is not shown there, the shown day, with `date_source` 'modified'."""
    if not _no_meta_date(meta):
        return None
    shown = [
        (item, d)
        for item in (*near.after_headline, *near.before_headline)
        if (d := _shown_day(item))
    ]
    if not shown or any(d.day == found.day for _, d in shown):
        return None
    item, first = shown[0]
    update = (
        first.day in meta.modified_days
        or item.kind == "update"
        or is_update(f"{item.label} {item.value}")
    )
    return (first, "modified") if update and first.day > found.day else None


def _shown_day(item: ShownItem) -> FoundDate | None:
    """The date an item beside the headline shows, update or not; None for a copyright line."""
    if item.kind in ("time", "update"):
        return parse_date(item.value)
    if COPYRIGHT.search(item.value):
        return None
    return find_date_in_text(item.value)
