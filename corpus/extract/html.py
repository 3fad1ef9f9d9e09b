"""HTML pages (saved files, WARC responses, HTML inside JSON fields) to `ParsedArticle`s.

Metadata is taken in this order of trust, the first source that has a value wins:

| field     | sources, most trusted first                                                       |
| --------- | --------------------------------------------------------------------------------- |
| title     | JSON-LD `headline` · `og:title`/`twitter:title`/`<meta name=title>` · microdata   |
|           | `headline` · `<title>` (site suffix such as " | Site Name" removed) · first `h1`  |
| date      | record field (JSON export) · JSON-LD `datePublished` · `<meta>` publication dates |
|           | · microdata `datePublished` · htmldate (fast) · script keys · `<time datetime>`  |
|           | · URL path · byline/date elements · page text · htmldate (extensive) · crawl date |
|           | (WARC-Date); see `html_dates` for the steps and why                             |
| authors   | record field · JSON-LD `author` (persons) · `<meta>` author · microdata · byline  |
| url       | record field (WARC-Target-URI, JSON `url`) · `<link rel=canonical>` · `og:url`   |
| language  | record field · `<html lang>` · JSON-LD `inLanguage` · `og:locale` (as declared;   |
|           | `corpus.normalize.language.detect_language` checks it against the text later)   |

`date_source` says which one gave the date (`corpus.records.DATE_SOURCES`). A modified date is
taken only when the page has no publication date at all, or shows its declared modification in
place of a publication date only JSON-LD declares (`date_source` 'modified').
`published_at` is the instant in UTC; `published_date` the calendar day as the page wrote it.

A page is rejected as `not_an_article`, its detected page type in the message, when its structured
data says it is a forum, product or collection page, or its shape does (the learned model, which
weighs the URL and the main container's headline links against its running text; both in
`page_type`), and as `no_main_text` when the main text is empty
or a few words among a page of boilerplate (a page whose whole text is short is kept as a short
article: there is nothing else on it).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

from lxml import etree

from corpus.extract.html_bylines import collect_bylines, headline_bylines, labelled_bylines
from corpus.extract.html_date_revisions import may_be_revised, revised_date
from corpus.extract.html_dates import late_date, shown_date, structured_date
from corpus.extract.html_hints import collect_hints, shown_near_headline
from corpus.extract.html_meta import ARTICLE_TYPES, LISTING_TYPES, PageMetadata, collect_metadata
from corpus.extract.html_text import (
    clean_tree,
    drop_author_bios,
    extract_blocks,
    parse_html,
)
from corpus.extract.html_title import pick_title
from corpus.extract.page_features import (
    headline_links,
    long_prose_chars,
    page_features,
    tree_signals,
)
from corpus.extract.page_type import detect_page_type, model_judges
from corpus.normalize.authors import clean_authors, clean_credit, declared_credit
from corpus.normalize.dateline import split_dateline
from corpus.normalize.dates import FoundDate
from corpus.normalize.language import normalize_language_tag
from corpus.normalize.text import clean_line, count_words, repair_mojibake
from corpus.records import Block, ParsedArticle
from corpus.rejects import RejectError

LISTING_MAX_PROSE = 3000  # characters of long paragraphs above which links never make a listing
MIN_WORDS = 15  # fewer words than this in the main text: `no_main_text`
_SLACK = dt.timedelta(days=2)  # a page dated this far after its crawl has a wrong date


def normalize_inline(text: str) -> str:
    """One block's text as every format stores it: mojibake repaired, NFC, spaces folded."""
    return unicodedata.normalize("NFC", clean_line(repair_mojibake(text)))


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def domain_of(url: str | None) -> str | None:
    """'https://www.example.com/a' -> 'example.com'."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def _declared_authors(meta: PageMetadata, sites: list[str]) -> list[str]:
    """The persons the metadata names, else the team or desk it credits."""
    # a name the JSON-LD types as an organisation is no person's, wherever else it is declared
    orgs = {o.casefold() for o in meta.org_authors}
    for source in ("json-ld", "meta", "microdata"):
        names = clean_authors(
            [
                str(c.value)
                for c in meta.authors
                if c.source == source and str(c.value).casefold() not in orgs
            ],
            site_names=sites,
        )
        if names:
            return names
    # a team or desk that the metadata credits ("The Acme Team") outranks a guess from the page
    return clean_credit([str(c.value) for c in meta.authors], groups_only=True)


def _first_named(texts: list[str], sites: list[str]) -> list[str]:
    """The names of the first of these bylines ("By ...", "Written by ...") that names any."""
    for text in texts:
        if names := clean_authors(text, site_names=sites):
            return names
    return []


# the text of an element as shown; a `<br>` is a line break ("Legacy<br>of" reads "Legacy of")
_SHOWN_TEXT = etree.XPath(".//text()[not(ancestor::style) and not(ancestor::script)] | .//br")


def _headings(root: etree._Element) -> list[str]:
    """The `<h1>` texts (read before scripts and styles are removed: their text is left out)."""
    texts = (" ".join(_shown_text(h).split()) for h in root.iter("h1"))
    return [t for t in texts if t][:3]


def _shown_text(element: etree._Element) -> str:
    return "".join(t if isinstance(t, str) else " " for t in _SHOWN_TEXT(element))


def _looks_like_listing(meta: PageMetadata, blocks: list[Block], links: int) -> bool:
    """Many headline links (`links`, in the main container) beside little running text: an
    index page. Evidence for the page-type model, a rule only where the model cannot judge."""
    if meta.page_types & ARTICLE_TYPES:
        return False
    prose_chars = long_prose_chars(blocks)
    if meta.page_types & (LISTING_TYPES - {"website"}) and prose_chars < 1500:
        return True
    # a guide with linked subheadings still has pages of running text; a listing has teasers
    return links >= 5 and prose_chars < min(200 * links, LISTING_MAX_PROSE)


_PAGE_TAG = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)


def _is_fragment(html: str) -> bool:
    """Markup without `<html>`, `<head>` or `<body>`: a piece of a page, not a page."""
    return _PAGE_TAG.search(html, 0, 50000) is None


def _blocks_from_article_body(meta: PageMetadata) -> list[Block]:
    """JSON-LD `articleBody`, for pages that render their text with scripts."""
    for body in meta.article_bodies:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
        if paragraphs:
            return [Block("paragraph", " ".join(p.split())) for p in paragraphs]
    return []


_BYLINE_BLOCK = re.compile(r"^(?:by|von|par|por|door|di|av)\s+\S", re.IGNORECASE)


def _split_byline(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """A byline paragraph ("By JANE DOE Associated Press") among the first blocks is not text,
    and it hides the dateline of the paragraph after it: take it out."""
    for i, block in enumerate(blocks[:3]):
        text = block.text
        if (
            block.kind == "paragraph"
            and i + 1 < len(blocks)
            and len(text) <= 120
            and _BYLINE_BLOCK.match(text)
            and not text.endswith((".", "!", "?", ":"))
        ):
            return blocks[:i] + blocks[i + 1 :], text
    return blocks, None


def extract_page(
    html: str,
    *,
    url: str | None = None,
    crawl_date: FoundDate | None = None,
) -> ParsedArticle:
    """Main text and metadata of one page; raises `RejectError` when there is no article."""
    root = parse_html(html)
    if root is None:
        raise RejectError("no_main_text", "the page holds no HTML document")
    meta = collect_metadata(root)
    headings = _headings(root)
    title = pick_title(meta, headings, url)
    title = normalize_inline(title) if title else None
    declared_urls = [str(c.value) for c in meta.urls if str(c.value).startswith("http")]
    page_url = url or next(iter(declared_urls), None)
    etree.strip_elements(root, "script", "style", "template", with_tail=False)
    urls = list(dict.fromkeys([u for u in (url, *declared_urls) if u]))
    dated = structured_date(meta, urls)
    near = None  # what is shown beside the headline: read once, for dates and names
    if dated is not None and may_be_revised(dated, meta):
        near = shown_near_headline(root)
        dated = revised_date(dated, meta, near) or dated
    # the page's own date and byline hints are read only when metadata left a gap
    hints = collect_hints(root, html) if dated is None else None
    if hints is not None:
        dated = shown_date(meta, hints, urls, html)
    sites = meta.site_names + ([domain_of(page_url)] if domain_of(page_url) else [])
    # structured authors that are names (not profile URLs) make the page's bylines unneeded
    declared = _declared_authors(meta, sites)
    bylines = hints.bylines if hints else ([] if declared else collect_bylines(root))
    # a person named by the metadata or a byline makes the labelled and bare bylines unneeded
    named = declared or _first_named(bylines, sites)
    written_by, bare_bylines = ([], []) if named else labelled_bylines(root)
    # the labelled bylines beside the headline, asked after every other byline
    near = None if named else (hints or near or shown_near_headline(root))
    headline_names = headline_bylines(near) if near else []
    # the page-type model's evidence, read before cleaning, only for a page the model judges (a
    # fragment, the HTML of a JSON or feed field, is not a page: its shape says nothing)
    signals = tree_signals(root) if model_judges(page_url) and not _is_fragment(html) else None
    # (the walk that read the signals counted them)
    links_before_cleaning = headline_links(root) if signals is None else signals.headline_links
    body, stats, page_chars, page_link_chars = clean_tree(root)
    blocks, container = extract_blocks(body, stats, title=title)
    blocks = [Block(b.kind, t) for b in blocks if (t := normalize_inline(b.text))]
    words = sum(count_words(b.text) for b in blocks)
    if words < MIN_WORDS and (from_json := _blocks_from_article_body(meta)):
        blocks, words = from_json, sum(count_words(b.text) for b in from_json)
    container_links = headline_links(container)
    listing = _looks_like_listing(meta, blocks, container_links)
    # a page whose whole text is short is a short article; a short main text among much
    # boilerplate means the page has none
    main_chars = sum(len(b.text) for b in blocks)
    has_letters = any(c.isalpha() for b in blocks for c in b.text)
    if not has_letters or (words < MIN_WORDS and page_chars > 2 * main_chars + 120):
        if listing or links_before_cleaning >= 5:
            raise RejectError("not_an_article", "a listing page: only links to other pages")
        raise RejectError("no_main_text", f"{words} words of main text, {page_chars} chars shown")
    authors = named or _first_named(written_by, sites)  # the last resort, as no class says
    text_chars, link_chars, _ = stats.get(container) or (0, 0, 0)
    features = None if signals is None else page_features(
        meta, title, page_url, signals, blocks, has_author=bool(authors),
        has_any_date=dated is not None, page_chars=page_chars, page_link_chars=page_link_chars,
        main_link_density=link_chars / max(text_chars, 1), headline_links=links_before_cleaning,
        container_links=container_links, listing_shape=listing,
    )  # fmt: skip
    if kind := detect_page_type(
        meta, page_url, bool(authors), features, listing_shape=listing, words=words
    ):
        raise RejectError("not_an_article", f"a {kind} page, not an article")
    if dated is None and hints is not None:
        dated = late_date(meta, hints, urls, blocks, html)
    if crawl_date is not None and (dated is None or dated[0].day > crawl_date.day + _SLACK):
        dated = (crawl_date, "crawl")  # none, or one after the crawl: a scheduled or wrong date
    blocks, byline = _split_byline(blocks)
    if byline and not authors:
        authors = clean_authors(byline, site_names=sites)
    if not authors:  # after the page type: a bare "By" is too weak a sign of an article
        authors = _first_named(bare_bylines + headline_names, sites)
    if not authors:  # no person named: the team, desk or organisation credited, if any
        credits = [str(c.value) for c in meta.authors] + meta.org_authors + bylines + written_by
        credits += headline_names
        authors = clean_credit(
            [*credits, *([byline] if byline else [])],
            site_names=sites,
            organisations=meta.org_authors,
        ) or declared_credit([str(c.value) for c in meta.authors])
    blocks = drop_author_bios(blocks, authors)
    dateline, first = split_dateline(blocks[0].text)
    if dateline is not None:
        blocks[0] = Block(blocks[0].kind, first)
    language = None
    for candidate in meta.languages:
        language = normalize_language_tag(str(candidate.value))
        if language:
            break
    return ParsedArticle(
        blocks=blocks,
        title=title,
        url=page_url,
        source=None,
        authors=authors,
        published_at=dated[0].at if dated else None,
        published_date=dated[0].day if dated else None,
        date_precision=dated[0].precision if dated else None,
        date_source=dated[1] if dated else None,
        dateline=dateline.place if dateline else None,
        language=language,
        section=meta.sections[0] if meta.sections else None,
        tags=list(dict.fromkeys(meta.tags))[:50],
    )
