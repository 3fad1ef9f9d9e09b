"""The Dagster asset graph over the `corpus` core: ingest, dedup and catalog."""
