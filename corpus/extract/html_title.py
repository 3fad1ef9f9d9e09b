"""The headline of a page: the visible `<h1>` when it is one, else metadata without the site name.

Publishers write the title three times: `<title>` and `og:title` (often with the site name as a
suffix or prefix: "Story | Site", "Site | Story", "Story &bull; Site", sometimes escaped twice so
that entities show: "&#8217;"), and the headline readers see, the page's `<h1>`. Readers and
the WCXB ground truth go by the visible headline, so a single headline-like `<h1>` wins when
the metadata titles share at least half of its words (else it is a logo or a section name); the
metadata titles come next (JSON-LD `headline` first), cleaned of site names; a site-wide title
("News from The Associated Press") is never taken when the page has a headline.
"""

from __future__ import annotations

import html
import re

from corpus.extract.html_meta import PageMetadata

TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|--|::|:|·|•|»|/|\\)\s+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)
# a site-wide title ("News from The Associated Press", "Welcome to ..."): never the headline
_GENERIC = re.compile(
    r"^(?:(?:latest |breaking )?news from|welcome to|home ?page|official (?:web)?site)\b", re.I
)
MIN_HEADLINE_WORDS = 2
# share of the `<h1>`'s words a metadata title must have for the `<h1>` to be the headline
# (WCXB-dev articles, title exact: 0.811 at 0.5)
CONFIRM_SHARE = 0.15
MAX_HEADLINE_WORDS = 40


def fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def unescape(text: str) -> str:
    """Entities left in a title by double escaping ("It&#39;s" -> "It's")."""
    return html.unescape(text) if _ENTITY.search(text) else text


def clean_title(title: str, site_names: list[str], headings: list[str]) -> str:
    """A title without its site part ("Story | Site Name" -> "Story", "Site | Story" -> "Story")."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    folded_headings = {fold(h) for h in headings}
    for part in parts:  # the page's own heading, if the title contains it as a part
        if fold(part) in folded_headings:
            return part
    sites = {fold(s) for s in site_names if s}
    kept = [p for p in parts if fold(p) not in sites]
    if len(kept) < len(parts) and kept:
        # a section name beside the site's ("Story : News : Site") goes with it
        while len(kept) > 1 and len(kept[-1].split()) <= 2 and parts[-1] not in kept:
            kept.pop()
        return join_parts(title, kept)
    # no known site name: drop a short last part ("Story - BBC News", "Story | Site"), keep the
    # rest when it is long enough to be a headline (a pipe almost always marks a site name)
    rest_words = len(" ".join(parts[:-1]).split())
    needed = 2 if re.search(r"\s[|•·]\s[^|•·]*$", title) else 3
    if len(parts[-1].split()) <= 4 and rest_words >= needed:
        return join_parts(title, parts[:-1])
    return title


def join_parts(title: str, parts: list[str]) -> str:
    """Rejoin kept parts with the separators they had in the original title."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def _headline(headings: list[str], sites: set[str]) -> str | None:
    """The page's one `<h1>`, when it reads as a headline (not a logo or a section name)."""
    distinct = list(dict.fromkeys(h for h in headings if h))
    if len(distinct) != 1:
        return None
    words = len(distinct[0].split())
    if not MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS or fold(distinct[0]) in sites:
        return None
    return distinct[0]


def _confirmed(headline: str, meta: PageMetadata) -> bool:
    """The metadata titles share most of the `<h1>`'s words (or there are none to ask)."""
    sites = [fold(s) for s in meta.site_names if s]
    specific = [
        c
        for c in meta.titles
        if not _GENERIC.search(str(c.value)) and fold(str(c.value)) not in sites
    ]
    if not specific:
        return True
    words = set(fold(headline).split())
    for candidate in specific:
        title = clean_title(unescape(str(candidate.value)), meta.site_names, [])
        shared = words & set(fold(title).split())
        # an editor's headline often rewords the SEO title: two shared words outside the site
        # name are enough, unless the `<h1>` is long and they are a small part of it
        if len(shared) >= min(2, len(words)) and len(shared) >= CONFIRM_SHARE * len(words):
            return True
    return False


# markup left in a title by static-site generators and editors: "## Title", "*Title*",
# a trailing ornament ("Title ⋆"); and quotes around the whole title
_MARKUP = re.compile(
    r"^#{1,6}\s+|(?:(?<=^)|(?<=\s))\*{1,2}(?=\S)|(?<=\S)\*{1,2}(?=\s|$)|\s+[⋆★☆✦]$"
)


def strip_markup(title: str) -> str:
    """A title without markdown marks, wrapping quotes or a trailing ornament."""
    title = _MARKUP.sub("", title).strip()
    if len(title) > 2 and title[0] == title[-1] == '"' and title.count('"') == 2:
        title = title[1:-1].strip()
    return title


def pick_title(meta: PageMetadata, headings: list[str]) -> str | None:
    """The headline (see the module docstring), without leftover markup."""
    title = _pick_title(meta, headings)
    return (strip_markup(title) or title) if title else title


def _pick_title(meta: PageMetadata, headings: list[str]) -> str | None:
    sites = meta.site_names
    folded_sites = {fold(s) for s in sites if s}
    headline = _headline(headings, folded_sites)
    if headline is not None and not _confirmed(headline, meta):
        headline = None  # a logo, a blog's name or a section heading in the `<h1>`
    if headline is not None:
        headline = unescape(headline)
        for candidate in meta.titles:  # the same words, cased as written (not CSS capitals)
            title = clean_title(unescape(str(candidate.value)), sites, [])
            if fold(title) == fold(headline):
                return title
        if not headline.isupper():
            return headline
    for candidate in meta.titles:
        title = unescape(str(candidate.value))
        if candidate.source == "title":
            return clean_title(title, sites, headings) or None
        parts = TITLE_SEPARATORS.split(title)
        known = len(parts) > 1 and {fold(parts[-1]), fold(parts[0])} & folded_sites
        # a dash or a slash in `og:title` often opens a subtitle; a pipe marks a site name
        if known or re.search(r"\s\|\s[^|]*$", title):
            title = clean_title(title, sites, [])
        return title
    return unescape(headings[0]) if headings else None
