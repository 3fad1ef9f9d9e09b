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
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa

from corpus import PIPELINE_VERSION
from corpus.dedup.config import DedupConfig
from corpus.dedup.minhash import minhash_signatures, pack_signatures
from corpus.discover import BatchManifest, load_manifests
from corpus.extract import extract
from corpus.formats import read_file
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.lake import delta
from corpus.lake.read import scan_raw
from corpus.normalize.article import article_row, build_article, paragraph_rows
from corpus.records import Article, RawFile, Reject

ProgressCallback = Callable[[RawFile], None]
CHUNK_FILES = 500  # files per unit of work: small enough for a smooth progress bar
PARALLEL_MIN_FILES = 2000  # below this, starting worker processes costs more than it saves


@dataclass(slots=True)
class BatchRows:
    """Everything one batch writes, as rows of the canonical schemas."""

    articles: list[dict] = field(default_factory=list)
    paragraphs: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    n_records: int = 0


@dataclass(slots=True)
class BatchTables:
    """A batch's tables in their canonical schemas, ready to commit."""

    articles: pa.Table
    paragraphs: pa.Table
    signatures: pa.Table
    rejects: pa.Table
    n_records: int


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


def reject_row(reject: Reject, raw_sha256: str, batch_id: str) -> dict:
    return {
        "raw_path": reject.raw_path,
        "raw_sha256": raw_sha256,
        "record_index": reject.record_index,
        "stage": reject.stage,
        "reason": reject.reason,
        "message": reject.message,
        "excerpt": reject.excerpt,
        "batch_id": batch_id,
    }


def process_file(
    raw_root: Path, raw_file: RawFile, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Reject]:
    """Every record of one raw file, as an article or a reject; never raises for bad input."""
    for item in read_file(raw_root / raw_file.path, raw_file.path, options=options):
        if isinstance(item, Reject):
            yield item
            continue
        parsed = extract(item, time_limit=options.record_time_limit)
        yield parsed if isinstance(parsed, Reject) else build_article(item, parsed, raw_file.sha256)


def tables_of_files(
    files: list[RawFile],
    raw_root: Path,
    batch_id: str,
    ingested_at: dt.datetime,
    config: DedupConfig,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> BatchTables:
    """The tables of some of a batch's files, signatures included; runs in a worker process
    for large batches (Arrow tables travel back between processes far cheaper than dicts)."""
    rows = BatchRows()
    for raw_file in files:
        for item in process_file(raw_root, raw_file, options):
            rows.n_records += 1
            if isinstance(item, Reject):
                rows.rejects.append(reject_row(item, raw_file.sha256, batch_id))
            else:
                rows.articles.append(article_row(item, batch_id, ingested_at, PIPELINE_VERSION))
                rows.paragraphs.extend(paragraph_rows(item, batch_id))
    return BatchTables(
        articles=delta.to_table("articles", rows.articles),
        paragraphs=delta.to_table("paragraphs", rows.paragraphs),
        signatures=delta.to_table("signatures", signature_rows(rows.articles, config, batch_id)),
        rejects=delta.to_table("rejects", rows.rejects),
        n_records=rows.n_records,
    )


def chunks(files: list[RawFile], size: int) -> list[list[RawFile]]:
    return [files[i : i + size] for i in range(0, len(files), size)]


def collect_tables(
    manifest: BatchManifest,
    raw_root: Path,
    config: DedupConfig,
    progress: ProgressCallback | None = None,
    *,
    options: ReadOptions = DEFAULT_OPTIONS,
    workers: int = 1,
    chunk_files: int = CHUNK_FILES,
    min_parallel_files: int = PARALLEL_MIN_FILES,
) -> BatchTables:
    """All tables of a batch, in manifest order, using `workers` processes for large batches."""
    args = (raw_root, manifest.batch_id, manifest.registered_at, config, options)
    parts = chunks(manifest.files, chunk_files) or [[]]
    if workers <= 1 or len(manifest.files) < min_parallel_files:
        return _concat((tables_of_files(part, *args) for part in parts), parts, progress)
    context = multiprocessing.get_context("spawn")  # fork is unsafe under Dagster's threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(tables_of_files, part, *args) for part in parts]
        return _concat((f.result() for f in futures), parts, progress)


def _concat(
    results: Iterator[BatchTables], parts: list[list[RawFile]], progress: ProgressCallback | None
) -> BatchTables:
    done: list[BatchTables] = []
    for part, tables in zip(parts, results, strict=True):
        done.append(tables)
        if progress is not None:
            for raw_file in part:
                progress(raw_file)
    return BatchTables(
        articles=pa.concat_tables(t.articles for t in done),
        paragraphs=pa.concat_tables(t.paragraphs for t in done),
        signatures=pa.concat_tables(t.signatures for t in done),
        rejects=pa.concat_tables(t.rejects for t in done),
        n_records=sum(t.n_records for t in done),
    )


def signature_rows(articles: list[dict], config: DedupConfig, batch_id: str) -> list[dict]:
    signatures = minhash_signatures([a["text"] for a in articles], config)
    return [
        {
            "article_id": a["article_id"],
            "content_hash": a["content_hash"],
            "minhash": packed,
            "dedup_version": config.signature_id,
            "batch_id": batch_id,
        }
        for a, packed in zip(articles, pack_signatures(signatures), strict=True)
    ]


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
