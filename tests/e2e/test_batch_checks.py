"""The ingest asset's contract checks read the batch's own rows and still fail on bad ones."""

from __future__ import annotations

import polars as pl

from assets.ingest import batch_events
from corpus.ingest import BatchResult
from tests.e2e.conftest import EXPECTED_ARTICLES, Env


def _events(lake: Env, batch_id: str) -> dict[str, object]:
    result = BatchResult(batch_id, 8, 8, EXPECTED_ARTICLES, 0, 4, {}, 1.0, 1)
    return {
        getattr(e, "check_name", None) or e.asset_key.to_user_string(): e
        for e in batch_events(result, lake.corpus_lake)
    }


def test_checks_fail_on_a_duplicated_id_an_orphan_paragraph_and_an_unknown_reason(
    lake: Env,
) -> None:
    lake.ingest()
    the_lake = lake.corpus_lake
    [batch_id] = the_lake.read("batches")["batch_id"].to_list()
    passed = _events(lake, batch_id)
    assert all(passed[c].passed for c in _CHECKS)
    store = the_lake.store
    article = the_lake.read("articles").head(1)
    store.append("articles", article.to_arrow())  # the same id twice, both visible
    orphan = (
        the_lake.read("paragraphs")
        .head(1)
        .with_columns(pl.lit("no-such-article").alias("article_id"))
    )
    store.append("paragraphs", orphan.to_arrow())
    reject = the_lake.read("rejects").head(1).with_columns(pl.lit("made_up").alias("reason"))
    store.append("rejects", reject.to_arrow())

    events = _events(lake, batch_id)

    assert [c for c in _CHECKS if events[c].passed] == []
    assert events["article_id_unique"].metadata["rows"].value == EXPECTED_ARTICLES + 1
    assert events["paragraphs_have_articles"].metadata["orphan_paragraphs"].value == 1
    assert events["reasons_known"].metadata["unknown_reasons"].value == ["made_up"]
    assert events["articles"].metadata["dagster/row_count"] == EXPECTED_ARTICLES + 1


_CHECKS = ("article_id_unique", "paragraphs_have_articles", "reasons_known")
