"""The incremental refresh on a real lake: a second batch signs only its own groups into the
index, and the result equals `find_duplicates` over every committed signature."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from corpus.dedup import find_duplicates
from corpus.dedup import index as dedup_index
from corpus.dedup.config import DedupConfig
from corpus.engine import dedup as engine_dedup
from corpus.engine.dedup import refresh_duplicates_indexed
from corpus.ingest import ingest_batch
from corpus.lake import Lake, registry, visibility
from corpus.lake.batching import ensure_lake
from corpus.lake.plan import plan_files
from tests.lake.helpers import ROOT

CONFIG = DedupConfig()


def _land(lake: Lake, raw: Path) -> None:
    registration = registry.register(lake.store, "new", plan_files(lake.store, raw).files)
    assert registration is not None
    ingest_batch(lake, registration.batch_id, raw, workers=1)


def _expected(lake: Lake) -> pl.DataFrame:
    signatures = lake.scan("signatures").collect()
    keep = lake.scan("articles").select("article_id", "published_at", "n_chars").collect()
    return find_duplicates(signatures, keep, CONFIG)


def _no_resigning(*_args: object) -> None:
    raise AssertionError("stored signatures were computed again")


def test_second_batch_signs_only_its_own_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, lake = tmp_path / "raw", Lake(tmp_path / "lake")
    shutil.copytree(ROOT / "raw" / "valley-gazette", raw / "valley-gazette")
    ensure_lake(lake)
    _land(lake, raw)
    first = refresh_duplicates_indexed(lake, CONFIG)
    assert first.full and first.duplicates.equals(_expected(lake))
    groups_before = lake.scan("signatures").select(pl.col("content_hash").n_unique()).collect()

    shutil.copytree(ROOT / "raw" / "meridian-wire", raw / "meridian-wire")
    _land(lake, raw)
    signed: list[int] = []
    original = dedup_index.group_keys

    def counting(minhash: pl.Series, config: DedupConfig) -> pl.Series:
        signed.append(minhash.len())
        return original(minhash, config)

    monkeypatch.setattr(dedup_index, "group_keys", counting)
    monkeypatch.setattr(engine_dedup, "current_signatures", _no_resigning)
    second = refresh_duplicates_indexed(lake, CONFIG)
    groups_after = lake.scan("signatures").select(pl.col("content_hash").n_unique()).collect()
    new_groups = groups_after.item() - groups_before.item()
    assert not second.full
    # new groups, and old ones that a copy with a smaller id now represents; never all of them
    assert new_groups <= sum(signed) < groups_after.item()
    assert second.duplicates.equals(_expected(lake))
    assert lake.read("duplicates").sort("article_id").equals(second.duplicates.sort("article_id"))


def test_a_refresh_as_of_one_seen_derives_the_live_files_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its scans (signatures, keep rule) share the `Seen` they are given: the registrations
    are not read again per scan, and the result is the one without it."""
    lake = _landed_valley(tmp_path)
    seen = lake.seen_now()
    read = _count_registration_reads(monkeypatch)
    run = refresh_duplicates_indexed(lake, CONFIG, seen=seen)
    assert read == []
    assert run.duplicates.height > 0 and run.duplicates.equals(_expected(lake))
    assert read  # `_expected` scans without one


def test_a_local_refresh_without_a_seen_derives_the_live_files_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each signature read re-derived the live files when no `Seen` was given (once per
    `VERIFY_PAIRS` candidates): the refresh takes one itself, with the same result."""
    lake = _landed_valley(tmp_path)
    expected = _expected(lake)
    read = _count_registration_reads(monkeypatch)
    monkeypatch.setattr(engine_dedup, "HELD_SIGNATURES", 0)  # read per use, as a large lake
    run = refresh_duplicates_indexed(lake, CONFIG)
    assert read == ["registrations"]
    assert run.duplicates.height > 0 and run.duplicates.equals(expected)


def _landed_valley(tmp_path: Path) -> Lake:
    """A lake holding the sample's valley-gazette folder, landed."""
    raw, lake = tmp_path / "raw", Lake(tmp_path / "lake")
    shutil.copytree(ROOT / "raw" / "valley-gazette", raw / "valley-gazette")
    ensure_lake(lake)
    _land(lake, raw)
    return lake


def _count_registration_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that gains an entry each time visibility reads the registrations."""
    read: list[str] = []
    original = visibility.registered_files

    def counting(store: object) -> pl.LazyFrame:
        read.append("registrations")
        return original(store)  # type: ignore[arg-type]

    monkeypatch.setattr(visibility, "registered_files", counting)
    return read
