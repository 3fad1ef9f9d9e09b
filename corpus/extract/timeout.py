"""A per-record time limit: a pathological record must not hang a run.

Enforced with a real-time interval timer (SIGALRM) where one can be set: on POSIX, in the
process's main thread, which is where Dagster's in-process and multiprocess executors and the CLI
run ops. Elsewhere (another thread, Windows) the limit is not enforced and the record runs to the
end: there is no safe way to stop Python code from outside its thread.

Installing a signal handler costs more than the timer itself (about 15 of the 20-30 µs a record
paid): a run of records (a chunk) installs it once (`alarm_handler`), and each record's
`time_limit` inside then only sets and clears the timer.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class RecordTimeout(Exception):
    """The record took longer than its time limit."""


_handler_installed = False  # inside `alarm_handler`: `_on_alarm` is SIGALRM's handler
_seconds = 0.0  # the limit of the record being timed, for the message


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise RecordTimeout(f"took longer than {_seconds:g} s")


@contextlib.contextmanager
def alarm_handler() -> Iterator[None]:
    """Around a run of records: the handler is installed once, and the previous one restored."""
    global _handler_installed
    if _handler_installed or not _can_alarm():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _handler_installed = True
    try:
        yield
    finally:
        _handler_installed = False
        signal.signal(signal.SIGALRM, previous)


class time_limit:  # lower case: used as the function it replaces; a class is the cheap form
    """Raise `RecordTimeout` in the body once `seconds` have passed (None or 0: no limit)."""

    __slots__ = ("outer", "scope", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.scope: contextlib.AbstractContextManager[None] | None = None
        self.outer: tuple[float, float] = (0.0, 0.0)

    def __enter__(self) -> None:
        global _seconds
        seconds = self.seconds
        if not seconds or seconds <= 0:
            return
        if not _handler_installed:
            if not _can_alarm():
                return
            self.scope = alarm_handler()  # a record on its own: installed for it alone
            self.scope.__enter__()
        _seconds = seconds
        self.outer = signal.setitimer(signal.ITIMER_REAL, seconds)

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        seconds = self.seconds
        if not seconds or seconds <= 0 or (self.scope is None and not _handler_installed):
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        if self.scope is not None:
            self.scope.__exit__(exc_type, exc, tb)
        old_delay, old_interval = self.outer
        if old_delay:  # an outer timer was running: give it back what it had left (roughly)
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - seconds, 0.001), old_interval)
