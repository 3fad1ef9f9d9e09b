"""Structural features of a page, for the learned page-type model (`page_model`).

The rules in `page_type` read what publishers write for machines; many shops, forums, section
fronts, help centres and service pages write nothing, yet their shape gives them away: prices,
carts, ratings, forms, buttons, code blocks, sidebars of links, breadcrumbs, many dates, short
text blocks, offers and calls to action addressed to the reader, a URL without a slug or with a
folder word such as /help/ or /pricing/. These features measure that shape cheaply, from things
the extractor computes anyway (the tree before cleaning, the main text's blocks, the metadata, the
URL); the page-wide text and link lengths come from the cleaning walk (`html_text.clean_tree`),
so the page is walked in Python once. They are coarse on purpose: a model scored on pages it has
never seen does better with robust signals than with brittle ones.

`FEATURES` names them in the order `page_features` returns them; the model's weights file lists
the same names, and `page_model` refuses a file whose list differs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from corpus.extract.html_meta import ARTICLE_TYPES, LISTING_TYPES, PageMetadata
from corpus.extract.html_text import document_tops, text_of
from corpus.records import Block

FEATURES = (
    "declares_article", "declares_listing", "declares_product", "og_article", "has_author",
    "has_date", "title_words", "url_depth", "url_slug", "slug_words", "url_date", "url_numeric_id", "url_query",
    "url_file", "articles", "times", "forms", "price_marks", "cart_marks", "rating_marks",
    "comment_marks", "page_link_density", "headline_links",
    "paragraphs", "mean_paragraph", "prose_share", "list_share", "heading_ratio",
    "main_words", "main_share", "main_link_density",
    # shapes of documentation, service and listing pages
    "any_date", "url_docs_word", "url_service_word", "url_listing_word", "code_blocks",
    "tables", "buttons", "button_marks", "images", "page_headings", "h1s", "nav_links",
    "long_lists", "breadcrumbs", "offer_phrases", "second_person",
    # what were hard rules, now evidence the model weighs: the URL's folder and section words,
    # the home page, the main container's headline links against its running text
    "url_home", "url_kind_product", "url_kind_collection", "url_kind_listing",
    "url_kind_service", "url_kind_documentation", "url_section_front", "listing_shape",
    "container_links", "long_prose", "sentence_ends",
    # landing and service pages: sections, icons, embeds, contact links, "we"/"our", blurbs
    "sections", "svgs", "embeds", "contact_links", "first_plural", "short_paragraphs",
    # class words of landing pages, of docs sites and of story templates; repeated cards
    "landing_marks", "doc_marks", "story_marks", "repeated_cards",
)  # fmt: skip

PRODUCT_MARKS = frozenset({"product", "productgroup", "offer", "aggregateoffer", "product.group"})
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|EUR|USD|GBP|zł|kr)\b")
_URL_DATE = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d)(?:/|$)|/(?:19|20)\d\d[01]\d[0-3]\d")
_NUMERIC_ID = re.compile(r"\d{5,}")
_WORD = re.compile(r"\w+")
# class/id words of shop, rating, comment, button and breadcrumb widgets (whole tokens)
_CART = frozenset({"cart", "basket", "add-to-cart", "addtocart", "checkout", "buy", "sku"})
_RATING = frozenset({"rating", "ratings", "stars", "star-rating", "reviews", "review"})
_COMMENT = frozenset({"comment", "comments", "reply", "replies", "post", "posts", "thread"})
_BUTTON = frozenset({"btn", "button", "buttons", "cta"})
_CRUMB = frozenset({"breadcrumb", "breadcrumbs", "crumbs", "breadcrumblist"})
_LANDING = frozenset({"hero", "testimonial", "testimonials", "pricing", "features", "feature",
                      "services", "clients", "partners", "carousel", "slider", "swiper", "cta"})  # fmt: skip
_DOC = frozenset({"toc", "docs", "documentation", "admonition", "highlight", "api", "sidenav",
                  "md", "markdown", "wiki", "kb", "faq", "accordion"})  # fmt: skip
_STORY = frozenset({"byline", "author", "entry", "story", "article", "dateline", "published",
                    "share", "sharing", "social", "caption", "lede", "kicker"})  # fmt: skip
# words of a short URL path segment (not a slug) that name a kind of page
_URL_DOCS = frozenset({
    "docs", "doc", "documentation", "help", "support", "guide", "guides", "manual", "reference",
    "api", "kb", "knowledgebase", "faq", "faqs", "wiki", "tutorial", "tutorials", "handbook",
    "developer", "developers", "sdk", "latest", "stable", "v1", "v2", "v3",
})  # fmt: skip
_URL_SERVICE = frozenset({
    "pricing", "prices", "plans", "services", "service", "solutions", "solution", "features",
    "contact", "about", "company", "enterprise", "demo", "industries", "platform", "careers",
    "hire", "agency", "consulting", "booking", "book",
})  # fmt: skip
_URL_LISTING = frozenset({
    "category", "categories", "tag", "tags", "topic", "topics", "archive", "archives", "section",
    "sections", "author", "authors", "page", "search", "index", "all", "list",
})  # fmt: skip
# folder names (not the last path segment) that hold pages of one kind
URL_FOLDERS = {
    "products": "product", "product": "product", "shop": "product", "store": "product",
    "itm": "product", "dp": "product", "collections": "collection", "category": "collection",
    "categories": "collection", "catalog": "collection", "catalogue": "collection",
    "tag": "listing", "tags": "listing", "search": "listing", "services": "service",
    "docs": "documentation", "doc": "documentation", "documentation": "documentation",
    "reference": "documentation", "manual": "documentation", "api": "documentation",
    "latest": "documentation", "stable": "documentation",
}  # fmt: skip
# a path ending in one of these is the front of that section
URL_SECTIONS = {
    "blog": "listing", "blogs": "listing", "news": "listing", "articles": "listing",
    "products": "collection", "shop": "collection", "collections": "collection",
    "category": "listing", "categories": "listing", "tags": "listing", "topics": "listing",
    "services": "service", "solutions": "service", "pricing": "service", "store": "collection",
}  # fmt: skip
_SEGMENT_WORD = re.compile(r"[a-z0-9]+")
# what service and shop pages say to the reader: offers, prices, calls to action (the lookahead
# names the phrases' first characters: most positions fail on it at once, 1.6x faster)
_OFFER = re.compile(
    r"(?=[/abcfgiloprsw])\b(?:pricing|per (?:month|year|user)|/mo(?:nth)?\b|free trial|get started|contact (?:us|sales)|"
    r"book (?:a|your) (?:demo|call|consultation)|request a (?:demo|quote)|get a (?:quote|demo)|"
    r"our (?:services|clients|team|customers|solutions)|we offer|learn more|sign up|"
    r"add to (?:cart|basket)|buy now|in stock|free shipping)\b",
    re.IGNORECASE,
)
# the same phrases in lower-cased text, case-sensitively (a third faster): the same matches
# unless the text holds one of the four letters that IGNORECASE pairs with an ASCII letter and
# `str.lower` does not map to it (İ ı ſ K)
_OFFER_LOWER = re.compile(_OFFER.pattern)
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_YOU = frozenset({"you", "your", "yours", "you're", "vous", "votre", "vos"})
_COUNTED_TAGS = (
    "article", "time", "form", "input", "select", "textarea", "pre", "code", "table", "button",
    "img", "h1", "h2", "h3", "h4", "ul", "ol", "nav", "aside", "section", "svg", "iframe",
    "video",
)  # fmt: skip
_WE = frozenset({"we", "our", "ours", "us", "nous", "notre", "nos", "wir", "unser", "unsere"})


@dataclass(slots=True)
class TreeSignals:
    """Counts read from the whole page before boilerplate is removed."""

    articles: int = 0
    times: int = 0
    forms: int = 0
    price_marks: int = 0
    cart_marks: int = 0
    rating_marks: int = 0
    comment_marks: int = 0
    code_blocks: int = 0
    tables: int = 0
    buttons: int = 0
    button_marks: int = 0
    images: int = 0
    headings: int = 0
    h1s: int = 0
    nav_links: int = 0
    long_lists: int = 0
    breadcrumbs: int = 0
    sections: int = 0
    svgs: int = 0
    embeds: int = 0
    contact_links: int = 0
    landing_marks: int = 0
    doc_marks: int = 0
    story_marks: int = 0
    repeated_cards: int = 0  # the most boxes of one tag and class, each with a linked heading
    headline_links: int = 0  # `headline_links(root)`, counted in the same walk


_MARK_SETS = (
    _CART,
    _RATING,
    _COMMENT,
    frozenset({"price"}),
    _BUTTON,
    _CRUMB,
    _LANDING,
    _DOC,
    _STORY,
)
# the marks' words (letters only) are matched as whole runs of letters of a label: a hyphenated
# word ("add-to-cart") has a part in its own set ("cart"), so the runs alone decide
_MARK_WORDS = frozenset(w for s in _MARK_SETS for w in s if "-" not in w)
# a label's runs of letters, and the end of a label (NUL: no attribute value holds one)
_LETTERS_OR_END = re.compile("[a-z]+|\0")


def _mark_words(labels: list[str]) -> dict[str, set[str]]:
    """The marks' words in each class/id/itemprop value that has any. All of a page's labels are
    lower-cased and split in one call on their join, and Python only looks the runs up: 0.20 ms
    a page on the readability and htmldate sets, against 0.28 for a cached call per label (most
    of a page's ~200 labels are new to the cache)."""
    found: dict[str, set[str]] = {}
    i = 0
    for run in _LETTERS_OR_END.findall("\0".join(labels).lower()):
        if run == "\0":
            i += 1
        elif run in _MARK_WORDS:
            found.setdefault(labels[i], set()).add(run)
    return found


_COUNTED = frozenset(_COUNTED_TAGS)
_BOXES = frozenset(("nav", "aside"))
_LISTS = frozenset(("ul", "ol"))
_CARD_HEADINGS = frozenset(("h2", "h3", "h4"))
_LINKED_HEADINGS = frozenset(("h1", "h2", "h3", "h4"))
HEADLINE_LINK_CHARS = 15  # a link's text this long in a heading: a story's title


def headline_links(element: etree._Element) -> int:
    """Headings that are links to other stories (`<h3><a>Story title</a></h3>`)."""
    count = 0
    for heading in element.iter(*_LINKED_HEADINGS):
        link = heading.find(".//a")
        if link is not None and len(text_of(link)) >= HEADLINE_LINK_CHARS:
            count += 1
    return count


def tree_signals(root: etree._Element) -> TreeSignals:
    """Counts over the page (scripts and styles already removed). The page-wide text and link
    lengths come from `html_text.compute_stats`' walk, not from here: one walk, not two.

    Tags, labels, links and headings are read in one walk of the elements (eight walks, six of
    them XPaths, took 1.3 ms a page on the readability and htmldate sets: each walk costs about
    as much as the work done on what it finds)."""
    tags: Counter[str] = Counter()
    labels: list[str] = []  # class, id and itemprop values
    boxes: list[etree._Element] = []
    lists: list[etree._Element] = []
    contact_links = linked_headlines = 0
    card_boxes: set[etree._Element | None] = set()  # parents of headings that hold a link
    # links, labels and teaser cards are counted over the whole document
    tops = document_tops(root)
    for top in tops if root in tops else [*tops, root]:
        counted = top is root  # tags, menus and lists: in `root` only
        whole = top in tops  # labels, links and headings: in the whole document
        for el in top.iter(etree.Element):
            tag = el.tag
            if whole:  # (three reads written out: a loop over the names cost 7% of the walk)
                if (value := el.get("class")) is not None:
                    labels.append(value)
                if (value := el.get("id")) is not None:
                    labels.append(value)
                if (value := el.get("itemprop")) is not None:
                    labels.append(value)
                if tag == "a":
                    href = el.get("href")
                    if href is not None and href.startswith(("tel:", "mailto:")):
                        contact_links += 1
                    continue
            if tag in _LINKED_HEADINGS:
                link = next(el.iterdescendants("a"), None)
                if link is not None:
                    if whole and tag != "h1":
                        card_boxes.add(el.getparent())
                    if counted and len(text_of(link)) >= HEADLINE_LINK_CHARS:
                        linked_headlines += 1
            if counted and tag in _COUNTED:
                tags[tag] += 1
                if tag in _BOXES:
                    boxes.append(el)
                elif tag in _LISTS:
                    lists.append(el)
    signals = TreeSignals(
        articles=tags["article"],
        times=tags["time"],
        forms=tags["form"] + tags["input"] + tags["select"] + tags["textarea"],
        code_blocks=tags["pre"] + tags["code"],
        tables=tags["table"],
        buttons=tags["button"],
        images=tags["img"],
        headings=tags["h2"] + tags["h3"] + tags["h4"],
        h1s=tags["h1"],
        nav_links=sum(1 for box in boxes for _ in box.iter("a")),
        long_lists=sum(1 for lst in lists if len(lst.findall("li")) >= 5),
        sections=tags["section"],
        svgs=tags["svg"],
        embeds=tags["iframe"] + tags["video"],
        contact_links=contact_links,
        headline_links=linked_headlines,
    )
    counts = Counter(labels)
    for label, words in _mark_words(list(counts)).items():
        n = counts[label]
        cart, rating, comment, price, button, crumb, landing, doc, story = (
            not words.isdisjoint(marks) for marks in _MARK_SETS
        )
        signals.cart_marks += cart * n
        signals.rating_marks += rating * n
        signals.comment_marks += comment * n
        signals.price_marks += price * n
        signals.button_marks += button * n
        signals.breadcrumbs += crumb * n
        signals.landing_marks += landing * n
        signals.doc_marks += doc * n
        signals.story_marks += story * n
    signals.repeated_cards = max(
        Counter((box.tag, box.get("class")) for box in card_boxes if box is not None).values(),
        default=0,
    )
    return signals


def _path_words(segments: list[str]) -> set[str]:
    """Words of the path's short segments ("help-center", "pricing"), not of its slugs."""
    words: set[str] = set()
    for segment in segments:
        parts = _SEGMENT_WORD.findall(segment.lower().rsplit(".", 1)[0])
        if len(parts) <= 2:
            words.update(parts)
    return words


def url_segments(url: str | None) -> list[str] | None:
    """The lower-cased path segments of an absolute URL; None when there is no such URL."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return [s for s in parts.path.lower().split("/") if s]


def url_folder_kind(segments: list[str]) -> str | None:
    """The kind of page a folder of the path names (`/products/…`, `/docs/…`), if any."""
    return next((URL_FOLDERS[f] for f in segments[:-1] if f in URL_FOLDERS), None)


def url_section_kind(segments: list[str]) -> str | None:
    """The section a path ends in (`/blog`, `/services`): the front page of that section."""
    return URL_SECTIONS.get(segments[-1].rsplit(".", 1)[0]) if segments else None


_URL_KINDS = ("product", "collection", "listing", "service", "documentation")
_URL_FEATURES = (
    "url_depth", "url_slug", "slug_words", "url_date", "url_numeric_id", "url_query", "url_file",
    "url_docs_word", "url_service_word", "url_listing_word", "url_home",
    *(f"url_kind_{k}" for k in _URL_KINDS), "url_section_front",
)  # fmt: skip


def _url_features(url: str | None) -> dict[str, float | None]:
    try:
        parts = urlsplit(url.strip()) if url else None
    except ValueError:
        parts = None
    if parts is None or not parts.hostname:
        # unknown, not "no slug": the model reads them as average
        return dict.fromkeys(_URL_FEATURES)
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else ""
    stem = last.rsplit(".", 1)[0]
    slug_words = len(_WORD.findall(stem.replace("_", "-")))
    words = _path_words(segments)
    lower = [x.lower() for x in segments]
    folder = url_folder_kind(lower)
    return {
        "url_home": float(not segments),
        **{f"url_kind_{k}": float(folder == k) for k in _URL_KINDS},
        "url_section_front": float(url_section_kind(lower) is not None),
        "url_depth": float(min(len(segments), 6)),
        "url_slug": float(slug_words >= 4 and "-" in stem),
        "slug_words": _log(min(slug_words, 15)),
        "url_date": float(bool(_URL_DATE.search(parts.path))),
        "url_numeric_id": float(bool(_NUMERIC_ID.search(last))),
        "url_query": float(bool(parts.query)),
        "url_file": float("." in last),
        "url_docs_word": float(not words.isdisjoint(_URL_DOCS)),
        "url_service_word": float(not words.isdisjoint(_URL_SERVICE)),
        "url_listing_word": float(not words.isdisjoint(_URL_LISTING)),
    }


def _offer_phrases(text: str, lower: str) -> int:
    """`_OFFER`'s matches in `text` (`lower` is `text.lower()`)."""
    if _CASE_ODD.search(text):
        return len(_OFFER.findall(text))
    return len(_OFFER_LOWER.findall(lower))


def _log(value: float) -> float:
    return math.log1p(max(value, 0.0))


def long_prose_chars(blocks: list[Block]) -> int:
    """Characters of running text: paragraphs, quotes and list items of 150 characters or more
    (teasers and link labels are shorter)."""
    return sum(
        len(b.text)
        for b in blocks
        if b.kind in ("paragraph", "quote", "list_item") and len(b.text) >= 150
    )


_SENTENCE_END = tuple(".!?…。！？।\"'”’»)")


def page_features(
    meta: PageMetadata,
    title: str | None,
    url: str | None,
    signals: TreeSignals,
    blocks: list[Block],
    *,
    has_author: bool,
    has_any_date: bool,
    page_chars: int,
    page_link_chars: int,
    main_link_density: float,
    headline_links: int,
    container_links: int,
    listing_shape: bool,
) -> list[float | None]:
    """The values of `FEATURES`, in order (None: unknown, such as the URL of a saved file)."""
    paragraphs = [b.text for b in blocks if b.kind in ("paragraph", "quote")]
    chars = sum(len(b.text) for b in blocks) or 1
    list_chars = sum(len(b.text) for b in blocks if b.kind == "list_item")
    prose = sum(len(t) for t in paragraphs if len(t) >= 150)
    headings = sum(b.kind == "heading" for b in blocks)
    text = "\n".join(b.text for b in blocks)
    lower = text.lower()
    words = _WORD.findall(lower)
    you = sum(1 for w in words if w in _YOU)
    we = sum(1 for w in words if w in _WE)
    types = meta.page_types
    values: dict[str, float | None] = {
        "declares_article": float(bool(types & ARTICLE_TYPES)),
        "declares_listing": float(bool(types & (LISTING_TYPES - {"website"}))),
        "declares_product": float(bool(types & PRODUCT_MARKS)),
        "og_article": float("article" in types),
        "has_author": float(has_author),
        "has_date": float(bool(meta.dates)),
        "title_words": _log(len(_WORD.findall(title or ""))),
        **_url_features(url),
        "articles": _log(signals.articles),
        "times": _log(signals.times),
        "forms": _log(signals.forms),
        "price_marks": _log(signals.price_marks + len(_PRICE.findall(" ".join(paragraphs[:40])))),
        "cart_marks": _log(signals.cart_marks),
        "rating_marks": _log(signals.rating_marks),
        "comment_marks": _log(signals.comment_marks),
        "page_link_density": page_link_chars / max(page_chars, 1),
        "headline_links": _log(headline_links),
        "paragraphs": _log(len(paragraphs)),
        "mean_paragraph": _log(sum(len(t) for t in paragraphs) / max(len(paragraphs), 1)),
        "prose_share": prose / chars,
        "list_share": list_chars / chars,
        "heading_ratio": headings / max(len(paragraphs), 1),
        "main_words": _log(len(words)),
        "main_share": min(chars / max(page_chars, 1), 1.0),
        "main_link_density": main_link_density,
        "any_date": float(has_any_date),
        "code_blocks": _log(signals.code_blocks),
        "tables": _log(signals.tables),
        "buttons": _log(signals.buttons),
        "button_marks": _log(signals.button_marks),
        "images": _log(signals.images),
        "page_headings": _log(signals.headings),
        "h1s": _log(signals.h1s),
        "nav_links": _log(signals.nav_links),
        "long_lists": _log(signals.long_lists),
        "breadcrumbs": float(signals.breadcrumbs > 0 or "breadcrumblist" in types),
        "offer_phrases": _log(_offer_phrases(text, lower)),
        "second_person": you / max(len(words), 1),
        "listing_shape": float(listing_shape),
        "container_links": _log(container_links),
        "long_prose": _log(long_prose_chars(blocks)),
        "sentence_ends": sum(t.rstrip().endswith(_SENTENCE_END) for t in paragraphs)
        / max(len(paragraphs), 1),
        "sections": _log(signals.sections),
        "svgs": _log(signals.svgs),
        "embeds": _log(signals.embeds),
        "contact_links": _log(signals.contact_links),
        "first_plural": we / max(len(words), 1),
        "short_paragraphs": sum(len(t) < 80 for t in paragraphs) / max(len(paragraphs), 1),
        "landing_marks": _log(signals.landing_marks),
        "doc_marks": _log(signals.doc_marks),
        "story_marks": _log(signals.story_marks),
        "repeated_cards": _log(signals.repeated_cards),
    }
    return [values[name] for name in FEATURES]
