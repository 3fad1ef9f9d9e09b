"""The commit path on the `Lake` itself: visibility at the landing instant, scale, cleanup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from corpus.lake import Lake, registry
from corpus.lake.batching import ensure_lake
from corpus.lake.commit import commit_batch, drop_superseded
from corpus.lake.registry import BatchFile
from corpus.lake.tables import spec
from tests.lake.helpers import catalog_count, staged

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def synthetic_tables(batch_id: str, keys: list[str], version: str) -> dict[str, pa.Table]:
    """One article with one paragraph, one signature and one reject per raw file."""
    n = len(keys)
    ids = [f"{key}#{0}" for key in keys]

    def table(name: str, columns: dict[str, list]) -> pa.Table:
        schema = spec(name).schema
        arrays = {f.name: pa.array(columns.get(f.name, [None] * n), type=f.type) for f in schema}
        return pa.table(arrays, schema=schema)

    batch = [batch_id] * n
    month = ["2024-03"] * n
    return {
        "articles": table(
            "articles",
            {
                "article_id": ids,
                "raw_path": keys,
                "text": [f"{version} {key}" for key in keys],
                "batch_id": batch,
                "n_paragraphs": [1] * n,
                "published_month": month,
            },
        ),
        "paragraphs": table(
            "paragraphs",
            {
                "article_id": ids,
                "position": [0] * n,
                "text": [version] * n,
                "batch_id": batch,
                "published_month": month,
            },
        ),
        "signatures": table("signatures", {"article_id": ids, "batch_id": batch}),
        "rejects": table(
            "rejects",
            {
                "raw_path": [f"{k}!member" for k in keys],
                "reason": ["empty_file"] * n,
                "batch_id": batch,
            },
        ),
    }


def batch_row(registration: registry.Registration, n: int) -> dict:
    """The `batches` row of a synthetic batch of `n` files, one article each."""
    return {
        "batch_id": registration.batch_id,
        "registered_at": registration.registered_at,
        "started_at": NOW,
        "finished_at": NOW,
        "attempt": 1,
        "n_files": len(registration.files),
        "n_records": n,
        "n_articles": n,
        "n_paragraphs": n,
        "n_rejects": n,
        "n_sanitized": 0,
        "stage_seconds": None,
        "parameters": "{}",
        "parameters_digest": "x",
        "pipeline_version": "test",
    }


def land(lake: Lake, keys: list[str], version: str, *, cleanup: bool = True) -> str:
    files = [BatchFile(k, k, version, 1, 1) for k in keys]
    registration = registry.register(lake.store, "new", files)
    tables = synthetic_tables(registration.batch_id, keys, version)
    parts = staged(lake, registration.batch_id, tables)
    commit_batch(
        lake.store, registration.batch_id, parts, batch_row(registration, len(keys)), attempt=1
    )
    if cleanup:
        drop_superseded(lake.store, keys)
    return registration.batch_id


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    lake = Lake(tmp_path / "lake")
    ensure_lake(lake)
    return lake


def test_ten_thousand_changed_files_replace_in_small_commits(lake: Lake) -> None:
    keys = [f"src/{i:05d}'s file.txt" for i in range(10_000)]  # quotes must be escaped too
    land(lake, keys, "v1")
    second = land(lake, keys, "v2")
    articles = lake.read("articles")
    assert articles.height == 10_000
    assert set(articles["batch_id"]) == {second}
    assert articles["text"].str.starts_with("v2").all()
    assert lake.read("paragraphs").height == 10_000
    assert lake.read("rejects").height == 10_000
    # the superseded rows are gone from the Delta tables too, not only hidden
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        assert lake.store.scan(name).collect().height == 10_000, name


def test_new_version_appears_and_old_vanishes_in_the_same_commit(lake: Lake) -> None:
    land(lake, ["a.txt", "b.txt"], "v1")
    registration = registry.register(lake.store, "new", [BatchFile("a.txt", "a.txt", "v2", 1, 1)])
    tables = synthetic_tables(registration.batch_id, ["a.txt"], "v2")
    for name in ("rejects", "signatures", "paragraphs", "articles"):
        lake.store.append(name, tables[name])
        # before the batches row: still the old version, whole
        assert sorted(lake.read("articles")["text"]) == ["v1 a.txt", "v1 b.txt"]
        assert lake.read("paragraphs")["text"].to_list() == ["v1", "v1"]
    lake.store.append("batches", [batch_row(registration, 1)])
    # landed, nothing cleaned up yet: the new version only, and the catalog agrees
    assert sorted(lake.read("articles")["text"]) == ["v1 b.txt", "v2 a.txt"]
    assert sorted(lake.read("paragraphs")["text"]) == ["v1", "v2"]
    assert lake.read("rejects").height == 2
    from corpus.lake.catalog import build_catalog

    build_catalog(lake)
    assert catalog_count(lake, "articles") == 2
    assert catalog_count(lake, "paragraphs") == 2
    assert catalog_count(lake, "rejects") == 2


def test_tombstone_removes_a_files_rows(lake: Lake) -> None:
    land(lake, ["a.txt", "b.txt"], "v1")
    files = [BatchFile("a.txt", "a.txt", "v1", 1, 1, "tombstone")]
    registration = registry.register(lake.store, "prune", files)
    empty = synthetic_tables(registration.batch_id, [], "v1")
    parts = staged(lake, registration.batch_id, empty)
    commit_batch(lake.store, registration.batch_id, parts, batch_row(registration, 0), attempt=1)
    assert lake.read("articles")["raw_path"].to_list() == ["b.txt"]
    drop_superseded(lake.store)
    assert lake.store.scan("articles").collect()["raw_path"].to_list() == ["b.txt"]


def test_misspelled_row_key_is_an_error() -> None:
    with pytest.raises(KeyError, match="unknown keys"):
        spec("batches").rows_to_table([{"batch_idd": "x"}])


def test_newer_lake_format_is_refused(lake: Lake) -> None:
    from deltalake import DeltaTable

    table = DeltaTable(lake.store.table_uri("batches"))
    table.alter.set_table_description("corpus-lake format 99")
    from corpus.lake import LakeError

    with pytest.raises(LakeError, match="newer corpus-lake"):
        Lake(lake.uri).read("batches")
