"""Which kind of page is this, when it is not an article: product, collection, listing, service,
forum, documentation.

A news lake wants articles; shops, category pages, section fronts and home pages carry prose too
(descriptions, blurbs), so the text alone does not tell them apart. The signals used here are
the ones publishers write for machines, in this order:

1. Structured data: a `DiscussionForumPosting` or `QAPage` (without an article type) is a forum
   thread, and so is a page in a forum engine's folder (`/t/`, `/threads/`, `/questions/`,
   `viewtopic.php`), authors or not; a JSON-LD / OpenGraph `Product` (or product group, offer)
   on a page that declares no article type and names no author is a product page; a `CollectionPage`,
   `ItemList` or `SearchResultsPage` as the page's own type is a collection.
2. The URL: a site's home page (`/`) is a front page; a path under a shop or taxonomy folder
   (`/products/...`, `/collections/...`, `/category/...`, `/tag/...`, `/shop/...`,
   `/services/...`) is a product, collection or service page, one under `/docs/`,
   `/reference/`, `/api/` or a versioned docs folder (`/en/latest/`) is documentation; a path
   that ends in a section name (`/blog`, `/news`, `/products`) is that section's front.

A page that declares an article type (`NewsArticle`, `BlogPosting`, ...) is never rejected by the
URL rules, and neither is one with an author (except in a forum's folders): those are articles
that happen to live in a shop's folder.

3. The learned model (`page_model`), for pages with a URL that no rule decided: their shape
   (`page_features`).

Measured on WCXB-dev (see benchmarks/extraction.py and benchmarks/train_page_type.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from corpus.extract.html_meta import ARTICLE_TYPES, PageMetadata
from corpus.extract.page_model import load_model

PRODUCT_TYPES = frozenset(
    {"product", "productgroup", "product.group", "ebay-objects:item", "offer", "aggregateoffer"}
)
COLLECTION_TYPES = frozenset({"collectionpage", "searchresultspage"})
FORUM_TYPES = frozenset({"discussionforumposting", "qapage"})
# folders of forum engines and Q&A sites (Discourse `/t/`, phpBB, vBulletin, Stack Exchange,
# Reddit); a thread has authors and dates like an article, so these are read before the author
# rule
_FORUM_FOLDERS = frozenset({"t", "threads", "thread", "topic", "forum", "forums", "questions",
                            "comments", "discussion", "discussions"})  # fmt: skip
_FORUM_PAGES = frozenset({"viewtopic.php", "showthread.php", "viewthread.php"})
# folder names (not the last path segment) that hold pages of one kind
_FOLDERS = {
    "products": "product", "product": "product", "shop": "product", "store": "product",
    "itm": "product", "dp": "product", "collections": "collection", "category": "collection",
    "categories": "collection", "catalog": "collection", "catalogue": "collection",
    "tag": "listing", "tags": "listing", "search": "listing", "services": "service",
    "docs": "documentation", "doc": "documentation", "documentation": "documentation",
    "reference": "documentation", "manual": "documentation", "api": "documentation",
    "latest": "documentation", "stable": "documentation",
}  # fmt: skip
# a path ending in one of these is the front of that section
_SECTIONS = {
    "blog": "listing", "blogs": "listing", "news": "listing", "articles": "listing",
    "products": "collection", "shop": "collection", "collections": "collection",
    "category": "listing", "categories": "listing", "tags": "listing", "topics": "listing",
    "services": "service", "solutions": "service", "pricing": "service", "store": "collection",
}  # fmt: skip


def _segments(url: str | None) -> list[str] | None:
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return [s for s in parts.path.lower().split("/") if s]


def detect_page_type(
    meta: PageMetadata, url: str | None, has_author: bool, features: list[float] | None = None
) -> str | None:
    """'product', 'collection', 'listing', 'service', 'forum', 'documentation' or 'front' when the
    page is one of those, by the rules or else by the model (given the page's `features`);
    None when it may be an article."""
    kind = rule_page_type(meta, url, has_author)
    # the model learnt from pages with URLs: without one it lacks its strongest signals (slug,
    # date in the path) and errs on articles (readability set: 3 of 130 rejected)
    if kind is None and url and features is not None and (model := load_model()) is not None:
        kind = model.other_type(features)
    return kind


def rule_page_type(meta: PageMetadata, url: str | None, has_author: bool) -> str | None:
    """The hand-written rules of the module docstring (1 and 2)."""
    declared_article = bool(meta.page_types & ARTICLE_TYPES)
    if declared_article:
        return None
    if meta.page_types & FORUM_TYPES:
        return "forum"
    segments = _segments(url)
    if segments and (segments[-1] in _FORUM_PAGES or not _FORUM_FOLDERS.isdisjoint(segments[:-1])):
        return "forum"
    if has_author:
        return None
    if meta.page_types & PRODUCT_TYPES:
        return "product"
    if meta.page_types & COLLECTION_TYPES:
        return "collection"
    if segments is None:
        return None
    if not segments:
        return "front"
    for folder in segments[:-1]:
        if folder in _FOLDERS:
            return _FOLDERS[folder]
    last = segments[-1].rsplit(".", 1)[0]
    return _SECTIONS.get(last)
