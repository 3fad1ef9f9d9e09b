"""Jobs: one run per ingest batch, and a refresh of the lake-wide assets."""

import dagster as dg

from assets.catalog import lake_catalog
from assets.dedup import duplicates, paragraph_stats
from assets.ingest import ingest_batch_tables
from assets.maintenance import lake_maintenance
from assets.partitions import batch_partitions

ingest_job = dg.define_asset_job(
    "ingest_batch",
    selection=dg.AssetSelection.assets(ingest_batch_tables),
    partitions_def=batch_partitions,
    description="Ingest one registered batch of raw files into the lake's batch tables.",
)

refresh_job = dg.define_asset_job(
    "refresh_lake",
    selection=dg.AssetSelection.assets(duplicates, paragraph_stats, lake_catalog),
    description="Recompute the lake-wide assets (dedup, boilerplate, catalog) from all batches.",
)

catalog_job = dg.define_asset_job(
    "build_catalog",
    selection=dg.AssetSelection.assets(lake_catalog),
    description="Rebuild the DuckDB catalog over the lake's current snapshot.",
)

maintenance_job = dg.define_asset_job(
    "maintain_lake",
    selection=dg.AssetSelection.assets(lake_maintenance),
    description="Compact, vacuum and clean the lake, then check every contract.",
)

# the design card's scheduled runs: daily upkeep (ingest itself is driven by the raw-root sensor)
maintenance_schedule = dg.ScheduleDefinition(
    name="maintenance_schedule",
    job=maintenance_job,
    cron_schedule="30 3 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily compaction and vacuum of the lake at 03:30.",
)
