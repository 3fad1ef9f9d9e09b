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
        ("raw_source", STR),
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

# One file of a registered batch. `key` is the file's `raw_path` (rows of its records start with
# it); `status` is 'file' (read it), 'refused' (never opened: `note` says why) or 'tombstone'
# (the file vanished: its rows leave the lake when the batch lands).
BATCH_FILE = pa.struct(
    [
        ("path", STR),
        ("key", STR),
        ("sha256", STR),
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("status", STR),
        ("note", STR),
    ]
)

REGISTRATIONS = pa.schema(
    [
        ("batch_id", STR),
        ("registered_at", UTC),
        ("kind", STR),  # 'new' (new or changed files), 'reprocess', 'prune'
        ("files", pa.large_list(BATCH_FILE)),
    ]
)

ATTEMPTS = pa.schema(
    [
        ("batch_id", STR),
        ("attempt", pa.int32()),
        ("at", UTC),
        ("event", STR),  # 'started' or 'failed'
        ("error", STR),
    ]
)

BATCHES = pa.schema(
    [
        ("batch_id", STR),
        ("registered_at", UTC),
        ("started_at", UTC),
        ("finished_at", UTC),
        ("attempt", pa.int32()),
        ("n_files", pa.int32()),
        ("n_records", pa.int32()),
        ("n_articles", pa.int32()),
        ("n_paragraphs", pa.int32()),
        ("n_rejects", pa.int32()),
        ("n_sanitized", pa.int32()),
        ("stage_seconds", STR),  # JSON: seconds and items per stage (corpus.timings)
        ("parameters", STR),  # JSON: settings that change output, with their versions
        ("parameters_digest", STR),  # what `--reprocess` compares
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
