"""One ingest batch: read, extract, normalize and fingerprint its files, then commit the rows.

Each table gets one Delta commit that replaces the batch's rows (and the rows of earlier versions
of the batch's files), written in the order rejects, signatures, paragraphs, articles; the
`batches` row comes last, and readers only show rows of batches recorded there. A crash between
commits therefore never shows half a batch, and a re-run replaces rather than appends.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from corpus import PIPELINE_VERSION
from corpus.dedup.config import DedupConfig
from corpus.discover import BatchManifest, load_manifests
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.lake import delta
from corpus.lake.read import scan_raw
from corpus.process import ProgressCallback, collect_tables


@dataclass(slots=True)
class BatchResult:
    batch_id: str
    n_files: int
    n_records: int
    n_articles: int
    n_paragraphs: int
    n_rejects: int
    rejects_by_reason: dict[str, int]
    seconds: float


def superseded_paths(manifest: BatchManifest, lake_root: str) -> list[str]:
    """Files of this batch that an earlier batch registered: their old rows must go."""
    mine = {f.path for f in manifest.files}
    earlier = set()
    for other in load_manifests(lake_root):
        if other.batch_id != manifest.batch_id:
            earlier.update(f.path for f in other.files if f.path in mine)
    return sorted(earlier)


def raw_path_predicate(batch_id: str, paths: list[str]) -> str:
    clauses = [f"batch_id = '{batch_id}'"]
    if paths:
        clauses.append(f"raw_path IN ({delta.sql_string_list(paths)})")
        clauses.extend(
            f"starts_with(raw_path, '{p.replace(chr(39), chr(39) * 2)}!')" for p in paths
        )
    return " OR ".join(clauses)


def article_id_predicate(batch_id: str, lake_root: str, paths: list[str]) -> str:
    clauses = [f"batch_id = '{batch_id}'"]
    if paths:
        stale = (
            scan_raw("articles", lake_root)
            .select("article_id", "raw_path", "batch_id")
            .filter(pl.col("batch_id") != batch_id)
            .filter(
                pl.col("raw_path").is_in(paths)
                | pl.any_horizontal(pl.col("raw_path").str.starts_with(f"{p}!") for p in paths)
            )
            .collect()["article_id"]
            .to_list()
        )
        if stale:
            clauses.append(f"article_id IN ({delta.sql_string_list(stale)})")
    return " OR ".join(clauses)


def batch_parameters(config: DedupConfig, options: ReadOptions) -> str:
    """Everything that changes output, with versions: the batch row records how it was made."""
    return json.dumps(
        {
            "pipeline_version": PIPELINE_VERSION,
            "dedup": {"signature_id": config.signature_id, **dataclasses.asdict(config)},
            "read": dataclasses.asdict(options),
        },
        sort_keys=True,
        default=str,
    )


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def ingest_batch(
    manifest: BatchManifest,
    raw_root: str | Path,
    lake_root: str,
    *,
    dedup_config: DedupConfig | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    options: ReadOptions | None = None,
) -> BatchResult:
    """Run one registered batch end to end and commit it to the lake (`workers`: processes for
    large batches; None or 0 means one per core)."""
    config = dedup_config or DedupConfig()
    options = options or DEFAULT_OPTIONS
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC)
    workers = workers or default_workers()
    tables = collect_tables(
        manifest, Path(raw_root), config, progress, options=options, workers=workers
    )

    old_paths = superseded_paths(manifest, lake_root)
    by_path = raw_path_predicate(manifest.batch_id, old_paths)
    by_article = article_id_predicate(manifest.batch_id, lake_root, old_paths)
    delta.replace_where(lake_root, "rejects", tables.rejects, by_path)
    delta.replace_where(lake_root, "signatures", tables.signatures, by_article)
    delta.replace_where(lake_root, "paragraphs", tables.paragraphs, by_article)
    delta.replace_where(lake_root, "articles", tables.articles, by_path)

    reasons = Counter(tables.rejects.column("reason").to_pylist())
    batch_row = {
        "batch_id": manifest.batch_id,
        "registered_at": manifest.registered_at,
        "started_at": started_at,
        "finished_at": dt.datetime.now(dt.UTC),
        "n_files": len(manifest.files),
        "n_records": tables.n_records,
        "n_articles": tables.articles.num_rows,
        "n_paragraphs": tables.paragraphs.num_rows,
        "n_rejects": tables.rejects.num_rows,
        "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in manifest.files],
        "parameters": batch_parameters(config, options),
        "pipeline_version": PIPELINE_VERSION,
    }
    delta.replace_where(lake_root, "batches", [batch_row], f"batch_id = '{manifest.batch_id}'")
    return BatchResult(
        batch_id=manifest.batch_id,
        n_files=len(manifest.files),
        n_records=tables.n_records,
        n_articles=tables.articles.num_rows,
        n_paragraphs=tables.paragraphs.num_rows,
        n_rejects=tables.rejects.num_rows,
        rejects_by_reason=dict(sorted(reasons.items())),
        seconds=time.perf_counter() - started,
    )
