"""Peak RSS of this process and of its worker processes, from /proc (Linux).

VmHWM, not `ru_maxrss`: a spawned worker is a fork of the driver before its exec, and Linux keeps
the forked image's high-water mark across the exec in `ru_maxrss` (so `RUSAGE_CHILDREN` reports
about the driver's RSS at the moment each worker started, not the worker's own peak). VmHWM is
per address space, so a worker's is its own; it is read every half second while workers live.
"""

from __future__ import annotations

import contextlib
import os
import threading


def peak_mib(pid: int | str = "self") -> float:
    """A live process's VmHWM in MiB."""
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def descendants(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            kids = [int(k) for k in handle.read().split()]
    except OSError:
        return []
    return kids + [d for k in kids for d in descendants(k)]


class WorkerPeaks:
    """The largest VmHWM of any descendant process, sampled every `interval` seconds until
    `stop()` (a worker that lives less than one interval may be missed)."""

    def __init__(self, interval: float = 0.5) -> None:
        self.largest = 0.0
        self._done = threading.Event()
        self._interval = interval
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(self._interval):
            for pid in descendants(os.getpid()):
                with contextlib.suppress(OSError, StopIteration):  # ended since listed
                    self.largest = max(self.largest, peak_mib(pid))

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.largest
