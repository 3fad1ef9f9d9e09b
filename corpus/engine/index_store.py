"""The dedup index (`corpus.dedup.index`) kept in the lake, as one Delta table `_dedup_index`
partitioned by `kind` (`group`, `edge`) and `part` (`corpus.dedup.index_parts`).

An update reads the index one partition at a time and writes only the partitions that changed,
as Parquet files no reader sees, then adds them and removes the files they replace in one
commit (`StagedIndex.commit`): a crash or failure before it (between two partition writes, or
later in the refresh) leaves the previous index whole, and the next refresh redoes the update
from it. Groups and edges share the table so that one commit replaces both.

The table is the lake's own (its URI and storage options; on object storage too) but not one of
its tables for analysts: no registry entry, no catalog view. Each commit records the settings
the index was built with, the layout's version (`FORMAT`) among them, and its partition count;
an index built under other settings or in an older layout (one unpartitioned table, before
`FORMAT` existed) is never read: the next refresh rebuilds it whole, replacing the table. So is
one whose partitions have grown past `PART_GROUPS` x `REBUILD_GROWTH` groups each.
Delta has no unsigned integers: band keys are stored as their int64 bit patterns. Each commit
leaves replaced files behind, so it vacuums what older ones left (`VACUUM_HOURS`):
`corpus maintain` only knows the registered tables.
"""

from __future__ import annotations

import json
import math
import posixpath
import uuid
from dataclasses import dataclass, field

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import CommitProperties, DeltaTable
from deltalake.exceptions import TableNotFoundError
from deltalake.schema import Schema
from deltalake.transaction import AddAction, RemoveAction, create_table_with_add_actions

from corpus.dedup.config import DedupConfig
from corpus.dedup.index import EDGES_SCHEMA, GROUPS_SCHEMA, DedupIndex
from corpus.dedup.index_parts import (
    EDGE,
    GROUP,
    IDS,
    IndexSource,
    MemorySource,
    Piece,
    group_part,
)
from corpus.faults import armed, checkpoint_armed
from corpus.lake.lake import Lake
from corpus.lake.objectstore import filesystem
from corpus.lake.parts import WRITER_OPTIONS, modification_time

INDEX_TABLE = "_dedup_index"
SETTINGS_KEY = "corpus.dedup_index_settings"
PARTS_KEY = "corpus.dedup_index_parts"
FORMAT = "partitioned-2"  # the layout; a change here makes every stored index rebuild once
VACUUM_HOURS = 1  # only a refresh reads the index, and none takes this long between read and use
# Groups per partition at a build: a partition is read whole (~320 bytes a group with its 32
# keys, and its bucket rows exploded to find the touched buckets' members: 32 x ~40 bytes).
PART_GROUPS = 100_000
REBUILD_GROWTH = 4  # rebuild when the lake holds this many times the groups partitions were cut for
PARTITION_BY = ["kind", "part"]
HISTORY = 8  # commits looked back through for the last write; none found: rebuilt
FILE_SCHEMA = pa.schema(
    [
        ("content_hash", pa.large_string()),
        ("rep_id", pa.large_string()),  # a group's representative, an edge's low id
        ("keys", pa.list_(pa.int64())),
        ("band", pa.int32()),
        ("key", pa.int64()),
        ("high_id", pa.large_string()),
    ]
)
SCHEMA = pa.schema([("kind", pa.string()), ("part", pa.int32()), *FILE_SCHEMA])
SIGNED = pl.List(pl.Int64)


def index_settings(config: DedupConfig) -> str:
    """What the index depends on: its layout, the signatures' id and the banding."""
    return json.dumps(
        [FORMAT, config.signature_id, config.bands, config.rows, config.threshold,
         config.pairwise_bucket_limit]
    )  # fmt: skip


def index_parts(groups: int) -> int:
    """Partitions for an index of `groups` groups, ~`PART_GROUPS` each."""
    return max(1, math.ceil(groups / PART_GROUPS))


def _built_with(table: DeltaTable) -> dict:
    """The metadata of the last commit that wrote the index (vacuums commit too, two each)."""
    for commit in table.history(HISTORY):
        if not str(commit.get("operation", "")).startswith("VACUUM"):
            return commit
    return {}


class StoredIndex:
    """One version of the stored index, read a partition at a time (an `IndexSource`)."""

    def __init__(self, lake: Lake, table: DeltaTable, parts: int) -> None:
        self.parts = parts
        self.uri = lake.store.table_uri(INDEX_TABLE)
        self.options = lake.store.scan_options() or None
        files = pl.from_arrow(pa.table(table.get_add_actions(flatten=True)))
        assert isinstance(files, pl.DataFrame)
        self.files = files.select(
            "path",
            "size_bytes",
            kind="partition.kind",
            part=pl.col("partition.part").cast(pl.Int32),
        )

    def _read(self, kind: str, parts: list[int] | None, columns: list[str]) -> pl.DataFrame:
        chosen = self.files.filter(pl.col("kind") == kind)
        if parts is not None:
            chosen = chosen.filter(pl.col("part").is_in(parts))
        paths = [posixpath.join(self.uri, p) for p in chosen["path"]]
        if not paths:
            return pl.from_arrow(FILE_SCHEMA.empty_table()).select(columns)  # type: ignore[union-attr]
        return pl.read_parquet(paths, columns=columns, storage_options=self.options)

    def _groups(self, parts: list[int] | None) -> pl.DataFrame:
        rows = self._read(GROUP, parts, ["content_hash", "rep_id", "keys"])
        keys = pl.col("keys").cast(SIGNED).list.eval(pl.element().reinterpret(signed=False))
        return rows.with_columns(keys=keys).cast(dict(GROUPS_SCHEMA))

    def group_ids(self) -> pl.DataFrame:
        return self._read(GROUP, None, IDS)

    def groups_of(self, ids: pl.DataFrame) -> pl.DataFrame:
        parts = ids.select(group_part(self.parts)).unique().to_series().to_list()
        return self._groups(parts).join(ids.select(IDS), on=IDS, how="semi")

    def group_partition(self, part: int) -> pl.DataFrame:
        return self._groups([part])

    def edges(self) -> pl.DataFrame:
        return self._edges(None)

    def edge_partition(self, part: int) -> pl.DataFrame:
        return self._edges([part])

    def _edges(self, parts: list[int] | None) -> pl.DataFrame:
        rows = self._read(EDGE, parts, ["band", "key", "rep_id", "high_id"])
        return rows.select(
            "band", key=pl.col("key").reinterpret(signed=False), low_id="rep_id", high_id="high_id"
        ).cast(dict(EDGES_SCHEMA))


def _file_rows(piece: Piece) -> pa.Table:
    """A piece's rows in the files' schema (the columns of the other kind null)."""
    if piece.kind == GROUP:
        keys = pl.col("keys").list.eval(pl.element().reinterpret(signed=True))
        rows = piece.rows.select("content_hash", "rep_id", keys=keys)
    else:
        key = pl.col("key").reinterpret(signed=True)
        rows = piece.rows.select("band", key=key, rep_id="low_id", high_id="high_id")
    missing = [pl.lit(None).alias(f.name) for f in FILE_SCHEMA if f.name not in rows.columns]
    return rows.with_columns(missing).select(FILE_SCHEMA.names).to_arrow().cast(FILE_SCHEMA)


@dataclass(frozen=True, slots=True)
class Written:
    """One partition written: its file's add action (None: the partition is now empty)."""

    kind: str
    part: int
    action: AddAction | None


@dataclass(frozen=True, slots=True)
class PartWriter:
    """Writes a piece as a Parquet file in its partition's folder, not yet in the log (the
    `WritePiece` of a stored index; plain values, so a Ray task can run it)."""

    uri: str
    storage_options: dict[str, str]
    faults: dict[str, str] = field(default_factory=armed)  # the driver's, for a Ray task

    def __call__(self, piece: Piece) -> Written:
        action = None
        if piece.rows.height:
            fs, root = filesystem(self.uri, self.storage_options)
            relative = f"kind={piece.kind}/part={piece.part}/index-{uuid.uuid4().hex}.parquet"
            full = posixpath.join(root, relative)
            fs.create_dir(posixpath.dirname(full), recursive=True)
            pq.write_table(_file_rows(piece), full, filesystem=fs, **WRITER_OPTIONS)
            size = fs.get_file_info(full).size
            values = {"kind": piece.kind, "part": str(piece.part)}
            stats = json.dumps({"numRecords": piece.rows.height})
            action = AddAction(relative, size, values, modification_time(), True, stats)
        checkpoint_armed("dedup-index:partition-written", self.faults)
        return Written(piece.kind, piece.part, action)


@dataclass
class StagedIndex:
    """The index a refresh reads (`source`), the writer of its changed partitions (`write`),
    and the one commit that makes them the index (`commit`)."""

    lake: Lake
    config: DedupConfig
    source: IndexSource
    table: DeltaTable | None  # the stored table, None when there is none yet
    full: bool  # the index is built from nothing (first run, other settings or layout)

    @property
    def write(self) -> PartWriter:
        return PartWriter(self.uri, self.lake.store.storage_options)

    @property
    def uri(self) -> str:
        return self.lake.store.table_uri(INDEX_TABLE)

    def commit(self, written: list[object]) -> None:
        """Add the written partitions and drop the files they replace, in one commit (a full
        build replaces the whole table: its layout may be an older one)."""
        pieces = [w for w in written if isinstance(w, Written)]
        if not pieces:
            return
        added = [w.action for w in pieces if w.action is not None]
        replaced = {(w.kind, w.part) for w in pieces}
        options = self.lake.store.storage_options or None
        metadata = {SETTINGS_KEY: index_settings(self.config), PARTS_KEY: str(self.source.parts)}
        properties = CommitProperties(custom_metadata=metadata)
        if self.full or self.table is None:
            create_table_with_add_actions(
                self.uri, Schema.from_arrow(SCHEMA), added, mode="overwrite",
                partition_by=PARTITION_BY, storage_options=options, commit_properties=properties,
            )  # fmt: skip
        else:
            assert isinstance(self.source, StoredIndex)
            now = modification_time()
            removed = [
                RemoveAction(path, True, now, size, {"kind": kind, "part": str(part)})
                for path, size, kind, part in self.source.files.iter_rows()
                if (kind, part) in replaced
            ]
            self.table.create_write_transaction(
                [*added, *removed], mode="append", schema=SCHEMA,
                partition_by=PARTITION_BY, commit_properties=properties,
            )  # fmt: skip
        DeltaTable(self.uri, storage_options=options).vacuum(
            retention_hours=VACUUM_HOURS, enforce_retention_duration=False, dry_run=False
        )


def open_index(lake: Lake, config: DedupConfig, groups: int) -> StagedIndex:
    """The stored index, when built under these settings with partitions fit for about
    `groups` groups (an upper bound will do); else an empty one of fitting partitions."""
    uri = lake.store.table_uri(INDEX_TABLE)
    try:
        table = DeltaTable(uri, storage_options=lake.store.storage_options or None)
    except TableNotFoundError:
        table = None
    if table is not None:
        built = _built_with(table)
        parts = int(built.get(PARTS_KEY) or 0)
        fits = parts * PART_GROUPS * REBUILD_GROWTH >= groups
        if built.get(SETTINGS_KEY) == index_settings(config) and parts and fits:
            return StagedIndex(lake, config, StoredIndex(lake, table, parts), table, full=False)
    empty = MemorySource(DedupIndex.empty(), index_parts(groups))
    return StagedIndex(lake, config, empty, table, full=True)
