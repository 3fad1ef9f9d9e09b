"""Planning: which raw entries need a batch, compared with what the lake has registered.

A file needs reading when no registration holds its path with its current content hash. Hashing
is skipped when a file's size and mtime equal those of its latest registration (as rsync does),
so an unchanged tree is only listed, never re-read; except a file registered within
`RACY_SECONDS` of its last write, which is hashed again by every plan (below). Vanished files
are reported, and become tombstones only when asked (`prune`): many users empty their drop
zone after ingesting.

The files that do need a hash are hashed by a few threads, a bounded window ahead of the one the
walk yields (file reads and hashlib release the GIL): the plan, its order and what a registration
records are the same as hashed one by one.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import polars as pl

from corpus.lake.registry import BatchFile
from corpus.lake.storage import TableStore
from corpus.lake.visibility import live_files, registered_files
from corpus.rawobjects import RawRoot, open_walk
from corpus.rawpath import raw_path_of
from corpus.rawscan import RawEntry, RefusedEntry

T = TypeVar("T")
R = TypeVar("R")
HASH_THREADS = 4  # files hashed at once: reads overlap with hashing and with each other
HASH_CHUNK = 16  # files per task: one task per file cost 0.6 s of 2.5 s on 4,400 files
HASH_AHEAD = 16  # tasks in flight at most, so the window (256 files), not the raw root, is held
# Size and mtime prove a file unchanged only if it was last written clearly before it was hashed:
# a rewrite within the same timestamp tick as the hashing read leaves both as they were (ticks
# are coarse on some stores: 2 s on FAT, 1 s for an object's LastModified). As git treats its
# index, a registration whose mtime is this close to (or after) its registration time, which
# follows the hashing, is "racily clean": later plans check its bytes, not its stat. Such files
# are those written seconds before a run, so the re-reads stay few.
RACY_SECONDS = 2


@dataclass(slots=True)
class Plan:
    """What a run has to do: new or changed files, and files that vanished from the raw root."""

    files: list[BatchFile] = field(default_factory=list)
    missing: list[BatchFile] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.files


@dataclass(slots=True)
class Registered:
    """What an incremental plan holds of the lake's registrations."""

    latest: dict[str, BatchFile]  # path -> its latest registration (landed, pending or failed)
    racy: set[str]  # paths whose latest registration's size and mtime prove nothing (above)


def latest_registered(store: TableStore) -> Registered:
    """Each registered path's latest registration, as compact entries (one per registered file
    is what an incremental plan must hold), and which of them are racily clean."""
    frame = (
        registered_files(store)
        .sort("registered_at", "batch_id")
        .group_by("path")
        .agg(pl.all().last())
        .with_columns(
            racy=pl.col("mtime_ns")
            >= pl.col("registered_at").dt.epoch("ns") - RACY_SECONDS * 1_000_000_000
        )
        .collect()
    )
    racy = set(frame.filter("racy")["path"].to_list())
    rows = frame.select(*BatchFile.__slots__).iter_rows()
    return Registered({row[0]: BatchFile(*row) for row in rows}, racy)


class Planner:
    """One planning walk, streamed: iterate `files()` for the new or changed files (in path
    order, then the newly refused entries), then read `missing`. Only the registered files
    (`latest_registered`) and one folder's listing are held, never the whole raw root, so
    a caller can register batches as the walk fills them."""

    def __init__(self, store: TableStore, raw_root: RawRoot, *, exclude: Sequence[Path] = ()):
        self.store = store
        self.walk = open_walk(raw_root, exclude=exclude, storage_options=store.storage_options)
        registered = latest_registered(store)
        self.known, self.racy = registered.latest, registered.racy
        self.seen: set[str] = set()  # registered paths still present
        self.missing: list[BatchFile] = []

    def files(self) -> Iterator[BatchFile]:
        to_hash = (e for e in self.walk.files() if self._needs_hash(e))
        chunks = in_order(
            self._hashed_chunk,
            batched(to_hash, HASH_CHUNK),
            threads=HASH_THREADS,
            ahead=HASH_AHEAD,
        )
        for chunk in chunks:
            yield from (planned for planned in chunk if planned is not None)
        for refused in self.walk.refused:
            if (planned := self._refused(refused)) is not None:
                yield planned
        self.missing = self._missing()

    def _needs_hash(self, entry: RawEntry) -> bool:
        """False when the file's latest registration has its size and mtime (as rsync skips),
        unless that registration is racily clean."""
        before = self.known.get(entry.path)
        if before is None:
            return True
        self.seen.add(entry.path)
        return (
            before.status != "file"
            or entry.path in self.racy
            or (before.size, before.mtime_ns) != (entry.size, entry.mtime_ns)
        )

    def _hashed_chunk(self, entries: list[RawEntry]) -> list[BatchFile | None]:
        return [self._hashed(entry) for entry in entries]

    def _hashed(self, entry: RawEntry) -> BatchFile | None:
        """The file to register, or None when its bytes are those registered (or it went away);
        runs in a hashing thread."""
        try:
            sha = self.walk.sha256(entry.path, expected_size=entry.size)
        except PermissionError as exc:  # listed as readable, refused on opening (e.g. a MAC policy)
            return self._refused(
                RefusedEntry(entry.path, "unreadable", f"permission denied: {exc}")
            )
        except OSError:
            return None  # vanished or changed while listing: the next run sees it as it is then
        before = self.known.get(entry.path)
        if before and before.status == "file" and before.sha256 == sha:
            return None
        return BatchFile(entry.path, raw_path_of(entry.path), sha, entry.size, entry.mtime_ns)

    def _refused(self, entry: RefusedEntry) -> BatchFile | None:
        note = f"{entry.reason}: {entry.message}"
        before = self.known.get(entry.path)
        if before is not None:
            self.seen.add(entry.path)
        if before and before.status == "refused" and before.note == note:
            return None
        return BatchFile(entry.path, raw_path_of(entry.path), "", 0, 0, "refused", note)

    def _missing(self) -> list[BatchFile]:
        gone = [f for path, f in self.known.items() if path not in self.seen]
        if not gone:
            return []
        live = {
            row["key"]: row["status"]
            for row in live_files(self.store).collect().iter_rows(named=True)
        }
        return [
            dataclasses.replace(f, status="tombstone")
            for f in sorted(gone, key=lambda f: f.path)
            if live.get(f.key) not in (None, "tombstone")
        ]


def in_order(fn: Callable[[T], R], items: Iterable[T], *, threads: int, ahead: int) -> Iterator[R]:
    """`map(fn, items)` on `threads` threads, in the items' order, with at most `ahead` calls
    submitted and not yet yielded (a lazy `Executor.map`, which would submit every item first).
    A call's exception is raised when its turn comes; calls still pending are cancelled."""
    with ThreadPoolExecutor(threads, thread_name_prefix="plan-hash") as pool:
        pending: deque[Future[R]] = deque()
        try:
            for item in items:
                pending.append(pool.submit(fn, item))
                if len(pending) >= ahead:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter): `itertools.batched` (3.12)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def plan_files(store: TableStore, raw_root: RawRoot, *, exclude: Sequence[Path] = ()) -> Plan:
    """New or changed files under the raw root, newly refused entries (broken links, FIFOs,
    names that are not UTF-8, ...: each becomes one reject), and registered files that are gone
    (the `Planner` collected, for callers that want the whole plan at once)."""
    planner = Planner(store, raw_root, exclude=exclude)
    return Plan(files=list(planner.files()), missing=planner.missing)
