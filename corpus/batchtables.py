"""A chunk's articles and rejects as Arrow tables in the canonical schemas.

Rows are gathered one list per column, and pyarrow converts each list to its canonical type
(measured: 6 µs per article, against 21 through polars, whose list and timestamp columns go
element by element; the first conversion does not import pandas: `corpus.arrowprobe`). Work
per paragraph runs over the whole chunk at once: word counts (`count_words_many`), paragraph
hashes (`batchfold.content_hashes`); the articles' content hashes come out of the MinHash pass
over their texts (`minhash.fingerprints`). Strings are made storable (`corpus.sanitize`) a
column at a time: one scan of the joined column finds nearly every column clean. Hashes and counts are of the text before that cleaning, signatures of the text after it,
as when rows were dicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import chain

import pyarrow as pa

from corpus import PIPELINE_VERSION
from corpus.dedup.batchfold import content_hashes
from corpus.dedup.config import DedupConfig
from corpus.dedup.minhash import fingerprints, minhash_signatures, pack_signatures
from corpus.lake.tables import spec
from corpus.normalize.article import article_columns, paragraph_columns, published_month
from corpus.normalize.text import count_joined_words, count_words_many
from corpus.records import Article
from corpus.sanitize import clean_text, clean_value
from corpus.timings import StageTimes


@dataclass(slots=True)
class BatchTables:
    """A batch's tables in their canonical schemas, ready to commit."""

    articles: pa.Table
    paragraphs: pa.Table
    signatures: pa.Table
    rejects: pa.Table
    n_records: int
    n_sanitized: int = 0  # code points changed to make the rows' strings storable
    times: StageTimes = field(default_factory=StageTimes)  # seconds and items per stage


def build_tables(
    articles: list[Article],
    rejects: list[dict],
    *,
    batch_id: str,
    ingested_at: dt.datetime,
    config: DedupConfig,
    n_records: int,
    times: StageTimes,
) -> BatchTables:
    """The four batch tables of a chunk's articles and reject rows (`times` gains the
    `fingerprint` and `arrow` stages)."""
    with times.track("fingerprint", len(articles)):
        blocks = [b.text for a in articles for b in a.parsed.blocks]
        block_words = count_words_many(blocks)
        block_hashes = content_hashes(blocks)
        hashes, signatures = fingerprints([a.text for a in articles], config)
        start = 0
        for article, content_hash in zip(articles, hashes, strict=True):
            stop = start + len(article.parsed.blocks)
            article.n_words = count_joined_words(article.text, block_words[start:stop])
            article.content_hash = content_hash
            start = stop
    with times.track("arrow", n_records):
        months = [published_month(a.parsed) for a in articles]
        article_cols = article_columns(articles, months, batch_id, ingested_at, PIPELINE_VERSION)
        paragraph_cols = paragraph_columns(articles, months, batch_id, block_words, block_hashes)
        reject_cols = {name: [r[name] for r in rejects] for name in spec("rejects").schema.names}
        n_sanitized = sum(a.sanitized for a in articles)
        n_sanitized += clean_columns("articles", article_cols)
        n_sanitized += clean_columns("paragraphs", paragraph_cols)
        n_sanitized += clean_columns("rejects", reject_cols)
        texts = article_cols["text"]
        changed = [i for i, a in enumerate(articles) if texts[i] is not a.text]
        if changed:  # signatures are of the stored text
            signatures[changed] = minhash_signatures([texts[i] for i in changed], config)
        signature_cols = {
            "article_id": article_cols["article_id"],
            "content_hash": hashes,
            "minhash": pack_signatures(signatures),
            "dedup_version": [config.signature_id] * len(articles),
            "batch_id": [batch_id] * len(articles),
        }
        return BatchTables(
            articles=to_table("articles", article_cols),
            paragraphs=to_table("paragraphs", paragraph_cols),
            signatures=to_table("signatures", signature_cols),
            rejects=to_table("rejects", reject_cols),
            n_records=n_records,
            n_sanitized=n_sanitized,
            times=times,
        )


def to_table(table: str, columns: dict[str, list]) -> pa.Table:
    """Columns (one list each, every column of the table's schema, no other) as its Arrow table,
    each converted by pyarrow straight to its canonical type."""
    schema = spec(table).schema
    if list(columns) != schema.names:
        names = schema.names
        unknown, missing = sorted(set(columns) - set(names)), sorted(set(names) - set(columns))
        raise KeyError(f"{table}: unknown columns {unknown}, missing {missing} (or out of order)")
    arrays = [pa.array(columns[field.name], type=field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def clean_columns(table: str, columns: dict[str, list]) -> int:
    """Every string of the table's string and string-list columns made storable, in place;
    returns the code points changed. A column is scanned once, joined, and only a column that
    holds something to clean is cleaned value by value."""
    changed = 0
    for column in spec(table).schema:
        values = columns[column.name]
        if pa.types.is_large_string(column.type) or pa.types.is_string(column.type):
            joined = "\n".join(filter(None, values))
        elif pa.types.is_large_list(column.type) or pa.types.is_list(column.type):
            items = chain.from_iterable(filter(None, values))
            joined = "\n".join(v for v in items if isinstance(v, str))
        else:
            continue
        if clean_text(joined)[1] == 0:
            continue
        for i, value in enumerate(values):
            cleaned, n = clean_text(value) if isinstance(value, str) else clean_value(value)
            if n:
                values[i] = cleaned
                changed += n
    return changed
