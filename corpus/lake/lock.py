"""One writer at a time: an advisory lock on the lake, released by the OS if its holder dies.

Ingest, maintenance and catalog builds take it; readers never do. The lock is `flock(2)` on
`<lake>/_lock`, so a killed process (SIGKILL, OOM killer) cannot leave it held. It is re-entrant
within a process: the CLI holds it around a whole run and the assets it runs in-process take it
again. Object-store lakes rely on Delta's own commit conflict detection instead (no lock file).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from corpus.lake.storage import LakeError

_held: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth)
_guard = threading.RLock()


class LakeBusy(LakeError):
    """Another process holds the lake."""


def holder_of(path: Path) -> str:
    try:
        info = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        return "another process"
    return f"pid {info.get('pid')} on {info.get('host')} ({info.get('purpose')}, since {info.get('since')})"


@contextlib.contextmanager
def lake_lock(lake_dir: Path | None, purpose: str, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the lake's lock; wait up to `wait` seconds for it, then raise `LakeBusy`."""
    if lake_dir is None:
        yield
        return
    lake_dir.mkdir(parents=True, exist_ok=True)
    path = lake_dir / "_lock"
    key = str(path)
    with _guard:
        if key in _held:
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                fd, depth = _held[key]
                _held[key] = (fd, depth - 1)
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LakeBusy(
                    f"another ingest holds the lake at {lake_dir}: {holder_of(path)}"
                ) from None
            time.sleep(0.2)
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "purpose": purpose,
        "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(info).encode(), 0)
    with _guard:
        _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _guard:
            _held.pop(key, None)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
