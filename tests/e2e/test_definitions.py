"""The code location loads, and its asset keys, jobs and sensors do not drift silently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs

ROOT = Path(__file__).parents[2]


def test_definitions_are_loadable() -> None:
    dg.Definitions.validate_loadable(defs)


def test_asset_keys_jobs_and_sensors() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {"articles", "paragraphs", "signatures", "rejects", "batches", "lake_catalog"} <= keys
    assert defs.resolve_job_def("ingest_batch") is not None
    assert defs.resolve_job_def("refresh_lake") is not None
    assert defs.resolve_sensor_def("raw_files_sensor") is not None
    assert defs.resolve_sensor_def("lake_freshness_sensor") is not None
    assert {"lake_maintenance"} <= keys
    assert defs.resolve_job_def("maintain_lake") is not None
    assert defs.resolve_job_def("build_catalog") is not None
    schedules = {s.name: s.cron_schedule for s in defs.schedules or []}
    assert schedules == {"maintenance_schedule": "30 3 * * *", "raw_files_schedule": "0 * * * *"}


def test_workspace_yaml_loads(tmp_path: Path) -> None:
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    dagster = Path(sys.executable).parent / "dagster"
    proc = subprocess.run(
        [str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_lineage_starts_at_the_raw_root() -> None:
    graph = defs.resolve_asset_graph()
    raw = dg.AssetKey("raw_files")
    assert raw in graph.get_all_asset_keys()
    downstream = {k.to_user_string() for k in graph.asset_dep_graph["downstream"][raw]}
    assert {"articles", "paragraphs", "signatures", "rejects", "batches"} <= downstream


def test_table_columns_are_described() -> None:
    from assets.metadata import column_schema

    columns = column_schema("articles").columns
    assert all(c.description for c in columns)
    assert next(c for c in columns if c.name == "dateline").description.startswith("Place")
