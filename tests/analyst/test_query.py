"""`corpus query`: the first N rows, in the format asked, never cut when it goes to a pipe or file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest

from corpus.lake.catalog import open_catalog
from corpus.query_output import render_table
from pipelines.cli import main


def catalog_rows(lake: Path, sql: str) -> list[tuple]:
    con = open_catalog(str(lake / "catalog.duckdb"))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def query(lake: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["query", *args, "--lake", str(lake)])
    out, err = capsys.readouterr()
    return code, out, err


def test_limit_is_the_first_rows_in_query_order(sample_lake: Path, capsys) -> None:
    sql = "select article_id from articles order by article_id"
    code, out, _ = query(sample_lake, capsys, sql, "--limit", "3", "--format", "csv")
    assert code == 0
    expected = [r[0] for r in catalog_rows(sample_lake, sql)[:3]]
    assert list(csv.DictReader(io.StringIO(out))) == [{"article_id": i} for i in expected]


def test_csv_holds_lists_as_json(sample_lake: Path, capsys) -> None:
    sql = "select source, count(*) as n, list(distinct language order by language) as langs from articles group by 1 order by 1"
    code, out, _ = query(sample_lake, capsys, sql, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = catalog_rows(sample_lake, sql)
    assert [(r["source"], int(r["n"]), json.loads(r["langs"])) for r in rows] == expected


def test_json_is_parseable_records(sample_lake: Path, capsys) -> None:
    sql = "select article_id, authors, published_at from articles order by article_id limit 5"
    code, out, _ = query(sample_lake, capsys, sql, "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [r["article_id"] for r in records] == [r[0] for r in catalog_rows(sample_lake, sql)]
    assert all(isinstance(r["authors"], list | None) for r in records)


def test_table_in_a_pipe_is_full_width(sample_lake: Path, capsys) -> None:
    sql = "select article_id, text from articles order by length(text) desc, article_id limit 1"
    article_id, text = catalog_rows(sample_lake, sql)[0]
    assert len(text) > 200
    code, out, _ = query(sample_lake, capsys, sql)
    assert code == 0
    assert article_id in out and text.replace("\n", " ") in out


def test_parquet_needs_a_file_and_round_trips(sample_lake: Path, tmp_path: Path, capsys) -> None:
    sql = "select article_id, n_words from articles order by article_id"
    code, _, err = query(sample_lake, capsys, sql, "--format", "parquet")
    assert code == 2 and "-o FILE" in err
    target = tmp_path / "out.parquet"
    code, _, _ = query(sample_lake, capsys, sql, "--format", "parquet", "-o", str(target))
    assert code == 0
    assert pl.read_parquet(target).rows() == catalog_rows(sample_lake, sql)


def test_render_table_fits_a_terminal_width() -> None:
    frame = pl.DataFrame({"id": ["a", "b"], "text": ["x" * 300, "short"]})
    lines = render_table(frame, width=60).splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert lines[2].endswith("…") and lines[3].endswith("short")
    assert "x" * 300 in render_table(frame)
