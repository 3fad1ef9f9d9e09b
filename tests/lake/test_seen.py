"""`Lake.seen_now()`: one visibility computation shared by many scans shows what plain scans show."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

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
