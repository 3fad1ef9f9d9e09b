"""`Lake.seen_now()`: one visibility computation shared by many scans shows what plain scans show."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import assets.dedup
import corpus.ingest
from corpus.lake.tables import BATCH_TABLES
from pipelines.runner import IngestRequest
from tests.e2e.conftest import EXPECTED_ARTICLES, Env


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns)


def test_scans_as_of_one_seen_match_plain_scans(lake: Env) -> None:
    lake.ingest()
    changed = lake.raw / "harbour-times/2024/market.txt"
    changed.write_text(changed.read_text() + "\n\nA paragraph added in a later version.\n")
    (lake.raw / "harbour-times/2024/ferry.txt").unlink()
    lake.ingest(IngestRequest(prune=True))  # a superseded batch and a tombstone
    the_lake = lake.corpus_lake
    seen = the_lake.seen_now()
    assert seen.articles.height == EXPECTED_ARTICLES - 1
    assert_frame_equal(
        _sorted(seen.articles),
        _sorted(the_lake.read("articles").select("article_id", "batch_id")),
    )
    for name in BATCH_TABLES:
        plain = the_lake.read(name)
        assert plain.height > 0, name
        assert_frame_equal(_sorted(the_lake.scan(name, seen=seen).collect()), _sorted(plain))


def test_scans_as_of_one_batchs_seen_show_that_batchs_visible_rows(
    lake: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`seen_in_batch`: what the ingest asset's previews and checks read after each batch. The
    superseded rows stay (as after a crashed cleanup), so the first batch must hide its own."""
    lake.ingest()
    for module in (corpus.ingest, assets.dedup):
        monkeypatch.setattr(module, "drop_superseded", lambda store, keys=None: {})
    changed = lake.raw / "harbour-times/2024/market.txt"
    changed.write_text(changed.read_text() + "\n\nA paragraph added in a later version.\n")
    lake.ingest()
    the_lake = lake.corpus_lake
    assert the_lake.read("articles", committed=False).height == EXPECTED_ARTICLES + 1
    batch_ids = the_lake.read("batches")["batch_id"].to_list()
    assert len(batch_ids) == 2
    for batch_id in batch_ids:
        for seen in (
            the_lake.seen_in_batch(batch_id),
            the_lake.after_batch(batch_id, BATCH_TABLES)[0],  # as the ingest asset takes it
        ):
            for name in BATCH_TABLES:
                plain = the_lake.read(name).filter(pl.col("batch_id") == batch_id)
                assert plain.height > 0 or name == "rejects", (name, batch_id)
                shown = the_lake.scan(name, seen=seen).collect()
                assert_frame_equal(_sorted(shown), _sorted(plain))
