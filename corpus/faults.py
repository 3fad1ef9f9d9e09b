"""Named points where a test can kill or fail a real run, to prove crash consistency.

`checkpoint("after-commit:articles")` does nothing unless the environment names that point:
`CORPUS_KILL_AT=<point>` sends SIGKILL to this process there (as the OOM killer or a power cut
would), `CORPUS_FAIL_AT=<point>` raises `InjectedFault`. Production runs pay one dict lookup.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Mapping

KILL_ENV = "CORPUS_KILL_AT"
FAIL_ENV = "CORPUS_FAIL_AT"


class InjectedFault(RuntimeError):
    """A failure asked for by `CORPUS_FAIL_AT`."""


def checkpoint(point: str) -> None:
    _fire(point, os.environ)


def _fire(point: str, settings: Mapping[str, str]) -> None:
    """Kill or fail here if `settings` name this point."""
    if settings.get(KILL_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if settings.get(FAIL_ENV) == point:
        raise InjectedFault(f"injected failure at {point}")


def armed() -> dict[str, str]:
    """This process's fault settings, for work that runs in another process started before
    they were set (a Ray worker does not see the driver's later environment)."""
    return {name: os.environ[name] for name in (KILL_ENV, FAIL_ENV) if name in os.environ}


def checkpoint_armed(point: str, settings: dict[str, str]) -> None:
    """`checkpoint`, by this process's environment or the `settings` it was handed."""
    checkpoint(point)
    _fire(point, settings)
