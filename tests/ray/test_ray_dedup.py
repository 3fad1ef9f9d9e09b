"""Distributed dedup on a real local Ray: the same components and `duplicates` as the local
engine, incremental histories included."""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from corpus.dedup import cluster as cluster_module
from corpus.dedup import find_duplicates
from corpus.dedup import index as index_module
from corpus.dedup.config import DedupConfig
from corpus.dedup.index import DedupIndex, SignatureReader, cluster_labels
from corpus.engine import dedup as dedup_module
from corpus.engine import index_store, ray_clusters, ray_dedup, ray_index
from corpus.engine.dedup import DedupEngine, LocalDedup, incremental_duplicates, indexed_duplicates
from corpus.engine.index_store import open_index
from corpus.engine.ray_dedup import RayDedup
from corpus.lake import Lake
from tests.dedup.test_index import CONFIGS, IDS, TABLES
from tests.dedup.test_index_store import refresh


def _graph(seed: int, n: int, n_edges: int, chain: bool) -> pl.DataFrame:
    """Random edges over ids whose order has nothing to do with the graph's shape; `chain`
    adds a long path, the worst case for label propagation."""
    rng = random.Random(seed)
    ids = [f"{rng.getrandbits(32):08x}" for _ in range(n)]
    pairs = {tuple(sorted(rng.sample(ids, 2))) for _ in range(n_edges)}
    if chain:
        pairs |= {tuple(sorted(p)) for p in itertools.pairwise(ids[:41])}
    low, high = zip(*sorted(pairs), strict=True)
    return pl.DataFrame({"low_id": list(low), "high_id": list(high)})


@pytest.mark.parametrize(
    ("seed", "n", "n_edges", "chain"), [(1, 60, 40, True), (2, 200, 150, False)]
)
def test_star_components_equal_union_find(
    ray_cluster: None, seed: int, n: int, n_edges: int, chain: bool
) -> None:
    edges = _graph(seed, n, n_edges, chain)
    engine = RayDedup()
    got = engine.labels(edges).sort("rep_id")
    expected = cluster_labels(edges).sort("rep_id")
    assert got.equals(expected)
    assert engine.rounds > 1  # a real iteration ran, not a one-shot gather
    if chain:  # the 41-node path is one component, labelled by its smallest id
        assert got["cluster_id"].n_unique() < n


def test_ray_dedup_history_equals_full_recompute(ray_cluster: None) -> None:
    config = CONFIGS[1]  # small buckets: the star + path rule runs too
    signatures, keep_fields = TABLES[config]
    order = list(np.random.default_rng(5).permutation(IDS))
    steps = [("add", order[:25]), ("add", order[25:]), ("remove", order[10:14])]
    present: set[str] = set()
    ray_index = local_index = DedupIndex.empty()
    for action, ids in steps:
        present = present | set(ids) if action == "add" else present - set(ids)
        mine = signatures.filter(pl.col("article_id").is_in(sorted(present))).lazy()
        ray_change, got = incremental_duplicates(
            ray_index, mine, keep_fields.lazy(), config, RayDedup()
        )
        local_change, local = incremental_duplicates(
            local_index, mine, keep_fields.lazy(), config, LocalDedup()
        )
        ray_index, local_index = ray_change.index, local_change.index
        assert got.height > 0
        assert got.equals(find_duplicates(mine, keep_fields, config))
        assert got.equals(local)
        assert ray_index.edges.equals(local_index.edges)
        assert ray_index.groups.equals(local_index.groups)


def test_ray_updates_through_the_partitioned_store_equal_a_full_recompute(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The group partitions' pass runs as Ray tasks that read and write the stored index."""
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)  # ~10 partitions for the pool
    config, lake = CONFIGS[1], Lake(tmp_path)
    history = [IDS[::2], IDS, IDS[3:]]
    results = [refresh(lake, ids, config, RayDedup()) for ids in history]
    assert results == [(True, True), (False, True), (False, True)]


def _stored_index(lake: Lake) -> pl.DataFrame:
    """Every row of the stored index, in one order (the files' order differs by engine)."""
    rows = pl.read_delta(lake.store.table_uri(index_store.INDEX_TABLE))
    return rows.sort("kind", "part", "content_hash", "rep_id", "band", "key", "high_id")


def _counted_refresh(
    lake: Lake, ids: list[str], config: DedupConfig, runner: DedupEngine
) -> tuple[pl.DataFrame, tuple[int, int, int]]:
    """One refresh through the store: `duplicates` and the update's counters."""
    signatures, keep = TABLES[config]
    mine = signatures.filter(pl.col("article_id").is_in(ids))
    stored = open_index(lake, config, mine.height)
    run, got = indexed_duplicates(
        stored.source, stored.write, mine.lazy(), keep.lazy(), config, runner
    )
    stored.commit(run.written)
    return got, (run.groups_changed, run.buckets_touched, run.pairs_verified)


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
def test_ray_writes_the_index_partitions_of_the_local_engine(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: DedupConfig
) -> None:
    """Build, add, remove, nothing new: the same partitions' rows, `duplicates` and counters
    (each distinct pair verified once) after every step."""
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)
    on_ray, local = Lake(tmp_path / "ray"), Lake(tmp_path / "local")
    for ids in (IDS[::2], IDS, IDS[3:], IDS[3:]):
        got, counts = _counted_refresh(on_ray, ids, config, RayDedup())
        expected, expected_counts = _counted_refresh(local, ids, config, LocalDedup())
        assert got.equals(expected)
        assert counts == expected_counts
        assert _stored_index(on_ray).equals(_stored_index(local))
    assert counts == (0, 0, 0)  # nothing new: nothing touched, nothing compared


def test_a_first_build_in_many_bucket_slices_equals_the_local_engine(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build cuts its band join into slices of ~`PARTITION_ROWS` bucket rows (here
    dozens of slices over 2 CPUs): the same rows and counters as the local engine."""
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)
    monkeypatch.setattr(ray_index, "PARTITION_ROWS", 40)  # read on the driver
    config = CONFIGS[0]
    on_ray, local = Lake(tmp_path / "ray"), Lake(tmp_path / "local")
    for ids in (IDS, IDS[3:]):
        got, counts = _counted_refresh(on_ray, ids, config, RayDedup())
        expected, expected_counts = _counted_refresh(local, ids, config, LocalDedup())
        assert got.height > 0 and got.equals(expected)
        assert counts == expected_counts
        assert _stored_index(on_ray).equals(_stored_index(local))


def test_a_ray_update_never_reads_the_whole_index_on_the_driver(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored index is read only inside tasks (which unpickle the class unpatched)."""
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)
    config, lake = CONFIGS[1], Lake(tmp_path)
    assert refresh(lake, IDS[::2], config, RayDedup()) == (True, True)

    def on_the_driver(*_args: object) -> None:
        raise AssertionError("the stored index read on the driver")

    for name in ("group_ids", "groups_of", "group_partition", "edges", "edge_partition"):
        monkeypatch.setattr(index_store.StoredIndex, name, on_the_driver)
    assert refresh(lake, IDS, config, RayDedup()) == (False, True)
    assert refresh(lake, IDS[3:], config, RayDedup()) == (False, True)


def test_a_ray_update_reads_the_signatures_once_to_sign_and_once_to_verify(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The groups added across ~10 partitions are signed by one task and their few candidate
    pairs verified by one, each with one read of the stored signatures (a scan of the whole
    table): not one read per group partition, nor one per CPU."""
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)
    config, lake = CONFIGS[0], Lake(tmp_path)
    assert refresh(lake, IDS[::2], config, RayDedup()) == (True, True)
    log = tmp_path / "reads.log"
    real_reader = dedup_module.signature_reader

    def counting_reader(signatures: pl.LazyFrame, *, hold: bool = False) -> SignatureReader:
        read = real_reader(signatures, hold=hold)

        def counted(ids: pl.Series) -> pl.DataFrame:
            with log.open("a") as out:  # a task's process: the log is the way back
                out.write(sys._getframe(1).f_code.co_name + "\n")
            return read(ids)

        return counted

    monkeypatch.setattr(ray_dedup, "signature_reader", counting_reader)
    assert refresh(lake, IDS, config, RayDedup()) == (False, True)
    reads = log.read_text().split()
    assert reads.count("keyed_groups") == 1, reads
    assert reads.count("agreeing") == 1, reads
    assert "with_keep_fields" in reads  # the log sees the keep rule's reads too


def test_a_ray_refresh_never_forms_groups_members_or_clusters_on_the_driver(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Groups, labels, cluster members and the keep rule run only in tasks (whose workers
    import the modules unpatched): a driver where each of them raises still completes, build
    and update, with the rows of a full recompute."""
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)
    config, lake = CONFIGS[1], Lake(tmp_path)
    signatures, keep = TABLES[config]
    history = [IDS[::2], IDS, IDS[3:]]
    expected = [
        find_duplicates(signatures.filter(pl.col("article_id").is_in(ids)), keep, config)
        for ids in history
    ]

    def on_the_driver(*_args: object) -> None:
        raise AssertionError("groups, labels, members or scores formed on the driver")

    for module in (dedup_module, ray_clusters, index_module, cluster_module):
        for name in ("current_groups", "cluster_labels", "cluster_members", "score_clusters",
                     "with_keep_fields"):  # fmt: skip
            if hasattr(module, name):
                monkeypatch.setattr(module, name, on_the_driver)
    for ids, rows in zip(history, expected, strict=True):
        got, _ = _counted_refresh(lake, ids, config, RayDedup())
        assert got.height > 0 and got.equals(rows)


@pytest.mark.parametrize("task", ["partition_groups", "cluster_slice", "score_slice"])
def test_a_failed_clusters_task_leaves_the_previous_index(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, task: str
) -> None:
    """A task that fails fails the refresh before the index's commit: its version stays."""
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)
    config, lake = CONFIGS[1], Lake(tmp_path)
    assert refresh(lake, IDS[::2], config, RayDedup()) == (True, True)
    version = lake.store.version(index_store.INDEX_TABLE)

    def broken(*_args: object) -> None:
        raise RuntimeError(f"injected failure in {task}")

    with monkeypatch.context() as patch:
        patch.setattr(ray_dedup, task, broken)
        with pytest.raises(RuntimeError, match=f"injected failure in {task}"):
            refresh(lake, IDS, config, RayDedup())
    assert lake.store.version(index_store.INDEX_TABLE) == version
    assert refresh(lake, IDS, config, RayDedup()) == (False, True)
