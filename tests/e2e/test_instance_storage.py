"""The lake's Dagster instance: its `dagster.yaml`, and storages that write Dagster's own files."""

from pathlib import Path

import dagster as dg
import pytest

from corpus.lake import Lake
from pipelines.cli.common import OLD_INSTANCE_YAML, dagster_home
from pipelines.instance_storage import LakeEventLogStorage, LakeRunStorage, LakeScheduleStorage

DAGSTER_CLASSES = """\
run_storage:
  module: dagster._core.storage.runs
  class: SqliteRunStorage
  config:
    base_dir: {home}/history
event_log_storage:
  module: dagster._core.storage.event_log
  class: SqliteEventLogStorage
  config:
    base_dir: {home}/history/runs
schedule_storage:
  module: dagster._core.storage.schedules
  class: SqliteScheduleStorage
  config:
    base_dir: {home}/schedules
"""


@dg.asset(partitions_def=dg.DynamicPartitionsDefinition(name="batches"))
def counted(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"rows": 3, "batch": context.partition_key})


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))  # restored after the test
    return dagster_home(Lake(tmp_path / "lake"))


def test_a_new_home_names_the_lake_storages(home: Path) -> None:
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        assert isinstance(instance.run_storage, LakeRunStorage)
        assert isinstance(instance.event_log_storage, LakeEventLogStorage)
        assert isinstance(instance.schedule_storage, LakeScheduleStorage)
    finally:
        instance.dispose()


def test_an_older_default_is_upgraded_and_a_users_own_file_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, own = tmp_path / "old", tmp_path / "own"
    for folder, text in [(old, OLD_INSTANCE_YAML), (own, "telemetry:\n  enabled: true\n")]:
        folder.mkdir()
        (folder / "dagster.yaml").write_text(text)
    monkeypatch.setenv("DAGSTER_HOME", str(old))
    dagster_home(Lake(tmp_path / "lake"))
    assert "LakeEventLogStorage" in (old / "dagster.yaml").read_text()
    monkeypatch.setenv("DAGSTER_HOME", str(own))
    dagster_home(Lake(tmp_path / "lake"))
    assert (own / "dagster.yaml").read_text() == "telemetry:\n  enabled: true\n"


def test_a_moved_home_points_at_its_new_folder(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = tmp_path / "moved"
    home.rename(moved)
    monkeypatch.setenv("DAGSTER_HOME", str(moved))
    dagster_home(Lake(tmp_path / "lake"))
    assert f"base_dir: {moved}/history\n" in (moved / "dagster.yaml").read_text()


def test_runs_written_through_the_lake_storages_read_with_dagsters_own(
    home: Path, tmp_path: Path
) -> None:
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        for batch in ("b1", "b2"):
            instance.add_dynamic_partitions("batches", [batch])
            result = dg.materialize([counted], instance=instance, partition_key=batch)
            assert result.success
    finally:
        instance.dispose()
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "dagster.yaml").write_text(DAGSTER_CLASSES.format(home=home))
    reader = dg.DagsterInstance.from_config(str(plain))
    try:
        runs = reader.get_runs()
        assert len(runs) == 2 and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        events = reader.fetch_materializations(dg.AssetKey("counted"), limit=10).records
        metadata = sorted(e.asset_materialization.metadata["batch"].value for e in events)
        assert metadata == ["b1", "b2"]
        assert set(reader.get_dynamic_partitions("batches")) == {"b1", "b2"}
    finally:
        reader.dispose()


def test_dagster_migrations_are_loaded_once_and_other_folders_as_alembic_makes_them(
    tmp_path: Path,
) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from dagster._core.storage.event_log.sqlite import sqlite_event_log
    from dagster._core.storage.runs.sqlite import sqlite_run_storage
    from dagster._core.storage.sql import get_alembic_config

    runs = ScriptDirectory.from_config(get_alembic_config(sqlite_run_storage.__file__))
    events = ScriptDirectory.from_config(get_alembic_config(sqlite_event_log.__file__))
    assert runs is events
    assert runs.get_current_head() is not None
    (tmp_path / "versions").mkdir()
    other = Config()
    other.set_main_option("script_location", str(tmp_path))
    first, second = ScriptDirectory.from_config(other), ScriptDirectory.from_config(other)
    assert first is not second and first.dir == str(tmp_path)
