"""The dedup steps that grow with the lake, as Ray tasks over hash partitions.

- the index update (`ray_index`): the diff, the rewrite of changed group partitions, the band
  join and verification of touched buckets (a shuffle by bucket) and the edge partitions, each a
  task per partition; the driver gathers counts and the written files' commit actions;
- connected components: large-star / small-star (Kiveris et al., "Connected Components in
  MapReduce and Beyond", 2014) as alternating shuffles of the edge list, until a round changes
  no edge; every component ends as a star around its smallest id. No step gathers the graph in
  one place;
- the keep rule: clusters split by a hash of `cluster_id`, `cluster.score_clusters` per part.

Every per-partition function is the local engine's (`corpus.dedup.index`, `cluster`), so both
engines produce the same rows; the tests compare them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from corpus.dedup.cluster import DUPLICATES_SCHEMA, score_clusters
from corpus.dedup.config import DedupConfig
from corpus.dedup.index_parts import IndexUpdate, WritePiece
from corpus.engine.ray_index import RayEdges, ray_update
from corpus.engine.ray_runtime import cluster_cpus, connect, get

MAX_ROUNDS = 64  # large/small-star needs O(log^2 n) rounds; far more means a bug, not a graph
LABELS_SCHEMA = pl.Schema({"rep_id": pl.String, "cluster_id": pl.String})


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


def _labels(*pieces: pl.DataFrame) -> pl.DataFrame:
    """At convergence each edge links a node to its component's smallest id."""
    edges = pl.concat(pieces).unique()
    centres = edges.select(rep_id="low_id", cluster_id="low_id").unique()
    return pl.concat([centres, edges.select(rep_id="high_id", cluster_id="low_id")])


def _score(config: DedupConfig, members: pl.DataFrame) -> pl.DataFrame:
    return score_clusters(members, config)


@dataclass
class RayDedup:
    """The `DedupEngine` of `corpus.engine.dedup` on the connected Ray cluster."""

    parts: int = 0  # 0: one per CPU of the cluster, at least 2
    rounds: int = field(default=0, init=False)  # star rounds of the last `labels`

    def _remote(self, fn, returns: int | None = None):  # type: ignore[no-untyped-def]
        """`fn` as a Ray task returning `returns` objects (default 1; `-1`: one per partition,
        plus one)."""
        import ray

        connect()
        if not self.parts:
            self.parts = max(2, cluster_cpus())
        count = {None: 1, 0: self.parts, -1: self.parts + 1}.get(returns, returns)
        return ray.remote(num_returns=count)(fn)

    @staticmethod
    def _get(refs):  # type: ignore[no-untyped-def]
        return get(refs)

    def update(self, run: IndexUpdate, write: WritePiece) -> RayEdges:
        """The index update as tasks per partition (`ray_index`); the edges stay in the
        object store for `labels`."""
        self._remote(_labels)  # connects, and sizes `parts` from the cluster
        return ray_update(run, write, self._remote, self.parts)

    @staticmethod
    def _put(value):  # type: ignore[no-untyped-def]
        import ray

        return ray.put(value)

    def labels(self, edges: pl.DataFrame | RayEdges) -> pl.DataFrame:
        """Components of `edges`: a frame, or an update's edges in the object store."""
        canonical = self._remote(_canonical, -1)
        star = self._remote(_star, 0)
        if isinstance(edges, RayEdges):
            pieces = edges.pieces
        elif edges.height == 0:
            return pl.DataFrame(schema=LABELS_SCHEMA)
        else:
            pairs = edges.select("low_id", "high_id")
            pieces = [[self._put(p)] for p in split(pairs, ["low_id"], self.parts)]
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
                break
            if self.rounds >= MAX_ROUNDS:
                raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
            previous = sums[1]
        gather = self._remote(_labels)
        labels = self._get([gather.remote(*mine) for mine in pieces])
        return pl.concat(labels).cast(dict(LABELS_SCHEMA))

    def score(self, members: pl.DataFrame, config: DedupConfig) -> pl.DataFrame:
        if members.height == 0:
            return pl.DataFrame(schema=DUPLICATES_SCHEMA)
        task = self._remote(_score)
        scored = self._get(
            [task.remote(config, p) for p in split(members, ["cluster_id"], self.parts)]
        )
        return pl.concat(scored).sort("cluster_id", "article_id").cast(dict(DUPLICATES_SCHEMA))


def _as_list(refs, parts: int) -> list:  # type: ignore[no-untyped-def]
    """`num_returns=1` gives one ref, not a list of one."""
    return [refs] if parts == 1 else list(refs)
