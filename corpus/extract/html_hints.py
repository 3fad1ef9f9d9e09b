"""What a page shows about its dates and bylines outside structured metadata, read in one walk
before boilerplate is removed (`collect_hints`), or only around the headline
(`shown_near_headline`). `corpus.extract.html_dates` turns these hints into a publication date.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from corpus.extract.html_labels import ELSEWHERE, is_elsewhere, label_of
from corpus.extract.html_text import raw_text, text_of
from corpus.normalize.dates import find_date_in_text

MAX_HINTS = 80
MAX_PAGE_TEXTS = 300
# the headline's neighbourhood, in characters of shown text: a date there is the article's own
# (measured on the dev sets' pages without structured dates, benchmarks/extraction.py)
HEADLINE_MIN_CHARS = 10
AFTER_HEADLINE_CHARS = 300
BEFORE_HEADLINE_CHARS = 150
MAX_DATE_LINE = 120  # a longer text is prose: only its opening is read for a date
BYLINE_LABEL = re.compile("byline|author|writer|autor|auteur|contributor")
_HINT_LABEL = re.compile(
    "date|time|publi|posted|meta|info|detail|datum|byline|author|writer|autor|auteur|contributor"
)
_DIGIT = re.compile(r"\d")
MODIFIED = re.compile(
    r"updat|modif|aktualisiert|geändert|änderung|mis à jour|actualizado|aggiornato|bijgewerkt|"
    r"edited",
    re.IGNORECASE,
)
_SCRIPT_DATE = re.compile(
    r'"(?:datePublished|date_published|published_at|publishedAt|publishDate|publishedDate|'
    r'publish_date|pubDate|publication_date|firstPublished|first_published_at|dateCreated)"'
    r'\s*:\s*"([^"]{6,40})"'
)


class ShownItem(NamedTuple):
    # 'text' (an element's own), 'tail' (text after an element), 'time' (a datetime), 'update'
    # (the datetime or text of a `<time>` marked as an update: read only by `shown_update`)
    kind: str
    value: str
    label: str  # the end of the text shown before it ("Published on", "Updated:")


@dataclass(slots=True)
class DateHints:
    """What the page says about dates and bylines outside structured metadata.

    Texts carry whether they come after the page's first `h1` (the headline): dates there are
    the article's own; those before it are often today's date in the site header.
    """

    times: list[tuple[str, bool]] = field(default_factory=list)  # (<time> value, after)
    texts: list[tuple[str, bool]] = field(default_factory=list)  # (date-like element, after)
    bylines: list[str] = field(default_factory=list)
    script_dates: list[str] = field(default_factory=list)
    page_texts: list[tuple[str, bool]] = field(default_factory=list)  # (text with digits, after)
    # the texts and `<time>` values shown just after the headline, then (nearest first) just
    # before it: see `headline_date`
    after_headline: list[ShownItem] = field(default_factory=list)
    before_headline: list[ShownItem] = field(default_factory=list)


_ANY_LABEL = re.compile("|".join((*sorted(ELSEWHERE), _HINT_LABEL.pattern)))


@functools.lru_cache(maxsize=16384)
def _may_matter(label: str) -> bool:
    """The label names a hint or a box to skip. Pages repeat the same class names hundreds of
    times: each is searched once (the search was ~15% of `collect_hints`)."""
    return _ANY_LABEL.search(label) is not None


def collect_hints(root: etree._Element, html: str) -> DateHints:
    """Date and byline hints from the page, read before boilerplate is removed.

    Comment threads, sidebars and related-story boxes are skipped: their dates are not the
    article's.
    """
    hints = DateHints()
    hints.script_dates = _SCRIPT_DATE.findall(html, 0, 2_000_000)[:5]
    body = root.find("body")
    if body is None:
        return hints
    page_chars = -1  # measured when first needed
    after_h1 = False
    elsewhere: etree._Element | None = None
    n_hints = 0
    headline = _HeadlineWindow(hints)
    # the headline's window is still open: once closed (or with no headline), it ignores events
    window = _may_have_headline(body)
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, el in walk:
        if event == "end":
            if el is elsewhere:  # (a box that is an `h1` is no headline)
                elsewhere = None
            elif not after_h1 and el.tag == "h1":
                after_h1 = True
            if window and (el is headline.headline or el is headline.skipped):
                headline.end(el)  # (asked only of the elements it acts on: most events)
            text = el.tail
        else:
            text = el.text
            tag = el.tag
            if el.get("class") or el.get("id") or el.get("rel"):
                label = label_of(el)
                if not _may_matter(label):
                    pass  # most elements: neither a hint nor a box to skip
                elif tag not in ("body", "main", "article") and is_elsewhere(label):
                    if page_chars < 0:
                        page_chars = len(text_of(body))
                    if _shorter_than(el, 0.4 * page_chars):  # not a mis-nested wrapper
                        elsewhere = el
                        # nothing inside is read: the walk goes on at its end (an `h1` inside
                        # still means what follows the box is after the headline)
                        walk.skip_subtree()
                        after_h1 = after_h1 or el.find(".//h1") is not None
                        continue
                elif n_hints < MAX_HINTS and _hint(el, label, after_h1, hints):
                    n_hints += 1
            if tag == "time":
                _time(el, hints, after_h1)
            if window and tag in _WINDOW_TAGS:
                headline.start(el, tag)
        if text and not text.isspace():  # (most texts are the spaces between tags)
            if window:
                headline.text(text, tail=event == "end")
                window = headline.left != 0
            if len(text) >= 6 and len(hints.page_texts) < MAX_PAGE_TEXTS and _DIGIT.search(text):
                hints.page_texts.append((text[:300], after_h1))
    return hints


def shown_near_headline(root: etree._Element) -> DateHints:
    """Only what is shown around the headline (`DateHints.after_headline`, `before_headline`),
    for pages whose other hints are not needed: the walk stops at the window's end."""
    hints = DateHints()
    body = root.find("body")
    if body is None or not _may_have_headline(body):
        return hints
    window = _HeadlineWindow(hints)
    box: etree._Element | None = None  # a comment thread or related-story box: not read
    page_chars = -1  # measured when first needed
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, el in walk:
        if event == "end":
            if el is box:
                box = None
            if el is window.headline or el is window.skipped:
                window.end(el)  # (asked only of the elements it acts on: most events)
            text = el.tail
        else:
            text = el.text
            tag = el.tag
            if (
                box is None
                and (el.get("class") or el.get("id"))
                and tag not in ("main", "article")
                and is_elsewhere(label_of(el))
            ):
                if page_chars < 0:
                    page_chars = len(text_of(body))
                if _shorter_than(el, 0.4 * page_chars):  # not a mis-nested wrapper
                    box = el
                    walk.skip_subtree()  # nothing inside is read: on to its end
            if box is None and tag in _WINDOW_TAGS:
                window.start(el, tag)
        if box is None and text and not text.isspace():
            window.text(text, tail=event == "end")
            if window.left == 0:
                break  # past the window: nothing more is recorded
    return hints


def _shorter_than(el: etree._Element, chars: float) -> bool:
    """`len(text_of(el)) < chars`, without folding the text when its raw length already says so
    (folding whitespace never lengthens it): most boxes are far shorter than the page."""
    raw = raw_text(el)
    return len(raw) < chars or len(" ".join(raw.split())) < chars


class _HeadlineWindow:
    """Records the texts and `<time datetime>` values shown around the headline (the first `h1`
    of `HEADLINE_MIN_CHARS` or more that is not the site's name): those in the
    `BEFORE_HEADLINE_CHARS` before it, nearest first, and those in the `AFTER_HEADLINE_CHARS`
    after it. Each item keeps the end of the text shown before it when that has no digit: its
    label ("Updated:").
    Captions and menus are left out, and so is a `<time>` marked as an update, with its text; one whose text shows a full date
    is read from that text (what readers see: the attribute is sometimes another instant)."""

    __slots__ = ("headline", "hints", "label", "left", "recent", "skipped")

    def __init__(self, hints: DateHints) -> None:
        self.hints = hints
        self.recent: deque[ShownItem] = deque(maxlen=16)  # the last items before the headline
        self.headline: etree._Element | None = None
        self.left = -1  # characters still to record after the headline; -1: not there yet
        self.label = ""
        self.skipped: etree._Element | None = None  # an update's `<time>`: its text is not read

    def start(self, el: etree._Element, tag: str) -> None:
        """An element opens (`tag`, its tag: the walk read it); only those of `_WINDOW_TAGS`
        matter, and the walks ask only about those."""
        if self.skipped is not None:
            return
        if tag in _NOT_SHOWN_BESIDE:
            self.skipped = el
        elif tag == "time" and self.left != 0:
            if is_update(el.get("class") or ""):
                self.skipped = el
                if value := el.get("datetime") or text_of(el):
                    self._add(ShownItem("update", value, self.label))
            elif (value := el.get("datetime")) and find_date_in_text(text_of(el)) is None:
                self._add(ShownItem("time", value, self.label))
        elif tag == "h1" and self.headline is None and not _is_site_name(el):
            self.headline = el
            chars = 0
            for item in reversed(self.recent):
                if chars > BEFORE_HEADLINE_CHARS:
                    break
                self.hints.before_headline.append(item)
                chars += len(item.value) + 1 if item.kind not in ("time", "update") else 0

    def end(self, el: etree._Element) -> None:
        if el is self.headline:
            self.left = AFTER_HEADLINE_CHARS
        elif el is self.skipped:
            self.skipped = None

    def text(self, raw: str, *, tail: bool = False) -> None:
        if raw.isspace():
            return  # most texts between tags: nothing shown
        if self.left == 0 or (self.headline is not None and self.left < 0):
            return  # past the window, or the headline's own text
        if self.skipped is not None:
            return
        text = " ".join(raw.split())
        if not text:
            return
        if len(text) > MAX_DATE_LINE:  # prose: a date in it is an event's, but for a dateline's
            text = text[:40]
        if self.left > 0:
            self.left = max(self.left - len(text), 0)
        self._add(ShownItem("tail" if tail else "text", text, self.label))
        self.label = "" if _DIGIT.search(text) else text[-30:]  # a label has no date in it

    def _add(self, item: ShownItem) -> None:
        if self.left > 0:
            self.hints.after_headline.append(item)
        elif self.headline is None:
            self.recent.append(item)


# a picture's caption or credit, a menu: not the article's date or byline
_NOT_SHOWN_BESIDE = frozenset(("figure", "figcaption", "nav"))
_WINDOW_TAGS = _NOT_SHOWN_BESIDE | {"time", "h1"}  # the tags `_HeadlineWindow.start` reads
_SITE_NAME_LABEL = re.compile("site|logo|brand|masthead")


def _may_have_headline(body: etree._Element) -> bool:
    """An `h1` that may be the headline: without one the window records nothing, and walking
    the whole page for it was most of the cost of reading around the headline."""
    return any(not _is_site_name(h1) for h1 in body.iter("h1"))


def _is_site_name(h1: etree._Element) -> bool:
    """A short `h1`, or one that names the site (its class, or a link to the home page)."""
    if len(text_of(h1)) < HEADLINE_MIN_CHARS or _SITE_NAME_LABEL.search(label_of(h1)):
        return True
    link = h1.find(".//a")
    return link is not None and (
        link.get("rel") == "home" or re.fullmatch(r"(?:https?://[^/]+)?/?", link.get("href") or "")
    )


def is_update(label: str) -> bool:
    """A class or label that marks a modification date ("updated", but not "published updated",
    as WordPress marks a post never edited)."""
    return MODIFIED.search(label) is not None and "publi" not in label.lower()


def _time(el: etree._Element, hints: DateHints, after_h1: bool) -> None:
    context = f"{el.get('class') or ''} {el.get('itemprop') or ''} {text_of(el)[:80]}"
    parent = el.getparent()
    if parent is not None:
        context += f" {parent.get('class') or ''} {(parent.text or '')[-40:]}"
    value = el.get("datetime") or text_of(el)
    if value and not MODIFIED.search(context):
        hints.times.append((value, after_h1))


def _hint(el: etree._Element, label: str, after_h1: bool, hints: DateHints) -> bool:
    if not _HINT_LABEL.search(label):
        return False
    is_byline = BYLINE_LABEL.search(label) is not None
    text = text_of(el)
    if not text or len(text) > 200:
        return False
    head = f"{label} {text[:40]}"
    if is_byline and not MODIFIED.search(text):
        hints.bylines.append(text)
    if not MODIFIED.search(head):
        hints.texts.append((text, after_h1))
    return True
