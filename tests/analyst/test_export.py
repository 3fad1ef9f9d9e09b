"""`corpus export`: unique articles or clean paragraphs, filtered, in shards a loader can read."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import closing
from pathlib import Path

import polars as pl

from corpus.export import ExportFilter, ExportResult, export
from corpus.lake.catalog import open_catalog
from pipelines.cli import main


def count(lake: Path, sql: str, params: list | None = None) -> int:
    con = open_catalog(str(lake / "catalog.duckdb"))
    try:
        return con.execute(sql, params or []).fetchone()[0]
    finally:
        con.close()


def run_export(lake: Path, out: Path, **options) -> ExportResult:
    with closing(open_catalog(lake / "catalog.duckdb")) as con:
        return export(con, out, **options)


def read_jsonl(files: list[Path]) -> list[dict]:
    return [json.loads(line) for f in files for line in f.read_text().splitlines()]


def test_jsonl_shards_hold_exactly_the_unique_articles(sample_lake: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_export(sample_lake, out, fmt="jsonl", shard_rows=25)
    n_unique = count(sample_lake, "select count(*) from unique_articles")
    n_all = count(sample_lake, "select count(*) from articles")
    assert n_unique < n_all  # the sample has duplicates, so the dedup shows
    assert result.rows == n_unique
    n = -(-n_unique // 25)
    assert sorted(p.name for p in out.iterdir()) == [
        f"articles-{i:05d}-of-{n:05d}.jsonl" for i in range(n)
    ]
    rows = read_jsonl(result.files)
    assert [len(f.read_text().splitlines()) for f in result.files][:-1] == [25] * (n - 1)
    ids = [r["article_id"] for r in rows]
    assert len(set(ids)) == len(ids)
    dropped = count(
        sample_lake,
        "select count(*) from duplicates where article_id <> kept_article_id "
        "and article_id in (select unnest(?::varchar[]))",
        [ids],
    )
    assert dropped == 0


def test_filters_select_the_same_rows_as_sql(sample_lake: Path, tmp_path: Path) -> None:
    since = dt.date(2024, 2, 1)
    where = ExportFilter(
        sources=("meridian-wire", "valley-gazette"), languages=("en",), since=since, min_words=50
    )
    result = run_export(sample_lake, tmp_path / "o", fmt="parquet", where=where)
    frame = pl.read_parquet(result.files)
    expected = count(
        sample_lake,
        "select count(*) from unique_articles where source in ('meridian-wire', 'valley-gazette') "
        "and language = 'en' and published_date >= ? and n_words >= 50",
        [since],
    )
    assert 0 < frame.height == expected
    assert set(frame["source"]) <= {"meridian-wire", "valley-gazette"}
    assert (frame["n_words"] >= 50).all() and (frame["published_date"] >= since).all()


def test_paragraphs_are_the_clean_ones(sample_lake: Path, tmp_path: Path) -> None:
    result = run_export(sample_lake, tmp_path / "p", kind="paragraphs")
    assert result.rows == count(sample_lake, "select count(*) from clean_paragraphs")
    boilerplate = count(
        sample_lake,
        "select count(*) from paragraphs p join paragraph_stats s using (paragraph_hash) "
        "where s.is_boilerplate",
    )
    assert boilerplate > 0 and result.rows < count(sample_lake, "select count(*) from paragraphs")


def test_hf_layout(sample_lake: Path, tmp_path: Path) -> None:
    out = tmp_path / "hf"
    result = run_export(sample_lake, out, fmt="hf", shard_rows=40)
    card = (out / "README.md").read_text()
    assert card.startswith("---\nconfigs:\n") and "path: data/train-*.parquet" in card
    assert "Filter: none." in card
    assert all(p.parent == out / "data" and p.name.startswith("train-") for p in result.files)
    assert pl.read_parquet(result.files).height == result.rows
    import datasets  # a dev dependency: the real loader, not a guess at its layout rules

    loaded = datasets.load_dataset(str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert loaded.num_rows == result.rows
    assert "article_id" in loaded.column_names


def test_cli_refuses_a_non_empty_folder(sample_lake: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    code = main(["export", "-o", str(tmp_path), "--lake", str(sample_lake)])
    assert code == 2 and "not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_cli_export(sample_lake: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "e"
    code = main(["export", "-o", str(out), "--language", "en", "--lake", str(sample_lake)])
    assert code == 0
    n = count(sample_lake, "select count(*) from unique_articles where language = 'en'")
    assert f"{n} rows in 1 files" in capsys.readouterr().out
