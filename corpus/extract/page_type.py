"""Which kind of page is this, when it is not an article: product, collection, listing, service,
forum, documentation.

A news lake wants articles; shops, category pages, section fronts and home pages carry prose too
(descriptions, blurbs), so the text alone does not tell them apart. Two kinds of evidence:

1. Rules, for what publishers write for machines: a `DiscussionForumPosting` or `QAPage`
   (without an article type) is a forum thread, and so is a page in a forum engine's folder
   (`/t/`, `/threads/`, `/questions/`, `viewtopic.php`), authors or not; a JSON-LD / OpenGraph
   `Product` (or product group, offer) on a page that declares no article type and names no
   author is a product page; a `CollectionPage` or `SearchResultsPage` as the page's own type is
   a collection. A page that declares an article type is not rejected by those rules (SEO plugins
   declare one on service and documentation pages too: the model still judges those), with one
   gate: a page of under `PRODUCT_WORDS` words that declares a product and no story type (a news,
   blog or review type; a bare `Article` is the plugins' default) is a product page, author or
   not (shops name the brand as the author). On WCXB-dev it rejects 19 pages that reached the
   model (15 product, 3 service, 1 collection; 9-11 of them kept by the model in grouped CV),
   and no article: the pages declaring a product with a story type, or a long text, are reviews
   and buying guides (session 22).
2. The learned model (`page_model`), for every other page with a URL: its shape
   (`page_features`), including what used to be rules of their own and lost articles: the home
   page (`/`; a one-story blog's home is an article), a shop, taxonomy, service or docs folder
   (`/services/…`), a path ending in a section name (`/blog`), many headline links beside little
   running text in the main container (a listing; a guide with linked subheadings is not).

Without the model (no URL, a fragment of a JSON field, or no weights file), those shapes fall
back to the rules they once were: the listing shape, then the URL's home, folder or section,
and a page with an author is not rejected by its URL.

Measured on WCXB-dev (see benchmarks/extraction.py and benchmarks/train_page_type.py).
"""

from __future__ import annotations

from corpus.extract.html_meta import ARTICLE_TYPES, PageMetadata
from corpus.extract.page_features import url_folder_kind, url_section_kind, url_segments
from corpus.extract.page_model import load_model

PRODUCT_TYPES = frozenset(
    {"product", "productgroup", "product.group", "ebay-objects:item", "offer", "aggregateoffer"}
)
COLLECTION_TYPES = frozenset({"collectionpage", "searchresultspage"})
FORUM_TYPES = frozenset({"discussionforumposting", "qapage"})
# types that make a page declaring a product a story about it (a review, a buying guide)
STORY_TYPES = (ARTICLE_TYPES - {"article"}) | {"review"}
PRODUCT_WORDS = 1000
# folders of forum engines and Q&A sites (Discourse `/t/`, phpBB, vBulletin, Stack Exchange,
# Reddit); a thread has authors and dates like an article, so these are read before the author
# rule
_FORUM_FOLDERS = frozenset({"t", "threads", "thread", "topic", "forum", "forums", "questions",
                            "comments", "discussion", "discussions"})  # fmt: skip
_FORUM_PAGES = frozenset({"viewtopic.php", "showthread.php", "viewthread.php"})


def detect_page_type(
    meta: PageMetadata,
    url: str | None,
    has_author: bool,
    features: list[float | None] | None = None,
    *,
    listing_shape: bool = False,
    words: int | None = None,
) -> str | None:
    """'product', 'collection', 'listing', 'service', 'forum', 'documentation' or 'front' when the
    page is one of those, by the rules or else by the model (given the page's `features`);
    None when it may be an article."""
    if kind := rule_page_type(meta, url, has_author, words=words):
        return kind
    if features is not None and model_judges(url):
        return load_model().other_type(features)  # type: ignore[union-attr]
    if meta.page_types & ARTICLE_TYPES:
        return None
    return fallback_page_type(url, has_author, listing_shape=listing_shape)


def model_judges(url: str | None) -> bool:
    """Whether the model is asked about a page at this URL (given its features): callers skip
    computing the features when it is not. The model learnt from pages with URLs: without one
    it lacks its strongest signals (slug, date in the path) and errs on articles (readability
    set: 3 of 130 rejected). It judges pages that declare an article type too: 111 of
    WCXB-dev's other pages do (SEO plugins)."""
    return bool(url) and load_model() is not None


def rule_page_type(
    meta: PageMetadata, url: str | None, has_author: bool, *, words: int | None = None
) -> str | None:
    """The structured-data and forum rules of the module docstring (1); `words`: of the main
    text (None: unknown, the product gate stays shut)."""
    types = meta.page_types
    if (
        words is not None
        and words < PRODUCT_WORDS
        and types & PRODUCT_TYPES
        and not types & STORY_TYPES
    ):
        return "product"
    if meta.page_types & ARTICLE_TYPES:
        return None
    if meta.page_types & FORUM_TYPES:
        return "forum"
    segments = url_segments(url)
    if segments and (segments[-1] in _FORUM_PAGES or not _FORUM_FOLDERS.isdisjoint(segments[:-1])):
        return "forum"
    if has_author:
        return None
    if meta.page_types & PRODUCT_TYPES:
        return "product"
    if meta.page_types & COLLECTION_TYPES:
        return "collection"
    return None


def fallback_page_type(url: str | None, has_author: bool, *, listing_shape: bool) -> str | None:
    """The shapes the model weighs, as plain rules, for pages the model cannot judge."""
    if listing_shape:
        return "listing"
    segments = url_segments(url)
    if segments is None or has_author:
        return None
    if not segments:
        return "front"
    return url_folder_kind(segments) or url_section_kind(segments)
