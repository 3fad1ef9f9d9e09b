"""Running the real `corpus` command in a subprocess, and comparing lakes by content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pyarrow as pa

from corpus.lake import Lake
from corpus.lake.batching import schedule
from corpus.lake.parts import new_run
from corpus.stream import PartTarget, stage_tables

ROOT = Path(__file__).parents[2]
# columns that differ between two runs that ingest the same inputs (ids and times of batches)
RUN_COLUMNS = {"batch_id", "ingested_at"}


def corpus(
    *args: str,
    home: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CORPUS_")}
    full_env.pop("DAGSTER_HOME", None)
    if home is not None:
        full_env["DAGSTER_HOME"] = str(home)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=cwd,
        env={**full_env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_corpus(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CORPUS_")}
    full_env.pop("DAGSTER_HOME", None)
    full_env.update(env or {})
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


SORT_KEYS = {
    "articles": ["article_id"],
    "paragraphs": ["article_id", "position"],
    "signatures": ["article_id"],
    "rejects": ["raw_path", "record_index", "reason"],
    "duplicates": ["article_id"],
    "paragraph_stats": ["source", "paragraph_hash"],
}


def content(lake: Lake, name: str) -> pl.DataFrame:
    """A table as readers see it, without the columns that name the run that wrote it."""
    frame = lake.read(name)
    frame = frame.drop([c for c in frame.columns if c in RUN_COLUMNS])
    return frame.sort(SORT_KEYS[name], nulls_last=True)


def raw_content(lake: Lake, name: str) -> pl.DataFrame:
    """Every row the Delta table holds (what a plain Delta reader sees), run columns dropped."""
    frame = lake.store.scan(name).collect()
    frame = frame.drop([c for c in frame.columns if c in RUN_COLUMNS])
    return frame.sort(SORT_KEYS[name], nulls_last=True)


def catalog_count(lake: Lake, view: str) -> int:
    from corpus.lake.catalog import connect

    con = connect(lake, rebuild=False)
    try:
        return con.execute(f'SELECT count(*) FROM "{view}"').fetchone()[0]
    finally:
        con.close()


def staged(lake: Lake, batch_id: str, tables: dict[str, pa.Table]) -> dict[str, list]:
    """A batch's tables written as Parquet parts, as processing leaves them for `commit_batch`."""
    target = PartTarget(lake.uri, lake.store.storage_options, batch_id, new_run())
    return stage_tables(target, tables, chunk=0).parts


def generated_batch(tmp_path: Path, n_articles: int = 120) -> tuple[Path, Lake, SimpleNamespace]:
    """A generated raw root, a lake, and its one registered batch as the work that staging
    takes (`corpus.process.BatchWork`): the batch id, when it was registered, its files."""
    from tools.sample.generate import generate_corpus

    raw = tmp_path / "raw"
    generate_corpus(raw, n_articles=n_articles, seed=3)
    lake = Lake(tmp_path / "lake")
    [registered] = schedule(lake, raw).registered
    registration = lake.registration(registered.batch_id)
    work = SimpleNamespace(
        batch_id=registration.batch_id,
        registered_at=registration.registered_at,
        files=[f.raw_file() for f in registration.files],
    )
    return raw, lake, work
