"""The shared worker pool: batches staged in it equal serial staging, and no worker outlives
its ingest, whether the ingest ends, fails, is interrupted or its process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars.testing
import pytest

from corpus import stream
from corpus.dedup.config import DedupConfig
from corpus.lake.parts import new_run, read_parts
from corpus.stream import PartTarget, chunk_size, stage_batch
from corpus.workerpool import shared_pool, shared_pool_scope, start_shared_pool
from tests.lake.helpers import generated_batch

ROOT = Path(__file__).parents[2]

# a driver that starts the shared pool, prints its workers' ids, waits for the test's go (so the
# test sees the workers alive first), then ends as argv[1] says
DRIVER = """
import sys, time
from corpus.workerpool import shared_pool, shared_pool_scope, start_shared_pool
with shared_pool_scope():
    start_shared_pool(2)
    print(*shared_pool(2).pids(), flush=True)
    shared_pool(2).submit(int).result()  # the workers are up
    print("ready", flush=True)
    sys.stdin.readline()
    if sys.argv[1] == "fail":
        raise RuntimeError("the ingest failed")
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; its reaper may be slow


def _gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def _start(how: str) -> tuple[subprocess.Popen[str], list[int]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, how],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert proc.stdout.readline().strip() == "ready"
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    return proc, pids


def _go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("how", ["fail", "interrupt", "kill"])
def test_no_worker_outlives_its_ingest(how: str) -> None:
    proc, pids = _start(how)
    try:
        if how == "fail":
            _go(proc)
        elif how == "interrupt":  # Ctrl-C, delivered to the driver alone
            proc.send_signal(signal.SIGINT)
        elif how == "kill":  # no chance to shut the pool down: the workers notice on their own
            proc.kill()
        proc.wait(timeout=60)
        assert _gone_within(pids, 30)
    finally:
        for pid in [proc.pid, *pids]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_batches_staged_in_the_shared_pool_equal_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, lake, manifest = generated_batch(tmp_path)
    config = DedupConfig()
    target = PartTarget(lake.uri, {}, manifest.batch_id, new_run())
    serial = stage_batch(manifest, raw, config, target, workers=1, chunk_files=25)

    def no_new_pool(workers: int) -> None:
        raise AssertionError("a batch started its own pool beside the shared one")

    monkeypatch.setattr(stream, "WorkerPool", no_new_pool)
    with shared_pool_scope():
        start_shared_pool(2)
        pids = shared_pool(2).pids()
        target = PartTarget(lake.uri, {}, manifest.batch_id, new_run())
        first = stage_batch(manifest, raw, config, target, workers=2, chunk_files=25)
        second = stage_batch(manifest, raw, config, target, workers=2, chunk_files=25)
        assert shared_pool(2).pids() == pids  # the second batch reused the same workers
    assert shared_pool(2) is None
    assert _gone_within(pids, 30)
    assert first.rows == second.rows == serial.rows
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        expected = read_parts(lake.store.table_uri(name), {}, name, serial.parts[name]).read_all()
        got = read_parts(lake.store.table_uri(name), {}, name, first.parts[name]).read_all()
        polars.testing.assert_frame_equal(polars.from_arrow(got), polars.from_arrow(expected))


@pytest.mark.parametrize(
    ("n_files", "workers", "size"),
    [
        (10_000, 2, 1667),
        (22_000, 2, 1834),
        (2_000, 2, 1000),
        (120, 2, 500),
        (3_000, 8, 500),
        (4_000, 1, 2000),
        (0, 2, 500),
    ],
)
def test_chunks_come_in_rounds_of_the_workers(n_files: int, workers: int, size: int) -> None:
    assert chunk_size(n_files, workers) == size


def test_each_pool_sees_the_environment_it_was_started_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Workers come from a fork server, which ends with its pool: a later pool's workers read
    the environment of their own start (as `CORPUS_FAIL_AT` must reach them), not a stale one."""
    from corpus.workerpool import WorkerPool

    seen = []
    for value in ("first", "second"):
        monkeypatch.setenv("CORPUS_TEST_POOL_MARK", value)
        pool = WorkerPool(2)
        try:
            seen.append(pool.submit(os.getenv, "CORPUS_TEST_POOL_MARK").result())
            assert all(pid != os.getpid() for pid in pool.pids())
        finally:
            pool.close()
    assert seen == ["first", "second"]


def _burn(seconds: float) -> float:
    """Spend `seconds` of CPU in this process; returns the CPU spent."""
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return time.process_time() - start


def test_the_workers_cpu_is_counted_for_the_driver_once_the_ingest_ends() -> None:
    """The workers' CPU reaches the driver's `RUSAGE_CHILDREN` (what the benchmarks read),
    though they are the fork server's children and the pool was closed in the background."""
    import resource

    from corpus.workerpool import stop_shared_pool

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    before = children_cpu()
    with shared_pool_scope():
        start_shared_pool(2)
        pool = shared_pool(2)
        assert pool is not None
        burnt = sum(f.result() for f in [pool.submit(_burn, 0.4) for _ in range(2)])
        stop_shared_pool()
    assert children_cpu() - before >= burnt
