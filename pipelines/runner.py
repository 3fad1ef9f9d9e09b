"""A whole ingest in this process: schedule under the lake's lock, run each batch, refresh.

Shared by the CLI and the end-to-end tests so both exercise exactly the same path. The roots come
from the Definitions' resources: one route for them, bound once. The Definitions and the Dagster
instance may be given as functions (`Runtime`): a run with nothing to do then never imports the
asset graph nor opens the instance (measured: ~4 of a no-op's ~9 s on 2 busy cores), while every
run that does work still goes through Dagster. A run that has work builds them in a thread from
the moment planning finds its first file, while planning goes on: importing Dagster and the asset
graph and opening the instance then overlap the hashing of the rest of the raw root. Planning
itself needs only `assets.settings`, so this module does not import Dagster.

Each batch (local engine, shared worker pool) is started ahead of its run, with the one after it
(`corpus.ingest.start_ahead`): the workers process the next batch while the driver commits the
current one and Dagster records its run (measured: `benchmarks/ingest_startup.py`). A run that
fails withdraws the starts after it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assets.settings import (
    DedupSettingsFields,
    IngestSettingsFields,
    LakeStoreFields,
    RawStoreFields,
)
from corpus.lake import Lake
from corpus.lake.batching import Reprocess, Schedule, schedule
from corpus.lake.catalog import is_current as catalog_is_current
from corpus.lake.refresh import refresh_needed
from corpus.lake.registry import Registration
from corpus.rawobjects import raw_location
from corpus.workerpool import (
    WARM_POOL_MIN_FILES,
    shared_pool_scope,
    start_shared_pool,
    stop_shared_pool,
)

if TYPE_CHECKING:  # Dagster itself is imported by the runs (`Runtime`), not by planning
    import dagster as dg

# failures are reported by the caller in one line; the whole log stays in the instance (the UI)
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
LAKE_TAG = "corpus/lake"
AHEAD_IN_PLANNING = 2  # batches started while planning goes on: the first run's and the next


@dataclass(slots=True)
class IngestOutcome:
    schedule: Schedule
    batch_runs: list[dg.ExecuteInProcessResult] = field(default_factory=list)
    refresh_run: dg.ExecuteInProcessResult | None = None

    @property
    def failed_run(self) -> dg.ExecuteInProcessResult | None:
        for run in [*self.batch_runs, self.refresh_run]:
            if run is not None and not run.success:
                return run
        return None

    @property
    def success(self) -> bool:
        return self.failed_run is None


@dataclass(slots=True, frozen=True)
class IngestRequest:
    prune: bool = False
    reprocess: bool = False
    reprocess_all: bool = False
    source: str | None = None
    retry_failed: bool = False


def bound_roots(defs: dg.Definitions) -> tuple[RawStoreFields, LakeStoreFields]:
    resources = defs.resources
    return resources["raw"], resources["lake"]  # type: ignore[return-value]


def run_batch(
    defs: dg.Definitions, instance: dg.DagsterInstance, batch_id: str
) -> dg.ExecuteInProcessResult:
    from assets.partitions import BATCHES_PARTITION

    _, lake = bound_roots(defs)
    instance.add_dynamic_partitions(BATCHES_PARTITION, [batch_id])
    return defs.resolve_job_def("ingest_batch").execute_in_process(
        instance=instance,
        partition_key=batch_id,
        run_config=QUIET_LOGS,
        raise_on_error=False,
        tags={LAKE_TAG: lake.lake().uri},
    )


def refresh(
    defs: dg.Definitions, instance: dg.DagsterInstance, job: str = "refresh_lake"
) -> dg.ExecuteInProcessResult:
    _, lake = bound_roots(defs)
    return defs.resolve_job_def(job).execute_in_process(
        instance=instance,
        run_config=QUIET_LOGS,
        raise_on_error=False,
        tags={LAKE_TAG: lake.lake().uri},
    )


def excluded_from_raw(lake: Lake, instance: dg.DagsterInstance | Path) -> list[Path]:
    """The lake and the Dagster instance (or its root folder): never ingested, even inside the
    raw root."""
    root = instance if isinstance(instance, Path) else Path(instance.root_directory)
    paths = [root]
    if lake.is_local:
        paths.append(lake.local_path)
    return paths


class Runtime:
    """The roots an ingest plans with, and the Definitions and instance its runs need, made in a
    thread by `prepare()` or on first use; the worker pool its batches share, started by
    `planned()` once planning has found enough files (`corpus.workerpool`)."""

    def __init__(
        self,
        raw: RawStoreFields,
        lake: LakeStoreFields,
        instance_root: Path,
        make_defs: Callable[[], dg.Definitions],
        make_instance: Callable[[], dg.DagsterInstance],
        settings: IngestSettingsFields | None = None,
        dedup: DedupSettingsFields | None = None,
    ) -> None:
        self.raw, self.lake, self.instance_root = raw, lake, instance_root
        self._make_defs, self._make_instance = make_defs, make_instance
        self._made: Future[tuple[dg.Definitions, dg.DagsterInstance]] | None = None
        self.settings = settings or IngestSettingsFields()
        self.dedup = dedup or DedupSettingsFields()

    @classmethod
    def of(cls, defs: dg.Definitions, instance: dg.DagsterInstance) -> Runtime:
        raw, lake = bound_roots(defs)
        settings, dedup = defs.resources.get("settings"), defs.resources.get("dedup")
        return cls(
            raw,
            lake,
            Path(instance.root_directory),
            lambda: defs,
            lambda: instance,
            settings,  # type: ignore[arg-type]
            dedup,  # type: ignore[arg-type]
        )

    def start_ahead(self, lake: Lake, batch_ids: list[str]) -> None:
        """Start these batches ahead of their runs, in order (see the module's docstring); a
        batch that cannot start (no shared pool, one chunk, a bad setting) runs as usual."""
        from corpus.ingest import started_ahead

        for batch_id in batch_ids:
            registration = started_ahead(lake, batch_id)
            if registration is None and not self._start(lake, lake.registration(batch_id)):
                return  # the later ones would queue before it

    def registered(self, lake: Lake, registration: Registration) -> None:
        """Planning registered a batch: the first two start now, while the walk goes on."""
        from corpus.ingest import n_started_ahead

        if n_started_ahead(lake) < AHEAD_IN_PLANNING:
            self._start(lake, registration)

    def _start(self, lake: Lake, registration: Registration) -> bool:
        if self.settings.engine != "local":
            return False
        from corpus.ingest import default_workers, start_ahead

        try:
            options, config = self.raw.read_options(), self.dedup.config()
        except Exception:  # its run reports it
            return False
        return start_ahead(
            lake,
            registration,
            self.raw.root,
            dedup_config=config,
            options=options,
            workers=self.settings.workers or default_workers(),
        )

    def planned(self, n_files: int) -> None:
        """Planning has found `n_files` new or changed files: from `WARM_POOL_MIN_FILES` on,
        the batches' workers start now (local engine), warming up while planning goes on."""
        if n_files == WARM_POOL_MIN_FILES and self.settings.engine == "local":
            from corpus.ingest import default_workers

            start_shared_pool(self.settings.workers or default_workers())

    def prepare(self) -> None:
        """Start making the Definitions and the instance in a thread (once)."""
        if self._made is None:
            pool = ThreadPoolExecutor(1, thread_name_prefix="dagster-runtime")
            self._made = pool.submit(self._make)
            pool.shutdown(wait=False)  # the thread ends with its one task

    def _make(self) -> tuple[dg.Definitions, dg.DagsterInstance]:
        defs = self._make_defs()
        raw, lake = bound_roots(defs)
        if (raw.root, lake.root) != (self.raw.root, self.lake.root):
            raise ValueError("the Definitions are bound to other roots than the ones planned with")
        return defs, self._make_instance()

    def _ready(self) -> tuple[dg.Definitions, dg.DagsterInstance]:
        self.prepare()
        assert self._made is not None
        return self._made.result()

    @property
    def defs(self) -> dg.Definitions:
        return self._ready()[0]

    @property
    def instance(self) -> dg.DagsterInstance:
        return self._ready()[1]


@contextlib.contextmanager
def _ahead_scope(lake: Lake) -> Iterator[None]:
    """Batches started ahead that no run took up are withdrawn when the ingest ends (a run
    failed), or forgotten when it raises (then they are what a killed run leaves)."""
    try:
        yield
    except BaseException:
        _withdraw_ahead(lake, interrupted=True)
        raise
    _withdraw_ahead(lake)


def _withdraw_ahead(lake: Lake, *, interrupted: bool = False) -> None:
    if "corpus.ingest" in sys.modules:  # not imported: nothing was started ahead
        from corpus.ingest import withdraw_ahead

        withdraw_ahead(lake, interrupted=interrupted)


def ingest(
    defs: dg.Definitions | Runtime,
    instance: dg.DagsterInstance | None = None,
    request: IngestRequest | None = None,
) -> IngestOutcome:
    """Pending batches, then new or changed files, each as a run; then the lake-wide refresh
    (only when a batch landed since the last one: a run with nothing to do writes nothing, and
    with a `Runtime` it builds neither the Definitions nor the instance)."""
    if isinstance(defs, Runtime):
        runtime = defs
    else:
        assert instance is not None, "an instance goes with Definitions"
        runtime = Runtime.of(defs, instance)
    request = request or IngestRequest()
    raw, lake_store = runtime.raw, runtime.lake
    lake = lake_store.lake()
    with (
        lake.writing("ingest", wait=lake_store.lock_wait_seconds),
        shared_pool_scope(),
        _ahead_scope(lake),
    ):
        reprocess = None
        if request.reprocess or request.reprocess_all:
            from corpus.ingest import processing_digest  # the processing code: only when needed

            reprocess = Reprocess(
                processing_digest(raw.read_options()), request.reprocess_all, request.source
            )
        plan = schedule(
            lake,
            raw_location(raw.root),
            exclude=excluded_from_raw(lake, runtime.instance_root),
            prune=request.prune,
            reprocess=reprocess,
            retry_failed=request.retry_failed,
            limits=raw.batch_limits(),
            on_work=runtime.prepare,
            on_files=runtime.planned,
            on_registered=lambda registration: runtime.registered(lake, registration),
        )
        outcome = IngestOutcome(plan)
        for i, batch_id in enumerate(plan.batch_ids):
            runtime.start_ahead(lake, plan.batch_ids[i : i + 2])
            run = run_batch(runtime.defs, runtime.instance, batch_id)
            outcome.batch_runs.append(run)
            if not run.success:
                return outcome  # the batches started after it are withdrawn on the way out
        stop_shared_pool()  # the refresh does not use it
        if refresh_needed(lake):
            outcome.refresh_run = refresh(runtime.defs, runtime.instance)
        elif lake.is_local and not catalog_is_current(lake):  # e.g. a build that was killed
            outcome.refresh_run = refresh(runtime.defs, runtime.instance, "build_catalog")
    return outcome
