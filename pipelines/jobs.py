"""Jobs: one run per ingest batch, and a refresh of the lake-wide assets."""

import dagster as dg

from assets.catalog import lake_catalog
from assets.dedup import duplicates, paragraph_stats
from assets.ingest import ingest_batch_tables
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
