"""The dedup steps that grow with the lake, as Ray tasks over hash partitions; the driver
passes object references and gathers counts, commit actions and the `duplicates` rows.

- the exact groups, cluster members and keep rule (`ray_clusters`): tasks per group partition,
  per `rep_id` partition and per `cluster_id` partition;
- the index update (`ray_index`): the diff, the rewrite of changed group partitions, the band
  join and verification of touched buckets (a shuffle by bucket) and the edge partitions, each a
  task per partition;
- connected components: large-star / small-star (Kiveris et al., "Connected Components in
  MapReduce and Beyond", 2014) as alternating shuffles of the edge list, until a round changes
  no edge; every component ends as a star around its smallest id, whose labels are split by
  `rep_id` for the members' join. No step gathers the graph in one place.

Every per-partition function is the local engine's (`corpus.dedup.index`, `cluster`), so both
engines produce the same rows; the tests compare them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from corpus.dedup.cluster import DUPLICATES_SCHEMA
from corpus.dedup.config import DedupConfig
from corpus.dedup.index_parts import IndexSource, IndexUpdate, WritePiece
from corpus.engine.dedup import signature_reader
from corpus.engine.ray_clusters import (
    GROUP_IDS_SCHEMA,
    LABELS_SCHEMA,
    cluster_slice,
    partition_groups,
    score_slice,
)
from corpus.engine.ray_index import ray_update
from corpus.engine.ray_runtime import cluster_cpus, connect, get

MAX_ROUNDS = 64  # large/small-star needs O(log^2 n) rounds; far more means a bug, not a graph


def partition_of(frame: pl.DataFrame, columns: list[str], parts: int) -> np.ndarray:
    """Each row's partition, from a hash of `columns` that every worker computes alike."""
    return (frame.select(pl.struct(columns).hash(seed=0)).to_series() % parts).to_numpy()


def split(frame: pl.DataFrame, columns: list[str], parts: int) -> list[pl.DataFrame]:
    where = pl.Series(partition_of(frame, columns, parts))
    return [frame.filter(where == p) for p in range(parts)]


def _canonical(op: str, parts: int, *pieces: pl.DataFrame) -> tuple:
    """Distinct edges (low_id < high_id) of one partition, a checksum of them, and their
    directed copies scattered by node for the next star operation."""
    edges = pl.concat(pieces).unique()
    digest = edges.select(pl.struct("low_id", "high_id").hash(seed=0)).to_series().to_numpy()
    checksum = (edges.height, int(digest.sum(dtype=np.uint64)))
    if op == "large":  # every neighbour of u, in both directions
        directed = pl.concat(
            [
                edges.select(u="low_id", v="high_id"),
                edges.select(u="high_id", v="low_id"),
            ]
        )
    else:  # small: only the smaller neighbours of u
        directed = edges.select(u="high_id", v="low_id")
    return checksum, *split(directed, ["u"], parts)


def _star(op: str, parts: int, *pieces: pl.DataFrame) -> list[pl.DataFrame]:
    """One large-star or small-star step on whole neighbourhoods; edges split by low end.

    large: m = min(u, neighbours); each neighbour v > u is linked to m.
    small: m = min(u, smaller neighbours); u and each smaller neighbour are linked to m."""
    directed = pl.concat(pieces)
    m = directed.group_by("u").agg(m=pl.min_horizontal(pl.col("v").min(), pl.col("u").first()))
    if op == "large":
        links = directed.join(m, on="u").filter(pl.col("v") > pl.col("u")).select("v", "m")
    else:
        near = directed.join(m, on="u")
        links = pl.concat([near.select("v", "m"), m.select(v="u", m="m")])
    edges = links.filter(pl.col("v") != pl.col("m")).select(low_id="m", high_id="v")
    return split(edges, ["low_id"], parts)


def _labels(components: int, *pieces: pl.DataFrame) -> tuple:
    """At convergence each edge links a node to its component's smallest id: the labels
    (`rep_id`, `cluster_id`) split by `rep_id` over `components`, as the articles are."""
    edges = pl.concat(pieces).unique()
    centres = edges.select(rep_id="low_id", cluster_id="low_id").unique()
    labels = pl.concat([centres, edges.select(rep_id="high_id", cluster_id="low_id")])
    return tuple(split(labels.cast(dict(LABELS_SCHEMA)), ["rep_id"], components))


@dataclass
class RayDedup:
    """The `DedupEngine` of `corpus.engine.dedup` on the connected Ray cluster."""

    parts: int = 0  # 0: one per CPU of the cluster, at least 2
    rounds: int = field(default=0, init=False)  # star rounds of the last `labels`

    def _connect(self) -> int:
        """Connect to Ray (a no-op when connected) and size `parts` from the cluster."""
        connect()
        if not self.parts:
            self.parts = max(2, cluster_cpus())
        return self.parts

    def _remote(self, fn, returns: int | None = None):  # type: ignore[no-untyped-def]
        """`fn` as a Ray task returning `returns` objects (default 1; `-1`: one per partition,
        plus one)."""
        import ray

        self._connect()
        count = {None: 1, 0: self.parts, -1: self.parts + 1}.get(returns, returns)
        return ray.remote(num_returns=count)(fn)

    @staticmethod
    def _get(refs):  # type: ignore[no-untyped-def]
        return get(refs)

    def duplicates(
        self, source: IndexSource, write: WritePiece, signatures: pl.LazyFrame,
        keep_fields: pl.LazyFrame, config: DedupConfig,
    ) -> tuple[IndexUpdate, pl.DataFrame]:  # fmt: skip
        """Groups, index update, components, members and keep rule as tasks
        (`ray_clusters`, `ray_index`); the driver gathers counts, commit actions and the
        `duplicates` rows."""
        parts, groups_parts = self._connect(), source.parts
        group = self._remote(partition_groups, 2 + parts)
        read = signature_reader(signatures)
        signatures_ref, read_ref, fields_ref, config_ref = (
            self._put(v) for v in (signatures, read, keep_fields, config)
        )
        grouped = [
            _as_list(group.remote(signatures_ref, groups_parts, p, parts), 2 + parts)
            for p in range(groups_parts)
        ]
        run = IndexUpdate(source, pl.DataFrame(schema=GROUP_IDS_SCHEMA), read, config)  # in tasks
        edges = ray_update(run, write, self._remote, parts, [g[1] for g in grouped])
        labels = self._labels(self._components(edges.pieces))
        cluster = self._remote(cluster_slice, parts)
        members = []
        for c in range(parts):
            mine = [*(g[2 + c] for g in grouped), *(refs[c] for refs in labels)]
            members.append(_as_list(cluster.remote(parts, groups_parts, *mine), parts))
        score = self._remote(score_slice)
        scored = self._get(
            [score.remote(config_ref, read_ref, fields_ref, *(m[c] for m in members))
             for c in range(parts)]
        )  # fmt: skip
        rows = pl.concat(scored).sort("cluster_id", "article_id")
        return run, rows.cast(dict(DUPLICATES_SCHEMA))

    @staticmethod
    def _put(value):  # type: ignore[no-untyped-def]
        import ray

        return ray.put(value)

    def labels(self, edges: pl.DataFrame) -> pl.DataFrame:
        """Components of `edges` (`low_id`, `high_id`), gathered here (for tests: `duplicates`
        keeps them in the object store)."""
        self._connect()
        if edges.height == 0:
            return pl.DataFrame(schema=LABELS_SCHEMA)
        pairs = edges.select("low_id", "high_id")
        pieces = [[self._put(p)] for p in split(pairs, ["low_id"], self.parts)]
        labels = self._get([ref for refs in self._labels(self._components(pieces)) for ref in refs])
        return pl.concat(labels).cast(dict(LABELS_SCHEMA))

    def _labels(self, pieces: list[list[object]]) -> list[list[object]]:
        """Per component partition, references of its labels split by `rep_id`."""
        gather = self._remote(_labels, 0)
        return [_as_list(gather.remote(self.parts, *mine), self.parts) for mine in pieces]

    def _components(self, pieces: list[list[object]]) -> list[list[object]]:
        """Large/small-star rounds over edge pieces (`pieces[c]`: references of edges whose
        `low_id` falls in partition `c`) until a round changes no edge; the converged stars'
        pieces, split alike."""
        canonical = self._remote(_canonical, -1)
        star = self._remote(_star, 0)
        self.rounds = 0
        previous = None
        while True:
            sums = []
            for op in ("large", "small"):
                out = [canonical.remote(op, self.parts, *mine) for mine in pieces]
                sums.append(tuple(self._get([o[0] for o in out])))
                stars = [
                    _as_list(star.remote(op, self.parts, *[o[1 + q] for o in out]), self.parts)
                    for q in range(self.parts)
                ]
                pieces = [[s[p] for s in stars] for p in range(self.parts)]
            self.rounds += 1
            if sums[0] == sums[1] and sums[0] == previous:
                return pieces
            if self.rounds >= MAX_ROUNDS:
                raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
            previous = sums[1]


def _as_list(refs, parts: int) -> list:  # type: ignore[no-untyped-def]
    """`num_returns=1` gives one ref, not a list of one."""
    return [refs] if parts == 1 else list(refs)
