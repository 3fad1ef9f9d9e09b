"""Planning hashes files on a few threads: same hashes, same order, a bounded window ahead."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from corpus import rawscan
from corpus.lake import Lake
from corpus.lake.batching import schedule
from corpus.lake.plan import RACY_SECONDS, Planner, batched, in_order


def test_in_order_keeps_the_order_and_holds_at_most_the_window() -> None:
    pulled: list[int] = []

    def items():
        for i in range(50):
            pulled.append(i)
            yield i

    results = in_order(lambda i: i * i, items(), threads=4, ahead=5)
    assert next(results) == 0
    assert len(pulled) == 5  # the window, not the 50 items
    assert list(results) == [i * i for i in range(1, 50)]


def test_in_order_raises_a_call_s_error_at_its_turn() -> None:
    def square_or_fail(i: int) -> int:
        if i == 3:
            raise KeyError(i)
        return i * i

    results = in_order(square_or_fail, range(10), threads=3, ahead=4)
    assert [next(results) for _ in range(3)] == [0, 1, 4]
    with pytest.raises(KeyError):
        next(results)


def test_batched_cuts_in_order_with_a_short_last_list() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []


def test_planned_files_carry_the_sha256_of_their_bytes_in_path_order(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    written: dict[str, bytes] = {}
    for i in range(40):
        data = f"date 2024-02-{i % 28 + 1:02d} Story number {i}.\n".encode() * (i + 1)
        path = raw / f"s{i % 3}" / f"{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written[f"s{i % 3}/{i:03d}.txt"] = data
    planned = list(Planner(Lake(tmp_path / "lake").store, raw).files())
    assert [f.path for f in planned] == sorted(written)
    assert {f.path: f.sha256 for f in planned} == {
        p: hashlib.sha256(b).hexdigest() for p, b in written.items()
    }
    assert {f.path: f.size for f in planned} == {p: len(b) for p, b in written.items()}


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "harbour").mkdir(parents=True)
    (raw / "harbour" / "a.txt").write_text("date 2024-01-01 A story.\n")
    return raw


def test_on_work_is_called_once_when_there_is_something_to_run(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    (raw / "harbour" / "b.txt").write_text("date 2024-01-02 Another story.\n")
    lake = Lake(tmp_path / "lake")
    calls: list[int] = []
    plan = schedule(lake, raw, on_work=lambda: calls.append(len(calls)))
    assert len(plan.batch_ids) == 1 and calls == [0]


def test_on_work_is_called_for_a_pending_batch_and_not_for_nothing(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    lake = Lake(tmp_path / "lake")
    schedule(lake, raw)  # registered, never run: pending
    calls: list[int] = []
    again = schedule(lake, raw, on_work=lambda: calls.append(1))
    assert again.retried and calls == [1]
    (tmp_path / "empty").mkdir()
    calls.clear()
    nothing = schedule(
        Lake(tmp_path / "other"), tmp_path / "empty", on_work=lambda: calls.append(1)
    )
    assert nothing.batch_ids == [] and calls == []


def test_a_file_listed_readable_but_refused_on_opening_is_refused_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A policy the permission bits do not show (SELinux, AppArmor) refuses the hashing read:
    the file becomes an `unreadable` refusal (a rejects row), never a file no run mentions."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "open.txt").write_text("date 2024-02-01 Open story.\n")
    (raw / "shut.txt").write_text("date 2024-02-02 Shut story.\n")
    real = rawscan.sha256_file

    def sha256_file(path: Path, *, expected_size: int | None = None) -> str:
        if path.name == "shut.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, expected_size=expected_size)

    monkeypatch.setattr(rawscan, "sha256_file", sha256_file)
    planned = {f.path: f for f in Planner(Lake(tmp_path / "lake").store, raw).files()}
    assert planned["open.txt"].status == "file"
    assert planned["shut.txt"].status == "refused"
    assert planned["shut.txt"].note.startswith("unreadable: permission denied")


def test_a_same_size_rewrite_in_the_tick_of_its_registration_is_found(tmp_path: Path) -> None:
    """A file rewritten right after it was hashed, with the same size, in the same mtime tick
    (coarse clocks: FAT, object stores), has the size and mtime registered: its bytes decide."""
    raw = _raw(tmp_path)
    story = raw / "harbour" / "a.txt"
    lake = Lake(tmp_path / "lake")
    first = schedule(lake, raw)
    mtime = story.stat().st_mtime_ns
    story.write_text("date 2024-01-01 B story.\n")  # the same size
    os.utime(story, ns=(mtime, mtime))
    again = schedule(lake, raw)
    assert len(first.batch_ids) == 1 and len(again.batch_ids) == 2
    (registered,) = again.registered
    files = lake.registration(registered.batch_id).files
    assert [(f.path, f.sha256) for f in files] == [
        ("harbour/a.txt", hashlib.sha256(story.read_bytes()).hexdigest())
    ]


def test_only_files_registered_within_the_racy_window_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _raw(tmp_path)
    (raw / "harbour" / "old.txt").write_text("date 2024-01-03 An old story.\n")
    settled = time.time_ns() - (RACY_SECONDS + 60) * 1_000_000_000
    os.utime(raw / "harbour" / "old.txt", ns=(settled, settled))
    lake = Lake(tmp_path / "lake")
    schedule(lake, raw)
    read: list[str] = []
    real = rawscan.sha256_file

    def sha256_file(path: Path, *, expected_size: int | None = None) -> str:
        read.append(path.name)
        return real(path, expected_size=expected_size)

    monkeypatch.setattr(rawscan, "sha256_file", sha256_file)
    again = schedule(lake, raw)
    assert read == ["a.txt"]  # written just now: racily clean; old.txt is only listed
    assert again.registered == [] and len(again.batch_ids) == 1  # the pending first batch
