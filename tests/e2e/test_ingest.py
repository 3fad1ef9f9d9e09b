"""Raw text dumps to the lake through the real Definitions, checked through DuckDB and polars."""

from __future__ import annotations

import polars as pl
import polars.testing
import pytest

from corpus.lake import TABLES, read, visibility
from pipelines.runner import run_batch
from tests.e2e.conftest import EXPECTED_ARTICLES, EXPECTED_REJECTS, Env


def catalog_rows(lake: Env, sql: str) -> list[tuple]:
    return lake.catalog_rows(sql)


def only_batch(outcome) -> str:
    [registration] = outcome.schedule.registered
    return registration.batch_id


def test_sample_tree_lands_in_every_table(lake: Env) -> None:
    outcome = lake.ingest()
    [registration] = outcome.schedule.registered
    assert catalog_rows(lake, "select count(*) from articles") == [(EXPECTED_ARTICLES,)]
    reasons = dict(catalog_rows(lake, "select reason, count(*) from rejects group by 1"))
    assert reasons == EXPECTED_REJECTS
    # nothing read is lost: every file is an article or a reject
    assert sum(reasons.values()) + EXPECTED_ARTICLES == registration.n_files

    ferry = read("articles", str(lake.lake)).filter(pl.col("raw_path").str.ends_with("ferry.txt"))
    row = ferry.row(0, named=True)
    assert row["source"] == "harbour-times"
    assert row["dateline"] == "PORT ELLEN"
    assert row["title"] is None
    assert str(row["published_date"]) == "2024-03-05"
    assert row["published_month"] == "2024-03"
    assert row["text"].startswith("The harbour board approved")
    kinds = catalog_rows(
        lake,
        f"select kind from paragraphs where article_id = '{row['article_id']}' order by position",
    )
    assert [k for (k,) in kinds] == ["paragraph", "heading", "paragraph"]
    market = catalog_rows(
        lake, "select title, authors from articles where raw_path like '%market%'"
    )
    assert market == [("Fish market reopens", ["Ana Ruiz"])]
    quotes = catalog_rows(lake, "select count(*) from paragraphs where kind = 'quote'")
    assert quotes == [(1,)]


def test_exact_copies_share_a_content_hash(lake: Env) -> None:
    lake.ingest()
    rows = catalog_rows(
        lake,
        "select count(distinct content_hash) from articles where raw_path like '%storm%'",
    )
    assert rows == [(1,)]


def test_rerunning_a_batch_gives_identical_rows(lake: Env) -> None:
    outcome = lake.ingest()
    before = read("articles", str(lake.lake)).sort("article_id")
    paragraphs_before = read("paragraphs", str(lake.lake)).sort("article_id", "position")
    assert run_batch(lake.defs, lake.instance, only_batch(outcome)).success
    polars.testing.assert_frame_equal(read("articles", str(lake.lake)).sort("article_id"), before)
    polars.testing.assert_frame_equal(
        read("paragraphs", str(lake.lake)).sort("article_id", "position"), paragraphs_before
    )
    assert read("batches", str(lake.lake)).height == 1


def test_a_changed_file_replaces_only_its_own_rows(lake: Env) -> None:
    lake.ingest()
    before = read("articles", str(lake.lake)).sort("article_id")
    changed = lake.raw / "harbour-times/2024/ferry.txt"
    changed.write_text("date 2024-03-06 PORT ELLEN – The board changed its mind.\n")
    outcome = lake.ingest()
    [registered] = outcome.schedule.registered
    registration = lake.corpus_lake.registration(registered.batch_id)
    assert [f.path for f in registration.files] == ["harbour-times/2024/ferry.txt"]
    after = read("articles", str(lake.lake)).sort("article_id")
    untouched = pl.col("raw_path") != "harbour-times/2024/ferry.txt"
    polars.testing.assert_frame_equal(after.filter(untouched), before.filter(untouched))
    ferry = after.filter(~untouched)
    assert ferry.height == 1
    assert ferry["text"].to_list() == ["The board changed its mind."]
    assert ferry["published_month"].to_list() == ["2024-03"]
    paragraphs = read("paragraphs", str(lake.lake)).filter(
        pl.col("article_id") == ferry["article_id"][0]
    )
    assert paragraphs["text"].to_list() == ["The board changed its mind."]
    assert read("batches", str(lake.lake)).height == 2


def test_nothing_new_registers_no_batch(lake: Env) -> None:
    lake.ingest()
    versions = lake.corpus_lake.versions()
    again = lake.ingest()
    assert again.schedule.batch_ids == []
    assert again.batch_runs == []
    assert again.refresh_run is None
    assert lake.corpus_lake.versions() == versions  # nothing written at all


def test_deleted_catalog_is_rebuilt(lake: Env) -> None:
    lake.ingest()
    (lake.lake / "catalog.duckdb").unlink()
    assert catalog_rows(lake, "select count(*) from articles") == [(EXPECTED_ARTICLES,)]


def test_uncommitted_batch_rows_are_invisible(lake: Env) -> None:
    """A crash after the article commit but before `batches` must not show a half batch."""
    outcome = lake.ingest()
    # simulate the crash: drop the batch's `batches` row, keep its article rows
    lake.corpus_lake.store.replace_where("batches", [], f"batch_id = '{only_batch(outcome)}'")
    assert read("articles", str(lake.lake)).height == 0
    assert read("articles", str(lake.lake), committed=False).height == EXPECTED_ARTICLES


def test_materializations_carry_metadata_and_checks_pass(lake: Env) -> None:
    outcome = lake.ingest()
    [run] = outcome.batch_runs
    materializations = {
        m.asset_key.to_user_string(): m.metadata
        for m in run.asset_materializations_for_node("ingest_batch_tables")
    }
    assert materializations["articles"]["dagster/row_count"].value == EXPECTED_ARTICLES
    assert materializations["rejects"]["rejects_by_reason"].value == EXPECTED_REJECTS
    assert "preview" in materializations["articles"]
    checks = run.get_asset_check_evaluations()
    assert {c.check_name for c in checks} >= {
        "article_id_unique",
        "paragraphs_have_articles",
        "reasons_known",
    }
    assert all(c.passed for c in checks)


def test_registration_lists_every_file(lake: Env) -> None:
    outcome = lake.ingest()
    registration = lake.corpus_lake.registration(only_batch(outcome))
    assert len(registration.files) == 8


def test_row_count_is_the_tables_not_the_batchs(lake: Env) -> None:
    lake.ingest()
    (lake.raw / "harbour-times/2024/late.txt").write_text("date 2024-06-01 The ferry ran late.\n")
    [run] = lake.ingest().batch_runs
    articles = next(
        m.metadata
        for m in run.asset_materializations_for_node("ingest_batch_tables")
        if m.asset_key.to_user_string() == "articles"
    )
    assert articles["dagster/row_count"].value == EXPECTED_ARTICLES + 1
    assert articles["batch_rows"].value == 1


def test_batches_record_seconds_and_items_per_stage(lake: Env) -> None:
    import json

    lake.ingest()
    [row] = lake.corpus_lake.read("batches").to_dicts()
    stages = json.loads(row["stage_seconds"])
    assert {"read", "extract", "normalize", "fingerprint", "arrow", "commit"} <= set(stages)
    assert stages["normalize"]["items"] == EXPECTED_ARTICLES
    assert stages["fingerprint"]["items"] == EXPECTED_ARTICLES
    assert stages["commit"]["items"] > 0 and all(s["seconds"] >= 0 for s in stages.values())
    from corpus.status import lake_status

    shown = lake_status(lake.corpus_lake, timings=True).render()
    assert "normalize " in shown and f"/{EXPECTED_ARTICLES}" in shown


def test_status_counts_what_each_table_shows_from_one_visibility(
    lake: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus.status import lake_status

    lake.ingest()
    (lake.raw / "harbour-times/2024/ferry.txt").write_text(
        "date 2024-03-06 PORT ELLEN – The harbour board withdrew the new timetable.\n"
    )
    lake.ingest()  # two landed batches: visibility joins each file to its live batch
    the_lake = lake.corpus_lake
    expected = {name: the_lake.read(name).height for name in TABLES}  # each on its own
    assert expected["batches"] == 2
    derived = []
    live = visibility._live
    monkeypatch.setattr(visibility, "_live", lambda store: derived.append(1) or live(store))

    status = lake_status(the_lake)

    assert status.row_counts == expected
    assert status.rejects_by_reason == EXPECTED_REJECTS
    assert len(derived) == 1  # per table, this was 5 joins of the registrations
