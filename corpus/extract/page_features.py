"""Structural features of a page, for the learned page-type model (`page_model`).

The rules in `page_type` read what publishers write for machines; many shops, forums and section
fronts write nothing, yet their shape gives them away: prices, carts, ratings, forms,
many dates, short text blocks, a URL without a slug. These features measure that shape cheaply,
from things the extractor computes anyway (the tree before cleaning, the main text's blocks, the
metadata, the URL). They are few and coarse on purpose: a model scored on pages it has never
seen does better with a handful of robust signals than with many brittle ones.

`FEATURES` names them in the order `page_features` returns them; the model's weights file lists
the same names, and `page_model` refuses a file whose list differs.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from corpus.extract.html_meta import ARTICLE_TYPES, LISTING_TYPES, PageMetadata
from corpus.records import Block

FEATURES = (
    "declares_article", "declares_listing", "declares_product", "og_article", "has_author",
    "has_date", "title_words", "url_depth", "url_slug", "slug_words", "url_date", "url_numeric_id", "url_query",
    "url_file", "articles", "times", "forms", "price_marks", "cart_marks", "rating_marks",
    "comment_marks", "page_link_density", "headline_links",
    "paragraphs", "mean_paragraph", "prose_share", "list_share", "heading_ratio",
    "main_words", "main_share", "main_link_density",
)  # fmt: skip

PRODUCT_MARKS = frozenset({"product", "productgroup", "offer", "aggregateoffer", "product.group"})
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|EUR|USD|GBP|zł|kr)\b")
_URL_DATE = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d)(?:/|$)|/(?:19|20)\d\d[01]\d[0-3]\d")
_NUMERIC_ID = re.compile(r"\d{5,}")
_WORD = re.compile(r"\w+")
# class/id words of shop, rating and comment widgets (matched on whole tokens)
_CART = frozenset({"cart", "basket", "add-to-cart", "addtocart", "checkout", "buy", "sku"})
_RATING = frozenset({"rating", "ratings", "stars", "star-rating", "reviews", "review"})
_COMMENT = frozenset({"comment", "comments", "reply", "replies", "post", "posts", "thread"})
_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")


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
    text_chars: int = 0
    link_chars: int = 0


@functools.lru_cache(maxsize=8192)
def _marks(label: tuple[str | None, str | None, str | None]) -> tuple[bool, bool, bool, bool]:
    """(cart, rating, comment, price) words in a class/id/itemprop; pages repeat their class
    names hundreds of times, so each is read once."""
    tokens = set(_TOKEN.findall(" ".join(v for v in label if v).lower()))
    for token in list(tokens):
        tokens.update(token.split("-"))
    return (
        not tokens.isdisjoint(_CART),
        not tokens.isdisjoint(_RATING),
        not tokens.isdisjoint(_COMMENT),
        "price" in tokens,
    )


_LABELLED = etree.XPath("//*[@class or @id or @itemprop]")


def tree_signals(root: etree._Element) -> TreeSignals:
    """Counts over the page (scripts and styles already removed); the tree is walked by libxml2,
    Python only sees the elements that have a class, id or itemprop."""
    signals = TreeSignals(
        articles=int(root.xpath("count(//article)")),
        times=int(root.xpath("count(//time)")),
        forms=int(root.xpath("count(//form|//input|//select|//textarea)")),
        text_chars=sum(len(t.strip()) for t in root.itertext()),
        link_chars=sum(len(t.strip()) for a in root.iter("a") for t in a.itertext()),
    )
    for el in _LABELLED(root):
        cart, rating, comment, price = _marks((el.get("class"), el.get("id"), el.get("itemprop")))
        signals.cart_marks += cart
        signals.rating_marks += rating
        signals.comment_marks += comment
        signals.price_marks += price
    return signals


def _url_features(url: str | None) -> list[float | None]:
    try:
        parts = urlsplit(url.strip()) if url else None
    except ValueError:
        parts = None
    if parts is None or not parts.hostname:
        return [None] * 7  # unknown, not "no slug": the model reads them as average
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else ""
    stem = last.rsplit(".", 1)[0]
    slug_words = len(_WORD.findall(stem.replace("_", "-")))
    return [
        float(min(len(segments), 6)),
        float(slug_words >= 4 and "-" in stem),
        _log(min(slug_words, 15)),
        float(bool(_URL_DATE.search(parts.path))),
        float(bool(_NUMERIC_ID.search(last))),
        float(bool(parts.query)),
        float("." in last),
    ]


def _log(value: float) -> float:
    return math.log1p(max(value, 0.0))


def page_features(
    meta: PageMetadata,
    title: str | None,
    url: str | None,
    signals: TreeSignals,
    blocks: list[Block],
    *,
    has_author: bool,
    page_chars: int,
    main_link_density: float,
    headline_links: int,
) -> list[float | None]:
    """The values of `FEATURES`, in order (None: unknown, such as the URL of a saved file)."""
    paragraphs = [b.text for b in blocks if b.kind in ("paragraph", "quote")]
    chars = sum(len(b.text) for b in blocks) or 1
    list_chars = sum(len(b.text) for b in blocks if b.kind == "list_item")
    prose = sum(len(t) for t in paragraphs if len(t) >= 150)
    headings = sum(b.kind == "heading" for b in blocks)
    words = sum(len(_WORD.findall(b.text)) for b in blocks)
    types = meta.page_types
    return [
        float(bool(types & ARTICLE_TYPES)),
        float(bool(types & (LISTING_TYPES - {"website"}))),
        float(bool(types & PRODUCT_MARKS)),
        float("article" in types),
        float(has_author),
        float(bool(meta.dates)),
        _log(len(_WORD.findall(title or ""))),
        *_url_features(url),
        _log(signals.articles),
        _log(signals.times),
        _log(signals.forms),
        _log(signals.price_marks + len(_PRICE.findall(" ".join(paragraphs[:40])))),
        _log(signals.cart_marks),
        _log(signals.rating_marks),
        _log(signals.comment_marks),
        signals.link_chars / max(signals.text_chars, 1),
        _log(headline_links),
        _log(len(paragraphs)),
        _log(sum(len(t) for t in paragraphs) / max(len(paragraphs), 1)),
        prose / chars,
        list_chars / chars,
        headings / max(len(paragraphs), 1),
        _log(words),
        min(chars / max(page_chars, 1), 1.0),
        main_link_density,
    ]
