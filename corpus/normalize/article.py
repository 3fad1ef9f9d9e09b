"""From an extractor's `ParsedArticle` to the lake's rows: the last step before writing.

Here every format meets the same rules: ids, source, body text, counts and fingerprints, so the
lake does not depend on which reader an article came through.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from corpus.dedup.textkey import content_hash, paragraph_hash
from corpus.discover import source_of
from corpus.normalize.language import detect_language
from corpus.normalize.source import DEFAULT_SOURCES, SourceMap
from corpus.normalize.text import count_words
from corpus.records import Article, ParsedArticle, RawRecord

UNKNOWN_MONTH = "unknown"


def make_article_id(raw_path: str, record_index: int) -> str:
    """Stable across re-runs and machines: the record's place in the raw tree, hashed."""
    return hashlib.blake2b(f"{raw_path}#{record_index}".encode(), digest_size=8).hexdigest()


def published_month(parsed: ParsedArticle) -> str:
    day = parsed.published_date or (parsed.published_at.date() if parsed.published_at else None)
    return f"{day:%Y-%m}" if day else UNKNOWN_MONTH


def build_article(
    record: RawRecord, parsed: ParsedArticle, raw_sha256: str, sources: SourceMap = DEFAULT_SOURCES
) -> Article:
    blocks = [b for b in parsed.blocks if b.text.strip()]
    parsed.blocks = blocks
    text = "\n\n".join(b.text for b in blocks)
    if parsed.published_at and not parsed.published_date:
        parsed.published_date = parsed.published_at.astimezone(dt.UTC).date()
    parsed.language = detect_language(text, parsed.language)
    return Article(
        article_id=make_article_id(record.raw_path, record.record_index),
        raw_path=record.raw_path,
        record_index=record.record_index,
        raw_format=record.raw_format,
        raw_sha256=raw_sha256,
        parsed=parsed,
        text=text,
        content_hash=content_hash(text),
        n_words=count_words(text),
        source=sources.canonical(raw_source := parsed.source or source_of(record.raw_path)),
        raw_source=raw_source,
        sanitized=record.sanitized,
    )


def article_row(article: Article, batch_id: str, ingested_at: dt.datetime, version: str) -> dict:
    p = article.parsed
    return {
        "article_id": article.article_id,
        "source": article.source,
        "raw_source": article.raw_source,
        "url": p.url,
        "title": p.title,
        "authors": p.authors,
        "published_at": p.published_at,
        "published_date": p.published_date,
        "date_precision": p.date_precision,
        "date_source": p.date_source,
        "dateline": p.dateline,
        "language": p.language,
        "section": p.section,
        "tags": p.tags,
        "text": article.text,
        "n_paragraphs": len(p.blocks),
        "n_words": article.n_words,
        "n_chars": len(article.text),
        "content_hash": article.content_hash,
        "raw_path": article.raw_path,
        "raw_sha256": article.raw_sha256,
        "raw_format": article.raw_format,
        "record_index": article.record_index,
        "batch_id": batch_id,
        "ingested_at": ingested_at,
        "pipeline_version": version,
        "published_month": published_month(p),
    }


def paragraph_rows(article: Article, batch_id: str) -> list[dict]:
    month = published_month(article.parsed)
    return [
        {
            "article_id": article.article_id,
            "position": position,
            "kind": block.kind,
            "text": block.text,
            "n_words": count_words(block.text),
            "paragraph_hash": paragraph_hash(block.text),
            "batch_id": batch_id,
            "published_month": month,
        }
        for position, block in enumerate(article.parsed.blocks)
    ]
