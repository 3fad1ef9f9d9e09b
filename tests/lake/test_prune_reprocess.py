"""Vanished raw files (listed, pruned on request) and re-reading files under new settings."""

from __future__ import annotations

import polars as pl

from corpus.lake.verify import verify
from pipelines.runner import IngestRequest
from tests.e2e.conftest import EXPECTED_ARTICLES, Env


def test_vanished_file_is_kept_until_pruned(lake: Env) -> None:
    lake.ingest()
    (lake.raw / "harbour-times/2024/ferry.txt").unlink()
    outcome = lake.ingest()
    assert [f.path for f in outcome.schedule.missing] == ["harbour-times/2024/ferry.txt"]
    assert lake.corpus_lake.read("articles").height == EXPECTED_ARTICLES  # kept by default
    pruned = lake.ingest(IngestRequest(prune=True))
    [registration] = pruned.schedule.registered
    assert registration.kind == "prune"
    articles = lake.corpus_lake.read("articles")
    assert articles.height == EXPECTED_ARTICLES - 1
    assert not articles["raw_path"].str.ends_with("ferry.txt").any()
    assert lake.catalog_rows("select count(*) from articles") == [(EXPECTED_ARTICLES - 1,)]
    assert lake.ingest(IngestRequest(prune=True)).schedule.batch_ids == []  # settled
    assert verify(lake.corpus_lake) == []


def test_renamed_file_leaves_no_stale_copy_after_prune(lake: Env) -> None:
    lake.ingest()
    old = lake.raw / "harbour-times/2024/market.txt"
    old.rename(lake.raw / "harbour-times/2024/market-renamed.txt")
    lake.ingest(IngestRequest(prune=True))
    paths = lake.corpus_lake.read("articles")["raw_path"].to_list()
    assert "harbour-times/2024/market-renamed.txt" in paths
    assert "harbour-times/2024/market.txt" not in paths


def test_reprocess_rereads_files_made_under_other_settings(lake: Env) -> None:
    lake.ingest()
    assert lake.ingest(IngestRequest(reprocess=True)).schedule.batch_ids == []  # all current
    # pretend the ferry file was made by an older pipeline
    store = lake.corpus_lake.store
    batches = store.scan("batches").collect()
    store.overwrite(
        "batches", batches.with_columns(pl.lit("old").alias("parameters_digest")).to_arrow()
    )
    outcome = lake.ingest(IngestRequest(reprocess=True, source="harbour-times"))
    [registration] = outcome.schedule.registered
    assert registration.kind == "reprocess"
    files = lake.corpus_lake.registration(registration.batch_id).files
    assert sorted(f.path for f in files) == [
        "harbour-times/2024/ferry.txt",
        "harbour-times/2024/market.txt",
    ]
    assert lake.corpus_lake.read("articles").height == EXPECTED_ARTICLES
    assert verify(lake.corpus_lake) == []
    everything = lake.ingest(IngestRequest(reprocess=True, reprocess_all=True))
    [again] = everything.schedule.registered
    assert again.n_files == len(lake.corpus_lake.registration(again.batch_id).files) == 8
