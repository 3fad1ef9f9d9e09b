"""The commit path: a batch's tables, then its `batches` row (it lands), then cleanup.

1. One commit per batch table (rejects, signatures, paragraphs, articles). The rows are already
   in Parquet parts that processing wrote chunk by chunk (`corpus.lake.parts`), invisible until
   a commit adds them. On a local lake the commit adds the parts as they are (the lake's lock
   admits one writer); a retry first deletes the rows a killed attempt committed (`batch_id = X`;
   they were never visible: the batch had not landed). On an object store two runs may run the
   same pending batch at once (there is no lock), and two plain appends would double its rows.
   There a first attempt adds its parts as they are with a Delta app transaction
   (`batch_app`: app id `corpus-batch-<id>`, version = the attempt): a run of the same attempt
   that committed first makes the later one fail, whether Delta sees the two commits race (its
   conflict check) or the later run's snapshot already holds the first's (`add_parts` refuses);
   the batch stays pending or landed by the first. A later attempt may find an earlier one's
   committed rows, so it streams its parts into a replace-by-predicate write (`batch_id = X`,
   same app transaction), rewriting them once, and deletes the parts. A killed attempt's
   uncommitted parts are deleted by the batch's next attempt (on an object store once they are a
   day old: `remove_orphan_parts`).
2. The `batches` row: from this commit on, the batch is live for its files (`visibility`), and
   the rows of its files' earlier versions are hidden in the same instant.
3. Superseded rows (earlier versions of the batch's files, tombstoned files) are deleted with a
   join (`delete_matching`), so that plain Delta readers see the same rows as `scan()`. A crash
   here only delays that: the next landing, or `corpus maintain`, finishes it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable

import polars as pl
import pyarrow as pa
from deltalake import Transaction

from corpus.faults import checkpoint
from corpus.lake.parts import Part, delete_parts, read_parts, remove_orphans
from corpus.lake.storage import TableStore, sql_string
from corpus.lake.tables import BATCH_TABLES
from corpus.lake.visibility import file_key, superseded
from corpus.timings import StageTimes

# an uncommitted part younger than this may be a racing run's (object stores): no batch's attempt
# runs this long, so an older one is a killed or failed attempt's
ORPHAN_GRACE = dt.timedelta(days=1)


def commit_batch(
    store: TableStore,
    batch_id: str,
    parts: dict[str, list[Part]],
    batch_row: dict,
    attempt: int,
    times: StageTimes | None = None,
) -> None:
    """Commit a batch's staged parts and land it (see the module docstring for the protocol);
    the batch row records `times`, the table commits included."""
    times = times if times is not None else StageTimes()
    own_rows = f"batch_id = {sql_string(batch_id)}"
    for name in BATCH_TABLES:
        staged = parts.get(name, [])
        with times.track("commit", sum(p.num_rows for p in staged)):
            if store.is_local:
                if attempt > 1:  # the rows a killed attempt committed (never visible) go first
                    store.delete_where(name, own_rows)
                if staged:
                    store.add_parts(name, staged)
            elif attempt == 1:  # on S3 a racing run of the batch conflicts instead of doubling
                store.add_parts(name, staged, app=batch_app(batch_id, attempt))
            else:  # an earlier attempt may have committed rows here: replace them
                uri = store.table_uri(name)
                rows = read_parts(uri, store.storage_options, name, staged)
                store.replace_where(name, rows, own_rows, app=batch_app(batch_id, attempt))
                delete_parts(uri, store.storage_options, staged)
        checkpoint(f"after-commit:{name}")
    store.replace_where("batches", [{**batch_row, "stage_seconds": times.to_json()}], own_rows)
    checkpoint("after-commit:batches")


def batch_app(batch_id: str, attempt: int) -> Transaction:
    """The app transaction of an attempt's commit of a batch table (object stores)."""
    return Transaction(app_id=f"corpus-batch-{batch_id}", version=attempt)


def remove_orphan_parts(store: TableStore, batch_id: str, *, run: str | None = None) -> int:
    """Delete the parts of this batch that no commit holds (a killed or failed attempt's); run
    before a retry writes its own. `run`: only that attempt's (an abandoned start's own parts).

    Otherwise, on a local lake every such part goes: its lock admits one writer. On an object
    store another run may be running the same pending batch right now (no lock: `register`),
    its parts written and not yet committed, or committed after this listing: deleting them
    would leave its commit naming files that are gone. There only parts older than
    `ORPHAN_GRACE` go; younger ones stay, invisible, until a later attempt or the vacuum of
    `corpus maintain` removes them."""
    written_before = None
    if run is None and not store.is_local:
        written_before = dt.datetime.now(dt.UTC) - ORPHAN_GRACE
    removed = 0
    for name in BATCH_TABLES:
        table = store.open(name)
        committed = set() if table is None else {posixpath.basename(u) for u in table.file_uris()}
        removed += remove_orphans(
            store.table_uri(name),
            store.storage_options,
            batch_id,
            committed,
            run=run,
            written_before=written_before,
        )
    return removed


def drop_superseded(store: TableStore, keys: Iterable[str] | None = None) -> dict[str, int]:
    """Delete the rows of superseded (batch, file) pairs from every batch table; idempotent.

    Paragraphs and signatures find their file through their article, so articles go last: a
    crash half-way leaves the articles that the next cleanup needs to find the rest."""
    stale = superseded(store, keys)
    if stale.is_empty():  # the common case (new files): no need to scan the whole lake
        return dict.fromkeys(("paragraphs", "signatures", "rejects", "articles"), 0)
    stale = stale.lazy()
    stale_articles = _keys(
        store.scan("articles")
        .join(
            stale,
            left_on=["batch_id", file_key(pl.col("raw_path"))],
            right_on=["batch_id", "key"],
            how="semi",
        )
        .select("article_id", "batch_id")
    )
    stale_rejects = _keys(
        store.scan("rejects")
        .join(
            stale,
            left_on=["batch_id", file_key(pl.col("raw_path"))],
            right_on=["batch_id", "key"],
            how="semi",
        )
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
