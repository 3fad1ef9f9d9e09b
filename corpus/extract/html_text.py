"""Main text of an HTML page as `Block`s, boilerplate left out.

The method (our own, tuned on the readability and htmldate dev sets, see benchmarks/extraction.py):

1. Parse with lxml; drop elements that never hold article text (scripts, form controls, `nav`,
   `aside`, `footer`, `figcaption`, hidden elements, labels placed over a chart by their
   offsets) and elements whose class or id names
   boilerplate (share, newsletter, related, cookie, ad, caption, comments, ...) unless they hold
   a large share of the page's paragraph text (then they are layout wrappers, whatever their name).
2. Score: every paragraph-like element (`p`, `pre`, `blockquote`, `td`, a `div` holding text
   directly) counts its text, less link text, as "good text"; list items count half (teaser
   lists); containers add up their children.
3. Choose: from `<body>`, descend into the child that holds nearly all (`DESCEND_SHARE`) of the
   current container's good text, and stop where the text is spread over several children.
4. Emit blocks in document order inside the chosen container: `h2`–`h4` as `heading`,
   `blockquote` as `quote`, `li` as `list_item`, anything else as `paragraph`; link lists,
   containers without any paragraph text (widgets, menus; a short sentence alone in a `div` is
   text) and stock phrases ("Share this article", "Advertisement") are dropped, and so are the
   later copies of a paragraph or a section that a template repeats down the page. Anchors in
   the page (`#notes`) are not links.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import NamedTuple

from lxml import etree

from corpus.extract.html_labels import (
    BLOCK_TAGS,
    BOILERPLATE_TAGS,
    BOX_HEADING,
    CREDIT_END,
    DROP_TAGS,
    INLINE_TAGS,
    NEVER_TEXT,
    PARAGRAPH_TAGS,
    STOCK_PHRASES,
    TAIL_HEADING,
    names_boilerplate,
)
from corpus.records import Block
from corpus.sanitize import clean_text

DESCEND_SHARE = 0.85
MIN_PARAGRAPH_CHARS = 25
MAX_LINK_DENSITY = 0.7  # links beyond this share of a block: a link list, not prose
WRAPPER_SHARE = 0.4  # a boilerplate-named element above this share of good text is a wrapper
# how much of its text counts as good text, by tag: list items half (teaser lists), headings none
_WEIGHT = {"li": 0.5, "h2": 0.0, "h3": 0.0, "h4": 0.0, "h5": 0.0, "h6": 0.0, "a": 0.0}
_HEADINGS = {"h2", "h3", "h4"}

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BREAK = "\u2029"  # stands for <br>: two in a row end a paragraph, one is a space
_PARAGRAPH_BREAK = re.compile(f"{_BREAK}\\s*{_BREAK}")

Stats = dict  # element -> [text, links, good]


def parse_html(html: str) -> etree._Element | None:
    """The document root, or None when there is no document (empty or unparseable). No index of
    `id` attributes is built (`collect_ids`): nothing looks elements up by id, and building it
    was 5% of the parse."""
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False
    )
    try:
        return etree.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, UnicodeError):
        return None


def document_tops(root: etree._Element) -> list[etree._Element]:
    """The document's top-level elements, in order: libxml2 may leave a second one after a
    page's end, which what reads "the whole document" (`//...`) must not miss."""
    top = root.getroottree().getroot()
    before = list(top.itersiblings(etree.Element, preceding=True))
    return [*reversed(before), top, *top.itersiblings(etree.Element)]


# an element's text, as `"".join(el.itertext())`, joined by libxml2 (2-4x faster; the same
# strings on all 1.5 million elements of the dev sets' pages)
_STRING = etree.XPath("string()", smart_strings=False)


def raw_text(el: etree._Element) -> str:
    """The element's text as the page has it (its own tail left out)."""
    return _STRING(el)


def text_of(el: etree._Element) -> str:
    """The element's text with runs of whitespace folded (like lxml.html's text_content)."""
    return " ".join(raw_text(el).split())


def drop_tree(el: etree._Element) -> None:
    """Remove `el` and its children, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if tail := el.tail:
        # lxml decodes character references such as `&#x2` into controls it then refuses to
        # store again: the moved text goes through the one sanitizing rule
        previous = el.getprevious()
        if previous is not None:
            previous.tail = clean_text((previous.tail or "") + tail)[0]
        else:
            parent.text = clean_text((parent.text or "") + tail)[0]
    parent.remove(el)


_STREAMED_ID = re.compile(r"^[SB]:\d+$")
# libxml2 gathers attributes fast and tests them in predicates slowly (4x slower on WCXB-dev):
# the elements with any of these attributes come from it, and Python keeps those that may hide
_HIDING_ATTRIBUTES = etree.XPath(
    "(descendant::*/@style | descendant::*/@hidden | descendant::*/@aria-hidden)/.."
)


def _maybe_hidden(body: etree._Element) -> list[etree._Element]:
    """Elements that may be hidden (`hidden`, `aria-hidden="true"`, a style saying "none" or
    "hidden"), in document order; `_is_hidden` decides."""
    found = []
    for el in _HIDING_ATTRIBUTES(body):
        style = el.get("style")
        if (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or (style is not None and ("none" in style or "hidden" in style or "top" in style))
        ):
            found.append(el)
    return found


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


# a label placed over an image by its offsets ("top:4.9%;left:96.6%"): chart and map legends
# drawn in HTML, read out of place as a run of numbers
_PLACED = re.compile(
    r"(?:^|;)\s*(?:top|bottom)\s*:[^;]*%.*(?:^|;)\s*(?:left|right)\s*:[^;]*%", re.IGNORECASE
)
MAX_LABEL_CHARS = 200


def _is_placed_label(el: etree._Element, chars: int) -> bool:
    style = el.get("style")
    return chars < MAX_LABEL_CHARS and bool(style and _PLACED.search(style))


def compute_stats(top: etree._Element) -> Stats:
    """[text, link text, good text] per element, in one pass over the elements in reverse
    document order (every element after all of its descendants), so each is visited once."""
    stats: Stats = {}
    # per element whose children were seen: text, links, good, text inside child blocks
    pending: dict[etree._Element, list[int]] = {}
    weight = _WEIGHT.get
    for el in reversed(list(top.iter())):
        tag = el.tag
        own_text = el.text
        text = len(own_text.strip()) if own_text and isinstance(tag, str) else 0
        sums = pending.pop(el, None)
        if sums is None:
            links = good = block_text = 0
        else:
            text += sums[0]
            links, good, block_text = sums[1], sums[2], sums[3]
        if tag == "a":
            links = text
        own = text - block_text  # text held directly, not inside a child block
        if own >= MIN_PARAGRAPH_CHARS:
            own_links = min(links, own)
            if own_links / own < MAX_LINK_DENSITY:
                good += int((own - own_links) * weight(tag, 1.0))
        stats[el] = [text, links, good]
        if el is top:
            break
        tail = el.tail
        carried = text + (len(tail.strip()) if tail else 0)  # the parent's text gains the tail
        parent = el.getparent()
        inside_block = text if tag in BLOCK_TAGS else 0
        sums = pending.get(parent)
        if sums is None:
            pending[parent] = [carried, links, good, inside_block]
        else:
            sums[0] += carried
            sums[1] += links
            sums[2] += good
            sums[3] += inside_block
    return stats


def _drop_counted(el: etree._Element, stats: Stats) -> None:
    """Drop `el` and take its figures off its ancestors, so `stats` stays usable. Every element
    from `el` up to the top `compute_stats` started from has figures, none above it has: the
    first ancestor without is where the walk up ends."""
    figures = stats.get(el)
    if figures is not None:
        text, links, good = figures
        for ancestor in el.iterancestors():
            totals = stats.get(ancestor)
            if totals is None:
                break
            totals[0] -= text
            totals[1] -= links
            totals[2] -= good
    drop_tree(el)


class Cleaned(NamedTuple):
    body: etree._Element
    stats: Stats
    page_chars: int  # characters of text the page showed before boilerplate was removed
    page_link_chars: int  # of which in links


def _maybe_boilerplate(body: etree._Element) -> list[etree._Element]:
    """Elements with a class or id, or a boilerplate tag, in document order; not inline ones (a
    link or a span inside running text goes with its paragraph). A Python filter over lxml's
    walk costs about half of the equivalent XPath's node set."""
    return [
        el
        for el in body.iterdescendants(etree.Element)
        if (tag := el.tag) in BOILERPLATE_TAGS
        or (tag not in INLINE_TAGS and (el.get("class") is not None or el.get("id") is not None))
    ]


def clean_tree(root: etree._Element) -> Cleaned:
    """The `<body>` without never-text, hidden and boilerplate elements, and its stats."""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    body = root.find("body")
    if body is None:
        body = root
    stats = compute_stats(body)
    page_chars, page_link_chars = stats[body][0], stats[body][1]
    all_good, share = max(stats[body][2], 1), WRAPPER_SHARE
    for el in _maybe_hidden(body):
        # streamed server rendering (React's `<div hidden id="S:0">`) ships the article in a
        # hidden element that a script moves into place; other hidden text is not shown
        streamed = (
            _STREAMED_ID.match(el.get("id") or "")
            and stats.get(el, (0, 0, 0))[2] >= share * all_good
        )
        if el not in stats or not stats[el][0]:
            continue
        if (_is_hidden(el) and not streamed) or _is_placed_label(el, stats[el][0]):
            _drop_counted(el, stats)
    total_good = max(stats[body][2], 1)
    for el in _maybe_boilerplate(body):
        figures = stats.get(el)
        if figures is None or not figures[0]:
            continue  # without any text: nothing to remove
        tag = el.tag
        if tag in ("header", "form"):
            if figures[2] < 400:
                _drop_counted(el, stats)
            continue
        if tag not in BOILERPLATE_TAGS and not names_boilerplate(el, content_protects=True):
            continue
        if figures[2] / total_good >= WRAPPER_SHARE:
            continue  # a layout wrapper or the article itself, whatever its name says
        _drop_counted(el, stats)
    return Cleaned(body, stats, page_chars, page_link_chars)


# WCXB-dev articles, body F1: 0.936 without the hint, 0.941 at 0.4, 0.943 at 0.15-0.25
SEMANTIC_SHARE = 0.2


def _semantic_container(body: etree._Element, stats: Stats) -> etree._Element | None:
    """The page's only `<main>` or `<article>`, when it holds a fair share of the good text: a
    mega menu of product blurbs can outweigh a story, but it is not inside the story's tag."""
    total = stats[body][2]
    for tag in ("article", "main"):
        found = body.findall(f".//{tag}")
        if len(found) == 1 and stats.get(found[0], (0, 0, 0))[2] >= SEMANTIC_SHARE * total > 0:
            return found[0]
    return None


def choose_container(body: etree._Element, stats: Stats) -> etree._Element:
    """The element holding the article: descend while one child holds nearly all good text."""
    node = body
    hinted = body.find(".//*[@itemprop='articleBody']")
    if hinted is not None and hinted in stats and stats[hinted][2] >= 0.5 * stats[body][2] > 0:
        node = hinted
    elif (semantic := _semantic_container(body, stats)) is not None:
        node = semantic
    while True:
        current = stats[node][2]
        if current <= 0:
            break
        best, best_good = None, -1
        for child in node:
            figures = stats.get(child)
            if figures is not None and figures[2] > best_good:
                best, best_good = child, figures[2]
        if best is None or best_good < DESCEND_SHARE * current or best.tag in PARAGRAPH_TAGS:
            break
        node = best
    return node


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _kind_of(el: etree._Element, inherited: str) -> str:
    tag = el.tag
    if inherited in ("quote", "list_item"):
        return inherited
    if tag == "blockquote":
        return "quote"
    if tag == "li":
        return "list_item"
    if tag in _HEADINGS:
        return "heading"
    if tag == "h1":
        return "title"
    return "paragraph" if inherited in ("title", "heading") else inherited


_IN_PAGE = re.compile(r"#[\w-]")  # "#notes", not "#" (a script's button) or "#/route"


def _is_link(a: etree._Element, in_heading: bool) -> bool:
    """Whether an `<a>`'s text counts as link text (a share of it makes a block a link list).
    Not an anchor in the page ("#section-2": a heading's permalink, a footnote mark), nor a
    heading's `nofollow` link (the product a roundup reviews, which the site does not vouch
    for): teaser headings lead to the site's own stories, which it does."""
    in_page = _IN_PAGE.match(a.get("href", "")) is not None
    return not (in_page or (in_heading and "nofollow" in a.get("rel", "")))


class _Emitter:
    """Walks a container in document order and turns it into blocks."""

    def __init__(self, skip_title: str | None, stats: Stats) -> None:
        self.stats = stats
        self.blocks: list[Block] = []
        self.skip_title = _fold(skip_title) if skip_title else None
        self._pieces: list[tuple[str, bool]] = []
        self._in_heading = False

    def flush(self, kind: str) -> None:
        if not self._pieces:
            return
        pieces, self._pieces = self._pieces, []
        text = "".join([p for p, _ in pieces])
        if text.isspace():
            return  # only spaces between tags (and `<br>`s): 6 in 10 flushes with pieces
        if _BREAK not in text:
            links = sum([len(p) for p, is_link in pieces if is_link])
            self._add_chunk(kind, text, links)
            return
        # paragraphs split by `<br><br>`: each counts its own links (a link-heavy paragraph must
        # not take the short one after it along)
        link_at, start = [], 0
        for piece, is_link in pieces:
            if is_link:
                link_at.append((start, start + len(piece)))
            start += len(piece)
        start = 0
        for end in [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]:
            links = sum(max(0, min(b, end) - max(a, start)) for a, b in link_at)
            self._add_chunk(kind, text[start:end], links)
            start = end

    def _add_chunk(self, kind: str, text: str, links: int) -> None:
        chunk = " ".join(text.split())  # as `\s+` -> " " and a strip, in half the time
        if chunk:
            self.add(kind, chunk, min(links, len(chunk)))

    def add(self, kind: str, text: str, links: int) -> None:
        if links / len(text) > MAX_LINK_DENSITY:
            return
        if len(text) < 200 and (STOCK_PHRASES.match(text) or CREDIT_END.search(text)):
            return
        if NEVER_TEXT.match(text):
            return
        if kind == "title":
            if self.skip_title and self.skip_title == _fold(text):
                return
            kind = "heading"
        self.blocks.append(Block(kind, text))  # type: ignore[arg-type]

    def inline(self, el: etree._Element, in_link: bool) -> None:
        # (each of a node's tag, text and tail read once: lxml makes a new string at every read)
        tag = el.tag
        if tag == "br":
            self._pieces.append((_BREAK, False))
            return
        if tag == "a" and not in_link:
            in_link = _is_link(el, self._in_heading)
        if text := el.text:
            self._pieces.append((text, in_link))
        for child in el:
            if isinstance(child.tag, str):
                self.inline(child, in_link)
            if tail := child.tail:
                self._pieces.append((tail, in_link))

    def _is_filler(self, el: etree._Element) -> bool:
        """A container without any paragraph-like text: widgets, menus, teaser strips."""
        if el.tag in PARAGRAPH_TAGS or el.tag in ("h1", "br", "hr"):
            return False
        figures = self.stats.get(el)
        if figures is None or figures[2] > 0 or _is_short_sentence(el, figures):
            return False
        return next(el.iterdescendants("p", "h2", "h3"), None) is None

    def walk(self, el: etree._Element, kind: str, depth: int = 0) -> None:
        if text := el.text:
            self._pieces.append((text, False))
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                if tag == "tr" and not any(_has_block(cell) for cell in child):
                    self.flush(kind)  # a table row of plain cells is one block: "Name 1947 Plot"
                    for cell in child:
                        if isinstance(cell.tag, str):
                            self.inline(cell, False)
                            self._pieces.append((" ", False))
                    self.flush(kind)
                elif tag in BLOCK_TAGS or (depth < 200 and _has_block(child)):
                    self.flush(kind)
                    if not self._is_filler(child):
                        child_kind = _kind_of(child, kind)
                        if depth < 200:
                            self.walk(child, child_kind, depth + 1)
                        else:
                            self.inline(child, False)
                        self.flush(child_kind)
                else:
                    self._in_heading = kind == "heading"
                    self.inline(child, False)
                    self._in_heading = False
            if tail := child.tail:
                self._pieces.append((tail, False))
        self.flush(kind)


_SENTENCE_END = re.compile(r"\w[.!?…][\"'”’»)]?$")


def _is_short_sentence(el: etree._Element, figures: list[int]) -> bool:
    """A short paragraph written as a `<div>` ("They both took one."): a sentence of a few
    words without links, not a widget's label ("5 min read", "Advertisement")."""
    if figures[1] or not 0 < figures[0] < MIN_PARAGRAPH_CHARS:
        return False
    text = text_of(el)
    return len(text.split()) >= 3 and _SENTENCE_END.search(text) is not None


def _has_block(el: etree._Element) -> bool:
    # (a Python test of each tag: lxml builds a matcher of 45 tags per call 3x slower; most
    # elements asked, links and emphasis, have no children: counting them is cheaper still)
    return len(el) > 0 and any(d.tag in BLOCK_TAGS for d in el.iterdescendants(etree.Element))


def _drop_link_lists(container: etree._Element, stats: Stats) -> None:
    """Lists whose items are mostly links (related stories, tag clouds) are navigation."""
    for lst in list(container.iter("ul", "ol")):
        items = [stats.get(li) for li in lst if li.tag == "li"]
        if len(items) < 2:
            continue
        linky = sum(1 for f in items if f is None or f[0] == 0 or f[1] / f[0] > 0.6)
        if linky / len(items) > 0.6:
            drop_tree(lst)


def _drop_small_boilerplate(container: etree._Element, stats: Stats) -> None:
    """Small elements inside the container whose class or id names boilerplate. The named
    elements come from a Python filter over lxml's walk, as in `_maybe_boilerplate`: libxml2's
    node set of them (`(descendant::*/@class | descendant::*/@id)/..`) took 1.4 times as long
    on the readability and htmldate sets, and 8 ms against 1 on a page of 8,300 elements
    (wikipedia-2), where the union's sorting grows faster than the page."""
    named = [
        el
        for el in container.iterdescendants(etree.Element)
        if el.tag not in INLINE_TAGS and (el.get("class") is not None or el.get("id") is not None)
    ]
    for el in named:
        figures = stats.get(el)
        if figures is not None and figures[0] < 300 and names_boilerplate(el):
            drop_tree(el)


def _drop_boxes(container: etree._Element) -> None:
    """Recommendation and highlight boxes, found by their heading ("Most Read", "Story
    highlights"): the heading goes with the list or box it opens, or with its small section."""
    for heading in list(container.iter("h2", "h3", "h4", "h5", "h6")):
        if heading.getparent() is None or not BOX_HEADING.match(text_of(heading)):
            continue
        parent = heading.getparent()
        opens = next((c for c in parent if isinstance(c.tag, str)), None) is heading
        if parent is not container and opens and len(text_of(parent)) < 1200:
            drop_tree(parent)
            continue
        following = heading.getnext()
        if following is not None and following.tag in ("ul", "ol", "div", "section"):
            drop_tree(following)
        drop_tree(heading)


def _drop_figures(container: etree._Element, stats: Stats) -> None:
    """A `<figure>` is an image and its caption (and credit): never running text, unless a
    page misuses it as a wrapper of the story."""
    for figure in list(container.iter("figure")):
        figures = stats.get(figure)
        if figure is not container and (figures is None or figures[0] < 400):
            drop_tree(figure)


def extract_blocks(
    body: etree._Element, stats: Stats, title: str | None = None
) -> tuple[list[Block], etree._Element]:
    """Blocks of the main text of a cleaned `<body>` (see `clean_tree`), and their container."""
    container = choose_container(body, stats)
    _drop_link_lists(container, stats)
    _drop_small_boilerplate(container, stats)
    _drop_boxes(container)
    _drop_figures(container, stats)
    emitter = _Emitter(title, stats)
    kind = (
        _kind_of(container, "paragraph") if container.tag in ("blockquote", "li") else "paragraph"
    )
    emitter.walk(container, kind)
    return drop_repeats(cut_back_matter(emitter.blocks)), container


def cut_back_matter(blocks: list[Block]) -> list[Block]:
    """The blocks before a back-matter heading ("About the author", "References", "Related
    posts") in the second half of the text: what follows it is not the article's text."""
    total = sum(len(b.text) for b in blocks)
    seen = 0
    for i, block in enumerate(blocks):
        if (
            seen > total / 2
            and len(block.text) <= 60
            and block.kind in ("heading", "paragraph")
            and TAIL_HEADING.match(block.text)
        ):
            return blocks[:i]
        seen += len(block.text)
    return blocks


MIN_REPEAT_WORDS = 5  # a repeated paragraph this long is a widget's copy, not a refrain
MIN_REPEAT_GAP = 3  # blocks from the last copy: copies side by side are the text's own
_WORD = re.compile(r"\w+")


def _repeat_key(block: Block) -> str | None:
    """A block's words, when it is long enough for a copy of it to be a template's."""
    words = _WORD.findall(block.text.casefold())
    return " ".join(words) if block.kind != "heading" and len(words) >= MIN_REPEAT_WORDS else None


def _ends(block: Block) -> tuple[str, str] | None:
    """The first and the last word of a block that is not a heading: blocks with the same
    `_repeat_key` have the same ends, and finding them does not split the whole text."""
    if block.kind == "heading":
        return None
    folded = block.text.casefold()
    first = _WORD.search(folded)
    if first is None:
        return None
    return first.group(), _WORD.search(folded[::-1]).group()  # type: ignore[union-attr]


def _repeat_keys(blocks: list[Block]) -> list[str | None]:
    """`_repeat_key` of each block whose ends another block shares, None for the rest. A block
    whose key no other block has is kept whatever its key is, so None stands for it; and its
    words are not split out (that was 0.28 ms a page on the dev sets' blocks, now 0.09)."""
    ends = [_ends(b) for b in blocks]
    shared = Counter(e for e in ends if e is not None)
    return [
        _repeat_key(b) if e is not None and shared[e] > 1 else None
        for b, e in zip(blocks, ends, strict=True)
    ]


def _copied_runs(keys: list[str | None]) -> set[int]:
    """The blocks of a run of two different blocks that already came, in that order, earlier
    and apart from it: a section printed twice (for small and large screens), not a refrain."""
    first: dict[tuple[str, str], int] = {}
    copied: set[int] = set()
    for i, pair in enumerate(itertools.pairwise(keys)):
        if pair[0] is None or pair[1] is None or pair[0] == pair[1]:
            continue
        if pair in first and i - first[pair] >= 2:
            copied |= {i, i + 1}
        first.setdefault(pair, i)
    return copied


def drop_repeats(blocks: list[Block]) -> list[Block]:
    """The blocks without the later copies of a paragraph that a template repeats down the page
    (a sign-up box, a call to action, a teaser: "Get deals texted to your phone!" four times),
    or of a section printed twice. Headings, single list items (a training plan's "Warm up: 10
    minutes easy jogging" every week) and short lines ("Pros", "Check price") repeat in real
    text, and so do paragraphs side by side (a refrain; test pages' filler): those are kept.
    On WCXB-dev articles body precision 0.948 -> 0.950 (F1 0.950 -> 0.951); copies side by
    side dropped too would cost the readability set 0.002 of F1."""
    keys = _repeat_keys(blocks)
    copied = _copied_runs(keys)
    last: dict[str, int] = {}
    kept = []
    for i, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        if key is not None:
            gap = i - last.get(key, i)
            last[key] = i
            if i in copied or (block.kind == "paragraph" and gap >= MIN_REPEAT_GAP):
                continue
        kept.append(block)
    return kept


_BIO_VERB = re.compile(
    r"(?:,[^.]{0,80},)?\s+(?:is|was|has|holds|started|joined|writes|covers|lives|serves|leads)\b"
)


def drop_author_bios(blocks: list[Block], authors: list[str]) -> list[Block]:
    """Paragraphs in the second half of the text that introduce the page's own author ("Jane Roe
    is a staff writer who covers ...", "Jane holds an MBA ..."): a bio box, not the article."""
    names = {n for a in authors for n in (a, a.split()[0]) if len(n) >= 3}
    if not names:
        return blocks
    total, seen, kept = sum(len(b.text) for b in blocks), 0, []
    for block in blocks:
        seen += len(block.text)
        text = block.text.lstrip("*(“\"' ")  # "*Jane Roe, MD, is ...", "(Jane Roe is ..."
        is_bio = (
            seen - len(block.text) > total / 2
            and block.kind == "paragraph"
            and any(text.startswith(n) and _BIO_VERB.match(text, len(n)) for n in names)
        )
        if not is_bio:
            kept.append(block)
    return kept
