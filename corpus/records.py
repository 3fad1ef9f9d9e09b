"""The records that flow through a batch: raw record -> parsed article -> lake rows.

Every stage is a plain function over these dataclasses, so a notebook can run any step on its
own. A stage that cannot go on yields a `Reject` instead of raising: nothing read is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["paragraph", "heading", "quote", "list_item"]
PARAGRAPH_KINDS: tuple[str, ...] = ("paragraph", "heading", "quote", "list_item")


@dataclass(slots=True)
class RawFile:
    """One file found under the raw root, identified by its content hash."""

    path: str  # relative to the raw root, POSIX separators
    sha256: str
    size: int


@dataclass(slots=True)
class RawRecord:
    """One candidate article as a reader found it, before extraction.

    `payload` is text (already decoded) or bytes (a reader that cannot decode leaves that to the
    extractor). `fields` carries what the container knew about the record: JSON fields, WARC
    headers (`url`, `crawl_date`), a publisher folder.
    """

    raw_path: str  # relative to the raw root; archive members as 'dump.zip!2024/a.html'
    record_index: int  # position of the record inside raw_path (line number - 1 for JSONL)
    raw_format: str  # detected format, e.g. 'text', 'html', 'jsonl', 'gzip+warc'
    payload: str | bytes
    fields: dict[str, object] = field(default_factory=dict)
    sanitized: int = 0  # code points `corpus.sanitize` changed in payload and fields


@dataclass(slots=True, kw_only=True)
class Reject:
    """An input that could not become an article, with a stable reason code.

    Built by `corpus.rejects.make_reject` / `reject_of` (the one excerpt rule), never by hand."""

    raw_path: str
    record_index: int | None
    stage: str  # 'read', 'decode', 'extract', 'normalize'
    reason: str  # one of corpus.reasons.REASONS
    message: str
    excerpt: str = ""


@dataclass(slots=True)
class Block:
    """A paragraph-level block of an article's body."""

    kind: ParagraphKind
    text: str


# every `date_source` value, and what it means (the one list: the tests check outputs against it)
DATE_SOURCES: dict[str, str] = {
    "header": "the text dump's `date` header line",
    "field": "a date field of the record (JSON export)",
    "json-ld": "JSON-LD `datePublished` (articles first, then other page types)",
    "meta": "a `<meta>` publication date (`article:published_time`, ...)",
    "microdata": "microdata `datePublished`",
    "script": "a publication-date key in an inline script",
    "markup": "a `<time datetime>` not marked as an update",
    "url": "a day in the URL path",
    "text": "a date the page shows (beside the headline, labelled, or in its text)",
    "modified": "the update date shown, or the declared modified day: no publication date anywhere, "
    "or the page shows its declared update in place of a JSON-LD publication date",
    "crawl": "the crawl date (WARC-Date), when the page has none or one after it",
}


@dataclass(slots=True)
class ParsedArticle:
    """What an extractor found in one record: metadata (as found) and the body's blocks."""

    blocks: list[Block]
    title: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: dt.datetime | None = None  # timezone-aware, UTC
    published_date: dt.date | None = None
    date_precision: str | None = None  # 'day' or 'time'
    date_source: str | None = None  # where the date came from: a key of `DATE_SOURCES`
    dateline: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A normalized article ready for the lake (one `articles` row plus its paragraphs)."""

    article_id: str
    raw_path: str
    record_index: int
    raw_format: str
    raw_sha256: str
    parsed: ParsedArticle
    text: str
    content_hash: str
    n_words: int
    source: str | None  # canonical (`corpus.normalize.source`)
    raw_source: str | None = None  # as found: the record's field or URL host, or the folder
    sanitized: int = 0  # code points changed to make its text storable (see corpus.sanitize)
