"""The page's bylines as written in its markup, for the author step (`corpus.extract.html`).

Three kinds, from the most to the least trusted: elements named like a byline (`collect_bylines`),
texts labelled "Written by" / "Posted by" or a label element followed by the name, and links to
author pages (`labelled_bylines`); and apart, bare "By Jane Roe" texts, which are asked only once
the page is known to be an article. Comments, sidebars and related-story boxes are never read, and
a text that says it was updated is not a byline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from corpus.extract.html_hints import BYLINE_LABEL, MODIFIED, DateHints
from corpus.extract.html_labels import is_elsewhere, label_of
from corpus.extract.html_text import document_tops, text_of
from corpus.normalize.authors import is_role
from corpus.normalize.dates import find_date_in_text


def _named_like_bylines(body: etree._Element) -> Iterator[etree._Element]:
    """The elements inside `body` with a class, id or rel naming a byline, in document order.
    A Python walk, read as far as needed: libxml2 gathering the values as strings that know
    their element (`descendant::*/@class | ...`) took 1.4 times as long on the dev sets, and
    12 ms against 6 on a page of 10,000 elements (wikipedia-2), where sorting the union grows
    faster than the page."""
    for el in body.iterdescendants(etree.Element):
        for value in (el.get("class"), el.get("id"), el.get("rel")):
            if value is not None and BYLINE_LABEL.search(value.lower()):
                yield el
                break  # (each value searched alone: a byline word cannot span two)


def collect_bylines(root: etree._Element) -> list[str]:
    """Short texts of elements named like a byline, outside comments and sidebars (the cheap
    pass for pages whose date is already known)."""
    bylines: list[str] = []
    body = root.find("body")
    for el in _named_like_bylines(body) if body is not None else ():
        text = text_of(el)
        if not text or len(text) > 200 or MODIFIED.search(text):
            continue
        if any(is_elsewhere(label_of(a)) for a in el.iterancestors() if a.tag != "body"):
            continue
        bylines.append(text)
        if len(bylines) >= 10:
            break
    return bylines


# a byline written out without a class to find it by: "Written by Jane Roe", or a label element
# ("Written by", "Author:") followed by one holding the name; read from an element's first text
# with its spaces folded as XPath's `normalize-space` folds them (space, tab, CR, LF only)
_OPENS_WITH_BY = re.compile(r"^((written|posted|authored|article) )?by( |:|$)", re.IGNORECASE)
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _first_text(el: etree._Element) -> str | None:
    """XPath's `text()` as a string: the element's own text, else the first child's tail."""
    text = el.text  # (read once: lxml makes a new string at every read)
    if text is not None:
        return text
    return next((tail for child in el if (tail := child.tail) is not None), None)


def _opening_with_by(root: etree._Element) -> list[etree._Element]:
    """The elements inside `<body>` whose first text opens with "By", "Written by" ..., in
    document order. A Python walk: libxml2 converting every element's text for an XPath
    predicate (`contains(translate(text(), ...))`) took twice as long (1.1 against 0.55 ms a
    page on the dev sets)."""
    found = []
    for body in _bodies(root):
        for el in body.iterdescendants(etree.Element):
            text = _first_text(el)
            if text is None or "by" not in text.replace("B", "b").replace("Y", "y"):
                continue  # most elements: no "by" at all
            if _OPENS_WITH_BY.match(_XML_SPACE.sub(" ", text).strip(" ")):
                found.append(el)
    return found


_LABEL_ONLY = re.compile(
    r"^(?:(?:(?:written|posted|authored|article) )?by|authors?):?$", re.IGNORECASE
)
# the label opens the element's text ("Content <a>Tools</a> by <a>Acme</a>" is a credit line)
_OPENS_WITH_LABEL = re.compile(r"^(?:(?:written|posted|authored|article)\s+)?by\b", re.IGNORECASE)
_NOT_BYLINE_TAGS = frozenset(("nav", "figure", "figcaption"))
# a bare "By" opens a byline only before a capital ("By Jane Roe", not "by the way")
_BARE_BY = re.compile(r"^[Bb][Yy]:?\s+(\w)")
# a link to the author's page ("/author/jane-roe/", "/authors/jroe"): its text is the byline
_AUTHOR_PATH = re.compile(r"/(?:authors?|autor(?:en)?|auteurs?|writers?)/[^/?#]+", re.IGNORECASE)
MAX_AUTHOR_LINKS = 3


def labelled_bylines(root: etree._Element) -> tuple[list[str], list[str]]:
    """Short "Written by ..." texts, the label and the name joined when they are two elements,
    then the texts of the first links to author pages outside comments and sidebars; and apart,
    the bare "By Jane Roe" texts (weaker: asked only once the page is known to be an article)."""
    labelled, bare = _written_by(root)
    return labelled + _author_links(root), bare


def _bodies(root: etree._Element) -> Iterator[etree._Element]:
    """The document's `<body>` elements (what `//body//` reads), without one inside another."""
    for top in document_tops(root):
        for body in top.iter("body"):
            if not any(a.tag == "body" for a in body.iterancestors()):
                yield body


def _author_links(root: etree._Element) -> list[str]:
    found: list[str] = []
    # lxml's walk of the links and Python's test of their targets: 20% faster than libxml2
    # gathering the targets as strings that know their element (`//body//a/@href`)
    links = (a for body in _bodies(root) for a in body.iter("a"))
    for link in (a for a in links if _AUTHOR_PATH.search(a.get("href") or "")):
        text = text_of(link)
        if not text or len(text) > 60:
            continue
        if any(is_elsewhere(label_of(a)) for a in link.iterancestors() if a.tag != "body"):
            continue
        found.append(text)
        if len(found) >= MAX_AUTHOR_LINKS:
            break
    return found


def _written_by(root: etree._Element) -> tuple[list[str], list[str]]:
    """The labelled bylines ("Written by ..."), and the bare ones ("By ...")."""
    found: list[str] = []
    bare_found: list[str] = []
    for el in _opening_with_by(root):
        if len(found) + len(bare_found) >= 5:
            break
        text = text_of(el)
        if _LABEL_ONLY.match(text):
            following = el.getnext()
            if following is None or len(name := text_of(following)) > 60:
                continue
            text = f"By {name}"
        if not _OPENS_WITH_LABEL.match(text):
            continue
        bare = _BARE_BY.match(text)
        if bare and not bare.group(1).isupper():
            continue
        if any(is_elsewhere(label_of(a)) for a in el.iterancestors() if a.tag != "body"):
            continue
        # "By Industry" in a menu is a filter, "By Jane Roe, public domain" under a picture a
        # credit: not bylines
        if bare and any(
            a.tag in _NOT_BYLINE_TAGS or "menu" in label_of(a) for a in el.iterancestors()
        ):
            continue
        if len(text) <= 80 and not MODIFIED.search(text):
            (bare_found if bare else found).append(text)
    return found, bare_found


# a byline's label in many languages: "By", "Written by", "Posted by :", "Author:", "Von", "Par"
_HEADLINE_BYLINE = re.compile(
    r"^(?:(?:(?:written|posted|authored|reported|article|story|words|text)\s+)?by|von|par|por|"
    r"door|di|av|af|(?:authors?|author\(s\)|contributors?|writers?|autor(?:in|en)?|auteurs?)"
    r"\s*:)(?:\s*:)?(?:\s+|$)",
    re.IGNORECASE,
)


def headline_bylines(hints: DateHints) -> list[str]:
    """Labelled bylines shown beside the headline ("by Jane Roe", "Posted by :" then a link,
    "Contributors: Jane Roe"), after it first; a label alone takes the next text as its name.
    The name must open with a capital or be one word: "by the way" is prose."""
    found: list[str] = []
    for shown in (hints.after_headline, hints.before_headline[::-1]):  # each in page order
        texts = [i for i in shown if i.kind != "time"]
        for n, item in enumerate(texts):
            label = _HEADLINE_BYLINE.match(item.value)
            if label is None:
                continue
            name = item.value[label.end() :].strip()
            # a label alone is an element of its own: "by" between two links joins them
            if not name and item.kind == "text" and n + 1 < len(texts):
                name = texts[n + 1].value
            if name and (name[0].isupper() or " " not in name) and len(name) <= 80:
                found.append(f"By {name}")
    for item in hints.after_headline[:3]:
        if item.kind != "time" and (name := _name_role_date(item.value)):
            found.append(f"By {name}")
    return found[:3]


_SEPARATORS = re.compile(r"\s+[|•·]\s+")


def _name_role_date(text: str) -> str | None:
    """The name of an unlabelled byline line: "Jane Roe | Senior Writer | July 2, 2025"."""
    parts = _SEPARATORS.split(text)
    if len(parts) < 3 or not is_role(parts[1]) or is_role(parts[0]):
        return None
    return parts[0] if any(find_date_in_text(p) for p in parts[2:]) else None
