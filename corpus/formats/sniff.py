"""Format detection from content first, the file name second.

Magic bytes name containers and compressions (gzip, bz2, xz, zstd, zip, tar, WARC); for text the
first bytes tell HTML, XML, JSON and JSONL apart; the extension breaks ties only (a `dump.txt`
that is really gzip or JSONL reads right). XML is a document that opens with an XML declaration
and whose root is not `<html>` (XHTML stays HTML), or one whose root is a feed, sitemap or export
element (`<rss>`, `<feed>`, `<rdf:RDF>`, `<doc>`, ...). Plain text dumps are `text`.
"""

from __future__ import annotations

import codecs
import re

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty zip
    (b"WARC/", "warc"),
    (b"filedesc://", "arc"),  # an ARC file's first record names the file
)
_HTML_START = re.compile(
    rb"^(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<!--|<article|<div|<p[\s>]|<h[1-6]"
    rb"|<section|<main|<span|<table|<link|<script|<style|<header|<nav)",
    re.IGNORECASE,
)
# an XML prolog (declaration, processing instructions, comments, doctype) before the root element
_XML_PROLOG = re.compile(
    rb"(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?!\s+html)[^>]*>|\s+)*", re.DOTALL | re.I
)
_XML_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF|doc|urlset|sitemapindex|TEI|teiCorpus|opml)[\s>/]")
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|article|h[1-6])[\s>]", re.IGNORECASE)
_HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_NAMES = (".jsonl", ".ndjson", ".jsonlines")
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


def _as_utf8(head: bytes) -> bytes:
    """The head without a BOM; UTF-16 (with a BOM) re-encoded as UTF-8 for sniffing."""
    if head.startswith(codecs.BOM_UTF8):
        return head[3:]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            body = head[2:8194]
            return body[: len(body) // 2 * 2].decode(encoding, "ignore").encode()
    return head


def _is_tar(head: bytes) -> bool:
    return len(head) >= 262 and head[257:262] == b"ustar"


def closes_on_one_line(line: bytes) -> bool:
    """Whether a line starting with '{' closes its last bracket at its very end: a JSON value
    on one line. Iterative over bracket tokens (strings skipped), so any nesting is safe; the
    line's syntax is left to the reader."""
    depth = 0
    for match in _JSON_TOKENS.finditer(line):
        token = match.group()
        if token in (b"{", b"["):
            depth += 1
        elif token in (b"}", b"]"):
            depth -= 1
            if depth == 0:
                return match.end() == len(line)
        elif not token.endswith(b'"') or token == b'"':
            return False  # an unterminated string: the value goes on past this line
    return False


def _json_kind(text: bytes, name: str) -> str:
    """'json' or 'jsonl' for bytes starting with '{' or '['."""
    if text.startswith(b"["):
        return "json"
    newline = text.find(b"\n")
    if newline < 0:  # one line, or a first line longer than the head: JSONL handles both
        return "jsonl"
    first, rest = text[:newline].strip(), text[newline + 1 :].lstrip()
    if not closes_on_one_line(first):
        return "json"  # a pretty-printed document
    if rest and not rest.startswith(b"{") and not name.endswith(_JSONL_NAMES):
        return "json"
    return "jsonl"


def sniff(head: bytes, name: str = "") -> str:
    """The format of a stream whose first bytes are `head`: a container, compression or leaf.

    One of 'gzip', 'bz2', 'xz', 'zstd', 'zip', 'tar', 'warc', 'arc', 'html', 'xml', 'json',
    'jsonl', 'text'.
    """
    lower = name.lower()
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if _is_tar(head):
        return "tar"
    text = _as_utf8(head).lstrip()
    if text.startswith((b"{", b"[")):
        return _json_kind(text, lower)
    if text.startswith(b"<"):
        root = text[_XML_PROLOG.match(text).end() :]  # type: ignore[union-attr]
        if _XML_ROOT.match(root) or (text.startswith(b"<?xml") and not _HTML_START.match(root)):
            return "xml"
        if _HTML_START.match(root):
            return "html"
    if lower.endswith(_HTML_NAMES) and _HTML_ANYWHERE.search(text[:8192]):
        return "html"
    return "text"
