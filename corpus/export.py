"""Export unique articles (or clean paragraphs) as JSONL or Parquet shards, or a Hugging Face folder.

Exports read the catalog's analyst views, so the dedup and boilerplate removal that the lake
computed are applied exactly as a DuckDB user sees them. Rows stream from DuckDB in record batches
(memory stays bounded by one shard) in a fixed order, so the same lake exports the same files.
Shards are written under temporary names and renamed once their count is known, which gives the
`-00000-of-00003` names that `datasets` and most loaders expect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

FORMATS = ("jsonl", "parquet", "hf")
# the view, its stable row order, and the file-name stem per kind of export
VIEWS = {
    "articles": ("unique_articles", "published_at NULLS LAST, article_id", "articles"),
    "paragraphs": ("clean_paragraphs", "article_id, position", "paragraphs"),
}
BATCH_ROWS = 8_192


class ExportError(Exception):
    """The export cannot start (no catalog, a non-empty target folder): one line for the user."""


@dataclass(slots=True, frozen=True)
class ExportFilter:
    """Which rows to export; paragraphs are filtered by their article's source/language/date."""

    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    since: dt.date | None = None
    min_words: int | None = None  # of the exported row: an article's or a paragraph's words

    def describe(self) -> str:
        parts = [
            f"source in {list(self.sources)}" if self.sources else "",
            f"language in {list(self.languages)}" if self.languages else "",
            f"published on or after {self.since}" if self.since else "",
            f"at least {self.min_words} words" if self.min_words is not None else "",
        ]
        return "; ".join(p for p in parts if p) or "none"

    def where(self, view: str) -> tuple[str, list[object]]:
        """A WHERE clause (or "") over `view` and its parameters."""
        article_terms: list[str] = []
        params: list[object] = []
        if self.sources:
            article_terms.append("source IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.sources))
        if self.languages:
            article_terms.append("language IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.languages))
        if self.since is not None:
            article_terms.append("published_date >= ?")
            params.append(self.since)
        terms = list(article_terms)
        if article_terms and view == "clean_paragraphs":
            inner = " AND ".join(article_terms)
            terms = [f"article_id IN (SELECT article_id FROM unique_articles WHERE {inner})"]
        if self.min_words is not None:
            terms.append("n_words >= ?")
            params.append(self.min_words)
        return (" WHERE " + " AND ".join(terms) if terms else ""), params


@dataclass(slots=True)
class ExportResult:
    files: list[Path] = field(default_factory=list)
    rows: int = 0


def _batches(
    con: duckdb.DuckDBPyConnection, kind: str, where: ExportFilter
) -> tuple[int, pa.RecordBatchReader]:
    view, order, _ = VIEWS[kind]
    clause, params = where.where(view)
    total = con.execute(f"SELECT count(*) FROM {view}{clause}", params).fetchone()[0]
    reader = con.execute(f"SELECT * FROM {view}{clause} ORDER BY {order}", params).to_arrow_reader(
        BATCH_ROWS
    )
    return total, reader


def _shards(batches: Iterator[pa.RecordBatch], schema: pa.Schema, rows: int) -> Iterator[pa.Table]:
    """Tables of exactly `rows` rows (the last one shorter); one empty table for no rows."""
    pending: list[pa.RecordBatch] = []
    held = 0
    emitted = False
    for batch in batches:
        while batch.num_rows:
            take = min(rows - held, batch.num_rows)
            pending.append(batch.slice(0, take))
            batch, held = batch.slice(take), held + take
            if held == rows:
                yield pa.Table.from_batches(pending, schema)
                pending, held, emitted = [], 0, True
    if pending or not emitted:
        yield pa.Table.from_batches(pending, schema)


def _write_jsonl(table: pa.Table, path: Path) -> None:
    pl.from_arrow(table).write_ndjson(path)  # type: ignore[union-attr]


def _write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd")


def hf_card(kind: str, rows: int, where: ExportFilter) -> str:
    """README.md whose YAML header tells `datasets.load_dataset(folder)` where the shards are."""
    view = VIEWS[kind][0]
    return (
        "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n"
        "    path: data/train-*.parquet\n---\n\n"
        f"# corpus-lake export: {view}\n\n"
        f"{rows} rows of the lake's `{view}` view (deduplicated"
        f"{', boilerplate removed' if kind == 'paragraphs' else ''}), exported by `corpus export`.\n"
        f"Filter: {where.describe()}.\n\n"
        "```python\nfrom datasets import load_dataset\n"
        'ds = load_dataset("path/to/this/folder", split="train")\n```\n'
    )


def export(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    *,
    fmt: str = "jsonl",
    kind: str = "articles",
    where: ExportFilter | None = None,
    shard_rows: int = 50_000,
    progress: bool = False,
) -> ExportResult:
    """Write the selected rows of the catalog `con` is connected to (the caller closes it) under
    `out_dir` (absent or empty) and return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if shard_rows < 1:
        raise ValueError("shard_rows must be at least 1")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ExportError(f"{out_dir} is not empty: export into a new or empty folder")
    where = where or ExportFilter()
    stem = VIEWS[kind][2]
    data_dir, ext = out_dir, "jsonl" if fmt == "jsonl" else "parquet"
    if fmt == "hf":
        data_dir, stem = out_dir / "data", "train"
    data_dir.mkdir(parents=True, exist_ok=True)
    write: Callable[[pa.Table, Path], None] = _write_jsonl if fmt == "jsonl" else _write_parquet

    total, reader = _batches(con, kind, where)
    result = ExportResult()
    with tqdm(total=total, unit="row", desc="export", disable=not progress) as bar:
        for index, shard in enumerate(_shards(reader, reader.schema, shard_rows)):
            path = data_dir / f".{stem}-{index:05d}.tmp"
            write(shard, path)
            result.files.append(path)
            result.rows += shard.num_rows
            bar.update(shard.num_rows)
    n = len(result.files)
    final = [data_dir / f"{stem}-{i:05d}-of-{n:05d}.{ext}" for i in range(n)]
    for tmp, path in zip(result.files, final, strict=True):
        tmp.rename(path)
    result.files = final
    if fmt == "hf":
        (out_dir / "README.md").write_text(hf_card(kind, result.rows, where), encoding="utf-8")
    return result
