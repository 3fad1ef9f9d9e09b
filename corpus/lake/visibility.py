"""Which rows of the batch tables a reader sees: the lake's one visibility rule.

A raw file's live batch is the latest-registered *landed* batch that holds it (a landed batch has
its `batches` row). A batch-table row is visible when its batch is the live batch of its file:
rows of a batch still being written stay hidden, and the rows of a file's earlier version vanish in
the same instant as the new rows appear (the `batches` commit), however many tables there are.
A tombstone (a vanished raw file pruned from the lake) is a live entry that shows nothing.

The DuckDB catalog states the same rule in SQL (`corpus.lake.catalog`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from corpus.lake.storage import TableStore
from corpus.lake.tables import spec

# The raw file a `raw_path` belongs to: everything before the first unescaped `!` (archive
# members are `container!member`; a `!` or `^` in a real name is escaped as `^!` / `^^`, see
# `corpus.rawpath`). The catalog uses the same pattern in SQL.
FILE_KEY_PATTERN = r"^((?:[^!^]|\^.)*)"


def file_key(raw_path: pl.Expr) -> pl.Expr:
    return raw_path.str.extract(FILE_KEY_PATTERN, 1)


def registered_files(store: TableStore) -> pl.LazyFrame:
    """One row per (registration, file): batch_id, registered_at, kind and the file's fields."""
    return (
        store.scan("registrations")
        .select("batch_id", "registered_at", "kind", "files")
        .explode("files")
        .drop_nulls("files")
        .unnest("files")
    )


def live_files(
    store: TableStore, *, landed: pl.LazyFrame | None = None, keys: pl.LazyFrame | None = None
) -> pl.LazyFrame:
    """(batch_id, key, status) of each file's live batch, tombstones included; with `keys` (a
    `key` column), of those files only."""
    landed = landed if landed is not None else store.scan("batches").select("batch_id")
    files = registered_files(store)
    if keys is not None:
        files = files.join(keys, on="key", how="semi")
    return (
        files.join(landed, on="batch_id", how="semi")
        .sort("registered_at", "batch_id")
        .group_by("key")
        .agg(pl.col("batch_id").last(), pl.col("status").last())
    )


@dataclass(frozen=True, slots=True)
class Seen:
    """What readers see, computed once: each non-tombstone file's live batch (`live`: batch_id,
    key) and the visible articles (`articles`: article_id, batch_id). A reader that scans several
    tables (the dedup refresh) takes one `Seen` instead of re-deriving the live files per table,
    and the visible articles again for each table linked through its articles. It holds one row
    per raw file and per visible article (of one batch's: `seen_in_batch`)."""

    live: pl.DataFrame
    articles: pl.DataFrame


def seen_now(store: TableStore) -> Seen:
    """The lake's visibility at its current versions, as one `Seen`."""
    live = _live(store).collect()
    return Seen(live, _visible_articles(store, live.lazy()).collect())


def superseded(store: TableStore, keys: Iterable[str] | None = None) -> pl.DataFrame:
    """(batch_id, key) of landed batches that are no longer their file's live batch (of the
    files `keys` only, when given).

    Only a file that two landed batches hold can have one: the live batches are derived for
    those files alone (none, after an ingest of new files only)."""
    landed = store.scan("batches").select("batch_id")
    held = registered_files(store).join(landed, on="batch_id", how="semi").select("batch_id", "key")
    if keys is not None:
        held = held.filter(pl.col("key").is_in(list(keys)))
    contested = held.filter(pl.col("key").is_duplicated()).collect()
    if contested.is_empty():
        return contested
    live = live_files(store, landed=landed, keys=contested.lazy().select("key"))
    return (
        contested.lazy()
        .join(live.select(pl.col("batch_id").alias("live"), "key"), on="key")
        .filter(pl.col("batch_id") != pl.col("live"))
        .select("batch_id", "key")
        .unique()
        .collect()
    )


def seen_in_batch(store: TableStore, batch_id: str, *, stale: pl.DataFrame | None = None) -> Seen:
    """What readers see of one batch's rows: its files whose live batch it is, and its visible
    articles. Scans as of it show the rows of that batch that `seen_now()` shows, and no other
    rows, at a cost that follows the batch (its own rows), not the lake's rows (the ingest
    asset's previews and checks after each batch). A landed batch is live for each of its files
    but those it is superseded for: `stale` is `superseded(store)` when the caller has it."""
    own = pl.col("batch_id") == batch_id
    files = (
        registered_files(store)
        .filter(own & (pl.col("status") != "tombstone"))
        .select("batch_id", "key")
        .collect()
    )
    landed = store.scan("batches").filter(own).select(pl.len()).collect().item() > 0
    if stale is None:
        stale = superseded(store, files["key"].to_list()) if landed else files.clear()
    live = files.join(stale, on=["batch_id", "key"], how="anti") if landed else files.clear()
    articles = store.scan("articles", batch_id=batch_id).select(
        "article_id", "batch_id", "raw_path"
    )
    return Seen(live, _by_file(articles, live.lazy()).select("article_id", "batch_id").collect())


def _live(store: TableStore) -> pl.LazyFrame:
    return live_files(store).filter(pl.col("status") != "tombstone").select("batch_id", "key")


def _visible_articles(store: TableStore, live: pl.LazyFrame) -> pl.LazyFrame:
    """(article_id, batch_id) of the articles whose file's live batch holds them."""
    articles = store.scan("articles").select("article_id", "batch_id", "raw_path")
    return _by_file(articles, live).select("article_id", "batch_id")


def _by_file(frame: pl.LazyFrame, live: pl.LazyFrame) -> pl.LazyFrame:
    return frame.join(
        live,
        left_on=[pl.col("batch_id"), file_key(pl.col("raw_path"))],
        right_on=[pl.col("batch_id"), pl.col("key")],
        how="semi",
    )


def visible(
    store: TableStore, name: str, frame: pl.LazyFrame, *, seen: Seen | None = None
) -> pl.LazyFrame:
    """The rows of `frame` (a batch table's rows) that readers see; with `seen`, as of it."""
    if spec(name).file_link == "raw_path":
        return _by_file(frame, seen.live.lazy() if seen is not None else _live(store))
    articles = seen.articles.lazy() if seen is not None else _visible_articles(store, _live(store))
    return frame.join(articles, on=["article_id", "batch_id"], how="semi")
