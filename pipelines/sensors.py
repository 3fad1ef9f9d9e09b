"""Discovery of work: pending batches are retried, new or changed files become a batch.

The same evaluation runs as a sensor (every minute, on by default) and as an hourly schedule (off
by default; for deployments that prefer fixed times to a daemon watching the raw root).
"""

import dagster as dg

from assets.partitions import batch_partitions
from assets.resources import LakeStore, RawStore
from corpus.lake.batching import schedule
from corpus.lake.lock import LakeBusy
from pipelines.jobs import ingest_job
from pipelines.runner import LAKE_TAG, excluded_from_raw


@dg.sensor(
    job=ingest_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the raw root: retries pending batches, registers new or changed files "
    "(by content hash) as a batch, and requests one run per batch.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext, raw: RawStore, lake: LakeStore):
    return discover_batches(context, raw, lake)


@dg.schedule(
    job=ingest_job,
    cron_schedule="0 * * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Hourly discovery of new or changed raw files and pending batches (the "
    "scheduled alternative to raw_files_sensor).",
)
def raw_files_schedule(context: dg.ScheduleEvaluationContext, raw: RawStore, lake: LakeStore):
    return discover_batches(context, raw, lake)


def discover_batches(context, raw: RawStore, lake: LakeStore):
    """Register new work under the lake's lock; one run request per batch to run."""
    the_lake = lake.lake()
    try:
        with the_lake.writing("sensor"):
            plan = schedule(
                the_lake,
                raw.path,
                exclude=excluded_from_raw(the_lake, context.instance),
                limits=raw.batch_limits(),
            )
    except LakeBusy as busy:
        return dg.SkipReason(str(busy))
    batch_ids = [b for b in plan.batch_ids if not _has_active_run(context.instance, b)]
    if not batch_ids:
        return dg.SkipReason("no new or changed files and no pending batch without a run")
    for registration in plan.registered:
        context.log.info(
            f"registered batch {registration.batch_id} with {registration.n_files} files"
        )
    if isinstance(context, dg.ScheduleEvaluationContext):
        for batch_id in batch_ids:
            context.instance.add_dynamic_partitions(batch_partitions.name, [batch_id])
        return [
            dg.RunRequest(
                run_key=f"{batch_id}#{plan.attempts[batch_id]}",
                partition_key=batch_id,
                tags={LAKE_TAG: the_lake.uri},
            )
            for batch_id in batch_ids
        ]
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=f"{batch_id}#{plan.attempts[batch_id]}",
                partition_key=batch_id,
                tags={LAKE_TAG: the_lake.uri},
            )
            for batch_id in batch_ids
        ],
        dynamic_partitions_requests=[batch_partitions.build_add_request(batch_ids)],
    )


ACTIVE = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def _has_active_run(instance: dg.DagsterInstance, batch_id: str) -> bool:
    """A pending batch whose run is queued or running is not requested again."""
    runs = instance.get_runs(
        filters=dg.RunsFilter(tags={"dagster/partition": batch_id}, statuses=ACTIVE), limit=1
    )
    return bool(runs)


# Keeps the lake-wide assets (duplicates, paragraph_stats, catalog) fresh after a batch lands,
# by evaluating their `AutomationCondition.eager()` under `dagster dev` or the daemon.
lake_freshness_sensor = dg.AutomationConditionSensorDefinition(
    "lake_freshness_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
    description="Materializes lake-wide assets whose inputs changed (eager automation).",
)
