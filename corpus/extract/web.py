"""Extractors for web records: saved HTML pages, WARC responses and JSON/JSONL export records.

An extractor returns a `ParsedArticle` or raises `RejectError`; `corpus.extract.extract` makes
the reject row.

A JSON record's own fields (the scraper's title, date, authors, url, source, language) are
trusted before what the page itself says, because an export states them explicitly; its text
field is extracted like a page when it holds HTML, and split into paragraphs when it is text.
"""

from __future__ import annotations

import re

from corpus.extract.html import domain_of, extract_page
from corpus.formats.decode import decode_markup
from corpus.normalize.authors import clean_authors
from corpus.normalize.dateline import split_dateline
from corpus.normalize.dates import parse_crawl_date, parse_date
from corpus.normalize.language import normalize_language_tag
from corpus.normalize.paragraphs import classify_blocks
from corpus.normalize.text import normalize_text
from corpus.records import Block, ParsedArticle, RawRecord
from corpus.rejects import RejectError

_HTML_TAG = re.compile(r"<(?:p|div|br|html|body|article|h[1-6]|section|span|li|a)\b[^>]*>", re.I)


def _markup(record: RawRecord) -> str:
    if isinstance(record.payload, bytes):
        return decode_markup(record.payload)
    return record.payload


def extract_html_record(record: RawRecord) -> ParsedArticle:
    """A saved page (`.html`, `.htm`, in any container)."""
    return extract_page(_markup(record), url=_str(record.fields.get("url")))


def extract_warc_record(record: RawRecord) -> ParsedArticle:
    """A WARC response: the URL is WARC-Target-URI; the crawl date only when the page has none."""
    url = _str(record.fields.get("url"))
    crawl = parse_crawl_date(_str(record.fields.get("crawl_date")))
    parsed = extract_page(_markup(record), url=url, crawl_date=crawl)
    parsed.source = domain_of(url)
    return parsed


def _str(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _source_of(value: str | None) -> str | None:
    """A source field as given; a host name ('www.Example.com') the way `domain_of` writes it."""
    if value and " " not in value and "." in value:
        return domain_of(value if "://" in value else f"http://{value}") or value
    return value


def looks_like_html(text: str) -> bool:
    head = text[:20000]
    return head.lstrip().startswith("<") or len(_HTML_TAG.findall(head, 0, 20000)) >= 2


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of a plain-text field: blank lines separate them, or else single newlines."""
    text = normalize_text(text)
    if "\n\n" not in text.strip():
        text = text.replace("\n", "\n\n")
    return classify_blocks(text)


def extract_json_record(record: RawRecord) -> ParsedArticle:
    """A JSON/JSONL export record: mapped fields first, then what the text itself says."""
    fields = record.fields
    text = record.payload if isinstance(record.payload, str) else ""
    url = _str(fields.get("url"))
    if looks_like_html(text):
        parsed = extract_page(text, url=url)
    else:
        blocks = text_blocks(text)
        if not blocks:
            raise RejectError("empty_body", "the text field holds no paragraphs")
        dateline, first = split_dateline(blocks[0].text)
        if dateline is not None:
            blocks[0] = Block(blocks[0].kind, first)
        parsed = ParsedArticle(blocks=blocks, dateline=dateline.place if dateline else None)
    if title := _str(fields.get("title")):
        parsed.title = " ".join(title.split())
    parsed.url = url or parsed.url
    if "authors" in fields:
        raw = fields["authors"]
        names = clean_authors(
            [a for a in (raw if isinstance(raw, list) else [raw]) if isinstance(a, str)]
        )
        parsed.authors = names or parsed.authors
    if (found := parse_date(fields.get("date"))) is not None:
        parsed.published_at, parsed.published_date = found.at, found.day
        parsed.date_precision, parsed.date_source = found.precision, "field"
    parsed.source = _source_of(_str(fields.get("source"))) or parsed.source
    parsed.language = normalize_language_tag(_str(fields.get("language"))) or parsed.language
    return parsed
