"""The `duplicates` refresh, incremental, on either engine.

1. The current exact groups come from the committed signatures' `article_id` and
   `content_hash` columns (signatures made under other settings are re-signed in memory first,
   as `corpus.lake.refresh.current_signatures` does).
2. The stored index (`index_store`) is brought up to date one partition at a time
   (`corpus.dedup.index_parts.IndexUpdate`): only buckets touched by new, gone or
   re-represented groups are paired again, and their candidates not paired before are verified,
   reading the stored signatures of their members; the partitions that changed are written as
   files no reader sees yet.
3. Components of the verified edges, then the keep rule per cluster (`cluster.score_clusters`).
4. The index's new partitions are committed (one commit), then `duplicates` is replaced in one
   commit that records the `batches` version it was computed from. A failure anywhere before
   (a Ray task, the cluster) leaves the previous index and `duplicates` versions as they were.

The result equals `find_duplicates` over all signatures (tests check it on both engines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import polars as pl

from corpus.dedup.cluster import score_clusters
from corpus.dedup.config import DedupConfig
from corpus.dedup.index import (
    DedupIndex,
    IndexChange,
    SignatureReader,
    cluster_labels,
    cluster_members,
    current_groups,
)
from corpus.dedup.index_parts import (
    EDGE,
    GROUP,
    IndexSource,
    IndexUpdate,
    MemorySource,
    Piece,
    WritePiece,
)
from corpus.engine import check_engine
from corpus.engine.index_store import open_index
from corpus.faults import checkpoint
from corpus.lake.lake import Lake
from corpus.lake.refresh import SOURCE_VERSION_KEY, current_signatures
from corpus.lake.visibility import Seen


class DedupEngine(Protocol):
    """The steps whose work grows with the lake, as each engine runs them: the exact groups,
    the index update (`run.written`, counters set), the components of its edges and the keep
    rule, from the signatures to the `duplicates` rows."""

    def duplicates(
        self, source: IndexSource, write: WritePiece, signatures: pl.LazyFrame,
        keep_fields: pl.LazyFrame, config: DedupConfig,
    ) -> tuple[IndexUpdate, pl.DataFrame]: ...  # fmt: skip


# A local refresh holds every signature (`signature_reader(hold=True)`) up to this many
# (~0.6 KiB each with its id: 60 MiB), and reads them again per use beyond: a first build of
# 22k articles read them 7 times, 0.76 of its 2.9 CPU seconds (`benchmarks/refresh_steps.py`).
HELD_SIGNATURES = 100_000


class LocalDedup:
    """This process, polars and numpy."""

    def duplicates(
        self, source: IndexSource, write: WritePiece, signatures: pl.LazyFrame,
        keep_fields: pl.LazyFrame, config: DedupConfig,
    ) -> tuple[IndexUpdate, pl.DataFrame]:  # fmt: skip
        articles = signatures.select("article_id", "content_hash").collect()
        read = signature_reader(signatures, hold=articles.height <= HELD_SIGNATURES)
        groups = current_groups(articles)
        run = IndexUpdate(source, groups, read, config)
        run.run(write)
        members = cluster_members(articles, groups, cluster_labels(run.edges))
        return run, score_clusters(with_keep_fields(members, keep_fields, read), config)


def dedup_engine(engine: str) -> DedupEngine:
    if check_engine(engine) == "ray":
        from corpus.engine.ray_dedup import RayDedup

        return RayDedup()
    return LocalDedup()


@dataclass(slots=True)
class DedupRun:
    duplicates: pl.DataFrame
    groups_changed: int
    buckets_touched: int
    pairs_verified: int
    full: bool  # the index was built from nothing (first run or new settings)


def _signatures(lake: Lake, config: DedupConfig, seen: Seen | None) -> pl.LazyFrame:
    """Committed signatures with the current settings; re-signing in memory only when some
    were made under others (a changed `DedupConfig`)."""
    stored = lake.scan("signatures", seen=seen)
    stale = stored.filter(pl.col("dedup_version") != config.signature_id).select(pl.len())
    if stale.collect().item() == 0:
        return stored.select("article_id", "content_hash", "minhash")
    return current_signatures(lake, config, seen=seen).lazy()


def signature_reader(signatures: pl.LazyFrame, *, hold: bool = False) -> SignatureReader:
    """Stored signatures of some ids; streamed, so a read holds the rows it keeps, not every
    signature of the lake (512 MiB of `minhash` at 1M articles) on the way. With `hold`, all
    of them are read once and kept for the refresh's many reads (a first build reads each
    signature several times: to sign its group, per verified batch of pairs, for the keep
    rule)."""
    if hold:
        held = signatures.select("article_id", "minhash").collect()

        def read_held(ids: pl.Series) -> pl.DataFrame:
            return held.join(
                pl.DataFrame({"article_id": ids.unique()}), on="article_id", how="semi"
            )

        return read_held

    def read(ids: pl.Series) -> pl.DataFrame:
        wanted = pl.DataFrame({"article_id": ids.unique()}).lazy()
        return (
            signatures.join(wanted, on="article_id", how="semi")
            .select("article_id", "minhash")
            .collect(engine="streaming")
        )

    return read


def with_keep_fields(
    members: pl.DataFrame, keep_fields: pl.LazyFrame, read: SignatureReader
) -> pl.DataFrame:
    """Cluster members (`article_id`, `content_hash`, `rep_id`, `cluster_id`) with what the keep
    rule reads: `published_at`, `n_chars` (null when missing) and their group's `rep_minhash`."""
    wanted = members.lazy().select("article_id")
    fields = keep_fields.select("article_id", "published_at", "n_chars")
    fields = fields.join(wanted, on="article_id", how="semi").collect()
    rep_minhash = read(members["rep_id"]).rename({"article_id": "rep_id", "minhash": "rep_minhash"})
    return members.join(fields, on="article_id", how="left").join(rep_minhash, on="rep_id")


def indexed_duplicates(
    source: IndexSource,
    write: WritePiece,
    signatures: pl.LazyFrame,
    keep_fields: pl.LazyFrame,
    config: DedupConfig,
    runner: DedupEngine,
) -> tuple[IndexUpdate, pl.DataFrame]:
    """The `duplicates` rows for the current `signatures` (`article_id`, `content_hash`,
    `minhash`) and `keep_fields` (`article_id`, `published_at`, `n_chars`); the index's changed
    partitions go to `write` as they are made (`IndexUpdate.written`: what it returned)."""
    return runner.duplicates(source, write, signatures, keep_fields, config)


def incremental_duplicates(
    index: DedupIndex,
    signatures: pl.LazyFrame,
    keep_fields: pl.LazyFrame,
    config: DedupConfig,
    runner: DedupEngine,
) -> tuple[IndexChange, pl.DataFrame]:
    """`indexed_duplicates` with the index in memory: the updated index and the rows."""

    def keep(piece: Piece) -> Piece:
        return piece

    run, duplicates = indexed_duplicates(
        MemorySource(index), keep, signatures, keep_fields, config, runner
    )
    pieces = [p for p in run.written if isinstance(p, Piece)]
    groups = [p.rows for p in pieces if p.kind == GROUP] or [index.groups]  # one partition
    edges = [p.rows for p in pieces if p.kind == EDGE] or [index.edges]
    change = IndexChange(
        DedupIndex(groups[0], edges[0]), run.groups_changed, run.buckets_touched,
        run.pairs_verified,
    )  # fmt: skip
    return change, duplicates


def refresh_duplicates_indexed(
    lake: Lake, config: DedupConfig, engine: str = "local", *, seen: Seen | None = None
) -> DedupRun:
    """Bring `duplicates` (and the index) up to date with the committed signatures, as readers
    see them now or as of `seen` (`Lake.seen_now()`). The local engine's scans share one
    visibility computation (taken here when not given): each read of signatures re-derived it
    otherwise, 0.47 of a read's 0.49 CPU-s at 100k articles, and an update reads once per
    `VERIFY_PAIRS` candidates. Ray tasks re-derive it where they run."""
    source_version = lake.store.version("batches") or 0
    if seen is None and check_engine(engine) == "local":
        seen = lake.seen_now()
    signatures = _signatures(lake, config, seen)
    stored = open_index(lake, config, signatures.select(pl.len()).collect().item())
    run, duplicates = indexed_duplicates(
        stored.source, stored.write, signatures, lake.scan("articles", seen=seen), config,
        dedup_engine(engine),
    )  # fmt: skip
    stored.commit(run.written)
    checkpoint("after-commit:dedup-index")
    lake.store.overwrite(
        "duplicates", duplicates.to_arrow(), metadata={SOURCE_VERSION_KEY: source_version}
    )
    checkpoint("after-commit:duplicates")
    return DedupRun(
        duplicates, run.groups_changed, run.buckets_touched, run.pairs_verified, full=stored.full
    )
