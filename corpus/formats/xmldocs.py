"""XML inputs: RSS and Atom feeds (one record per item), trafilatura's XML export, nothing else.

A feed is where many publishers put whole articles (`content:encoded`, Atom `content`), so each
item or entry is a record: its payload the content HTML (else the description or summary), its
`fields` the item's title, link, date, authors and language, as a JSON export's fields are
(`corpus.extract.web.extract_json_record` extracts both). The record's format is `rss` (RSS
0.9x/2.0 and RSS 1.0/RDF) or `atom`.

trafilatura's XML export (`trafilatura --xml`) is one `<doc>` per article: metadata as
attributes (`title`, `author`, `date`, `url`, `hostname`, `sitename`), the body as `<main>` of
`<p>`, `<head>`, `<list>`/`<item>` and `<quote>`, turned back into the HTML elements they stand
for. Its format is `xml`. Its TEI export (`trafilatura --xmltei`) is read the same way: the
header's title, authors, publisher, date and URL, the body from `<div type="entry">` (comments,
`<div type="comments">`, are left out). Its format is `tei`.

Any other XML (a sitemap, a config file, an office document) is one `unsupported_xml` reject
naming its root element; XML that does not parse is `invalid_xml`. The parser never resolves
entities, loads a DTD or touches the network (no XXE, no billion laughs), and the document is
held whole, so it is capped at `max_record_bytes`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import BinaryIO

from corpus.formats.options import ReadOptions
from corpus.formats.streams import read_capped
from corpus.records import RawRecord, Reject
from corpus.rejects import make_reject

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ATOM = "{http://www.w3.org/2005/Atom}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_RSS_AUTHOR = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")
# trafilatura's body elements and the HTML they stand for
_TRAFILATURA_HTML = {"head": "h2", "list": "ul", "item": "li", "quote": "blockquote",
                     "lb": "br", "hi": "b", "ref": "a", "row": "tr", "cell": "td"}  # fmt: skip


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=True, remove_comments=True)  # fmt: skip
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def _text(element) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _child_text(element, *names: str) -> str:
    """The text of the first named child that has some (names may carry a namespace)."""
    for name in names:
        for child in element.iterchildren(name):
            if text := _text(child):
                return text
    return ""


def _record(raw_path: str, index: int, fmt: str, payload: str, fields: dict) -> RawRecord:
    found = {k: v for k, v in fields.items() if v not in (None, "", [])}
    return RawRecord(raw_path=raw_path, record_index=index, raw_format=fmt, payload=payload,
                     fields=found)  # fmt: skip


def _rss_author(text: str) -> str:
    """RSS 2.0 `<author>` is an address, by custom with the name in brackets:
    `mara@valley-post.example (Mara Quill)` -> `Mara Quill`; a bare address names nobody."""
    match = _RSS_AUTHOR.match(text)
    if match:
        return match.group(1).strip()
    return "" if "@" in text and " " not in text.strip() else text


def _rss_items(root, raw_path: str, fmt: str) -> Iterator[RawRecord]:
    channel = root.find("channel")
    language = _child_text(channel, "language", f"{_DC}language") if channel is not None else ""
    items = root.iter("item", "{http://purl.org/rss/1.0/}item")
    for index, item in enumerate(items):
        url = _child_text(item, "link", "{http://purl.org/rss/1.0/}link")
        if not url:
            guid = item.find("guid")
            if guid is not None and guid.get("isPermaLink", "true") != "false":
                url = _text(guid)
        authors = [_rss_author(_text(a)) for a in item.iterchildren("author", f"{_DC}creator")]
        fields = {
            "title": _child_text(item, "title", "{http://purl.org/rss/1.0/}title"),
            "url": url,
            "source": url,
            "date": _child_text(item, "pubDate", f"{_DC}date"),
            "authors": [a for a in authors if a],
            "language": language,
        }
        payload = _child_text(
            item, _CONTENT, "description", "{http://purl.org/rss/1.0/}description"
        )
        yield _record(raw_path, index, fmt, payload, fields)


def _atom_link(element) -> str:
    for link in element.iterchildren(f"{_ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "").strip()
    return ""


def _atom_content(element) -> str:
    """An Atom text construct as HTML or text: `xhtml` content is serialized markup."""
    if element is None:
        return ""
    if element.get("type") == "xhtml":
        from lxml import etree

        return "".join(etree.tostring(child, encoding="unicode") for child in element).strip()
    return _text(element)


def _atom_entries(root, raw_path: str, fmt: str) -> Iterator[RawRecord]:
    feed_language = root.get(_XML_LANG, "")
    for index, entry in enumerate(root.iter(f"{_ATOM}entry")):
        url = _atom_link(entry)
        authors = [_child_text(a, f"{_ATOM}name") for a in entry.iterchildren(f"{_ATOM}author")]
        fields = {
            "title": _text(entry.find(f"{_ATOM}title")),
            "url": url,
            "source": url,
            "date": _child_text(entry, f"{_ATOM}published", f"{_ATOM}updated"),
            "authors": [a for a in authors if a],
            "language": entry.get(_XML_LANG) or feed_language,
        }
        content = _atom_content(entry.find(f"{_ATOM}content")) or _atom_content(
            entry.find(f"{_ATOM}summary")
        )
        yield _record(raw_path, index, fmt, content, fields)


def _trafilatura_html(main) -> str:
    """trafilatura's body elements as the HTML they stand for."""
    from lxml import etree

    # a copy, so the renaming stays local; not a serialize-and-parse round trip, which fails on
    # what the recovering parser let through (`<main>!<\u0380`)
    main = copy.deepcopy(main)
    for element in main.iter():
        if isinstance(element.tag, str):
            element.tag = _TRAFILATURA_HTML.get(_local(element.tag), _local(element.tag))
    main.tag = "article"
    return etree.tostring(main, encoding="unicode")


def _trafilatura_docs(docs: list, raw_path: str, fmt: str) -> Iterator[RawRecord]:
    for index, doc in enumerate(docs):
        main = doc.find("main")
        fields = {
            "title": doc.get("title"),
            "url": doc.get("url") or doc.get("source"),
            "source": doc.get("hostname") or doc.get("sitename"),
            "date": doc.get("date"),
            "authors": doc.get("author"),
            "language": doc.get("language"),
        }
        payload = _trafilatura_html(main) if main is not None and _text(main) else ""
        yield _record(raw_path, index, fmt, payload, fields)


def _descendants(element, name: str) -> list:
    """The descendants of `element` with local name `name`, in document order."""
    return [e for e in element.iter() if _local(e.tag) == name]


def _first_text(element, *path: str) -> str:
    """The text of the first element at `path` (local names, each a descendant of the last)."""
    found = [element]
    for name in path:
        found = [d for e in found for d in _descendants(e, name)]
    return next((t for e in found if (t := _text(e))), "")


def _tei_url(header) -> str:
    for element in header.iter():
        name = _local(element.tag)
        if name == "ptr" and element.get("type") == "URL" and element.get("target"):
            return element.get("target", "").strip()
        if name == "idno" and element.get("type") == "URL" and (url := _text(element)):
            return url
    return ""


def _tei_docs(root, raw_path: str, fmt: str) -> Iterator[RawRecord]:
    """trafilatura's TEI: one `<TEI>` per article, alone or inside a `<teiCorpus>`."""
    docs = [root] if _local(root.tag) == "TEI" else _descendants(root, "TEI")
    for index, doc in enumerate(docs):
        header = next(iter(_descendants(doc, "teiHeader")), doc)
        title_stmt = next(iter(_descendants(header, "titleStmt")), header)
        titles = _descendants(title_stmt, "title")
        main_title = next((t for t in titles if t.get("type") == "main"), None)
        body = next((d for d in _descendants(doc, "div") if d.get("type") == "entry"), None)
        if body is None:
            body = next(iter(_descendants(doc, "body")), None)
        fields = {
            "title": _text(main_title)
            if main_title is not None
            else _first_text(title_stmt, "title"),
            "url": _tei_url(header),
            "source": _first_text(header, "publicationStmt", "publisher"),
            "date": _first_text(header, "sourceDesc", "date")
            or _first_text(header, "publicationStmt", "date"),
            "authors": "; ".join(a for e in _descendants(title_stmt, "author") if (a := _text(e))),
            "language": doc.get(_XML_LANG)
            or next((t.get(_XML_LANG) for t in _descendants(doc, "text") if t.get(_XML_LANG)), ""),
        }
        payload = _trafilatura_html(body) if body is not None and _text(body) else ""
        yield _record(raw_path, index, fmt, payload, fields)


def read_xml(
    stream: BinaryIO, raw_path: str, fmt: str, options: ReadOptions
) -> Iterator[RawRecord | Reject]:
    """The records of an XML document (see the module docstring); `fmt` ends in 'xml'."""
    data = read_capped(stream, options.max_record_bytes)
    root = _parse(data)
    if root is None:
        yield make_reject(raw_path, None, "invalid_xml", "the XML document does not parse",
                          data=data)  # fmt: skip
        return
    layers = fmt.removesuffix("xml")
    name = _local(root.tag)
    if name in ("rss", "RDF"):
        records = _rss_items(root, raw_path, f"{layers}rss")
    elif name == "feed" and root.tag.startswith(_ATOM):
        records = _atom_entries(root, raw_path, f"{layers}atom")
    elif name == "doc" or (docs := [c for c in root if _local(c.tag) == "doc"]):
        records = _trafilatura_docs([root] if name == "doc" else docs, raw_path, fmt)
    elif name in ("TEI", "teiCorpus"):
        records = _tei_docs(root, raw_path, f"{layers}tei")
    else:
        yield make_reject(raw_path, None, "unsupported_xml",
                          f"an XML document with root <{name}>: not a feed (RSS, Atom) or an "
                          "article export (trafilatura XML or TEI)", data=data)  # fmt: skip
        return
    found = 0
    for found, record in enumerate(records, 1):  # noqa: B007 - the count is used below
        yield record
    if not found:
        yield make_reject(raw_path, None, "no_records", f"the <{name}> document holds no item")
