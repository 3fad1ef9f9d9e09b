"""What a run does, decided under the lake's lock: pending batches first, then new ones.

`schedule` returns the batches to run, oldest first: every pending batch (registered, not landed,
retries left), then registrations of new or changed files, of the files to re-read
(`--reprocess`) and of the tombstones of vanished files (`--prune`), each cut into batches of at
most `BatchLimits` files and bytes: a first ingest of a huge raw root becomes many batches, each
of which lands (and is retried) on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from corpus.discover import source_of
from corpus.faults import checkpoint
from corpus.lake import registry
from corpus.lake.lake import Lake
from corpus.lake.plan import Planner
from corpus.lake.registry import BatchFile
from corpus.lake.tables import names
from corpus.lake.visibility import live_files, registered_files
from corpus.rawobjects import ObjectWalk, RawRoot
from corpus.rawscan import RawWalk


@dataclass(slots=True, frozen=True)
class Reprocess:
    """Which files to re-read though their bytes did not change."""

    digest: str  # the current processing digest (`corpus.ingest.processing_digest`)
    everything: bool = False  # all files, not only those made under other settings
    source: str | None = None  # only files under raw/<source>/


@dataclass(slots=True, frozen=True)
class BatchLimits:
    """How large one batch may be. A batch is the unit of retry and of one Delta commit per
    table; its rows stream to Parquet parts as chunks finish (`corpus.stream`), so the limits
    bound what a retry redoes and what planning holds, not the rows in memory. A single file
    larger than `max_bytes` is a batch of its own. 10,000 files: the driver holds one batch's
    entries while planning and running it, and at 100k articles its peak was 386 MiB with
    20,000-file batches against 367 MiB with 10,000 (285-291 MiB at 1k;
    `benchmarks/memory.py --only scale`), for one more commit per table per 10,000 files."""

    max_files: int = 10_000
    max_bytes: int = 2 * 1024**3

    def __post_init__(self) -> None:
        if self.max_files < 1 or self.max_bytes < 1:
            raise ValueError(f"batch limits must be positive, got {self}")

    def split(self, files: Iterable[BatchFile]) -> Iterator[list[BatchFile]]:
        """Consecutive runs of `files` (in their order) within the limits, each yielded as soon
        as it is full: only one batch's entries are held at a time."""
        current: list[BatchFile] = []
        size = 0
        for f in files:
            if current and (len(current) >= self.max_files or size + f.size > self.max_bytes):
                yield current
                current, size = [], 0
            current.append(f)
            size += f.size
        if current:
            yield current


@dataclass(slots=True, frozen=True)
class Registered:
    """A batch this run registered; its files stay in the lake (`Lake.registration`), so a
    schedule of millions of files holds one of these per batch, not one entry per file."""

    batch_id: str
    kind: registry.BatchKind
    n_files: int


@dataclass(slots=True)
class Schedule:
    batch_ids: list[str] = field(default_factory=list)
    registered: list[Registered] = field(default_factory=list)
    retried: list[str] = field(default_factory=list)
    missing: list[BatchFile] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)  # starts so far, per batch to run


def ensure_lake(lake: Lake) -> None:
    """Create every table the first time, so readers find all schemas from the start."""
    for name in names():
        lake.store.ensure(name)


def schedule(
    lake: Lake,
    raw_root: RawRoot,
    *,
    exclude: Sequence[Path] = (),
    prune: bool = False,
    reprocess: Reprocess | None = None,
    retry_failed: bool = False,
    limits: BatchLimits = BatchLimits(),
    on_work: Callable[[], None] | None = None,
    on_files: Callable[[int], None] | None = None,
    on_registered: Callable[[registry.Registration], None] | None = None,
) -> Schedule:
    """Register what needs registering and list the batches to run (call under the lock).

    `on_work` is called once, as soon as there is a batch to run (a pending one, or the first
    new or changed file the walk finds), so the caller can prepare the runs while the rest of
    the raw root is planned; `on_files` with the count of new or changed files so far, after
    each one (so the caller can start what only a large ingest needs); `on_registered` with each
    batch as it is registered, while the walk goes on, when no pending batch runs before it (so
    the caller can start processing it: `corpus.ingest.start_ahead`)."""
    noticed = False

    def notice() -> None:
        nonlocal noticed
        if on_work is not None and not noticed:
            noticed = True
            on_work()

    ensure_lake(lake)
    checkpoint("before-register")
    states = lake.batch_states()
    if retry_failed:
        registry.reset_attempts(lake.store, [s.batch_id for s in states if s.failed])
        states = lake.batch_states()
    out = Schedule(retried=[s.batch_id for s in states if s.pending])
    out.batch_ids = list(out.retried)
    out.attempts = {s.batch_id: s.attempts for s in states if s.pending}
    if out.retried:
        notice()
    planner = Planner(lake.store, raw_root, exclude=exclude)
    planned: set[str] = set()  # paths planned as new or changed: only kept for `reprocess`

    def new_files() -> Iterator[BatchFile]:
        for n, f in enumerate(planner.files(), 1):
            notice()
            if on_files is not None:
                on_files(n)
            if reprocess is not None:
                planned.add(f.path)
            yield f

    _register(lake, "new", new_files(), limits, out, None if out.retried else on_registered)
    out.missing = planner.missing
    if reprocess is not None:
        _register(
            lake,
            "reprocess",
            files_to_reprocess(lake, planner.walk, reprocess, planned),
            limits,
            out,
        )
    if prune:
        _register(lake, "prune", planner.missing, limits, out)
    if out.registered:  # files re-read or pruned
        notice()
    out.batch_ids += [r.batch_id for r in out.registered]
    out.attempts.update((r.batch_id, 0) for r in out.registered)
    checkpoint("after-register")
    return out


def _register(
    lake: Lake,
    kind: registry.BatchKind,
    files: Iterable[BatchFile],
    limits: BatchLimits,
    out: Schedule,
    on_registered: Callable[[registry.Registration], None] | None = None,
) -> None:
    """Register each batch as soon as the planning walk fills it (a crash between two leaves
    the first registered and pending, and the rest unplanned: the next run retries the one
    and plans the others, as after any crash)."""
    for part in limits.split(files):
        registration = registry.register(lake.store, kind, part)
        if registration is not None:  # None: a concurrent run registered these files first
            out.registered.append(
                Registered(registration.batch_id, registration.kind, len(registration.files))
            )
            if on_registered is not None:
                on_registered(registration)


def files_to_reprocess(
    lake: Lake, walk: RawWalk | ObjectWalk, reprocess: Reprocess, skip: set[str]
) -> list[BatchFile]:
    """Live files made under other settings (or all), still present and unchanged on disk."""
    batches = lake.scan("batches").select("batch_id", "parameters_digest")
    live = live_files(lake.store).filter(pl.col("status") != "tombstone").select("batch_id", "key")
    frame = (
        registered_files(lake.store)
        .join(live, on=["batch_id", "key"], how="semi")
        .join(batches, on="batch_id")
        .filter(pl.lit(reprocess.everything) | (pl.col("parameters_digest") != reprocess.digest))
        .collect()
    )
    found = []
    for row in frame.iter_rows(named=True):
        path = row["path"]
        if path in skip or row["status"] != "file" or not walk.exists(path):
            continue
        if reprocess.source is not None and source_of(path) != reprocess.source:
            continue
        found.append(BatchFile(**{k: row[k] for k in BatchFile.__slots__}))
    return sorted(found, key=lambda f: f.path)
