"""Runs as users meet them: a failing run and its fix, two runs at once, a moved lake, bad lakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from corpus.lake import Lake
from corpus.lake.verify import verify
from tests.e2e.conftest import EXPECTED_ARTICLES, FILES, write_tree
from tests.lake.helpers import catalog_count, content, corpus, start_corpus


def ingest(raw: Path, lake: Path, *extra: str, **env: str):
    return corpus("ingest", "--raw", str(raw), "--lake", str(lake), "--quiet", *extra, env=env)


def test_bad_setting_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    failed = ingest(raw, lake_dir, CORPUS_FIELD_MAPPING=str(tmp_path / "no-such-mapping.toml"))
    assert failed.returncode == 2
    assert failed.stderr.count("\n") == 1 and "no-such-mapping.toml" in failed.stderr
    assert "CORPUS_FIELD_MAPPING" in failed.stderr
    assert not lake_dir.exists()


def test_failed_run_is_one_line_then_the_fixed_run_lands_every_file(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    # a real exception in the middle of the batch (after its paragraphs are committed)
    failed = ingest(raw, lake_dir, CORPUS_FAIL_AT="after-commit:paragraphs")
    assert failed.returncode == 1
    first = failed.stderr.strip().splitlines()[0]
    assert first == (
        "error: ingest_batch_tables: corpus.faults.InjectedFault: injected failure at "
        "after-commit:paragraphs"
    ), failed.stderr
    assert "Traceback" not in failed.stderr
    lake = Lake(lake_dir)
    [state] = lake.batch_states()
    assert state.pending and state.attempts == 1 and "InjectedFault" in state.last_error
    assert lake.read("articles").height == 0
    status = corpus("status", "--lake", str(lake_dir))
    assert "pending after 1 attempt(s)" in status.stdout

    fixed = ingest(raw, lake_dir)
    assert fixed.returncode == 0, fixed.stderr
    assert "retried 1 pending batch" in fixed.stdout
    assert lake.read("articles").height == EXPECTED_ARTICLES
    assert lake.read("articles").height + lake.read("rejects").height == len(FILES)
    assert verify(lake) == []


def test_verbose_failure_shows_the_traceback(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    failed = ingest(raw, lake_dir, "--verbose", CORPUS_FAIL_AT="after-commit:paragraphs")
    assert failed.returncode == 1
    assert failed.stderr.startswith(
        "error: ingest_batch_tables: corpus.faults.InjectedFault: injected failure at "
        "after-commit:paragraphs"
    ), failed.stderr
    assert "Traceback" in failed.stderr or "File " in failed.stderr


def test_two_ingests_at_once_land_each_file_once(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    args = ("ingest", "--raw", str(raw), "--lake", str(lake_dir), "--quiet")
    first, second = start_corpus(*args), start_corpus(*args)  # fresh lake, fresh DAGSTER_HOME
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    lake = Lake(lake_dir)
    assert len(lake.batch_states()) == 1
    assert lake.read("articles").height == EXPECTED_ARTICLES
    assert verify(lake) == []
    # the instance they shared works for the next run (no broken schema)
    assert ingest(raw, lake_dir).returncode == 0


def test_ingest_racing_maintenance(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    assert ingest(raw, lake_dir).returncode == 0
    (raw / "harbour-times/2024/ferry.txt").write_text("date 2024-03-07 The ferry is late.\n")
    racer = start_corpus("maintain", "--lake", str(lake_dir), "--retention-hours", "0")
    run = ingest(raw, lake_dir)
    racer.communicate(timeout=600)
    assert run.returncode == 0 and racer.returncode == 0
    lake = Lake(lake_dir)
    assert verify(lake) == []
    texts = lake.read("articles").filter(pl.col("raw_path").str.ends_with("ferry.txt"))["text"]
    assert texts.to_list() == ["The ferry is late."]


def test_busy_lake_is_one_clear_line(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    with Lake(lake_dir).writing("test"):
        busy = ingest(raw, lake_dir, "--wait", "0")
    assert busy.returncode == 1
    assert "another ingest holds the lake" in busy.stderr and "Traceback" not in busy.stderr


def test_moved_and_copied_lake_still_answers(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    assert ingest(raw, lake_dir).returncode == 0
    moved = tmp_path / "elsewhere" / "moved"
    moved.parent.mkdir()
    shutil.move(lake_dir, moved)
    copied = tmp_path / "copy"
    shutil.copytree(moved, copied)
    shutil.rmtree(moved)  # the copy must not read the original's files
    query = corpus("query", "select count(*) as n from articles", "--lake", str(copied))
    assert query.returncode == 0, query.stderr
    assert str(EXPECTED_ARTICLES) in query.stdout
    assert catalog_count(Lake(copied), "articles") == EXPECTED_ARTICLES
    assert Lake(copied).read("articles").height == EXPECTED_ARTICLES


def test_no_lake_is_one_line_naming_it(tmp_path: Path) -> None:
    for command in ("status", "query", "verify"):
        args = [command, "--lake", str(tmp_path / "nowhere")]
        if command == "query":
            args.insert(1, "select 1")
        proc = corpus(*args)
        assert proc.returncode == 1, (command, proc.stderr)
        assert (
            proc.stderr.strip()
            == f"error: no lake at {tmp_path / 'nowhere'}: run `corpus ingest` first"
        )
        assert not (tmp_path / "nowhere").exists()  # nothing written


def test_corrupt_delta_log_is_one_line_naming_the_table(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    assert ingest(raw, lake_dir).returncode == 0
    log = sorted((lake_dir / "articles" / "_delta_log").glob("*.json"))[-1]
    log.write_text("{not json")
    proc = corpus("status", "--lake", str(lake_dir))
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: table 'articles' of the lake at"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_raw_root_holding_the_lake_settles(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    lake_dir = raw / "lake"
    assert ingest(raw, lake_dir).returncode == 0
    again = ingest(raw, lake_dir)
    assert "no new or changed files" in again.stdout
    assert content(Lake(lake_dir), "articles").height == EXPECTED_ARTICLES


def test_runs_from_another_folder_leave_nothing_there(tmp_path: Path) -> None:
    raw, lake_dir, elsewhere = tmp_path / "raw", tmp_path / "lake", tmp_path / "cwd"
    write_tree(raw, FILES)
    elsewhere.mkdir()
    proc = corpus("ingest", "--raw", str(raw), "--lake", str(lake_dir), "--quiet", cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert list(elsewhere.iterdir()) == []
    assert (lake_dir / ".dagster").is_dir()  # one instance per lake, inside it


def test_scan_of_a_missing_lake_names_it(tmp_path: Path) -> None:
    from corpus.lake import LakeError, scan

    with pytest.raises(LakeError, match=f"no lake at {tmp_path / 'nope'}"):
        scan("articles", tmp_path / "nope")
