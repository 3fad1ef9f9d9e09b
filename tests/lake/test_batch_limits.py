"""Planning caps a batch in files and bytes: a large first ingest becomes several batches."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from corpus.lake import Lake
from corpus.lake.batching import BatchLimits, schedule
from corpus.lake.registry import BatchFile
from pipelines.definitions import build_definitions
from pipelines.runner import ingest
from tests.e2e.conftest import FILES, write_tree
from tests.lake.helpers import content


def files(*sizes: int) -> list[BatchFile]:
    return [BatchFile(f"{i}.txt", f"{i}.txt", "0" * 64, size, 0) for i, size in enumerate(sizes)]


def test_split_caps_files_and_bytes() -> None:
    by_files = list(BatchLimits(max_files=2).split(files(1, 1, 1, 1, 1)))
    assert [len(b) for b in by_files] == [2, 2, 1]
    by_bytes = list(BatchLimits(max_bytes=10).split(files(4, 4, 4, 30, 1)))
    assert [[f.size for f in b] for b in by_bytes] == [[4, 4], [4], [30], [1]]
    assert list(BatchLimits().split([])) == []
    with pytest.raises(ValueError):
        BatchLimits(max_files=0)


def test_schedule_registers_several_batches(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    lake = Lake(tmp_path / "lake")
    plan = schedule(lake, raw, limits=BatchLimits(max_files=3))
    assert [r.n_files for r in plan.registered] == [3, 3, 2]
    registrations = [lake.registration(r.batch_id) for r in plan.registered]
    assert [len(r.files) for r in registrations] == [3, 3, 2]
    assert [f.path for r in registrations for f in r.files] == sorted(FILES)  # in path order
    assert plan.batch_ids == [r.batch_id for r in plan.registered]
    assert schedule(lake, raw).registered == []  # registered files are not planned again


def test_bounded_batches_land_the_same_lake(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    whole, parts = Lake(tmp_path / "whole"), Lake(tmp_path / "parts")
    with dg.instance_for_test() as instance:
        assert ingest(build_definitions(str(raw), whole.uri), instance).success
    monkeypatch.setenv("CORPUS_MAX_BATCH_FILES", "3")  # the RawStore setting, from its variable
    defs = build_definitions(str(raw), parts.uri)
    with dg.instance_for_test() as instance:
        outcome = ingest(defs, instance)
    assert outcome.success
    assert len(outcome.schedule.registered) == 3
    assert [s.landed for s in parts.batch_states()] == [True, True, True]
    for name in ("articles", "paragraphs", "signatures", "rejects", "duplicates"):
        assert content(parts, name).equals(content(whole, name)), name
