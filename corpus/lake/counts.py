"""Each table's row count as readers see it, from the Delta log instead of a scan of the rows.

Every Parquet file a commit adds carries its row count (`numRecords`) and, for a batch table,
the min and max `batch_id` of its rows (`corpus.lake.parts`). A file whose min and max are the
same batch holds only that batch's rows, so the rows each batch holds come from the log alone.
A batch table's visible rows (`corpus.lake.visibility`) are then the rows of landed batches,
less the rows of files superseded by a later batch or a tombstone: those are deleted right after
the batch that supersedes them lands (`corpus.lake.commit.drop_superseded`), so they are only
read here after a crash in that cleanup. Files whose rows may belong to several batches (a
compaction by `corpus maintain`) or that lack the statistics have their `batch_id` column read.

So the cost follows the number of files and registered raw files, not the rows: the ingest asset
counts every table after every batch, and a scan of the whole lake made that grow with the lake.
The count takes the live batch of each file as the rule says, and counts the rows of a landed
batch's file whatever they hold: rows that break a contract (a paragraph without its article,
which `scan` hides) are for the contract checks to report.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from corpus.lake.storage import TableStore, file_stats
from corpus.lake.tables import spec
from corpus.lake.visibility import file_key, superseded


def row_counts(
    store: TableStore, names: Iterable[str], *, stale: pl.DataFrame | None = None
) -> dict[str, int]:
    """The rows `scan(name)` shows, per table in `names` (see the module docstring); `stale`
    is `visibility.superseded(store)` when the caller has it."""
    wanted = list(names)
    landed: set[str] = set()
    if any(spec(n).scope == "batch" for n in wanted):
        landed = set(store.scan("batches").select("batch_id").collect()["batch_id"].to_list())
        stale = superseded(store) if stale is None else stale
    counts = {}
    for name in wanted:
        per_batch = _rows_per_batch(store, name)
        if spec(name).scope != "batch":
            counts[name] = sum(per_batch.values())
            continue
        counts[name] = sum(n for batch, n in per_batch.items() if batch in landed)
        if stale is not None and not stale.is_empty():
            counts[name] -= _stale_rows(store, name, stale)
    return counts


def _rows_per_batch(store: TableStore, name: str) -> dict[str | None, int]:
    """Rows per `batch_id` of the table's current files (one key, None, for other tables)."""
    table = store.open(name)
    if table is None:
        return {}
    keyed = spec(name).scope == "batch"
    counts: dict[str | None, int] = {}
    unknown = []  # files to read: no row count, or (batch tables) rows of several batches
    for f in file_stats(table):
        if f.rows is None or (keyed and (f.low is None or f.low != f.high)):
            unknown.append(f.path)
            continue
        key = f.low if keyed else None
        counts[key] = counts.get(key, 0) + f.rows
    if unknown:
        frame = store.scan_files(name, unknown)
        if keyed:
            read = frame.group_by("batch_id").len().collect().iter_rows()
        else:
            read = [(None, frame.select(pl.len()).collect().item())]
        for key, n in read:
            counts[key] = counts.get(key, 0) + n
    return counts


def _stale_rows(store: TableStore, name: str, stale: pl.DataFrame) -> int:
    """Rows of superseded (batch, file) pairs still in the table (a crashed cleanup's)."""
    batches = stale["batch_id"].unique().to_list()

    def by_file(table: str) -> pl.LazyFrame:
        return (
            store.scan(table)
            .filter(pl.col("batch_id").is_in(batches))
            .join(
                stale.lazy(),
                left_on=[pl.col("batch_id"), file_key(pl.col("raw_path"))],
                right_on=[pl.col("batch_id"), pl.col("key")],
                how="semi",
            )
        )

    if spec(name).file_link == "raw_path":
        rows = by_file(name)
    else:
        articles = by_file("articles").select("article_id", "batch_id")
        rows = (
            store.scan(name)
            .filter(pl.col("batch_id").is_in(batches))
            .join(articles, on=["article_id", "batch_id"], how="semi")
        )
    return int(rows.select(pl.len()).collect().item())
