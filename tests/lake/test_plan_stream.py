"""Planning streams the raw root: batches are registered while the walk runs, in path order."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.lake import Lake, registry
from corpus.lake import plan as plan_module
from corpus.lake.batching import BatchLimits, schedule
from corpus.rawscan import RawWalk, walk_raw_root


def test_walk_yields_files_in_the_order_of_their_sorted_paths(tmp_path: Path) -> None:
    names = ["a-c.txt", "a/b.txt", "a/z/y.txt", "a.txt", "a0.txt", "b/a.txt", "ab/c.txt", "Z.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("date 2024-01-01 x\n")
    walked = [e.path for e in RawWalk(tmp_path).files()]
    assert walked == sorted(names)
    assert [e.path for e in walk_raw_root(tmp_path)[0]] == sorted(names)


def test_batches_are_registered_before_the_walk_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    for i in range(6):
        (raw / f"s{i}").mkdir(parents=True)
        (raw / f"s{i}" / "a.txt").write_text(f"date 2024-01-0{i + 1} Text {i}.\n")
    walked: list[str] = []
    files = RawWalk.files

    def counting(self: RawWalk):  # type: ignore[no-untyped-def]
        for entry in files(self):
            walked.append(entry.path)
            yield entry

    seen_at_register: list[int] = []
    register = registry.register

    def recording(store, kind, batch):  # type: ignore[no-untyped-def]
        seen_at_register.append(len(walked))
        return register(store, kind, batch)

    monkeypatch.setattr(RawWalk, "files", counting)
    monkeypatch.setattr(registry, "register", recording)
    monkeypatch.setattr(plan_module, "HASH_AHEAD", 2)
    monkeypatch.setattr(plan_module, "HASH_CHUNK", 1)
    lake = Lake(tmp_path / "lake")
    plan = schedule(lake, raw, limits=BatchLimits(max_files=2))
    assert [r.n_files for r in plan.registered] == [2, 2, 2]
    # the first batch is registered when the walk has reached its fourth file (its third, and
    # the one hashed ahead), not its last
    assert seen_at_register == [4, 6, 6]
    assert [f.path for r in plan.registered for f in lake.registration(r.batch_id).files] == [
        f"s{i}/a.txt" for i in range(6)
    ]
