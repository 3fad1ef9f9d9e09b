"""The dedup steps that grow with the lake, as Ray tasks over hash partitions.

- band keys of new groups: one task per partition of the new groups;
- the stored index's group partitions: one task per partition reads it, writes it again when
  it changed (`index_parts.rewrite_group_partition`) and returns its groups in touched buckets;
  the driver holds every group's ids for the diff, the changed groups and the edges;
- band join and verification: a shuffle. Each map task explodes its partition of the index's
  groups into (band, key, rep_id) rows of touched buckets and splits them by a hash of the
  bucket; each reduce task gets whole buckets, pairs them (`index.bucket_candidates`) and
  verifies the pairs against the stored signatures it reads itself;
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
from corpus.dedup.index import (
    BUCKET,
    EDGES_SCHEMA,
    EdgeChange,
    SignatureReader,
    bucket_candidates,
    bucket_rows,
    keyed_groups,
    verify,
)
from corpus.dedup.index_parts import (
    IndexSource,
    IndexSteps,
    WritePiece,
    rewrite_group_partition,
)
from corpus.engine.ray_runtime import cluster_cpus, connect, get

MAX_ROUNDS = 64  # large/small-star needs O(log^2 n) rounds; far more means a bug, not a graph
LABELS_SCHEMA = pl.Schema({"rep_id": pl.String, "cluster_id": pl.String})


def partition_of(frame: pl.DataFrame, columns: list[str], parts: int) -> np.ndarray:
    """Each row's partition, from a hash of `columns` that every worker computes alike."""
    return (frame.select(pl.struct(columns).hash(seed=0)).to_series() % parts).to_numpy()


def split(frame: pl.DataFrame, columns: list[str], parts: int) -> list[pl.DataFrame]:
    where = pl.Series(partition_of(frame, columns, parts))
    return [frame.filter(where == p) for p in range(parts)]


def _scatter_members(groups: pl.DataFrame, touched: pl.DataFrame, parts: int) -> list:
    members = bucket_rows(groups).join(touched, on=BUCKET, how="semi")
    return split(members, BUCKET, parts)


def _join_buckets(
    read: SignatureReader, config: DedupConfig, *pieces: pl.DataFrame
) -> tuple[pl.DataFrame, int]:
    candidates = bucket_candidates(pl.concat(pieces), config)
    pairs = candidates.select("low_id", "high_id").unique().height
    return verify(candidates, read, config), pairs


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

    @property
    def steps(self) -> IndexSteps:
        return IndexSteps(self._keyed_groups, self._partitions, self._bucket_edges)

    def _keyed_groups(
        self, added: pl.DataFrame, read: SignatureReader, config: DedupConfig
    ) -> pl.DataFrame:
        task = self._remote(keyed_groups)
        pieces = split(added, ["content_hash"], self.parts)
        return pl.concat(self._get([task.remote(p, read, config) for p in pieces]))

    def _partitions(
        self,
        source: IndexSource,
        jobs: list[tuple[int, pl.DataFrame, pl.DataFrame]],
        touched: list[np.ndarray] | None,
        write: WritePiece,
    ) -> list[tuple[list[object], pl.DataFrame]]:
        """`index_parts.local_partitions` as one task per group partition: each reads its
        partition, writes it again when it changed, and returns its groups in touched buckets."""
        task = self._remote(rewrite_group_partition, 2)
        shared = [self._put(v) for v in (source, touched, write)]
        refs = [
            task.remote(shared[0], part, gone, added, *shared[1:]) for part, gone, added in jobs
        ]
        written, involved = self._get([r[0] for r in refs]), self._get([r[1] for r in refs])
        return list(zip(written, involved, strict=True))

    def _bucket_edges(
        self,
        old_edges: pl.DataFrame,
        groups: pl.DataFrame,
        changed: pl.DataFrame,
        read: SignatureReader,
        config: DedupConfig,
    ) -> EdgeChange:
        """`index.partitioned_edges` as a shuffle; the touched buckets are listed here."""
        touched = bucket_rows(changed).select(BUCKET).unique()
        fresh, pairs = self._edges(groups, touched, read, config)
        kept = old_edges.join(touched, on=BUCKET, how="anti")
        return EdgeChange(pl.concat([kept, fresh]), touched.height, pairs)

    def _edges(
        self,
        groups: pl.DataFrame,
        touched: pl.DataFrame,
        read: SignatureReader,
        config: DedupConfig,
    ) -> tuple[pl.DataFrame, int]:
        if touched.height == 0:
            return pl.DataFrame(schema=EDGES_SCHEMA), 0
        scatter = self._remote(_scatter_members, 0)
        join = self._remote(_join_buckets, 2)
        touched_ref = self._put(touched)
        mapped = [
            _as_list(scatter.remote(part, touched_ref, self.parts), self.parts)
            for part in split(groups, ["content_hash"], self.parts)
        ]
        reduced = [join.remote(read, config, *[m[p] for m in mapped]) for p in range(self.parts)]
        edges = self._get([r[0] for r in reduced])
        pairs = sum(self._get([r[1] for r in reduced]))
        return pl.concat(edges).cast(dict(EDGES_SCHEMA)), pairs

    @staticmethod
    def _put(value):  # type: ignore[no-untyped-def]
        import ray

        return ray.put(value)

    def labels(self, edges: pl.DataFrame) -> pl.DataFrame:
        if edges.height == 0:
            return pl.DataFrame(schema=LABELS_SCHEMA)
        canonical = self._remote(_canonical, -1)
        star = self._remote(_star, 0)
        pieces = [
            [self._put(p)] for p in split(edges.select("low_id", "high_id"), ["low_id"], self.parts)
        ]
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
