"""A per-record time limit: a pathological record must not hang a run.

Enforced with a real-time interval timer (SIGALRM) where one can be set: on POSIX, in the
process's main thread, which is where Dagster's in-process and multiprocess executors and the CLI
run ops. Elsewhere (another thread, Windows) the limit is not enforced and the record runs to the
end: there is no safe way to stop Python code from outside its thread.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class RecordTimeout(Exception):
    """The record took longer than its time limit."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `RecordTimeout` in the body once `seconds` have passed (None or 0: no limit)."""
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return

    def on_alarm(signum, frame):
        raise RecordTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:  # an outer timer was running: give it back what it had left (roughly)
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - seconds, 0.001), old_interval)
