"""The canonical pyarrow schema of every lake table: cast to it before every write.

Text columns are `large_string` (what polars writes, and safe for long article bodies); times are
UTC microseconds. A column's meaning never changes: a new meaning gets a new column.
"""

from __future__ import annotations

import pyarrow as pa

STR = pa.large_string()
UTC = pa.timestamp("us", tz="UTC")
STR_LIST = pa.large_list(pa.large_string())

ARTICLES = pa.schema(
    [
        ("article_id", STR),
        ("source", STR),
        ("url", STR),
        ("title", STR),
        ("authors", STR_LIST),
        ("published_at", UTC),
        ("published_date", pa.date32()),
        ("date_precision", STR),
        ("date_source", STR),
        ("dateline", STR),
        ("language", STR),
        ("section", STR),
        ("tags", STR_LIST),
        ("text", STR),
        ("n_paragraphs", pa.int32()),
        ("n_words", pa.int32()),
        ("n_chars", pa.int32()),
        ("content_hash", STR),
        ("raw_path", STR),
        ("raw_sha256", STR),
        ("raw_format", STR),
        ("record_index", pa.int32()),
        ("batch_id", STR),
        ("ingested_at", UTC),
        ("pipeline_version", STR),
        ("published_month", STR),
    ]
)

PARAGRAPHS = pa.schema(
    [
        ("article_id", STR),
        ("position", pa.int32()),
        ("kind", STR),
        ("text", STR),
        ("n_words", pa.int32()),
        ("paragraph_hash", STR),
        ("batch_id", STR),
        ("published_month", STR),
    ]
)

SIGNATURES = pa.schema(
    [
        ("article_id", STR),
        ("content_hash", STR),
        ("minhash", pa.large_binary()),
        ("dedup_version", STR),
        ("batch_id", STR),
    ]
)

REJECTS = pa.schema(
    [
        ("raw_path", STR),
        ("raw_sha256", STR),
        ("record_index", pa.int32()),
        ("stage", STR),
        ("reason", STR),
        ("message", STR),
        ("excerpt", STR),
        ("batch_id", STR),
    ]
)

BATCH_FILE = pa.struct([("path", STR), ("sha256", STR), ("size", pa.int64())])

BATCHES = pa.schema(
    [
        ("batch_id", STR),
        ("registered_at", UTC),
        ("started_at", UTC),
        ("finished_at", UTC),
        ("n_files", pa.int32()),
        ("n_records", pa.int32()),
        ("n_articles", pa.int32()),
        ("n_paragraphs", pa.int32()),
        ("n_rejects", pa.int32()),
        ("files", pa.large_list(BATCH_FILE)),
        ("parameters", STR),  # JSON: settings that change output, with their versions
        ("pipeline_version", STR),
    ]
)

DUPLICATES = pa.schema(
    [
        ("article_id", STR),
        ("cluster_id", STR),
        ("kept_article_id", STR),
        ("kind", STR),
        ("similarity", pa.float64()),
        ("rule", STR),
    ]
)

PARAGRAPH_STATS = pa.schema(
    [
        ("source", STR),
        ("paragraph_hash", STR),
        ("n_articles", pa.int64()),
        ("is_boilerplate", pa.bool_()),
    ]
)

# name -> (schema, partition columns); `batches` is listed last: it is written last.
TABLES: dict[str, tuple[pa.Schema, list[str]]] = {
    "articles": (ARTICLES, ["published_month"]),
    "paragraphs": (PARAGRAPHS, ["published_month"]),
    "signatures": (SIGNATURES, []),
    "rejects": (REJECTS, []),
    "duplicates": (DUPLICATES, []),
    "paragraph_stats": (PARAGRAPH_STATS, []),
    "batches": (BATCHES, []),
}
BATCH_TABLES = ("rejects", "signatures", "paragraphs", "articles")  # write order; then batches
GLOBAL_TABLES = ("duplicates", "paragraph_stats")


def schema_of(table: str) -> pa.Schema:
    return TABLES[table][0]
