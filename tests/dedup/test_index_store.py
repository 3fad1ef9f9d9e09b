"""The index stored in partitions (`corpus.engine.index_store`): an update through the store
equals a full recompute and rewrites only the partitions it touches; a failure or a kill between
two partition writes leaves the previous index, which the next refresh brings to the same
result; an index in the older layout, under other settings, or outgrown is rebuilt, never read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest
from deltalake import CommitProperties, DeltaTable, write_deltalake

from corpus.dedup import DedupConfig, find_duplicates
from corpus.engine import index_store
from corpus.engine.dedup import DedupEngine, LocalDedup, indexed_duplicates
from corpus.engine.index_store import INDEX_TABLE, SETTINGS_KEY, open_index
from corpus.faults import FAIL_ENV, KILL_ENV, InjectedFault
from corpus.lake import Lake
from tests.dedup.test_index import CONFIGS, IDS, TABLES

POINT = "dedup-index:partition-written"


def refresh(
    lake: Lake, ids: list[str], config: DedupConfig, runner: DedupEngine | None = None
) -> tuple[bool, bool]:
    """One refresh through the store over the signatures of `ids`: (built whole, result equals
    `find_duplicates` over them)."""
    signatures, keep = TABLES[config]
    mine = signatures.filter(pl.col("article_id").is_in(ids))
    stored = open_index(lake, config, mine.height)
    run, got = indexed_duplicates(
        stored.source, stored.write, mine.lazy(), keep.lazy(), config, runner or LocalDedup()
    )
    stored.commit(run.written)
    return stored.full, got.equals(find_duplicates(mine, keep, config))


def _table(lake: Lake) -> DeltaTable:
    return DeltaTable(lake.store.table_uri(INDEX_TABLE))


def _files(lake: Lake, kind: str) -> dict[int, set[str]]:
    """The stored files of each partition of `kind`."""
    actions = pa.table(_table(lake).get_add_actions(flatten=True)).to_pylist()
    files: dict[int, set[str]] = {}
    for action in actions:
        if action["partition.kind"] == kind:
            files.setdefault(action["partition.part"], set()).add(action["path"])
    return files


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)  # ~10 partitions for the pool


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
def test_updates_through_the_store_equal_a_full_recompute(
    tmp_path: Path, small_parts: None, config: DedupConfig
) -> None:
    lake = Lake(tmp_path)
    history = [IDS[::2], IDS, IDS[3:], IDS[3:]]  # build, add, remove, nothing new
    results = [refresh(lake, ids, config) for ids in history]
    assert results == [(True, True), (False, True), (False, True), (False, True)]
    assert len(_files(lake, "group")) > 5 and _files(lake, "edge")


def test_an_update_rewrites_only_the_partitions_it_touches(
    tmp_path: Path, small_parts: None
) -> None:
    config = CONFIGS[0]
    signatures, _ = TABLES[config]
    unique = signatures.filter(pl.col("content_hash").is_unique())["article_id"].to_list()
    lake = Lake(tmp_path)
    assert refresh(lake, [i for i in IDS if i != unique[0]], config) == (True, True)
    before = _files(lake, "group")
    assert refresh(lake, IDS, config) == (False, True)  # one new group
    after = _files(lake, "group")
    changed = [p for p in after if after[p] != before.get(p)]
    assert len(changed) == 1 and len(after) == len(before) > 5


def test_a_failure_between_partition_writes_leaves_the_previous_index(
    tmp_path: Path, small_parts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = CONFIGS[1]
    lake = Lake(tmp_path)
    assert refresh(lake, IDS[::2], config) == (True, True)
    version = _table(lake).version()
    rows = pl.read_delta(lake.store.table_uri(INDEX_TABLE)).sort(pl.all())
    with monkeypatch.context() as patch:
        patch.setenv(FAIL_ENV, POINT)
        with pytest.raises(InjectedFault):
            refresh(lake, IDS, config)
    assert _table(lake).version() == version
    assert pl.read_delta(lake.store.table_uri(INDEX_TABLE)).sort(pl.all()).equals(rows)
    assert refresh(lake, IDS, config) == (False, True)


KILLED_REFRESH = """
import sys
from corpus.engine import index_store
from corpus.lake import Lake
from tests.dedup.test_index import CONFIGS, IDS
from tests.dedup.test_index_store import refresh

index_store.PART_GROUPS = 4
refresh(Lake(sys.argv[1]), IDS, CONFIGS[1])
"""


def test_a_kill_between_partition_writes_is_repaired_by_the_next_refresh(
    tmp_path: Path, small_parts: None
) -> None:
    config = CONFIGS[1]
    lake = Lake(tmp_path)
    assert refresh(lake, IDS[::2], config) == (True, True)
    version = _table(lake).version()
    environment = {**os.environ, KILL_ENV: POINT}
    root = Path(__file__).parents[2]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_REFRESH, str(tmp_path)], cwd=root, env=environment
    )
    assert killed.returncode == -9
    assert _table(lake).version() == version
    assert refresh(lake, IDS, config) == (False, True)


def _old_layout(lake: Lake, config: DedupConfig) -> None:
    """An index as the unpartitioned layout stored it, with its settings, holding every group
    of the pool and one made-up edge that would merge two unrelated groups if it were read."""
    signatures, _ = TABLES[config]
    reps = signatures.group_by("content_hash").agg(rep_id=pl.col("article_id").min())
    low, high = sorted(reps["rep_id"].to_list())[:2]
    rows = pl.concat(
        [
            reps.select(kind=pl.lit("group"), content_hash="content_hash", rep_id="rep_id"),
            pl.DataFrame({"kind": ["edge"], "rep_id": [low], "high_id": [high],
                          "band": [0], "key": [1]}),
        ],
        how="diagonal",
    )  # fmt: skip
    settings = json.dumps(
        [config.signature_id, config.bands, config.rows, config.threshold,
         config.pairwise_bucket_limit]
    )  # fmt: skip
    write_deltalake(
        lake.store.table_uri(INDEX_TABLE),
        rows.to_arrow(),
        commit_properties=CommitProperties(custom_metadata={SETTINGS_KEY: settings}),
    )


def test_an_index_in_the_older_layout_is_rebuilt_once(tmp_path: Path) -> None:
    config = CONFIGS[0]
    lake = Lake(tmp_path)
    _old_layout(lake, config)
    assert refresh(lake, IDS, config) == (True, True)
    assert _table(lake).metadata().partition_columns == ["kind", "part"]
    assert refresh(lake, IDS[3:], config) == (False, True)


def test_a_new_layout_version_rebuilds_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = CONFIGS[0]
    lake = Lake(tmp_path)
    assert refresh(lake, IDS, config) == (True, True)
    monkeypatch.setattr(index_store, "FORMAT", "partitioned-next")
    assert refresh(lake, IDS, config) == (True, True)
    assert refresh(lake, IDS, config) == (False, True)


def test_other_settings_rebuild_the_index(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    default, small = CONFIGS
    assert refresh(lake, IDS, default) == (True, True)
    assert refresh(lake, IDS, small) == (True, True)
    assert refresh(lake, IDS, small) == (False, True)


def test_vacuum_commits_do_not_hide_the_settings(tmp_path: Path) -> None:
    config = CONFIGS[0]
    lake = Lake(tmp_path)
    refresh(lake, IDS[::2], config)
    refresh(lake, IDS, config)  # replaced files to vacuum
    _table(lake).vacuum(retention_hours=0, enforce_retention_duration=False, dry_run=False)
    assert "VACUUM" in _table(lake).history(1)[0]["operation"]
    assert refresh(lake, IDS[3:], config) == (False, True)


def test_an_outgrown_index_is_rebuilt_in_more_partitions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_store, "PART_GROUPS", 2)
    config = CONFIGS[0]
    lake = Lake(tmp_path)
    assert refresh(lake, IDS[:4], config) == (True, True)
    parts = len(_files(lake, "group"))
    assert refresh(lake, IDS, config) == (True, True)  # > 4 x the groups it was cut for
    assert len(_files(lake, "group")) > parts
