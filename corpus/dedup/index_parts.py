"""The dedup index (`corpus.dedup.index`) in partitions, updated one partition at a time.

An index is held in `parts` partitions so that an update never holds it whole:

- *group* rows (`content_hash`, `rep_id`, `keys`) by their content hash (`group_part`). A
  group's band keys fall in every bucket partition, so partitioning groups by bucket would
  store each group once per band; by its own hash it is stored once.
- *edge* rows by their bucket (`edge_part`: `key % parts`, keys being hashes already).

`IndexUpdate.run` diffs the stored groups' ids against the current groups, signs the new ones
into band keys, then reads each group partition once (`rewrite_group_partition`, a task per
partition on Ray): partitions holding a new or gone group are written again with the change
applied, and of every partition only the groups that share a bucket with a changed group are
kept, which are all the members of the buckets to pair again (`partitioned_edges`). Last come
the edge partitions of those buckets. Untouched partitions are never written: a store keeps
their files. Memory holds one group partition, the
ids of every group (for the diff), the changed groups' and involved groups' rows, and the edges
(small beside the groups; components need them all anyway). The Ray engine runs the same
functions as tasks per partition (`corpus.engine.ray_index`), so its driver holds none of these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import polars as pl

from corpus.dedup.config import DedupConfig
from corpus.dedup.index import (
    BUCKET,
    EDGES_SCHEMA,
    GROUPS_SCHEMA,
    DedupIndex,
    SignatureReader,
    keyed_groups,
    partitioned_edges,
)

GROUP, EDGE = "group", "edge"
IDS = ["content_hash", "rep_id"]


def group_part(parts: int) -> pl.Expr:
    """A group's partition, from the leading hex digits of its content hash (xxh3: uniform;
    a hash that is not hex goes to partition 0, still correct, only less even)."""
    lead = pl.col("content_hash").str.slice(0, 8).str.to_integer(base=16, strict=False)
    return (lead.fill_null(0) % parts).cast(pl.Int32)


def edge_part(parts: int) -> pl.Expr:
    """A bucket's partition: its key, a hash already, modulo `parts`."""
    return (pl.col("key") % parts).cast(pl.Int32)


class IndexSource(Protocol):
    """The previous index, as `IndexUpdate` reads it."""

    parts: int

    def group_ids(self) -> pl.DataFrame:
        """`content_hash`, `rep_id` of every group."""
        ...

    def groups_of(self, ids: pl.DataFrame) -> pl.DataFrame:
        """The `GROUPS_SCHEMA` rows of the groups `ids` (`content_hash`, `rep_id`)."""
        ...

    def group_partition(self, part: int) -> pl.DataFrame:
        """The `GROUPS_SCHEMA` rows of one partition."""
        ...

    def edges(self) -> pl.DataFrame:
        """Every edge (`EDGES_SCHEMA`)."""
        ...

    def edge_partition(self, part: int) -> pl.DataFrame:
        """The edges (`EDGES_SCHEMA`) of one partition."""
        ...


@dataclass(slots=True)
class MemorySource:
    """An index held in memory (`DedupIndex`), split into `parts` on the fly."""

    index: DedupIndex
    parts: int = 1

    def group_ids(self) -> pl.DataFrame:
        return self.index.groups.select(IDS)

    def groups_of(self, ids: pl.DataFrame) -> pl.DataFrame:
        return self.index.groups.join(ids.select(IDS), on=IDS, how="semi")

    def group_partition(self, part: int) -> pl.DataFrame:
        return self.index.groups.filter(group_part(self.parts) == part)

    def edges(self) -> pl.DataFrame:
        return self.index.edges

    def edge_partition(self, part: int) -> pl.DataFrame:
        return self.index.edges.filter(edge_part(self.parts) == part)


@dataclass(slots=True)
class Piece:
    """The whole new content of one partition (empty: the partition is now empty)."""

    kind: str  # GROUP or EDGE
    part: int
    rows: pl.DataFrame


# A sink for pieces: writes one and returns what its commit needs (picklable, as an engine may
# call it in another process): `index_store.PartWriter`, or the piece itself in memory.
WritePiece = Callable[[Piece], object]


def rewrite_group_partition(
    source: IndexSource,
    part: int,
    gone: pl.DataFrame,
    added: pl.DataFrame,
    touched: list[np.ndarray] | None,
    write: WritePiece,
) -> tuple[list[object], pl.DataFrame]:
    """Read group partition `part`; when it holds `gone` groups or gets `added` ones (both of
    this partition), write it again with them; return what was written and the partition's
    groups sharing a `touched` bucket (None: all, a first build)."""
    rows = source.group_partition(part)
    written = []
    if gone.height or added.height:
        rows = pl.concat([rows.join(gone.select(IDS), on=IDS, how="anti"), added])
        rows = rows.sort("content_hash")
        written.append(write(Piece(GROUP, part, rows)))
    return written, rows if touched is None else _sharing(rows, touched)


def local_partitions(
    source: IndexSource,
    jobs: list[tuple[int, pl.DataFrame, pl.DataFrame]],
    touched: list[np.ndarray] | None,
    write: WritePiece,
) -> list[tuple[list[object], pl.DataFrame]]:
    """`rewrite_group_partition` of each (part, gone, added) job, one after the other."""
    return [rewrite_group_partition(source, *job, touched, write) for job in jobs]


@dataclass
class IndexUpdate:
    """The update of `source` to the current `groups` (`content_hash`, `rep_id`); `run` writes
    the changed partitions in this process (the Ray engine has its own, `ray_index`); then the
    counters, `edges` (every edge of the new index) and `written` (what the sink returned) are
    set."""

    source: IndexSource
    groups: pl.DataFrame
    read: SignatureReader
    config: DedupConfig
    edges: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=EDGES_SCHEMA))
    written: list[object] = field(default_factory=list)
    groups_changed: int = 0
    buckets_touched: int = 0
    pairs_verified: int = 0

    def run(self, write: WritePiece) -> None:
        parts = self.source.parts
        old_ids = self.source.group_ids()
        added = self.groups.select(IDS).join(old_ids, on=IDS, how="anti")
        gone_ids = old_ids.join(self.groups.select(IDS), on=IDS, how="anti")
        first = old_ids.height == 0  # a first build: every bucket is touched
        del old_ids
        gone = self.source.groups_of(gone_ids) if gone_ids.height else _no_groups()
        added = keyed_groups(added, self.read, self.config)
        changed = pl.concat([gone, added])
        self.groups_changed = changed.height
        if changed.height == 0:
            self.edges = self.source.edges()
            return
        # per band, the keys of the touched buckets
        touched = None if first else band_keys_of(changed, self.config.bands)
        split = [f.with_columns(part=group_part(parts)) for f in (gone, added)]
        jobs = [
            (part, *(f.filter(pl.col("part") == part).drop("part") for f in split))
            for part in range(parts)
        ]
        del split
        done = local_partitions(self.source, jobs, touched, write)
        del jobs
        self.written = [w for written, _ in done for w in written]
        involved = pl.concat([_no_groups(), *(rows for _, rows in done)])
        del done
        change = partitioned_edges(
            self.source.edges(), involved, gone, added, self.read, self.config
        )
        self.edges = change.edges.sort([*BUCKET, "low_id", "high_id"])
        self.buckets_touched, self.pairs_verified = change.buckets_touched, change.pairs_verified
        by_part = self.edges.with_columns(part=edge_part(parts))
        if touched is None:
            edge_parts = range(parts)
        else:
            edge_parts = sorted(set(np.unique(np.concatenate(touched) % parts).tolist()))
        for part in edge_parts:
            rows = by_part.filter(pl.col("part") == part).drop("part")
            self.written.append(write(Piece(EDGE, part, rows)))


def _no_groups() -> pl.DataFrame:
    return pl.DataFrame(schema=GROUPS_SCHEMA)


def band_keys_of(groups: pl.DataFrame, bands: int) -> list[np.ndarray]:
    """The sorted distinct keys of each band among `groups`' keys."""
    keys = _key_matrix(groups, bands)
    return [np.unique(keys[:, band]) for band in range(bands)]


def _key_matrix(groups: pl.DataFrame, bands: int) -> np.ndarray:
    """`groups`' keys as a (groups, bands) array."""
    if groups.height == 0:
        return np.empty((0, bands), dtype=np.uint64)
    return groups["keys"].list.to_array(bands).to_numpy()


def _sharing(rows: pl.DataFrame, touched: list[np.ndarray]) -> pl.DataFrame:
    """The groups of `rows` with a key in a touched bucket (`touched`: keys per band): a hash
    lookup per band, not the bucket rows exploded (0.1 s for 100k groups against 3k keys a
    band, where a binary search took 0.5 s)."""
    keys = _key_matrix(rows, len(touched))
    hit = np.zeros(rows.height, dtype=bool)
    for band, wanted in enumerate(touched):
        if len(wanted):
            hit |= pl.Series(keys[:, band]).is_in(pl.Series(wanted).implode()).to_numpy()
    return rows.filter(pl.Series(hit))
