"""The `corpus` command as a user runs it: exit codes, warnings, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from corpus.lake import Lake
from corpus.lake.catalog import connect
from tests.e2e.conftest import FILES, write_tree

ROOT = Path(__file__).parents[2]


def corpus(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_ingest_status_and_query(tmp_path: Path) -> None:
    raw, lake, home = tmp_path / "raw", tmp_path / "lake", tmp_path / "home"
    write_tree(raw, FILES)
    proc = corpus("ingest", "--raw", str(raw), "--lake", str(lake), "--quiet", home=home)
    assert proc.returncode == 0, proc.stderr
    assert "warning: 4 inputs were rejected" in proc.stdout
    assert "Traceback" not in proc.stderr
    con = connect(Lake(lake), rebuild=False)
    assert con.execute("select count(*) from articles").fetchone() == (4,)
    con.close()
    # the run is in the persistent instance, for the UI
    assert any(p.name == "history" or p.suffix == ".db" for p in home.rglob("*"))

    status = corpus("status", "--lake", str(lake), home=home)
    assert status.returncode == 0
    assert "articles" in status.stdout and "missing_date_header" in status.stdout

    query = corpus("query", "select count(*) as n from articles", "--lake", str(lake), home=home)
    assert query.returncode == 0 and "4" in query.stdout

    storm = (
        connect(Lake(lake), rebuild=False)
        .execute("select article_id from articles where raw_path like '%storm-copy%'")
        .fetchone()[0]
    )
    shown = corpus("duplicates", storm, "--lake", str(lake), home=home)
    assert shown.returncode == 0, shown.stderr
    assert "2 articles" in shown.stdout and "exact" in shown.stdout
    assert "earliest_published_at" in shown.stdout
    unknown = corpus("duplicates", "0000", "--lake", str(lake), home=home)
    assert unknown.returncode == 2 and "no article" in unknown.stderr

    again = corpus("ingest", "--raw", str(raw), "--lake", str(lake), "--quiet", home=home)
    assert again.returncode == 0
    assert "no new or changed files" in again.stdout


def test_missing_raw_folder_is_one_clear_line(tmp_path: Path) -> None:
    proc = corpus(
        "ingest", "--raw", str(tmp_path / "nope"), "--lake", str(tmp_path / "l"), home=tmp_path
    )
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_sql_is_one_clear_line(tmp_path: Path) -> None:
    raw, lake = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    assert (
        corpus(
            "ingest", "--raw", str(raw), "--lake", str(lake), "--quiet", home=tmp_path
        ).returncode
        == 0
    )
    proc = corpus("query", "select nope from articles", "--lake", str(lake), home=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
