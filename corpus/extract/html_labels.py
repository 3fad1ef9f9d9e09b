"""The vocabulary of HTML cleaning: which tags hold text, and which class/id names mean boilerplate.

Kept apart from `html_text` so that the word lists, which grow with every site we meet, do not
bury the method. Tokens come from class and id attributes split on anything but letters and
digits ("share-box__item" -> share, box, item); a name is a whole class ("read-more").
"""

from __future__ import annotations

import functools
import re

from lxml import etree

DROP_TAGS = (
    "script", "style", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "input", "select", "textarea", "option", "video", "audio", "map", "head", "link",
    "meta", "rt", "rp",
)  # fmt: skip
# `rt`/`rp` are ruby annotations (furigana, pinyin) and their fallback parentheses: read inline
# they double the text ("子<rt>こ</rt>" would become "子こ")
# never article text either, but libxml2 (not an HTML5 tree builder) sometimes nests the rest of
# a page inside an unclosed one: these go only when they hold little paragraph text
BOILERPLATE_TAGS = frozenset((
    "nav", "aside", "footer", "figcaption", "button", "label", "dialog", "menu", "header", "form",
    "noscript",
))  # fmt: skip
BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol",
    "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td",
    "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "form",
    "fieldset", "address", "hr", "center", "details", "summary", "body", "html", "hgroup",
    "legend", "menu", "dialog",
))  # fmt: skip
PARAGRAPH_TAGS = frozenset((
    "p", "pre", "blockquote", "li", "dd", "dt", "h2", "h3", "h4", "h5", "h6", "td", "th",
    "address",
))  # fmt: skip
INLINE_TAGS = frozenset((
    "a", "span", "em", "strong", "b", "i", "u", "abbr", "cite", "code", "sup", "sub", "small",
    "mark", "q", "s", "font", "bdi", "bdo", "dfn", "kbd", "samp", "var", "ins", "del",
))  # fmt: skip

# class/id tokens (split on anything but letters and digits) and whole class names that mark
# boilerplate
BOILERPLATE_TOKENS = frozenset((
    "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "footer",
    "sidebar", "related", "recommended", "recirc", "readmore", "share", "sharing", "shares",
    "social", "sharethis", "addthis", "newsletter", "subscribe", "subscription", "signup",
    "cookie", "cookies", "consent", "gdpr", "banner", "ad", "ads", "advert", "adverts",
    "advertisement", "adslot", "adunit", "dfp", "sponsor", "sponsored", "promo", "outbrain",
    "taboola", "comment", "comments", "disqus", "caption", "captions", "credit", "credits",
    "copyright", "tags", "pagination", "pager", "popup", "modal", "overlay", "toolbar",
    "masthead", "trending", "popular", "login", "jump", "toc",
    "rating", "tools", "utility", "byline", "dateline", "timestamp", "meta", "author", "date",
    "time", "published", "updated", "teaser", "slideshow", "gallery", "bio", "reply", "replies",
    "discussion", "respond", "responses", "relatedposts", "livefyre", "timeline", "ticker",
    "liveticker", "newsticker",
))  # fmt: skip
# these name boilerplate even beside a content word ("reply-content post-content")
STRONG_TOKENS = frozenset((
    "comment", "comments", "reply", "replies", "discussion", "respond", "responses", "disqus",
    "livefyre", "related", "relatedposts", "recommended", "newsletter", "subscribe", "share",
    "sharing", "social", "cookie", "cookies", "consent", "advert", "advertisement", "sponsor",
    "sponsored", "outbrain", "taboola",
))  # fmt: skip
BOILERPLATE_NAMES = frozenset((
    "read-more", "more-stories", "also-read", "most-read", "author-bio", "sr-only",
    "screen-reader-text", "visually-hidden", "wp-caption-text", "post-meta", "entry-meta",
    "article-meta", "site-footer", "is-hidden", "d-none", "skip-link", "skip-links",
    "skip-to-content",
))  # fmt: skip
CONTENT_TOKENS = frozenset((
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose",
))  # fmt: skip
# whole blocks that are page furniture, whatever element holds them
STOCK_PHRASES = re.compile(
    r"^(?:advertisement|anzeige|publicité|share (?:this|on)\b.*|follow us\b.*|sign up\b.*|"
    r"subscribe\b.*|read more\b.*|related(?: articles| stories)?:?|see also:?|tags?:.*|"
    r"(?:©|copyright)\s.*|all rights reserved.*|click here\b.*|continue reading\b.*|"
    r"(?:photo|image|foto|picture)(?: credit)?:.*|more from\b.*|recommended\b.*|"
    r"skip to (?:main )?content|this article (?:was|is) (?:originally )?(?:published|updated)\b.*|"
    r"we use cookies\b.*|accept (?:all )?cookies|"
    r"this field is (?:hidden|for validation)\b.*|by (?:signing up|subscribing|clicking)\b.*|"
    r"(?:medically |fact[- ])?(?:reviewed|written|fact[- ]checked|edited) by\b.*|"
    r"as an amazon associate\b.*|print(?: this (?:page|article))?|table of contents|"
    r"view (?:this|the full) (?:post|profile|photo|video|reel)(?: on \w+)?|"
    r"an? (?:post|photo|video) shared by\b.*)$",
    re.IGNORECASE,
)
# a caption's credit at its end: "(Photo by Jane Roe/Agency)", "Photograph: John Doe/Agency"
CREDIT_END = re.compile(
    r"(?:\((?:photo|image|picture|foto|bild|video)s?\b[^()]{0,80}\)|"
    r"\b(?:photo(?:graph)?|image|picture|foto|bild)s?(?: credit)?\s*(?:by\b|:)\s*[^.!?]{1,60})$",
    re.IGNORECASE,
)
# blocks of any length that are never text: a sign-up form's consent notice ("By signing up,
# you agree to receive ..."). Not "Lorem ipsum": test pages use it as their text.
NEVER_TEXT = re.compile(
    r"^by (?:signing up|subscribing|clicking|submitting|registering|entering your|providing your)"
    r"\b[^.]{0,120}\b(?:you|i) (?:agree|consent|accept|acknowledge)\b",
    re.IGNORECASE,
)
# headings of recommendation and summary boxes: the heading and the box it opens are not text
BOX_HEADING = re.compile(
    r"^(?:story highlights|(?:you )?(?:might|may) also (?:like|enjoy)|most (?:read|popular|viewed|"
    r"shared|watched)|(?:top|popular|trending|recommended|related|more) (?:stories|articles|news|"
    r"posts|reads)|trending(?: now)?|recommended(?: for you)?|related(?: content| coverage)?|"
    r"read (?:more|next)|more from .{1,40}|editor'?s? picks?|don'?t miss)\W*$",
    re.IGNORECASE,
)
# headings after which a page has only back matter: the author's bio, sources, related posts,
# comments (not "References": as many pages count them as text as not); read on the blocks (a heading, or a short line) in the second half of the text
TAIL_HEADING = re.compile(
    r"^(?:about the (?:authors?|reviewers?|writers?|contributors?|experts?)|(?:meet )?the authors?|"
    r"(?:article )?sources|"
    r"(?:related|recent|popular|latest|more|similar) (?:posts|articles|stories|reads|reading|"
    r"topics|news)|comments|(?:leave|post) a (?:reply|comment)|\d+ (?:comments?|responses|replies)|"
    r"(?:you|we think you) (?:might|may|will) also (?:like|enjoy)|keep reading|up next)\W*$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[a-z0-9]+")


def names_boilerplate(el: etree._Element, *, content_protects: bool = False) -> bool:
    """The element's class or id names boilerplate; with `content_protects`, unless it also names
    content ("entry-content paywall-container" is the article behind a paywall)."""
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    if ident and ident.count("-") + ident.count("_") > 2:
        ident = None  # a slug made from a heading ('sharing-with-a-single-developer')
    return _is_boilerplate_label(f"{cls or ''} {ident or ''}", content_protects)


@functools.lru_cache(maxsize=16384)
def _is_boilerplate_label(label: str, content_protects: bool) -> bool:
    """Pages repeat the same class names hundreds of times: each is split and judged once."""
    label = label.lower()
    if not BOILERPLATE_NAMES.isdisjoint(label.split()):
        return True
    tokens = _TOKEN.findall(label)  # (a quarter faster than splitting at the rest)
    if BOILERPLATE_TOKENS.isdisjoint(tokens):
        return False  # most labels: no set of their tokens is built
    if not content_protects or CONTENT_TOKENS.isdisjoint(tokens):
        return True
    return not STRONG_TOKENS.isdisjoint(tokens)


# regions whose dates and bylines are not the article's: comments, sidebars, related stories
ELSEWHERE = frozenset(
    [
        "comment",
        "comments",
        "reply",
        "replies",
        "related",
        "sidebar",
        "recent",
        "popular",
        "teaser",
        "recirc",
        "footer",
        "respond",
        "discussion",
    ]
)
ELSEWHERE_START = re.compile(r"(?:^|\s)(?:" + "|".join(sorted(ELSEWHERE)) + r")(?:$|[\s_-])")


def is_elsewhere(label: str) -> bool:
    """A class or id that starts with 'comment', 'related', 'sidebar'... ('has-sidebar' does
    not: it marks a page layout, not a box)."""
    return ELSEWHERE_START.search(label) is not None


def label_of(el: etree._Element) -> str:
    """An element's class, id and rel, lower-cased, as one string to search."""
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('rel') or ''}".lower()
