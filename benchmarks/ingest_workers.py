"""CPU and wall time of starting the ingest's worker pool, by start method.

    python benchmarks/ingest_workers.py [--workers 2] [--rounds 2]

For each start method (`corpus.workerpool.START_METHODS`), alternated `--rounds` times: a
`WorkerPool` is started and each worker runs one short task once warmed up; printed are the wall
seconds until all are warm and the CPU seconds of every process the pool started (the fork
server included), read from /proc before the pool closes. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.workerpool import START_METHODS, WorkerPool


def cpu_seconds(pid: int) -> float:
    """User + system seconds of one process (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def start_once(method: str, workers: int) -> tuple[float, float, int]:
    """Wall seconds until `workers` warm workers answered, their CPU seconds, process count."""
    started = time.perf_counter()
    pool = WorkerPool(workers, method=method)
    try:
        for future in [pool.submit(time.sleep, 0.5) for _ in range(workers)]:
            future.result()  # the tasks overlap: each worker took one once warm
        wall = time.perf_counter() - started - 0.5
        pids = descendants(os.getpid())
        return wall, sum(cpu_seconds(p) for p in pids), len(pids)
    finally:
        pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(
        f"{'start method':14}{'wall s':>8}{'cpu s':>8}{'processes':>11}  (load {os.getloadavg()[0]:.1f})"
    )
    for _ in range(args.rounds):
        for method in START_METHODS:
            wall, cpu, n = start_once(method, args.workers)
            print(f"{method:14}{wall:>8.2f}{cpu:>8.2f}{n:>11}")


if __name__ == "__main__":
    main()
