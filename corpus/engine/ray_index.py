"""The index update (`index_parts.IndexUpdate`) as Ray tasks, the stored index never on the driver.

The local engine diffs every stored group id against the current groups in one process and
holds the changed groups and every edge there. Here each step is a task per partition, and the
driver only passes object references between them and gathers counts and the written files'
commit actions (a few hundred bytes a partition):

1. *diff*, one task per group partition `p`: the stored groups of `p` against the current
   groups of `p` (made by a task of their own, `ray_clusters.partition_groups`), giving the
   gone groups and the ids of the new ones; *sign*, one task per `KEY_GROUPS` new groups (one
   for a batch's few thousand): their band keys (`keyed_groups`), with one read of their
   stored signatures;
2. *touched*, one task (an update only: in a first build every bucket is touched, and the
   band join counts them): the band keys of every changed group, per band (`band_keys_of`);
3. *rewrite*, one task per group partition: `rewrite_group_partition` writes the partition
   again when it changed and returns its groups in touched buckets (kept in the object store);
4. *band join*, two shuffles: each rewrite's groups are exploded into bucket rows of touched
   buckets and split by bucket (`key % slices`); a task per slice pairs whole buckets
   (`bucket_candidates`), settles those its buckets paired before from the stored edges
   (`unsettled`: in an update, the slice's gone and added groups are shuffled beside its
   members), and splits the rest by pair, so that a task per one or more
   slices of pairs (one per `VERIFY_PAIRS` candidates, at most one per slice) verifies each
   distinct pair once (`PairVerifier`, reading the stored signatures `VERIFY_PAIRS` pairs at
   a time), however many buckets it shares, as the local engine does; its edges are split by
   edge partition;
5. *edges*, one task per edge partition: the stored edges of untouched buckets and the fresh
   ones, written again when the partition holds a touched bucket, and returned split by
   `low_id` as the first pieces of the components' shuffle (`RayDedup.labels`).

Every step calls the local engine's functions on its partition, so both engines write the same
partitions and the same `duplicates` (the tests compare them). Nothing is committed here: the
driver commits the written files in one Delta commit (`StagedIndex.commit`) after `duplicates`
is computed, so a failed task leaves the previous index.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from corpus.dedup.config import DedupConfig
from corpus.dedup.index import (
    BUCKET,
    EDGES_SCHEMA,
    KEY_GROUPS,
    MEMBER,
    PAIR,
    PARTITION_ROWS,
    VERIFY_PAIRS,
    PairVerifier,
    SignatureReader,
    bucket_candidates,
    bucket_rows,
    keyed_groups,
    unsettled,
)
from corpus.dedup.index_parts import (
    EDGE,
    IDS,
    IndexSource,
    IndexUpdate,
    Piece,
    WritePiece,
    band_keys_of,
    edge_part,
    group_part,
    rewrite_group_partition,
)

MEMBERS_SCHEMA = pl.Schema({"band": pl.Int32, "key": pl.UInt64, "rep_id": pl.String})
# `remote(fn, returns)`: `fn` as a Ray task with that many returns (`RayDedup._remote`)
Remote = Callable[..., object]


@dataclass(frozen=True, slots=True)
class RayEdges:
    """The new index's edges, left in the object store: `pieces[c]` holds the references of
    every edge partition's rows whose `low_id` falls in component shuffle partition `c`."""

    pieces: list[list[object]]


def diff_partition(
    source: IndexSource, part: int, current: pl.DataFrame, bands: int
) -> tuple[tuple[int, int, int], pl.DataFrame, pl.DataFrame, list[np.ndarray]]:
    """Of group partition `part`: (stored, gone, added groups), the gone groups, the added
    ones' ids (signed by `sign_partitions`), and the gone groups' keys per band."""
    stored = source.group_partition(part)
    gone = stored.join(current.select(IDS), on=IDS, how="anti")
    added = current.select(IDS).join(stored.select(IDS), on=IDS, how="anti")
    return (stored.height, gone.height, added.height), gone, added, band_keys_of(gone, bands)


def sign_slices(added: int, parts: int) -> int:
    """Tasks that sign the added groups: one per `KEY_GROUPS` of them, at most one per
    partition. Each reads the stored signatures once (a scan of the whole table, on object
    storage a download of every signature): a task per partition read them P times for a 1%
    batch's few thousand groups."""
    return max(1, min(parts, math.ceil(added / KEY_GROUPS)))


def sign_partitions(
    read: SignatureReader, config: DedupConfig, parts: int, mine: list[int], *added: pl.DataFrame
) -> tuple:
    """The added groups (`added[i]`: ids of group partition `mine[i]` of `parts`) signed into
    band keys with one read of their signatures: their keys per band, then their
    `GROUPS_SCHEMA` rows per partition of `mine`."""
    ids = pl.concat([pl.DataFrame(schema=dict.fromkeys(IDS, pl.String)), *added])
    keyed = keyed_groups(ids, read, config)
    where = keyed.select(group_part(parts)).to_series()
    return band_keys_of(keyed, config.bands), *(keyed.filter(where == p) for p in mine)


def touched_keys(bands: int, *per_part: list[np.ndarray]) -> tuple[int, list[np.ndarray]]:
    """The distinct keys of each band over every partition's changed groups, and their count
    (the touched buckets)."""
    empty = [np.empty(0, np.uint64)]
    keys = [np.unique(np.concatenate([k[band] for k in per_part] + empty)) for band in range(bands)]
    return sum(len(k) for k in keys), keys


def _buckets(touched: list[np.ndarray]) -> pl.DataFrame:
    """The touched buckets (`band`, `key`) of per-band keys."""
    frames = [
        pl.DataFrame({"band": pl.Series([band] * len(keys), dtype=pl.Int32),
                      "key": pl.Series(keys, dtype=pl.UInt64)})
        for band, keys in enumerate(touched)
    ]  # fmt: skip
    return (
        pl.concat(frames) if frames else pl.DataFrame(schema={"band": pl.Int32, "key": pl.UInt64})
    )


def scatter_members(
    involved: pl.DataFrame, touched: list[np.ndarray] | None, slices: int
) -> list[pl.DataFrame]:
    """The bucket rows of `involved` groups in touched buckets (None: all), split by
    `key % slices`."""
    members = bucket_rows(involved)
    if touched is not None:
        members = members.join(_buckets(touched), on=BUCKET, how="semi")
    where = (members["key"] % slices).cast(pl.Int64)
    return [members.filter(where == s) for s in range(slices)]


def candidate_slice(
    config: DedupConfig, pair_parts: int, edge_parts: int, source: IndexSource | None,
    *pieces: pl.DataFrame,
) -> tuple:  # fmt: skip
    """The slice's bucket and unsettled candidate counts, the candidate pairs of its whole
    buckets (every member present) to verify, split by a hash of the pair (a pair turns up in
    many buckets, one per band it shares, and its verification is then done once, by one
    task), then the candidates whose verdict the stored edges give, split by edge partition
    (`unsettled`, as the local engine settles them).

    `pieces` are the slice's bucket rows of the current members; in an update (`source`, the
    stored index) followed by as many of gone groups and as many of added ones."""
    from corpus.engine.ray_dedup import split

    n = len(pieces) if source is None else len(pieces) // 3
    members = _members(pieces[:n])
    buckets = members.select(BUCKET).n_unique() if members.height else 0
    candidates = bucket_candidates(members, config)
    settled = pl.DataFrame(schema=EDGES_SCHEMA)
    if source is not None:
        gone, added = _members(pieces[n : 2 * n]), _members(pieces[2 * n :])
        before = pl.concat([members.join(added, on=MEMBER, how="anti"), gone])
        mine = pl.concat([members, gone]).select(BUCKET).unique()
        settled, candidates = unsettled(
            candidates, bucket_candidates(before, config),
            source.edges().join(mine, on=BUCKET, how="semi"), added["rep_id"],
        )  # fmt: skip
    where = (settled["key"] % edge_parts).cast(pl.Int64)
    return (
        (buckets, candidates.height),
        *split(candidates, PAIR, pair_parts),
        *(settled.filter(where == q) for q in range(edge_parts)),
    )


def _members(pieces: tuple[pl.DataFrame, ...]) -> pl.DataFrame:
    return pl.concat([pl.DataFrame(schema=MEMBERS_SCHEMA), *pieces])


def verify_tasks(candidates: int, pair_parts: int) -> int:
    """Verification tasks for `candidates` split over `pair_parts`: one per `VERIFY_PAIRS`
    of them, at most one per part. Each reads the stored signatures at least once (a scan of
    the whole table): a task per CPU read them once each for a 1% batch's few thousand pairs."""
    return max(1, min(pair_parts, math.ceil(candidates / VERIFY_PAIRS)))


def verify_slice(
    read: SignatureReader, config: DedupConfig, edge_parts: int, pieces: list[object]
) -> tuple:
    """The distinct pairs compared, then the verified candidates (edges) split by their edge
    partition (`key % edge_parts`). `pieces` are object references fetched one at a time and
    verified `VERIFY_PAIRS` at a time (`PairVerifier`, as the local engine verifies), so the
    task never holds its whole slice of candidates with their signatures."""
    import ray

    verifier = PairVerifier(read, config)
    for piece in pieces:
        verifier.add(ray.get(piece))
    edges = verifier.edges()
    where = (edges["key"] % edge_parts).cast(pl.Int64)
    return verifier.pairs_compared, *(edges.filter(where == q) for q in range(edge_parts))


def edge_partition(
    source: IndexSource, part: int, touched: list[np.ndarray] | None, write: WritePiece,
    components: int, *fresh: pl.DataFrame,
) -> tuple:  # fmt: skip
    """Edge partition `part` of the new index: written again when it holds a touched bucket
    (None: every bucket is touched); returns what was written, then its edges (`low_id`,
    `high_id`) split by `low_id` over `components` partitions, as `RayDedup.labels` splits."""
    from corpus.engine.ray_dedup import split

    if touched is None:
        kept, mine = pl.DataFrame(schema=EDGES_SCHEMA), None
    else:
        mine = _buckets(touched).filter(edge_part(source.parts) == part)
        kept = source.edge_partition(part).join(mine, on=BUCKET, how="anti")
    written: list[object] = []
    edges = kept
    if mine is None or mine.height:
        edges = pl.concat([kept, *fresh]).sort([*BUCKET, *PAIR])
        written.append(write(Piece(EDGE, part, edges)))
    return written, *split(edges.select(PAIR), ["low_id"], components)


def ray_update(
    run: IndexUpdate, write: WritePiece, remote: Remote, components: int, groups: list[object]
) -> RayEdges:
    """`run` (an `IndexUpdate`, its `groups` unused) on the connected Ray cluster, the current
    groups being `groups[p]`, references to each group partition's (`ray_clusters`): sets
    `run.written` and its counters, and returns the new index's edges as object references."""
    import ray

    from corpus.engine.ray_runtime import get

    source, config, parts = run.source, run.config, run.source.parts
    shared = [ray.put(v) for v in (source, run.read, config, write)]
    diffs = [
        remote(diff_partition, 4).remote(shared[0], p, groups[p], config.bands)
        for p in range(parts)
    ]
    counts = get([d[0] for d in diffs])
    run.groups_changed = sum(gone + added for _, gone, added in counts)
    if run.groups_changed == 0:  # the stored edges are the new index's; nothing is written
        nothing = [np.empty(0, np.uint64)] * config.bands
        return _edges(run, shared, remote, nothing, [], components)
    slices = sign_slices(sum(added for _, _, added in counts), parts)
    signed: list[object] = [None] * parts  # per partition, its added groups with their keys
    added_keys = []
    for s in range(slices):
        mine = list(range(s, parts, slices))
        out = remote(sign_partitions, 1 + len(mine)).remote(
            shared[1], shared[2], parts, mine, *(diffs[p][2] for p in mine)
        )
        added_keys.append(out[0])
        for p, ref in zip(mine, out[1:], strict=True):
            signed[p] = ref
    keys = None  # a first build: every bucket is touched, and the band join counts them
    if sum(stored for stored, _, _ in counts):  # an update: the changed groups' keys, a few
        gone_keys = [d[3] for d in diffs]
        touched = remote(touched_keys, 2).remote(config.bands, *gone_keys, *added_keys)
        run.buckets_touched, keys = get(touched[0]), touched[1]
    rewritten = [
        remote(rewrite_group_partition, 2).remote(shared[0], p, d[1], signed[p], keys, shared[3])
        for p, d in enumerate(diffs)
    ]
    run.written = [w for r in get([r[0] for r in rewritten]) for w in r]
    changed = None if keys is None else [(d[1], signed[p]) for p, d in enumerate(diffs)]
    return _edges(run, shared, remote, keys, [r[1] for r in rewritten], components, changed)


def _edges(
    run: IndexUpdate, shared: list, remote: Remote, touched: object, involved: list[object],
    components: int, changed: list[tuple[object, object]] | None = None,
) -> RayEdges:  # fmt: skip
    """Steps 4 and 5: the band join of the touched buckets (`touched`: a reference, a list,
    or None for all), then the edge partitions. In an update, `changed` holds each group
    partition's gone and added groups, so that a candidate paired before keeps its verdict."""
    from corpus.engine.ray_runtime import get

    parts = run.source.parts
    slices = bucket_slices(run, touched is None, components)
    fresh: list[list[object]] = [[] for _ in range(parts)]
    if involved:
        mapped = _as_lists(
            [remote(scatter_members, slices).remote(g, touched, slices) for g in involved], slices
        )
        previous: list[list[object]] = []
        if changed is not None:
            previous = _as_lists(
                [
                    remote(scatter_members, slices).remote(g, touched, slices)
                    for frames in zip(*changed, strict=True)  # every gone, then every added
                    for g in frames
                ],
                slices,
            )
        candidates = [
            remote(candidate_slice, 1 + components + parts).remote(
                shared[2], components, parts, None if changed is None else shared[0],
                *[m[s] for m in mapped], *[m[s] for m in previous],
            )
            for s in range(slices)
        ]  # fmt: skip
        counts = get([c[0] for c in candidates])
        if touched is None:
            run.buckets_touched = sum(buckets for buckets, _ in counts)
        tasks = verify_tasks(sum(pairs for _, pairs in counts), components)
        verified = [
            remote(verify_slice, 1 + parts).remote(
                shared[1], shared[2], parts,
                [c[1 + q] for q in range(t, components, tasks) for c in candidates],
            )
            for t in range(tasks)
        ]  # fmt: skip
        run.pairs_verified = sum(get([v[0] for v in verified]))
        settled = [[c[1 + components + q] for c in candidates] for q in range(parts)]
        fresh = [[v[1 + q] for v in verified] + settled[q] for q in range(parts)]
    done = [
        remote(edge_partition, 1 + components).remote(
            shared[0], q, touched, shared[3], components, *fresh[q]
        )
        for q in range(parts)
    ]
    run.written += [w for written in get([d[0] for d in done]) for w in written]
    return RayEdges([[d[1 + c] for d in done] for c in range(components)])


def bucket_slices(run: IndexUpdate, first: bool, components: int) -> int:
    """Slices of the band join's buckets: one per component partition, and in a first build
    (every group's bucket rows paired) enough for ~`PARTITION_ROWS` bucket rows a slice, as the
    local engine pairs them (a 300k build had two slices of 4.8M bucket rows each)."""
    if not first:
        return components
    rows = run.groups_changed * run.config.bands
    return max(components, math.ceil(rows / PARTITION_ROWS))


def _as_lists(refs: list, returns: int) -> list[list]:
    """Each task's references as a list (`num_returns=1` gives one reference, not a list)."""
    return [[r] if returns == 1 else list(r) for r in refs]
