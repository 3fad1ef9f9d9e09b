"""The `ray` engine end to end through the real `corpus` command: the same lake as the local
engine, failures that leave the lake as it was, and a bad RAY_ADDRESS in one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from corpus.lake import Lake
from tests.lake.helpers import ROOT, content, corpus

SAMPLE = ROOT / "raw"  # the bundled sample: every format, planted exact and near copies
TABLES = ("articles", "paragraphs", "signatures", "rejects", "duplicates", "paragraph_stats")


HOMES: dict[str, Path] = {}


@pytest.fixture(scope="module")
def lakes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Lake]:
    """The bundled sample ingested once per engine (each run starts its own local Ray)."""
    base = tmp_path_factory.mktemp("engines")
    raw = base / "raw"
    shutil.copytree(SAMPLE, raw)
    lakes = {}
    for engine in ("local", "ray"):
        lake = base / f"lake-{engine}"
        done = corpus(
            "ingest", "--raw", str(raw), "--lake", str(lake), "--quiet", "--engine", engine,
            home=base / f"home-{engine}", env={"RAY_ADDRESS": ""},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        lakes[engine] = Lake(lake)
        HOMES[engine] = base / f"home-{engine}"
    return lakes


@pytest.mark.parametrize("table", TABLES)
def test_ray_lake_equals_local_row_for_row(lakes: dict[str, Lake], table: str) -> None:
    local, ray = content(lakes["local"], table), content(lakes["ray"], table)
    assert local.height > 0
    assert ray.equals(local)


def test_the_sample_has_near_duplicates(lakes: dict[str, Lake]) -> None:
    kinds = set(lakes["ray"].read("duplicates")["kind"].to_list())
    assert kinds == {"exact", "near"}


def test_bad_ray_address_fails_fast_in_one_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "s").mkdir(parents=True)
    (raw / "s" / "a.txt").write_text("date 2024-01-02 A short article about a bridge.\n")
    done = corpus(
        "ingest", "--raw", str(raw), "--lake", str(tmp_path / "lake"), "--engine", "ray",
        home=tmp_path / "home", env={"RAY_ADDRESS": "127.0.0.1:9"}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "RAY_ADDRESS" in lines[0] and "127.0.0.1:9" in lines[0]
    assert not Lake(tmp_path / "lake").store.version("batches")  # nothing was registered


def test_unknown_engine_names_the_setting(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    done = corpus(
        "ingest", "--raw", str(raw), "--lake", str(tmp_path / "lake"),
        home=tmp_path / "home", env={"CORPUS_ENGINE": "spark"}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "CORPUS_ENGINE" in done.stderr and "spark" in done.stderr


def test_duplicates_versions_agree(lakes: dict[str, Lake]) -> None:
    """Both engines left one `duplicates` commit per refresh, with the index beside it."""
    for lake in lakes.values():
        assert lake.store.version("duplicates") is not None
        assert pl.read_delta(lake.store.table_uri("_dedup_index")).height > 0


def _materialized(home: Path) -> dict[str, dict]:
    """Metadata of the latest materialization of every asset in a Dagster instance."""
    import dagster as dg
    from dagster._core.instance.ref import InstanceRef

    instance = dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home)))
    found = {}
    for key in instance.get_asset_keys():
        event = instance.get_latest_materialization_event(key)
        if event is not None and event.asset_materialization is not None:
            found[key.to_user_string()] = dict(event.asset_materialization.metadata)
    return found


def test_dagster_shows_the_same_assets_and_metadata(lakes: dict[str, Lake]) -> None:
    local, ray = _materialized(HOMES["local"]), _materialized(HOMES["ray"])
    assert {"articles", "duplicates", "paragraph_stats"} <= set(local)
    assert set(ray) == set(local)
    for asset, metadata in local.items():
        assert set(ray[asset]) == set(metadata), asset
        if "dagster/row_count" in metadata:  # the tables (not the catalog or the report)
            assert ray[asset]["dagster/row_count"] == metadata["dagster/row_count"], asset
    assert ray["duplicates"]["engine"].value == "ray"
    assert local["duplicates"]["engine"].value == "local"
