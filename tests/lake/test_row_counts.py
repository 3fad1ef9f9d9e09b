"""`Lake.row_counts`: the rows each table shows, from the Delta log, equal what `read` shows.

The log holds every committed file, so each test makes a state where a plain sum of its row
counts would be wrong: rows of a batch that never landed, rows a crashed cleanup left behind,
files whose rows belong to several batches (after a compaction).
"""

from __future__ import annotations

import pyarrow as pa
import pytest

import assets.dedup
import corpus.ingest
from corpus.lake.maintain import maintain
from corpus.lake.tables import BATCH_TABLES, TABLES
from pipelines.runner import IngestRequest
from tests.e2e.conftest import EXPECTED_ARTICLES, Env


def _read_counts(lake: Env) -> dict[str, int]:
    return {name: lake.corpus_lake.read(name).height for name in TABLES}


def _change_one_and_remove_one(lake: Env) -> None:
    changed = lake.raw / "harbour-times/2024/market.txt"
    changed.write_text(changed.read_text() + "\n\nA paragraph added in a later version.\n")
    (lake.raw / "harbour-times/2024/ferry.txt").unlink()
    lake.ingest(IngestRequest(prune=True))  # a superseded batch and a tombstone


def test_counts_match_reads_after_files_change_and_vanish(lake: Env) -> None:
    lake.ingest()
    _change_one_and_remove_one(lake)
    counts = lake.corpus_lake.row_counts()
    assert counts["articles"] == EXPECTED_ARTICLES - 1
    assert counts == _read_counts(lake)


def test_counts_leave_out_the_rows_a_crashed_cleanup_left(
    lake: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake.ingest()
    for module in (corpus.ingest, assets.dedup):  # the batch's cleanup, and the refresh's
        monkeypatch.setattr(module, "drop_superseded", lambda store, keys=None: {})
    _change_one_and_remove_one(lake)
    the_lake = lake.corpus_lake
    stored = the_lake.read("articles", committed=False).height
    assert stored > EXPECTED_ARTICLES  # the earlier versions' rows are still in the table
    assert the_lake.row_counts() == _read_counts(lake)


def test_counts_leave_out_the_rows_of_a_batch_that_did_not_land(lake: Env) -> None:
    lake.ingest()
    (lake.raw / "harbour-times/2024/late.txt").write_text("date 2024-06-01 The ferry ran late.\n")
    [run] = lake.ingest().batch_runs
    the_lake = lake.corpus_lake
    batch_id = run.dagster_run.tags["dagster/partition"]
    the_lake.store.replace_where("batches", [], f"batch_id = '{batch_id}'")  # it never landed
    assert the_lake.read("articles", committed=False).height == EXPECTED_ARTICLES + 1
    counts = the_lake.row_counts()
    assert counts["articles"] == EXPECTED_ARTICLES
    assert counts == _read_counts(lake)


def test_counts_read_the_files_a_compaction_merged(lake: Env) -> None:
    lake.ingest()
    (lake.raw / "harbour-times/2024/late.txt").write_text("date 2024-03-09 The ferry ran late.\n")
    [run] = lake.ingest().batch_runs
    the_lake = lake.corpus_lake
    maintain(the_lake)
    batch_id = run.dagster_run.tags["dagster/partition"]
    the_lake.store.replace_where("batches", [], f"batch_id = '{batch_id}'")  # hide one batch
    merged = pa.table(the_lake.store.open("articles").get_add_actions(flatten=True)).to_pydict()
    assert any(a != b for a, b in zip(merged["min.batch_id"], merged["max.batch_id"], strict=True))
    counts = the_lake.row_counts(BATCH_TABLES)
    assert counts["articles"] == EXPECTED_ARTICLES
    assert counts == {name: the_lake.read(name).height for name in BATCH_TABLES}
