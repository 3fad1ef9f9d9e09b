"""The raw-root sensor: new or changed files become one registered batch and one run."""

import dagster as dg

from assets.partitions import batch_partitions
from assets.resources import LakeStore, RawStore
from corpus.discover import plan_batch, register_batch
from pipelines.jobs import ingest_job


@dg.sensor(
    job=ingest_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the raw root; groups new or changed files (by content hash) into a batch.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext, raw: RawStore, lake: LakeStore):
    manifest = plan_batch(raw.root, lake.root)
    if manifest is None:
        return dg.SkipReason("no new or changed files under the raw root")
    register_batch(lake.root, manifest)
    context.log.info(f"registered batch {manifest.batch_id} with {len(manifest.files)} files")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=manifest.batch_id, partition_key=manifest.batch_id)],
        dynamic_partitions_requests=[batch_partitions.build_add_request([manifest.batch_id])],
    )


# Keeps the lake-wide assets (duplicates, paragraph_stats, catalog) fresh after a batch lands,
# by evaluating their `AutomationCondition.eager()` under `dagster dev` or the daemon.
lake_freshness_sensor = dg.AutomationConditionSensorDefinition(
    "lake_freshness_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
    description="Materializes lake-wide assets whose inputs changed (eager automation).",
)
