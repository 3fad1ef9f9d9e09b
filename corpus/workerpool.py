"""Worker processes for a batch's chunks, started before the batches that use them.

Starting a worker costs its imports and the processing code's first-call setup (models, tables):
0.8 s of CPU each when spawned, nearly all imports. Workers are therefore forked from a fork
server that imported the processing code once (`worker_context`). A pool made inside each
batch pays that per batch, after planning and Dagster's start-up, while the driver waits. So an
ingest may start this process's *shared* pool as soon as planning finds a large batch
(`start_shared_pool`, by `pipelines.runner`): the workers warm up while planning and Dagster's
start-up go on, every batch of the ingest (`corpus.stream.stage_batch`, when it runs in this
process) reuses them, and the pool ends with the ingest, however the ingest ends.

No worker outlives its driver: a worker exits as soon as its parent process has exited, even
when the parent was killed without any chance to shut its pool down.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

# Planning this many new files starts the shared pool: a batch of 2 chunks
# (`corpus.stream.MIN_CHUNK_FILES`) already keeps 2 workers busy.
WARM_POOL_MIN_FILES = 1_000


# What the fork server imports once, before it forks each worker: the processing code.
PRELOAD = ["corpus.process"]
START_METHODS = ("forkserver", "spawn")


def worker_context(method: str = "forkserver") -> multiprocessing.context.BaseContext:
    """Where workers come from: by default a fork server that has imported `PRELOAD`, so the
    workers share its imports instead of each paying them; forked from that single-threaded
    server, never from the driver, whose Dagster threads make a plain fork unsafe. Measured by
    `make bench-workers` (2 workers, load 11 on 2 cores): spawned, 1.4-1.6 CPU-s in all (nearly
    all imports, once per worker) and 3.3-3.5 s until both are warm; from the fork server,
    0.8-0.9 CPU-s and 1.8-1.9 s. Spawn where there is no fork server (not POSIX)."""
    if method not in multiprocessing.get_all_start_methods():
        method = "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(PRELOAD)
    return context


class WorkerPool:
    """`workers` processes, each warmed up (`corpus.process.warm_up`) before its first task
    (`method`: how they start, `worker_context`)."""

    def __init__(self, workers: int, *, method: str = "forkserver") -> None:
        self.workers = workers
        self._joiner: threading.Thread | None = None  # see `close`
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=worker_context(method),
            initializer=_start_worker,
        )
        for _ in range(workers):  # a task with no idle worker to take it spawns one: all start now
            self._executor.submit(int)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return self._executor.submit(fn, *args)

    def pids(self) -> list[int]:
        """The workers' process ids (for tests and diagnostics)."""
        return [p.pid for p in self._processes() if p.pid is not None]

    def close(self, *, kill: bool = False, wait: bool = True) -> None:
        """Stop the workers: after their current tasks, or at once (`kill`: the ingest failed or
        was interrupted, and what they are doing will not be used). `wait=False`: they exit in
        the background (idle workers, while the driver goes on)."""
        if kill:
            for process in self._processes():
                process.kill()
        # a first shutdown forgets the thread that joins the workers, so a later `close(wait=True)`
        # would stop the fork server before it reaped them (their CPU then never reaches this
        # process, and they outlive the server): keep it to join it here
        self._joiner = self._joiner or getattr(self._executor, "_executor_manager_thread", None)
        self._executor.shutdown(wait=wait, cancel_futures=True)
        if wait:  # the server has reaped its workers: their CPU reaches this process's count
            if self._joiner is not None:
                self._joiner.join()
            _stop_fork_server()
        # else the ingest's end joins them and stops it (`shared_pool_scope`)

    def _processes(self) -> list[multiprocessing.process.BaseProcess]:
        # the executor keeps no public list of its processes (Python 3.14 adds terminate_workers)
        return list((getattr(self._executor, "_processes", None) or {}).values())


def _stop_fork_server() -> None:
    """End the fork server with its pool (or, for a pool closed in the background, with the
    ingest: `shared_pool_scope`): the next pool's server starts from the environment of that
    moment (as a spawned worker would: `CORPUS_FAIL_AT`, read settings), and the server's CPU,
    its reaped workers' included, is counted for this process (`RUSAGE_CHILDREN`, as the
    benchmarks read it). `_stop` is the standard library's own (3.11-3.14); the server starts
    again on demand."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if stop is not None:
        stop()


def _start_worker() -> None:
    """In each worker, first: exit with the parent, then load what processing needs."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    from corpus.process import warm_up

    with contextlib.suppress(OSError):  # no temporary folder: the first chunk warms up instead
        warm_up()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns once the parent's end of the spawn pipe closes: it has exited
    os._exit(1)


_shared: WorkerPool | None = None


def start_shared_pool(workers: int) -> None:
    """Start this process's shared pool of `workers` processes (nothing if one is running, or
    for one worker: a batch then runs in this process)."""
    global _shared
    if _shared is None and workers > 1:
        _shared = WorkerPool(workers)


def shared_pool(workers: int) -> WorkerPool | None:
    """The shared pool when one runs with `workers` processes, else None."""
    return _shared if _shared is not None and _shared.workers == workers else None


_closing: list[WorkerPool] = []  # pools closed in the background, joined when the ingest ends


def stop_shared_pool() -> None:
    """The batches are done: the shared pool's idle workers exit in the background."""
    global _shared
    pool, _shared = _shared, None
    if pool is not None:
        pool.close(wait=False)
        _closing.append(pool)


@contextlib.contextmanager
def shared_pool_scope() -> Iterator[None]:
    """Around an ingest: the shared pool, if the ingest started one, is closed when it ends; its
    workers are killed at once when it failed or was interrupted."""
    global _shared
    try:
        yield
    except BaseException:
        pool, _shared = _shared, None
        if pool is not None:
            pool.close(kill=True)
        raise
    finally:
        pool, _shared = _shared, None
        for closing in [*_closing, *([pool] if pool is not None else [])]:
            closing.close()  # joined (long since exited, if closed in the background)
        _closing.clear()
