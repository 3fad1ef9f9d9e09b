"""Ingest batches are dynamic partitions: the sensor (or the CLI) adds one per new batch."""

import dagster as dg

BATCHES_PARTITION = "ingest_batches"
batch_partitions = dg.DynamicPartitionsDefinition(name=BATCHES_PARTITION)
