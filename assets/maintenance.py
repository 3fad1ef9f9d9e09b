"""Lake upkeep as an asset on a daily schedule, and the lake's contracts as an asset check."""

import dagster as dg

from assets.resources import LakeStore
from corpus.lake.maintain import DEFAULT_RETENTION_HOURS, DEFAULT_TARGET_FILE_SIZE, maintain
from corpus.lake.verify import CHECKS, verify


class MaintenanceSettings(dg.Config):
    target_file_size: int = DEFAULT_TARGET_FILE_SIZE
    retention_hours: float = DEFAULT_RETENTION_HOURS


@dg.asset(
    deps=["lake_catalog"],
    group_name="maintenance",
    description="Compaction of small files, vacuum of files older than the retention, cleanup "
    "of superseded rows; rebuilds the catalog.",
    check_specs=[
        dg.AssetCheckSpec(
            "lake_contracts",
            asset="lake_maintenance",
            description="Every contract of `corpus verify` holds.",
        )
    ],
)
def lake_maintenance(config: MaintenanceSettings, lake: LakeStore):
    the_lake = lake.lake()
    with the_lake.writing("maintain", wait=lake.lock_wait_seconds):
        report = maintain(
            the_lake,
            target_file_size=config.target_file_size,
            retention_hours=config.retention_hours,
        )
    yield dg.MaterializeResult(
        metadata={
            "files_before": report.before.files,
            "files_after": report.after.files,
            "bytes_before": report.before.bytes,
            "bytes_after": report.after.bytes,
            "superseded_rows_dropped": dg.MetadataValue.json(report.superseded_rows),
            "files_vacuumed": sum(report.vacuumed.values()),
        }
    )
    breaches = verify(the_lake)
    yield dg.AssetCheckResult(
        check_name="lake_contracts",
        passed=not breaches,
        metadata={
            "checked": dg.MetadataValue.json(sorted(CHECKS)),
            "breaches": dg.MetadataValue.json([str(b) for b in breaches]),
        },
    )
