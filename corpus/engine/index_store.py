"""The dedup index (`corpus.dedup.index`) kept in the lake, as one Delta table `_dedup_index`.

Groups and edges are rows of one table (told apart by `kind`) so that one overwrite commit
replaces both: a reader never sees the groups of one run with the edges of another. The table is
the lake's own (its URI and storage options; on object storage too) but not one of its tables
for analysts: no registry entry, no catalog view. Its commit records the settings it was built
with; an index built under other settings is ignored (the next refresh rebuilds it whole).
Delta has no unsigned integers: band keys are stored as their int64 bit patterns. Each save
rewrites the index, so it vacuums what older saves left (`VACUUM_HOURS`): `corpus maintain`
only knows the registered tables.
"""

from __future__ import annotations

import json

import polars as pl
from deltalake import CommitProperties, DeltaTable, write_deltalake
from deltalake.exceptions import TableNotFoundError

from corpus.dedup.config import DedupConfig
from corpus.dedup.index import EDGES_SCHEMA, GROUPS_SCHEMA, DedupIndex
from corpus.lake.lake import Lake

INDEX_TABLE = "_dedup_index"
SETTINGS_KEY = "corpus.dedup_index_settings"
VACUUM_HOURS = 1  # only a refresh reads the index, and none takes this long between read and use


def index_settings(config: DedupConfig) -> str:
    """What the index depends on: the signatures' id and the banding."""
    return json.dumps(
        [config.signature_id, config.bands, config.rows, config.threshold,
         config.pairwise_bucket_limit]
    )  # fmt: skip


def load_index(lake: Lake, config: DedupConfig) -> DedupIndex:
    """The stored index, or an empty one when there is none or it was built otherwise."""
    uri = lake.store.table_uri(INDEX_TABLE)
    try:
        table = DeltaTable(uri, storage_options=lake.store.storage_options or None)
    except TableNotFoundError:
        return DedupIndex.empty()
    last = next(iter(table.history(1)), {})
    if last.get(SETTINGS_KEY) != index_settings(config):
        return DedupIndex.empty()
    rows = pl.read_delta(uri, storage_options=lake.store.scan_options() or None)
    signed = pl.List(pl.Int64)
    groups = rows.filter(pl.col("kind") == "group").select(
        "content_hash",
        "rep_id",
        keys=pl.col("keys").cast(signed).list.eval(pl.element().reinterpret(signed=False)),
    )
    edges = rows.filter(pl.col("kind") == "edge").select(
        "band", key=pl.col("key").reinterpret(signed=False), low_id="rep_id", high_id="high_id"
    )
    return DedupIndex(groups.cast(dict(GROUPS_SCHEMA)), edges.cast(dict(EDGES_SCHEMA)))


def save_index(lake: Lake, index: DedupIndex, config: DedupConfig) -> None:
    """Replace the stored index in one commit."""
    groups = index.groups.select(
        kind=pl.lit("group"),
        content_hash="content_hash",
        rep_id="rep_id",
        keys=pl.col("keys").list.eval(pl.element().reinterpret(signed=True)),
        band=pl.lit(None, pl.Int32),
        key=pl.lit(None, pl.Int64),
        high_id=pl.lit(None, pl.String),
    )
    edges = index.edges.select(
        kind=pl.lit("edge"),
        content_hash=pl.lit(None, pl.String),
        rep_id="low_id",
        keys=pl.lit(None, pl.List(pl.Int64)),
        band="band",
        key=pl.col("key").reinterpret(signed=True),
        high_id="high_id",
    )
    uri = lake.store.table_uri(INDEX_TABLE)
    write_deltalake(
        uri,
        pl.concat([groups, edges]).to_arrow(),
        mode="overwrite",
        schema_mode="overwrite",
        storage_options=lake.store.storage_options or None,
        commit_properties=CommitProperties(custom_metadata={SETTINGS_KEY: index_settings(config)}),
    )
    DeltaTable(uri, storage_options=lake.store.storage_options or None).vacuum(
        retention_hours=VACUUM_HOURS, enforce_retention_duration=False, dry_run=False
    )
