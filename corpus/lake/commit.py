"""The commit path: a batch's tables, then its `batches` row (it lands), then cleanup.

1. One commit per batch table (rejects, signatures, paragraphs, articles). A first attempt on a
   local lake appends (nothing of the batch can exist yet: the lake's lock admits one writer); a
   retry, or any attempt on an object-store lake, replaces the batch's own rows (`batch_id = X`:
   one small predicate, whatever the number of files). On an object store two runs may run the
   same pending batch at once; two replace-by-predicate commits of one batch conflict in Delta
   (the later one fails and the batch stays pending), where two appends would double its rows.
2. The `batches` row: from this commit on, the batch is live for its files (`visibility`), and
   the rows of its files' earlier versions are hidden in the same instant.
3. Superseded rows (earlier versions of the batch's files, tombstoned files) are deleted with a
   join (`delete_matching`), so that plain Delta readers see the same rows as `scan()`. A crash
   here only delays that: the next landing, or `corpus maintain`, finishes it.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
import pyarrow as pa

from corpus.faults import checkpoint
from corpus.lake.storage import TableStore, sql_string
from corpus.lake.tables import BATCH_TABLES
from corpus.lake.visibility import file_key, live_files, registered_files
from corpus.timings import StageTimes


def commit_batch(
    store: TableStore,
    batch_id: str,
    tables: dict[str, pa.Table],
    batch_row: dict,
    attempt: int,
    times: StageTimes | None = None,
) -> None:
    """Write a batch's rows and land it (see the module docstring for the protocol); the
    batch row records `times`, the table commits included."""
    times = times if times is not None else StageTimes()
    own_rows = f"batch_id = {sql_string(batch_id)}"
    for name in BATCH_TABLES:
        with times.track("commit", tables[name].num_rows):
            if attempt <= 1 and store.is_local:
                store.append(name, tables[name])
            else:  # on S3 a racing run of the same batch must conflict, not double its rows
                store.replace_where(name, tables[name], own_rows)
        checkpoint(f"after-commit:{name}")
    store.replace_where("batches", [{**batch_row, "stage_seconds": times.to_json()}], own_rows)
    checkpoint("after-commit:batches")


def superseded(store: TableStore, keys: Iterable[str] | None = None) -> pl.DataFrame:
    """(batch_id, key) of landed batches that are no longer their file's live batch."""
    landed = store.scan("batches").select("batch_id")
    held = registered_files(store).join(landed, on="batch_id", how="semi").select("batch_id", "key")
    if keys is not None:
        held = held.filter(pl.col("key").is_in(list(keys)))
    live = live_files(store, landed=landed).select(pl.col("batch_id").alias("live"), "key")
    return (
        held.join(live, on="key")
        .filter(pl.col("batch_id") != pl.col("live"))
        .select("batch_id", "key")
        .unique()
        .collect()
    )


def drop_superseded(store: TableStore, keys: Iterable[str] | None = None) -> dict[str, int]:
    """Delete the rows of superseded (batch, file) pairs from every batch table; idempotent.

    Paragraphs and signatures find their file through their article, so articles go last: a
    crash half-way leaves the articles that the next cleanup needs to find the rest."""
    stale = superseded(store, keys).lazy()
    stale_articles = _keys(
        store.scan("articles")
        .join(stale, left_on=["batch_id", file_key(pl.col("raw_path"))],
              right_on=["batch_id", "key"], how="semi")
        .select("article_id", "batch_id")
    )
    stale_rejects = _keys(
        store.scan("rejects")
        .join(stale, left_on=["batch_id", file_key(pl.col("raw_path"))],
              right_on=["batch_id", "key"], how="semi")
        .select("raw_path", "batch_id")
        .unique()
    )
    deleted = {}
    for name in ("paragraphs", "signatures"):
        deleted[name] = store.delete_matching(name, stale_articles)
        checkpoint(f"after-cleanup:{name}")
    deleted["rejects"] = store.delete_matching("rejects", stale_rejects)
    deleted["articles"] = store.delete_matching("articles", stale_articles)
    checkpoint("after-cleanup:articles")
    return deleted


def _keys(frame: pl.LazyFrame) -> pa.Table:
    table = frame.collect().to_arrow()
    return table.cast(pa.schema([(n, pa.large_string()) for n in table.column_names]))
