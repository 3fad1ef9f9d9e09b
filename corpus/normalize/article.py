"""From an extractor's `ParsedArticle` to the lake's rows: the last step before writing.

Here every format meets the same rules: ids, source, body text, counts and fingerprints, so the
lake does not depend on which reader an article came through.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from corpus.discover import source_of
from corpus.normalize.language import detect_language
from corpus.normalize.source import DEFAULT_SOURCES, SourceMap
from corpus.records import Article, ParsedArticle, RawRecord
from corpus.timings import StageTimes

UNKNOWN_MONTH = "unknown"


def make_article_id(raw_path: str, record_index: int) -> str:
    """Stable across re-runs and machines: the record's place in the raw tree, hashed."""
    return hashlib.blake2b(f"{raw_path}#{record_index}".encode(), digest_size=8).hexdigest()


def published_month(parsed: ParsedArticle) -> str:
    day = parsed.published_date or (parsed.published_at.date() if parsed.published_at else None)
    return f"{day:%Y-%m}" if day else UNKNOWN_MONTH


def build_article(
    record: RawRecord,
    parsed: ParsedArticle,
    raw_sha256: str,
    sources: SourceMap = DEFAULT_SOURCES,
    times: StageTimes | None = None,
) -> Article:
    """One article from an extractor's result, its source made canonical by `sources`. Its
    `content_hash` and `n_words` are left empty: `corpus.batchtables` computes them for a whole
    chunk at once (one fold and one numpy pass over all texts instead of a dozen calls per
    paragraph). `times` gets the seconds of language identification (`language`)."""
    blocks = [b for b in parsed.blocks if b.text.strip()]
    parsed.blocks = blocks
    text = "\n\n".join(b.text for b in blocks)
    if parsed.published_at and not parsed.published_date:
        parsed.published_date = parsed.published_at.astimezone(dt.UTC).date()
    started = time.perf_counter()
    parsed.language = detect_language(text, parsed.language)
    if times is not None:
        times.add("language", time.perf_counter() - started)
    return Article(
        article_id=make_article_id(record.raw_path, record.record_index),
        raw_path=record.raw_path,
        record_index=record.record_index,
        raw_format=record.raw_format,
        raw_sha256=raw_sha256,
        parsed=parsed,
        text=text,
        content_hash="",
        n_words=0,
        source=sources.canonical(raw_source := parsed.source or source_of(record.raw_path)),
        raw_source=raw_source,
        sanitized=record.sanitized,
    )


def article_columns(
    articles: list[Article],
    months: list[str],
    batch_id: str,
    ingested_at: dt.datetime,
    version: str,
) -> dict[str, list]:
    """The `articles` rows of a chunk, one list per column (`months`: `published_month` of each)."""
    parsed = [a.parsed for a in articles]
    n = len(articles)
    return {
        "article_id": [a.article_id for a in articles],
        "source": [a.source for a in articles],
        "raw_source": [a.raw_source for a in articles],
        "url": [p.url for p in parsed],
        "title": [p.title for p in parsed],
        "authors": [p.authors for p in parsed],
        "published_at": [p.published_at for p in parsed],
        "published_date": [p.published_date for p in parsed],
        "date_precision": [p.date_precision for p in parsed],
        "date_source": [p.date_source for p in parsed],
        "dateline": [p.dateline for p in parsed],
        "language": [p.language for p in parsed],
        "section": [p.section for p in parsed],
        "tags": [p.tags for p in parsed],
        "text": [a.text for a in articles],
        "n_paragraphs": [len(p.blocks) for p in parsed],
        "n_words": [a.n_words for a in articles],
        "n_chars": [len(a.text) for a in articles],
        "content_hash": [a.content_hash for a in articles],
        "raw_path": [a.raw_path for a in articles],
        "raw_sha256": [a.raw_sha256 for a in articles],
        "raw_format": [a.raw_format for a in articles],
        "record_index": [a.record_index for a in articles],
        "batch_id": [batch_id] * n,
        "ingested_at": [ingested_at] * n,
        "pipeline_version": [version] * n,
        "published_month": months,
    }


def paragraph_columns(
    articles: list[Article],
    months: list[str],
    batch_id: str,
    n_words: list[int],
    hashes: list[str],
) -> dict[str, list]:
    """The `paragraphs` rows of a chunk's articles, one list per column; `n_words` and `hashes`
    are those of every block of every article, in order (`count_words_many`, `content_hashes`)."""
    return {
        "article_id": [a.article_id for a in articles for _ in a.parsed.blocks],
        "position": [i for a in articles for i in range(len(a.parsed.blocks))],
        "kind": [b.kind for a in articles for b in a.parsed.blocks],
        "text": [b.text for a in articles for b in a.parsed.blocks],
        "n_words": n_words,
        "paragraph_hash": hashes,
        "batch_id": [batch_id] * len(n_words),
        "published_month": [
            m for a, m in zip(articles, months, strict=True) for _ in a.parsed.blocks
        ],
    }
