"""The one `Definitions` of corpus-lake, loaded by `workspace.yaml`, `dg` and the CLI."""

from __future__ import annotations

import dagster as dg

from assets.catalog import lake_catalog
from assets.dedup import duplicates, paragraph_stats
from assets.ingest import ingest_batch_tables
from assets.maintenance import lake_maintenance
from assets.raw import raw_files
from assets.report import lake_report
from assets.resources import DedupSettings, IngestSettings, LakeStore, RawStore
from pipelines.jobs import (
    catalog_job,
    ingest_job,
    maintenance_job,
    maintenance_schedule,
    refresh_job,
)
from pipelines.sensors import lake_freshness_sensor, raw_files_schedule, raw_files_sensor


def build_definitions(
    raw_root: str | None = None, lake_root: str | None = None, *, show_progress: bool = False
) -> dg.Definitions:
    """Definitions bound to a raw and lake root (defaults: env vars, then raw/ and lake/)."""
    raw = RawStore(root=raw_root) if raw_root else RawStore()
    lake = LakeStore(root=lake_root) if lake_root else LakeStore()
    return dg.Definitions(
        assets=[
            raw_files,
            ingest_batch_tables,
            duplicates,
            paragraph_stats,
            lake_catalog,
            lake_report,
            lake_maintenance,
        ],
        jobs=[ingest_job, refresh_job, catalog_job, maintenance_job],
        schedules=[maintenance_schedule, raw_files_schedule],
        sensors=[raw_files_sensor, lake_freshness_sensor],
        resources={
            "raw": raw,
            "lake": lake,
            "dedup": DedupSettings(),
            "settings": IngestSettings(show_progress=show_progress),
        },
    )


defs = build_definitions()
