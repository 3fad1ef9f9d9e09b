"""The dedup index: band keys of the landed signatures and the verified edges of each bucket,
so that a new batch is compared against it instead of against every signature again.

`find_duplicates` (`cluster`) computes `duplicates` from all signatures; this module and
`index_parts` compute the same table incrementally, step for step the same rules:

- a *group* is an exact group (one `content_hash`); its representative `rep_id` is its smallest
  `article_id`, and its row holds the `bands` LSH keys of its signature (`lsh.band_keys`);
- a bucket is a (band, key); its candidate pairs follow `lsh.bucket_pairs` over its members in
  `rep_id` order, and its *edges* are the candidates whose signatures agree on at least
  `threshold` of their values.

An update (`index_parts.IndexUpdate`) takes the index of the previous run and the current
groups. Groups that are new, gone, or whose representative changed (a smaller id joined, or the
smallest left) *touch* their buckets; only touched buckets are re-paired, and of their
candidates only those the bucket did not pair before, or with a new representative, are verified
(reading the stored signatures of their members: no raw file is read and no signature is
recomputed); the others keep their verdict, which the old edges hold (`unsettled`). Edges of
untouched buckets are kept. Components are recomputed from all edges (edges can vanish when a
large bucket's path changes, so old labels are not reused); the edge list is small beside the
signatures.
An empty index makes an update a full computation; tests check both against `find_duplicates`.

Touched buckets are paired and verified one partition at a time (a band, and a slice of its keys
by `key % parts`: buckets stay whole, and keys are hashes already), so a first build over a whole
lake never holds every band row or candidate at once (`partitioned_edges`); the result does not
depend on the number of partitions (tested).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from corpus.dedup.config import DedupConfig
from corpus.dedup.lsh import (
    agreeing_pairs,
    band_keys,
    bucket_pairs,
    connected_components,
    needed_values,
)
from corpus.dedup.minhash import unpack_signatures
from corpus.dedup.pairset import PAIR, PairSet

GROUPS_SCHEMA = pl.Schema(
    {"content_hash": pl.String, "rep_id": pl.String, "keys": pl.List(pl.UInt64)}
)
EDGES_SCHEMA = pl.Schema(
    {"band": pl.Int32, "key": pl.UInt64, "low_id": pl.String, "high_id": pl.String}
)
BUCKET = ["band", "key"]
MEMBER = [*BUCKET, "rep_id"]  # a bucket row
EDGE_KEY = [*BUCKET, *PAIR]  # a candidate of one bucket
# Candidate pairs verified at a time: a pair joined to its two signatures and their unpacked
# values holds ~2.2 KB, so memory stays ~220 MiB however many pairs a full build finds (a 100k
# build held every pair at once and peaked at 7.3 GiB, `benchmarks/scale.py`).
VERIFY_PAIRS = 100_000
# Bucket rows of one band paired at a time (band, key and a 16-character id: ~40 bytes each,
# plus the pairing's sort); a lake of N groups has bands x ceil(N / PARTITION_ROWS) partitions.
PARTITION_ROWS = 1_000_000
# Groups signed into band keys at a time: each holds its signature read (512 bytes), unpacked
# (512) and its keys (256).
KEY_GROUPS = 100_000

# rep_id -> its stored signature: `article_id`, `minhash` for the ids asked (read, not computed)
SignatureReader = Callable[[pl.Series], pl.DataFrame]


@dataclass(slots=True)
class DedupIndex:
    groups: pl.DataFrame  # GROUPS_SCHEMA, one row per exact group
    edges: pl.DataFrame  # EDGES_SCHEMA, verified edges by bucket

    @classmethod
    def empty(cls) -> DedupIndex:
        return cls(pl.DataFrame(schema=GROUPS_SCHEMA), pl.DataFrame(schema=EDGES_SCHEMA))


@dataclass(slots=True)
class IndexChange:
    index: DedupIndex
    groups_changed: int  # groups new, gone or with a new representative
    buckets_touched: int
    pairs_verified: int


def current_groups(signatures: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """`content_hash`, `rep_id` of every exact group, from `article_id`, `content_hash`."""
    return (
        signatures.lazy()
        .group_by("content_hash")
        .agg(rep_id=pl.col("article_id").min())
        .sort("content_hash")
        .collect()
    )


def group_keys(rep_minhash: pl.Series, config: DedupConfig) -> pl.Series:
    """The `bands` LSH keys of each signature, as a list per row."""
    signatures = unpack_signatures(rep_minhash, config.num_perm)
    keys = np.empty((len(signatures), config.bands), dtype=np.uint64)
    for band in range(config.bands):
        keys[:, band] = band_keys(signatures, band, config.rows)
    return pl.Series("keys", keys, dtype=pl.Array(pl.UInt64, config.bands)).cast(pl.List(pl.UInt64))


def bucket_rows(groups: pl.DataFrame) -> pl.DataFrame:
    """One row per (band, key, rep_id): the groups' list of keys exploded."""
    return (
        groups.select("rep_id", "keys")
        .with_columns(band=pl.int_ranges(0, pl.col("keys").list.len(), dtype=pl.Int32))
        .explode("keys", "band")
        .select("band", key="keys", rep_id="rep_id")
    )


def bucket_candidates(members: pl.DataFrame, config: DedupConfig) -> pl.DataFrame:
    """Candidate pairs of whole buckets (`band`, `key`, `rep_id` rows, every member of each
    bucket present): `band`, `key`, `low_id`, `high_id`, by `lsh.bucket_pairs`'s rule."""
    found = []
    for (band,), part in members.sort("band", "rep_id").group_by("band", maintain_order=True):
        ids = part["rep_id"]
        keys = part["key"].to_numpy()
        packed = bucket_pairs(keys, config.pairwise_bucket_limit)
        low, high = packed // len(ids), packed % len(ids)
        found.append(
            pl.DataFrame(
                {
                    "band": pl.Series(np.full(len(low), band, dtype=np.int32)),
                    "key": pl.Series(keys[low], dtype=pl.UInt64),
                    "low_id": ids.gather(low),
                    "high_id": ids.gather(high),
                }
            )
        )
    return pl.concat(found) if found else pl.DataFrame(schema=EDGES_SCHEMA)


def agreeing(
    pairs: pl.DataFrame, read_signatures: SignatureReader, config: DedupConfig
) -> pl.DataFrame:
    """The distinct `pairs` (`low_id`, `high_id`) whose signatures agree on at least
    `threshold` of their values (`lsh.agreeing_pairs`: blocks of columns, early exit).

    Each id's signature is unpacked once and pairs point at its row: joining the packed
    signatures to every pair copied 1 KiB per pair and unpacked each signature once per pair
    it is in (`benchmarks/refresh_steps.py`). A pair with an id that has no signature is
    dropped."""
    ids = pl.concat([pairs["low_id"], pairs["high_id"]]).unique()
    stored = read_signatures(ids).select("article_id", "minhash")
    values = unpack_signatures(stored["minhash"], config.num_perm)
    row = stored.select("article_id", row=pl.int_range(pl.len(), dtype=pl.Int64))
    rows = pairs.join(row.rename({"article_id": "low_id", "row": "low"}), on="low_id").join(
        row.rename({"article_id": "high_id", "row": "high"}), on="high_id"
    )
    low, high = rows["low"].to_numpy(), rows["high"].to_numpy()
    agree = agreeing_pairs(values, low, high, needed_values(config))
    return rows.filter(pl.Series(agree)).select(PAIR)


def keyed_groups(
    added: pl.DataFrame, read_signatures: SignatureReader, config: DedupConfig
) -> pl.DataFrame:
    """`content_hash`, `rep_id`, `keys` of groups, their signatures read from the lake
    `KEY_GROUPS` at a time."""
    keyed = [pl.DataFrame(schema=GROUPS_SCHEMA)]
    for start in range(0, added.height, KEY_GROUPS):
        part = added.slice(start, KEY_GROUPS)
        stored = read_signatures(part["rep_id"]).select(rep_id="article_id", minhash="minhash")
        part = part.join(stored, on="rep_id", how="left")
        if part["minhash"].null_count():
            raise ValueError("a group's representative has no stored signature")
        keys = group_keys(part["minhash"], config)
        keyed.append(part.select("content_hash", "rep_id", keys=keys))
    return pl.concat(keyed)


def partition_count(groups: int) -> int:
    """Slices of each band's bucket rows, so that one slice holds ~`PARTITION_ROWS` rows."""
    return max(1, math.ceil(groups / PARTITION_ROWS))


def partition_rows(groups: pl.DataFrame, band: int, part: int, parts: int) -> pl.DataFrame:
    """The `band`, `key`, `rep_id` rows of `groups` in one partition: band `band`, keys with
    `key % parts == part` (whole buckets; keys are hashes already)."""
    return (
        groups.lazy()
        .select(band=pl.lit(band, pl.Int32), key=pl.col("keys").list.get(band), rep_id="rep_id")
        .filter(pl.col("key") % parts == part)
        .collect()
    )


@dataclass(slots=True)
class EdgeChange:
    edges: pl.DataFrame  # EDGES_SCHEMA, every verified edge of the new index
    buckets_touched: int
    pairs_verified: int  # distinct candidate pairs compared


class PairVerifier:
    """Candidates verified `VERIFY_PAIRS` at a time, each distinct pair compared once however
    many buckets (bands) it turns up in; both engines verify through it.

    Holds the candidates not yet verified (at most `VERIFY_PAIRS` beyond one `add`), the
    distinct pairs compared so far with their outcome (a `PairSet`: a slice is looked up in
    time that grows with the slice, not with the pairs compared) and the verified candidates
    (edges)."""

    def __init__(self, read_signatures: SignatureReader, config: DedupConfig) -> None:
        self.read, self.config = read_signatures, config
        self.pending: list[pl.DataFrame] = []
        self.compared = PairSet()
        self.fresh: list[pl.DataFrame] = [pl.DataFrame(schema=EDGES_SCHEMA)]

    def add(self, candidates: pl.DataFrame) -> None:
        """Candidates (`EDGES_SCHEMA`) of whole buckets; verified once enough are pending."""
        self.pending.append(candidates)
        if sum(p.height for p in self.pending) >= VERIFY_PAIRS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        candidates = pl.concat(self.pending)
        self.pending.clear()
        pairs = candidates.select(PAIR).unique()
        held, agreed_before = self.compared.lookup(pairs)
        new = pairs.filter(pl.Series(~held))
        agreed = agreeing(new, self.read, self.config)
        self.compared.add(
            new.join(agreed.with_columns(agreed=pl.lit(True)), on=PAIR, how="left").with_columns(
                pl.col("agreed").fill_null(False)
            )
        )
        agreed = pl.concat([pairs.filter(pl.Series(agreed_before)), agreed])
        self.fresh.append(candidates.join(agreed, on=PAIR, how="semi"))

    @property
    def pairs_compared(self) -> int:
        return len(self.compared)

    def edges(self) -> pl.DataFrame:
        """Every verified candidate so far (pending ones verified first)."""
        self.flush()
        return pl.concat(self.fresh)


def partitioned_edges(
    old_edges: pl.DataFrame,
    groups: pl.DataFrame,
    gone: pl.DataFrame,
    added: pl.DataFrame,
    read_signatures: SignatureReader,
    config: DedupConfig,
) -> EdgeChange:
    """The edges of the new index from `old_edges`: buckets holding a `gone` or `added` group
    (a re-represented group is both) are paired again, one partition of buckets at a time, and
    only their candidates that `old_edges` cannot settle are verified (`unsettled`). `groups`
    holds at least every current group sharing a bucket with a changed one (all members of the
    buckets to pair); other groups' rows are ignored.

    Only a partition's bucket rows and what the `PairVerifier` holds are held: a first build of
    1M groups held all 32M bucket rows and every candidate at once and peaked at 5.3 GiB,
    2.8 GiB now (`benchmarks/dedup_index_memory.py`)."""
    changed = pl.concat([gone, added])
    # sorted once, so that `bucket_candidates` finds each partition's members sorted by id
    # (polars checks its sorted flag) instead of sorting their string ids again
    groups = groups.sort("rep_id")
    # every member of every touched bucket is new (a first build, or a batch sharing no
    # bucket with the index): no candidate was paired before, none is settled by old edges
    all_new = gone.height == 0 and added.height == groups.height
    parts = partition_count(groups.height)
    kept = [old_edges.clear()]
    verifier = PairVerifier(read_signatures, config)
    new_ids = added["rep_id"]
    touched = 0
    for band in range(config.bands):
        in_band = old_edges.filter(pl.col("band") == band)
        for part in range(parts):
            buckets = partition_rows(changed, band, part, parts).select(BUCKET).unique()
            old = in_band.filter(pl.col("key") % parts == part)
            kept.append(old.join(buckets, on=BUCKET, how="anti"))
            if buckets.height == 0:
                continue
            touched += buckets.height
            members = partition_rows(groups, band, part, parts)
            if all_new:  # every row is in a touched bucket, and none was paired before
                verifier.add(bucket_candidates(members, config))
                continue
            members = members.join(buckets, on=BUCKET, how="semi")
            before = pl.concat([
                members.join(partition_rows(added, band, part, parts), on=MEMBER, how="anti"),
                partition_rows(gone, band, part, parts),
            ])  # fmt: skip
            settled, fresh = unsettled(
                bucket_candidates(members, config), bucket_candidates(before, config),
                old.join(buckets, on=BUCKET, how="semi"), new_ids,
            )  # fmt: skip
            kept.append(settled)
            verifier.add(fresh)
    fresh_edges = verifier.edges()
    return EdgeChange(pl.concat([*kept, fresh_edges]), touched, verifier.pairs_compared)


def unsettled(
    candidates: pl.DataFrame, candidates_before: pl.DataFrame, edges_before: pl.DataFrame,
    new_ids: pl.Series,
) -> tuple[pl.DataFrame, pl.DataFrame]:  # fmt: skip
    """Of touched buckets' `candidates`, the edges already known and the candidates to verify.

    A candidate that its bucket paired before (`candidates_before`, from the bucket's previous
    members) between two ids whose signatures are unchanged (neither is a `new_ids`
    representative: a group's content can change under the same id) was verified then: it is
    an edge now exactly when it is in `edges_before` (the bucket's previous edges). The rest
    are verified. A new member of a large bucket changes a few of its star-and-path pairs,
    so a 1% batch verified whole large buckets again: 756k pairs for 913 changed groups of a
    100k-article lake, where 1% of the pairs a build verifies was expected."""
    if candidates_before.height == 0:  # a first build, or buckets that are all new
        return candidates.clear(), candidates
    fresh_id = pl.col("low_id").is_in(new_ids.implode()) | pl.col("high_id").is_in(
        new_ids.implode()
    )
    known = candidates_before.filter(~fresh_id)
    # as many rows as the candidates now have (a large bucket's star and path can both hold
    # the pair of its first two members), as a verified candidate gives
    edges = candidates.join(edges_before.filter(~fresh_id), on=EDGE_KEY, how="semi")
    return edges, candidates.join(known, on=EDGE_KEY, how="anti")


def cluster_labels(edges: pl.DataFrame) -> pl.DataFrame:
    """`rep_id`, `cluster_id` (the smallest id of its component) of every rep with an edge:
    components on this machine (the Ray engine has a distributed one, `corpus.engine`)."""
    pairs = edges.select("low_id", "high_id").unique()
    ids = pl.concat([pairs["low_id"], pairs["high_id"]]).unique().sort()
    if ids.len() == 0:
        return pl.DataFrame(schema={"rep_id": pl.String, "cluster_id": pl.String})
    number = pl.DataFrame({"id": ids, "n": np.arange(ids.len())})
    numbered = pairs.join(number, left_on="low_id", right_on="id").join(
        number, left_on="high_id", right_on="id", suffix="_high"
    )
    low, high = numbered["n"].to_numpy(), numbered["n_high"].to_numpy()
    labels = connected_components(ids.len(), low, high)
    return pl.DataFrame({"rep_id": ids, "cluster_id": ids.gather(labels)})


def cluster_members(
    articles: pl.DataFrame, groups: pl.DataFrame, labels: pl.DataFrame
) -> pl.DataFrame:
    """Every article (`article_id`, `content_hash`) with its `rep_id` and `cluster_id`, only
    those in clusters of more than one."""
    return (
        articles.select("article_id", "content_hash")
        .join(groups.select("content_hash", "rep_id"), on="content_hash")
        .join(labels, on="rep_id", how="left")
        .with_columns(cluster_id=pl.coalesce("cluster_id", "rep_id"))
        .filter(pl.len().over("cluster_id") > 1)
    )
