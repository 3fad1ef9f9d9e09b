"""Discover, register and run: the sensor's work followed by the runs, in this process.

Shared by the CLI and the end-to-end tests so both exercise exactly the same path.
"""

from __future__ import annotations

from dataclasses import dataclass

import dagster as dg

from assets.partitions import BATCHES_PARTITION
from corpus.discover import BatchManifest, plan_batch, register_batch

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


@dataclass(slots=True)
class IngestOutcome:
    manifest: BatchManifest | None
    ingest_run: dg.ExecuteInProcessResult | None
    refresh_run: dg.ExecuteInProcessResult

    @property
    def success(self) -> bool:
        ingest_ok = self.ingest_run is None or self.ingest_run.success
        return ingest_ok and self.refresh_run.success


def run_batch(
    defs: dg.Definitions, instance: dg.DagsterInstance, batch_id: str
) -> dg.ExecuteInProcessResult:
    return defs.resolve_job_def("ingest_batch").execute_in_process(
        instance=instance, partition_key=batch_id, run_config=QUIET_LOGS, raise_on_error=False
    )


def refresh(defs: dg.Definitions, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    return defs.resolve_job_def("refresh_lake").execute_in_process(
        instance=instance, run_config=QUIET_LOGS, raise_on_error=False
    )


def ingest_new_files(
    defs: dg.Definitions, instance: dg.DagsterInstance, raw_root: str, lake_root: str
) -> IngestOutcome:
    """Register new or changed files as one batch, ingest it, then refresh lake-wide assets."""
    manifest = plan_batch(raw_root, lake_root)
    ingest_run = None
    if manifest is not None:
        register_batch(lake_root, manifest)
        instance.add_dynamic_partitions(BATCHES_PARTITION, [manifest.batch_id])
        ingest_run = run_batch(defs, instance, manifest.batch_id)
        if not ingest_run.success:
            return IngestOutcome(manifest, ingest_run, ingest_run)
    return IngestOutcome(manifest, ingest_run, refresh(defs, instance))
