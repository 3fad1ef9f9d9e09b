"""Batches started ahead of their runs (`corpus.ingest.start_ahead`): the workers take the next
batch while the driver commits the current one; a failed run withdraws the starts after it, and
a start made with other settings than its run's is redone by the run."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import polars as pl
import pytest

import corpus.ingest
import corpus.stream
import pipelines.runner
from corpus.formats.options import ReadOptions
from corpus.lake import Lake
from corpus.lake.tables import BATCH_TABLES
from corpus.lake.verify import verify
from corpus.workerpool import shared_pool_scope, start_shared_pool
from pipelines.definitions import build_definitions
from pipelines.runner import ingest

from .conftest import write_tree

BATCH_FILES = 8
FILES = {
    f"desk-{i % 3}/{i:03d}.txt": (
        f"date 2024-05-{i % 28 + 1:02d} Story {i} of the desk: the council met on day {i} "
        f"and voted on item {i * 7} of its agenda.\n"
    ).encode()
    for i in range(3 * BATCH_FILES)
}


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A raw tree of three batches, each of two chunks on a shared pool of two workers."""
    monkeypatch.setattr(corpus.ingest, "default_workers", lambda: 2)
    monkeypatch.setattr(pipelines.runner, "WARM_POOL_MIN_FILES", 1)
    monkeypatch.setattr(corpus.stream, "MIN_CHUNK_FILES", BATCH_FILES // 2)
    monkeypatch.setenv("CORPUS_MAX_BATCH_FILES", str(BATCH_FILES))
    write_tree(tmp_path / "raw", FILES)
    return tmp_path


def _ingest(root: Path, instance: dg.DagsterInstance):  # type: ignore[no-untyped-def]
    defs = build_definitions(str(root / "raw"), str(root / "lake"))
    return ingest(defs, instance)


def _part_files(lake_dir: Path, batch_id: str) -> list[Path]:
    return [p for p in lake_dir.rglob("*.parquet") if batch_id in p.name]


def test_the_next_batch_starts_before_the_current_one_lands(
    pooled: Path, instance: dg.DagsterInstance
) -> None:
    outcome = _ingest(pooled, instance)
    assert outcome.success and len(outcome.batch_runs) == 3
    lake = Lake(pooled / "lake")
    batches = lake.read("batches").sort("registered_at")
    attempts = lake.read("attempts")
    assert attempts["event"].to_list() == ["started"] * 3
    started = dict(zip(attempts["batch_id"], attempts["at"], strict=True))
    first, second, third = batches.rows(named=True)
    # the first batch started while planning went on; the second while the first was processed
    assert started[first["batch_id"]] < third["registered_at"]
    assert started[second["batch_id"]] < first["finished_at"]
    assert lake.read("articles").height == len(FILES)
    assert sorted(lake.read("articles")["raw_path"]) == sorted(FILES)
    assert verify(lake) == []


def test_a_failed_run_withdraws_the_batches_started_after_it(
    pooled: Path, instance: dg.DagsterInstance, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORPUS_FAIL_AT", "after-commit:paragraphs")
    failed = _ingest(pooled, instance)
    assert not failed.success and len(failed.batch_runs) == 1
    lake = Lake(pooled / "lake")
    states = {s.batch_id: s for s in lake.batch_states()}
    first, *later = failed.schedule.batch_ids
    assert states[first].attempts == 1 and states[first].last_error
    # the batches started ahead are as if never started: no attempt, no part left behind
    assert [states[b].attempts for b in later] == [0, 0]
    assert [_part_files(pooled / "lake", b) for b in later] == [[], []]
    monkeypatch.delenv("CORPUS_FAIL_AT")
    assert _ingest(pooled, instance).success
    assert sorted(lake.read("articles")["raw_path"]) == sorted(FILES)
    assert verify(lake) == []


def test_an_ingest_that_raises_leaves_its_started_batches_as_a_killed_run_does(
    pooled: Path, instance: dg.DagsterInstance, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    run_batch = pipelines.runner.run_batch
    monkeypatch.setattr(pipelines.runner, "run_batch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _ingest(pooled, instance)
    lake = Lake(pooled / "lake")
    assert corpus.ingest.n_started_ahead(lake) == 0  # nothing for a later ingest to adopt
    assert [s.attempts for s in lake.batch_states()] == [1, 1, 0]  # the two started
    monkeypatch.setattr(pipelines.runner, "run_batch", run_batch)
    assert _ingest(pooled, instance).success
    assert sorted(lake.read("articles")["raw_path"]) == sorted(FILES)
    assert [s.attempts for s in lake.batch_states()] == [2, 2, 1]
    assert verify(lake) == []


def test_a_start_made_with_other_settings_is_redone_by_its_run(
    pooled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started with a record size limit that rejects every file, run with the defaults: the run
    redoes the batch with its own settings, under the same attempt, and no part of the start
    stays behind."""
    from corpus.dedup.config import DedupConfig
    from corpus.lake.batching import schedule

    lake = Lake(pooled / "lake")
    with shared_pool_scope():
        start_shared_pool(2)
        (batch_id, *_) = schedule(lake, pooled / "raw").batch_ids
        registration = lake.registration(batch_id)
        assert corpus.ingest.start_ahead(
            lake,
            registration,
            str(pooled / "raw"),
            dedup_config=DedupConfig(),
            options=ReadOptions(max_record_bytes=1),
            workers=2,
        )
        result = corpus.ingest.ingest_batch(lake, batch_id, str(pooled / "raw"), workers=2)
    assert (result.attempt, result.n_articles, result.n_rejects) == (1, len(FILES), 0)
    assert lake.read("rejects").filter(pl.col("batch_id") == batch_id).height == 0
    committed = {Path(uri).name for name in BATCH_TABLES for uri in _uris(lake, name)}
    on_disk = {p.name for p in _part_files(pooled / "lake", batch_id)}
    assert on_disk and on_disk <= committed


def _uris(lake: Lake, name: str) -> list[str]:
    table = lake.store.open(name)
    return [] if table is None else table.file_uris()


def test_a_kill_while_a_batch_runs_ahead_loses_and_doubles_nothing(tmp_path: Path) -> None:
    """The real command, two batches of two chunks on two workers: killed in the first batch's
    commit while the second is processed ahead, then run again."""
    from tests.lake.helpers import corpus as run_corpus

    files = {
        f"desk/{i:04d}.txt": f"date 2024-06-01 Item {i} of the wire.\n".encode()
        for i in range(1200)
    }
    write_tree(tmp_path / "raw", files)
    config = tmp_path / "corpus.toml"
    config.write_text("[ingest]\nworkers = 2\n")
    env = {"CORPUS_CONFIG": str(config), "CORPUS_MAX_BATCH_FILES": "600"}
    args = ("ingest", "--raw", str(tmp_path / "raw"), "--lake", str(tmp_path / "lake"), "--quiet")
    killed = run_corpus(*args, env={**env, "CORPUS_KILL_AT": "after-commit:paragraphs"})
    assert killed.returncode == -9, killed.stderr
    lake = Lake(tmp_path / "lake")
    assert [s.attempts for s in lake.batch_states()] == [1, 1]  # the second had started
    again = run_corpus(*args, env=env)
    assert again.returncode == 0, again.stderr
    assert sorted(lake.read("articles")["raw_path"]) == sorted(files)
    assert verify(lake) == []
    # the second batch's first attempt committed nothing (the first batch's committed parts are
    # Delta-removed by its retry and stay on disk until a vacuum): its parts went with the retry
    second = lake.batch_states()[1].batch_id
    committed = {(name, Path(uri).name) for name in BATCH_TABLES for uri in _uris(lake, name)}
    on_disk = {
        (p.relative_to(tmp_path / "lake").parts[0], p.name)
        for p in _part_files(tmp_path / "lake", second)
    }
    assert on_disk and on_disk <= committed
