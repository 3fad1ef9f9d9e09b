"""One ingest batch end to end: process its files, commit its tables, land it, clean up.

The batch must be registered (`corpus.lake.plan` + `corpus.lake.registry.register`). Every start
is recorded in `attempts` before anything is written, so a retry knows to replace the rows a
killed attempt left; a failure records its one-line cause. See `corpus.lake.commit` for why a
crash at any point never shows half a batch.

A batch may be started ahead of its run (`start_ahead`): its attempt is recorded and its chunks
queue on the shared worker pool behind the batch before it, so the workers go on while the driver
commits that one and Dagster records its run; the batch's own run then gathers and commits. A
start that no run takes up is withdrawn (`withdraw_ahead`): as if it never was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa

from corpus import PIPELINE_VERSION
from corpus.dedup.config import DedupConfig
from corpus.engine import stager
from corpus.extract import EXTRACTOR_VERSION
from corpus.faults import checkpoint
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.lake import registry
from corpus.lake.commit import commit_batch, drop_superseded, remove_orphan_parts
from corpus.lake.lake import Lake
from corpus.lake.parts import new_run
from corpus.lake.registry import Registration
from corpus.lake.tables import spec
from corpus.process import ProgressCallback
from corpus.rawobjects import RawRoot, raw_location
from corpus.records import RawFile
from corpus.stream import (
    PartTarget,
    Staging,
    runs_on_shared_pool,
    stage_tables,
    submit_to_shared_pool,
)
from corpus.timings import StageTimes


@dataclass(slots=True)
class BatchResult:
    batch_id: str
    n_files: int
    n_records: int
    n_articles: int
    n_paragraphs: int
    n_rejects: int
    rejects_by_reason: dict[str, int]
    seconds: float
    attempt: int
    times: StageTimes = field(default_factory=StageTimes)


@dataclass(slots=True)
class _Work:
    """The files of a registration that processing reads."""

    batch_id: str
    registered_at: dt.datetime
    files: list[RawFile]


def batch_parameters(config: DedupConfig, options: ReadOptions) -> str:
    """Everything that changes output, with versions: the batch row records how it was made."""
    return json.dumps(
        {
            "pipeline_version": PIPELINE_VERSION,
            "extractor_version": EXTRACTOR_VERSION,
            "dedup": {"signature_id": config.signature_id, **dataclasses.asdict(config)},
            "read": dataclasses.asdict(options),
        },
        sort_keys=True,
        default=str,
    )


def processing_digest(options: ReadOptions) -> str:
    """What decides a file's rows (pipeline and read settings; dedup settings only re-sign, in
    the lake-wide refresh): `corpus ingest --reprocess` re-reads files whose digest differs."""
    text = json.dumps(
        {
            "pipeline_version": PIPELINE_VERSION,
            "extractor_version": EXTRACTOR_VERSION,
            "read": dataclasses.asdict(options),
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def refused_rejects(registration: Registration) -> pa.Table:
    """Directory entries that were never opened (broken links, FIFOs, ...): one reject each."""
    rows = []
    for entry in registration.files:
        if entry.status != "refused":
            continue
        reason, _, message = entry.note.partition(": ")
        rows.append(
            {
                "raw_path": entry.key,
                "raw_sha256": entry.sha256,
                "record_index": None,
                "stage": "discover",
                "reason": reason,
                "message": message,
                "excerpt": "",
                "batch_id": registration.batch_id,
            }
        )
    return spec("rejects").rows_to_table(rows)


@dataclass(slots=True)
class _Ahead:
    """A batch started before its run: what it was started with, and its queued chunks."""

    lake: Lake
    registration: Registration
    attempt: int
    started: float  # time.perf_counter()
    started_at: dt.datetime
    made_with: tuple[DedupConfig, ReadOptions, int]
    target: PartTarget
    staging: Staging

    def abandon(self) -> None:
        """Drop its queued chunks, let the running ones finish, remove every part they wrote (its
        own only: another run may be running the same batch on an object store)."""
        self.staging.cancel()
        remove_orphan_parts(self.lake.store, self.registration.batch_id, run=self.target.run)


_ahead: dict[tuple[str, str], _Ahead] = {}  # (lake URI, batch id): started, no run has taken it


def start_ahead(
    lake: Lake,
    registration: Registration,
    raw_root: RawRoot,
    *,
    dedup_config: DedupConfig,
    options: ReadOptions,
    workers: int,
) -> bool:
    """Record an attempt of the registered batch and queue its chunks on the shared worker pool
    now. False when the batch would not run on that pool (none of `workers` processes, one
    chunk), or when starting failed: its run then starts it and records any failure."""
    key = (lake.uri, registration.batch_id)
    if key in _ahead:
        return True
    if not runs_on_shared_pool(len(registration.readable_files), workers):
        return False
    located = raw_location(raw_root, lake.store.storage_options)
    attempt = 0
    try:
        attempt = registry.start_attempt(lake.store, registration.batch_id)
        work, target = _attempt_work(lake, registration, attempt)
        staging = submit_to_shared_pool(
            work, located, dedup_config, target, options=options, workers=workers
        )
    except Exception:
        staging = None
    if staging is None:
        if attempt:
            with contextlib.suppress(Exception):
                registry.unrecord_attempt(lake.store, registration.batch_id, attempt)
        return False
    made_with = (dedup_config, options, workers)
    started, started_at = time.perf_counter(), dt.datetime.now(dt.UTC)
    _ahead[key] = _Ahead(
        lake, registration, attempt, started, started_at, made_with, target, staging
    )
    return True


def started_ahead(lake: Lake, batch_id: str) -> Registration | None:
    """The registration of a batch started ahead and not yet taken up by its run."""
    ahead = _ahead.get((lake.uri, batch_id))
    return None if ahead is None else ahead.registration


def n_started_ahead(lake: Lake) -> int:
    """Batches of `lake` started ahead that no run has taken up yet."""
    return sum(1 for uri, _ in _ahead if uri == lake.uri)


def withdraw_ahead(lake: Lake, *, interrupted: bool = False) -> None:
    """Undo the starts of `lake` that no run took up: their queued chunks are dropped, running
    ones finish, their parts are removed and their attempts unrecorded. For when a run before
    theirs failed. `interrupted` (the ingest raised): only forget them; their attempts stay
    recorded, as a killed run's do, and the pool is killed next."""
    for key in [k for k in _ahead if k[0] == lake.uri]:
        ahead = _ahead.pop(key)
        if interrupted:
            continue
        with contextlib.suppress(Exception):  # what is left is what a killed attempt leaves
            ahead.abandon()
            registry.unrecord_attempt(ahead.lake.store, ahead.registration.batch_id, ahead.attempt)


def ingest_batch(
    lake: Lake,
    batch_id: str,
    raw_root: RawRoot,
    *,
    dedup_config: DedupConfig | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    options: ReadOptions | Callable[[], ReadOptions] | None = None,
    engine: str = "local",
    registration: Registration | None = None,
) -> BatchResult:
    """Run one registered batch and land it (`workers`: processes for large batches; None or
    0 means one per core). `options` may be a function, called inside the attempt, so that a bad
    setting (a missing field-mapping file) is recorded against the batch like any failure. A
    failure is recorded against the batch and re-raised. `engine`: where the files are
    processed (`corpus.engine`); the commit always runs here. `registration`: the batch's, when
    the caller has loaded it already (10,000 files' entries take about 0.5 s)."""
    config = dedup_config or DedupConfig()
    ahead = _ahead.pop((lake.uri, batch_id), None)
    if ahead is not None:
        registration = ahead.registration
    elif registration is None or registration.batch_id != batch_id:
        registration = lake.registration(batch_id)
    attempt = registry.start_attempt(lake.store, batch_id) if ahead is None else ahead.attempt
    try:
        if callable(options):
            options = options()
        options = options or DEFAULT_OPTIONS
        workers = workers or default_workers()
        if ahead is not None and (
            engine != "local" or ahead.made_with != (config, options, workers)
        ):
            ahead.abandon()  # started with other settings than its run's: redone here
            ahead = None
        return _run(
            lake,
            registration,
            attempt,
            raw_location(raw_root, lake.store.storage_options),
            config,
            options,
            progress,
            workers,
            engine,
            ahead,
        )
    except BaseException as exc:
        if ahead is not None:
            ahead.staging.cancel()
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        # the lake itself may be what failed: the start is recorded anyway
        with contextlib.suppress(Exception):
            registry.fail_attempt(lake.store, batch_id, attempt, f"{type(exc).__name__}: {message}")
        raise


def _attempt_work(lake: Lake, registration: Registration, attempt: int) -> tuple[_Work, PartTarget]:
    """The files an attempt processes and where it writes its parts; a retry first removes the
    parts that a killed or failed attempt left."""
    if attempt > 1:
        remove_orphan_parts(lake.store, registration.batch_id)
    work = _Work(
        registration.batch_id,
        registration.registered_at,
        [f.raw_file() for f in registration.readable_files],
    )
    return work, PartTarget(lake.uri, lake.store.storage_options, registration.batch_id, new_run())


def _run(
    lake: Lake,
    registration: Registration,
    attempt: int,
    raw_root: RawRoot,
    config: DedupConfig,
    options: ReadOptions,
    progress: ProgressCallback | None,
    workers: int,
    engine: str = "local",
    ahead: _Ahead | None = None,
) -> BatchResult:
    if ahead is not None:  # started before this run: its attempt began then
        started, started_at, target = ahead.started, ahead.started_at, ahead.target
        processed = ahead.staging.gather(progress)
    else:
        started = time.perf_counter()
        started_at = dt.datetime.now(dt.UTC)
        work, target = _attempt_work(lake, registration, attempt)
        stage = stager(engine)
        processed = stage(
            work, raw_root, config, target, progress, options=options, workers=workers
        )
    refused = stage_tables(target, {"rejects": refused_rejects(registration)}, chunk=-1)
    processed.add(refused)
    checkpoint("after-process")
    rows = processed.rows
    batch_row = {
        "batch_id": registration.batch_id,
        "registered_at": registration.registered_at,
        "started_at": started_at,
        "finished_at": dt.datetime.now(dt.UTC),
        "attempt": attempt,
        "n_files": len(registration.files),
        "n_records": processed.n_records,
        "n_articles": rows["articles"],
        "n_paragraphs": rows["paragraphs"],
        "n_rejects": rows["rejects"],
        "n_sanitized": processed.n_sanitized,
        "stage_seconds": None,  # filled in by commit_batch, commits included
        "parameters": batch_parameters(config, options),
        "parameters_digest": processing_digest(options),
        "pipeline_version": PIPELINE_VERSION,
    }
    times = processed.times
    commit_batch(lake.store, registration.batch_id, processed.parts, batch_row, attempt, times)
    with times.track("cleanup"):
        drop_superseded(lake.store, [f.key for f in registration.files])
    reasons = processed.rejects_by_reason
    return BatchResult(
        batch_id=registration.batch_id,
        n_files=len(registration.files),
        n_records=processed.n_records,
        n_articles=rows["articles"],
        n_paragraphs=rows["paragraphs"],
        n_rejects=rows["rejects"],
        rejects_by_reason=dict(sorted(reasons.items())),
        seconds=time.perf_counter() - started,
        attempt=attempt,
        times=times,
    )
