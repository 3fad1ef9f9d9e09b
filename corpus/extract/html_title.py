"""The headline of a page: the visible `<h1>` when it is one, else metadata without the site name.

Publishers write the title three times: `<title>` and `og:title` (often with the site name as a
suffix or prefix: "Story | Site", "Site | Story", "Story &bull; Site", sometimes escaped twice so
that entities show: "&#8217;"), and the headline readers see, the page's `<h1>`. Readers and
the WCXB ground truth go by the visible headline, so a single headline-like `<h1>` wins when
the metadata titles share two of its words (else it is a logo or a section name), a one-word
`<h1>` when a metadata title opens with it ("Flexbox - Guide | Docs"); the metadata titles
come next (JSON-LD `headline` first), cleaned of site names; a site-wide title
("News from The Associated Press") is never taken when the page has a headline.

The site is known by its declared names (`og:site_name`, ...) and by its domain: "LessWrong",
"Less Wrong" and "lesswrong.com" are one key. Templates also glue things to the `<h1>` that are
not the headline: the site name (" – Site"), a label ("Blog: ", "Title:"), a date or "Posted on
... by ..." (taken off when the metadata title is the rest). When the `<h1>` and a metadata
title have the same words, the metadata's spelling wins (CSS changes case on screen) unless the
`<h1>` keeps punctuation that the metadata dropped ("What's next?"). Of several `<h1>`s, the one
a metadata title holds whole is the headline (the others name the blog or a section), else the
first that shares words with them (a menu, a location picker or a newsletter box shares none)
unless it holds one of them and more (a badge, a kicker or a subtitle in its markup).
An `<h1>` that a metadata title holds beside another one ("Notes: Story" and "Story") names the
blog, as one with the site's name does: such a logo is not the headline, nor a part of it.
Headlines in scripts written without spaces (Chinese, Japanese, Thai) count a word per two
characters; the parts of a title joined by "_" ("Story_Section_Site", as Chinese sites write
it) are words when titles are compared (without an `<h1>`, such a title is kept whole).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from corpus.extract.html_meta import PageMetadata
from corpus.normalize.text import repair_mojibake

# a pipe separates even without spaces ("NEWS WEB EASY|Story"): headlines never hold one
TITLE_SEPARATORS = re.compile(r"\s*\|\s*|\s+(?:-|–|—|--|::|:|·|•|»|/|\\)\s+")
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
MIN_PIPE_WORDS = 4  # words before a pipe in the `<h1>` for them to be the headline alone


def fold(text: str) -> str:
    # "_" too: Chinese sites join a title's parts with it ("Story_Section_Site")
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


# scripts written without spaces between words: Han, kana, Thai
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")


def _word_count(text: str) -> int:
    """Words of a headline, as the headline limits count them: a word per two characters in
    scripts written without spaces (a Chinese headline is one whitespace "word")."""
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


_DOMAIN = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}/?", re.IGNORECASE)
# second-level labels under which the registrant's name is one label further left ("x.co.uk")
_SLD = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"}


def domain_label(url: str) -> str | None:
    """The registrant's label of a URL or host ("https://www.lesswrong.com/x" -> "lesswrong")."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    labels = host.removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in _SLD:
        labels = labels[:-1]
    return labels[-2] if len(labels) >= 2 and len(labels[-2]) >= 3 else None


def site_key(text: str) -> str:
    """A site name as compared: "Class Central", "ClassCentral" and "classcentral.com" agree."""
    text = text.strip()
    if _DOMAIN.fullmatch(text):
        text = domain_label(text.casefold()) or text
    return fold(text).replace(" ", "")


def site_keys(meta: PageMetadata, url: str | None = None) -> set[str]:
    """The publisher's names as `site_key`s: declared site names and the page's domain."""
    keys = {site_key(s) for s in meta.site_names if s}
    urls = [url] if url else []
    urls += [str(c.value) for c in meta.urls if str(c.value).startswith("http")]
    keys |= {label for u in urls if (label := domain_label(u))}
    keys.discard("")
    return keys


def unescape(text: str) -> str:
    """Entities left in a title by double escaping ("It&#39;s" -> "It's")."""
    return html.unescape(text) if _ENTITY.search(text) else text


def clean_title(title: str, site_names: Iterable[str], headings: list[str]) -> str:
    """A title without its site part ("Story | Site Name" -> "Story", "Site | Story" -> "Story")."""
    title = _LABEL_PREFIX.sub("", title) or title
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return _strip_domain_prefix(title, site_names)
    folded_headings = {fold(h) for h in headings}
    sites = {site_key(s) for s in site_names if s}
    for part in parts:  # the page's own heading, if the title contains it as a part
        if fold(part) in folded_headings and site_key(part) not in sites:  # not a logo `<h1>`
            return part
    if (known := strip_site(title, site_names)) != title:
        return known
    # no known site name: drop a short last part ("Story - BBC News", "Story | Site"), keep the
    # rest when it is long enough to be a headline (a pipe almost always marks a site name)
    rest_words = len(" ".join(parts[:-1]).split())
    needed = 2 if re.search(r"\s[|•·]\s[^|•·]*$", title) else 3
    if len(parts[-1].split()) <= 4 and rest_words >= needed:
        return join_parts(title, parts[:-1])
    return title


def strip_site(title: str, site_names: Iterable[str]) -> str:
    """The title without the parts that name the site (known names only, no guessing)."""
    parts = TITLE_SEPARATORS.split(title)
    sites = {site_key(s) for s in site_names if s}
    kept = [p for p in parts if site_key(p) not in sites]
    if len(kept) < len(parts) and kept:
        # a section name beside the site's ("Story : News : Site") goes with it
        while len(kept) > 1 and len(kept[-1].split()) <= 2 and parts[-1] not in kept:
            kept.pop()
        return join_parts(title, kept)
    return _strip_domain_prefix(title, site_names)


def _strip_domain_prefix(title: str, site_names: Iterable[str]) -> str:
    """ "example.com Story" -> "Story": the site's host written before the headline."""
    first, _, rest = title.partition(" ")
    if rest and _DOMAIN.fullmatch(first) and site_key(first) in {site_key(s) for s in site_names}:
        return rest.strip()
    return title


# a label before the headline: "Blog: Story", "Acme Blog: Story", "Title: Story" (the field
# label of a paper's record in a repository, sometimes glued: "Title:Story")
_LABEL_PREFIX = re.compile(
    r"^(?:(?:[\w'’.&-]+\s)?blog\s*:\s+|title\s*:\s*)(?=\S+\s+\S+\s+\S)",
    re.IGNORECASE,
)


def join_parts(title: str, parts: list[str]) -> str:
    """Rejoin kept parts with the separators they had in the original title."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def _headline(
    headings: list[str], sites: set[str], titles: list[str], specific: list[str]
) -> str | None:
    """The page's one `<h1>`, when it reads as a headline (not a logo or a section name); of
    several, the one a metadata title holds whole (the others are a logo, a blog's name, ...),
    else the first that shares words with the `specific` titles (a menu, a newsletter box or a
    location picker in an `<h1>` shares none)."""
    distinct = list(dict.fromkeys(h for h in headings if h))
    if len(distinct) > 1:
        distinct = [h for h in distinct if site_key(h) not in sites]
        held = [h for h in distinct if _held(h, titles)]
        distinct = held[:1] or [h for h in distinct if _shares_words(h, specific)][:1]
    if len(distinct) != 1:
        return None
    headline = strip_site(_LABEL_PREFIX.sub("", distinct[0]) or distinct[0], sites)
    # a pipe in a visible headline is a template's separator: what follows is a tagline or a
    # section ("Story | Opinion", "Story | Tools, Tips & More")
    first = headline.split(" | ", 1)[0]
    if first != headline and len(first.split()) >= MIN_PIPE_WORDS:
        headline = first
    words = _word_count(headline)
    if words > MAX_HEADLINE_WORDS or site_key(headline) in sites:
        return None
    if words < MIN_HEADLINE_WORDS and not _opens_a_title(headline, titles):
        return None
    return headline


def _opens_a_title(heading: str, titles: list[str]) -> bool:
    """A metadata title opens with the heading ("Flexbox - Guide | Docs", "Restaurant Definition
    & Meaning"): a one-word `<h1>` that names the page (a documentation topic, a dictionary
    entry, a shop's category) rather than the site or a section, which a title holds after the
    headline or not at all."""
    folded = fold(heading)
    return any(fold(unescape(title)).startswith(f"{folded} ") for title in titles)


def _specific_titles(meta: PageMetadata, sites: set[str]) -> list[str]:
    """The metadata titles that are not site-wide, cleaned of site names."""
    return [
        clean_title(unescape(str(c.value)), sites, [])
        for c in meta.titles
        if not _GENERIC.search(str(c.value)) and site_key(str(c.value)) not in sites
    ]


def _held(heading: str, titles: list[str]) -> bool:
    """A metadata title contains the heading's words in a row (and the heading has several),
    and what it holds besides is not another metadata title ("Blog Name: Story" beside "Story"
    makes the heading the blog's name)."""
    folded = fold(heading)
    if _word_count(folded) < MIN_HEADLINE_WORDS:
        return False
    folded_titles = {fold(t) for t in titles}
    for title in folded_titles:
        if f" {folded} " in f" {title} " and _rest(title, folded) not in folded_titles:
            return True
    return False


def _rest(title: str, part: str) -> str:
    """A folded title without one folded part of it."""
    return f" {title} ".replace(f" {part} ", " ", 1).strip()


def _blog_names(headings: list[str], titles: list[str], sites: set[str]) -> set[str]:
    """`site_key`s of the `<h1>`s that name the blog, not the story: a metadata title is the
    heading and another metadata title ("Notes: Story" beside `og:title` "Story"), as blog
    templates write `<title>` when the logo is the page's `<h1>`. (When that other title is the
    site's name, "Story | Site" beside "Site", the heading is the story.)"""
    folded_titles = {fold(t) for t in titles if site_key(t) not in sites}
    names = set()
    for heading in headings:
        folded = fold(heading)
        for title in folded_titles:
            rest = _rest(title, folded)
            if (
                rest != title
                and rest in folded_titles
                and (title.startswith(folded) or title.endswith(folded))
            ):
                names.add(site_key(heading))
    return names


def _shares_words(heading: str, specific: list[str]) -> bool:
    """One of several `<h1>`s that may be the headline: confirmed by metadata titles that exist."""
    words = _word_count(heading)
    # one that holds a metadata title and more ("Story Subscribers", "KICKER Story") has a
    # badge, a kicker or a subtitle in its markup: the metadata title is the headline then
    folded = f" {fold(heading)} "
    return (
        bool(specific)
        and MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS
        and _confirmed(heading, specific)
        and not any(f" {t} " in folded for t in map(fold, specific) if t)
    )


def _confirmed(headline: str, titles: list[str]) -> bool:
    """The metadata titles share most of the `<h1>`'s words (or there are none to ask)."""
    if not titles:
        return True
    words = set(fold(headline).split())
    for title in titles:
        # the letters of "Q&A", "M&A" or "U.S." and a lone "a" say nothing of the story
        shared = {w for w in words & set(fold(title).split()) if len(w) > 1}
        # an editor's headline often rewords the SEO title: two shared words outside the site
        # name are enough, unless the `<h1>` is long and they are a small part of it
        if len(shared) >= min(2, len(words)) and len(shared) >= CONFIRM_SHARE * len(words):
            return True
    return False


# what a template glues to a headline in the same `<h1>`: a date ("Dec 18 2025"), "Posted on
# July 1, 2024 by jane", or the source of a linked story and its comment count ("(example.com) 87")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_RUN_ON = re.compile(
    rf"^(?:(?:posted|published|updated)\b.*|by \S+(?: \S+)?|\((?:[\w-]+\.)+[a-z]{{2,}}\)(?: \d+)?|"
    rf"(?:on )?(?:{_MONTH} \d{{1,2}},? \d{{4}}|"
    rf"\d{{1,2}} {_MONTH},? \d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}))$",
    re.IGNORECASE,
)


def _without_run_on(headline: str, titles: list[str]) -> str:
    """The metadata title, when the `<h1>` is that title plus a date, a byline or the story's
    source ("(example.com)")."""
    for title in titles:
        if len(title.split()) < MIN_HEADLINE_WORDS or fold(title) == fold(headline):
            continue
        if headline.startswith(title) and _RUN_ON.match(headline[len(title) :].strip(" ,|-–—")):
            return title
        if headline.endswith(title) and _RUN_ON.match(headline[: -len(title)].strip(" ,|-–—")):
            return title
    return headline


def _same_words(headline: str, titles: list[str]) -> str:
    """Among metadata titles with the `<h1>`'s words, the one as written in metadata (CSS may
    change the case on screen), unless the `<h1>` keeps more of its punctuation."""
    for title in titles:
        if fold(title) == fold(headline):
            return (
                headline if len(headline.replace(" ", "")) > len(title.replace(" ", "")) else title
            )
    return headline


# markup left in a title by static-site generators and editors: "## Title", "*Title*",
# a trailing ornament ("Title ⋆") or permalink mark ("Title¶": documentation generators put a
# heading's anchor link inside the `<h1>`); and quotes around the whole title
_MARKUP = re.compile(
    r"^#{1,6}\s+|(?:(?<=^)|(?<=\s))\*{1,2}(?=\S)|(?<=\S)\*{1,2}(?=\s|$)|\s+[⋆★☆✦]$|\s*¶$"
)


def strip_markup(title: str) -> str:
    """A title without markdown marks, wrapping quotes, a trailing ornament or permalink mark."""
    title = _MARKUP.sub("", title).strip()
    if len(title) > 2 and title[0] == title[-1] == '"' and title.count('"') == 2:
        title = title[1:-1].strip()
    return title


def pick_title(meta: PageMetadata, headings: list[str], url: str | None = None) -> str | None:
    """The headline (see the module docstring), without leftover markup."""
    title = _pick_title(meta, headings, url)
    if not title:
        return None
    # mojibake first: a permalink mark read as Latin-1 is "Â¶", and only "¶" is markup
    title = repair_mojibake(unescape(title))
    return strip_markup(title) or title


def _pick_title(meta: PageMetadata, headings: list[str], url: str | None) -> str | None:
    raw_titles = [str(c.value) for c in meta.titles]
    sites = site_keys(meta, url)
    sites |= _blog_names(headings, raw_titles, sites)
    titles = _specific_titles(meta, sites)
    headline = _headline(headings, sites, raw_titles, titles)
    if headline is not None and not _confirmed(headline, titles):
        headline = None  # a logo, a blog's name or a section heading in the `<h1>`
    if headline is not None:
        headline = _same_words(_without_run_on(unescape(headline), titles), titles)
        if not headline.isupper():
            return headline
    for candidate in meta.titles:
        title = unescape(str(candidate.value))
        if candidate.source == "json-ld" and (whole := _untruncated(title, meta, sites)):
            return whole
        if candidate.source == "title":
            return clean_title(title, sites, headings) or None
        parts = TITLE_SEPARATORS.split(title)
        known = len(parts) > 1 and {site_key(parts[-1]), site_key(parts[0])} & sites
        # a dash or a slash in `og:title` often opens a subtitle; a pipe marks a site name
        if known or re.search(r"\s\|\s[^|]*$", title):
            title = clean_title(title, sites, [])
        return _strip_domain_prefix(title, sites)
    return unescape(headings[0]) if headings else None


def _untruncated(headline: str, meta: PageMetadata, sites: set[str]) -> str | None:
    """The whole headline when the JSON-LD one is cut short (SEO plugins cut `headline` at about
    110 characters, mid-phrase): the `<title>` that goes on from it, without its site part."""
    for candidate in meta.titles:
        if candidate.source != "title":
            continue
        whole = clean_title(unescape(str(candidate.value)), sites, [])
        rest = whole[len(headline) :]
        # cut mid-phrase: the `<title>` goes on with words, not with a separator and a site
        if (
            whole.startswith(headline)
            and re.match(r"\s*\w", rest)
            and not TITLE_SEPARATORS.match(rest)
        ):
            return whole
    return None
