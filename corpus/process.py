"""Turning a batch's files into Arrow tables: read, extract, normalize, fingerprint.

Dagster-free and lake-free: the commit path (`corpus.ingest`) takes what this returns. Large
batches run in worker processes, one chunk of files each.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from corpus import PIPELINE_VERSION
from corpus.dedup.config import DedupConfig
from corpus.dedup.minhash import minhash_signatures, pack_signatures
from corpus.extract import extract
from corpus.formats import read_file
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.lake.tables import spec
from corpus.normalize.article import article_row, build_article, paragraph_rows
from corpus.rawpath import raw_path_of
from corpus.rawscan import sha256_file
from corpus.records import Article, RawFile, Reject
from corpus.rejects import make_reject
from corpus.sanitize import clean_row
from corpus.timings import StageTimes


class BatchWork(Protocol):
    """What processing needs of a registered batch."""

    batch_id: str
    registered_at: dt.datetime
    files: list[RawFile]


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
    n_sanitized: int = 0  # code points changed by `corpus.sanitize` in this batch's rows

    def extend(self, other: BatchRows) -> None:
        self.articles.extend(other.articles)
        self.paragraphs.extend(other.paragraphs)
        self.rejects.extend(other.rejects)
        self.n_records += other.n_records
        self.n_sanitized += other.n_sanitized

    def add(self, table: str, row: dict) -> None:
        """Append one row, every string in it made storable (`corpus.sanitize.clean_row`)."""
        clean, changed = clean_row(row)
        self.n_sanitized += changed
        getattr(self, table).append(clean)


@dataclass(slots=True)
class BatchTables:
    """A batch's tables in their canonical schemas, ready to commit."""

    articles: pa.Table
    paragraphs: pa.Table
    signatures: pa.Table
    rejects: pa.Table
    n_records: int
    n_sanitized: int = 0  # code points changed to make the rows' strings storable
    times: StageTimes = field(default_factory=StageTimes)  # seconds and items per stage


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


def changed_since_planning(raw_root: Path, raw_file: RawFile) -> str | None:
    """Why the file's bytes are no longer the ones planned (so its rows would not match their
    `raw_sha256`), or None. Hashing again costs one more sequential read of a file that was
    just read (page cache), small beside extraction."""
    try:
        digest = sha256_file(raw_root / raw_file.path, expected_size=raw_file.size)
    except OSError as exc:
        return f"the file cannot be hashed again after reading: {exc}"
    if digest != raw_file.sha256:
        return "the file's content hash changed between planning and reading"
    return None


def _timed(items: Iterator, times: StageTimes, stage: str) -> Iterator:
    """The items of an iterator, the time spent producing each one added to `stage`."""
    while True:
        started = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            times.add(stage, time.perf_counter() - started, 0)
            return
        times.add(stage, time.perf_counter() - started)
        yield item


def process_file(
    raw_root: Path,
    raw_file: RawFile,
    options: ReadOptions = DEFAULT_OPTIONS,
    times: StageTimes | None = None,
) -> Iterator[Article | Reject]:
    """Every record of one raw file, as an article or a reject; never raises for bad input.

    The path is resolved and must stay inside the raw root: a link swapped in after planning
    never leads a read outside it."""
    raw_path = raw_path_of(raw_file.path)
    root = os.path.realpath(raw_root)
    path = os.path.realpath(raw_root / raw_file.path)
    if not path.startswith(root + os.sep):
        yield make_reject(
            raw_path, None, "outside_raw_root", "the path resolves outside the raw root"
        )
        return
    times = times if times is not None else StageTimes()
    for item in _timed(read_file(Path(path), raw_path, options=options), times, "read"):
        if isinstance(item, Reject):
            yield item
            continue
        with times.track("extract"):
            parsed = extract(item, time_limit=options.record_time_limit)  # cleans `item`
        if isinstance(parsed, Reject):
            yield parsed
            continue
        with times.track("normalize"):
            article = build_article(item, parsed, raw_file.sha256, options.sources)
        yield article


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
    times = StageTimes()
    for raw_file in files:
        mine = BatchRows()  # held until the file is known unchanged since planning
        for item in process_file(raw_root, raw_file, options, times):
            mine.n_records += 1
            started = time.perf_counter()
            if isinstance(item, Reject):
                mine.add("rejects", reject_row(item, raw_file.sha256, batch_id))
            else:
                mine.n_sanitized += item.sanitized
                mine.add("articles", article_row(item, batch_id, ingested_at, PIPELINE_VERSION))
                for paragraph in paragraph_rows(item, batch_id):
                    mine.add("paragraphs", paragraph)
            times.add("rows", time.perf_counter() - started)
        shows_content = mine.articles or any(r["excerpt"] for r in mine.rejects)
        if shows_content and (change := changed_since_planning(raw_root, raw_file)) is not None:
            mine = BatchRows(n_records=1)
            reject = make_reject(raw_path_of(raw_file.path), None, "changed_while_reading", change)
            mine.add("rejects", reject_row(reject, raw_file.sha256, batch_id))
        rows.extend(mine)
    with times.track("fingerprint", len(rows.articles)):
        signatures = signature_rows(rows.articles, config, batch_id)
    with times.track("arrow", rows.n_records):
        tables = {
            "articles": spec("articles").rows_to_table(rows.articles),
            "paragraphs": spec("paragraphs").rows_to_table(rows.paragraphs),
            "signatures": spec("signatures").rows_to_table(signatures),
            "rejects": spec("rejects").rows_to_table(rows.rejects),
        }
    return BatchTables(
        **tables, n_records=rows.n_records, n_sanitized=rows.n_sanitized, times=times
    )


def chunks(files: list[RawFile], size: int) -> list[list[RawFile]]:
    return [files[i : i + size] for i in range(0, len(files), size)]


def collect_tables(
    manifest: BatchWork,
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
    times = StageTimes()
    for tables in done:
        times.merge(tables.times)
    return BatchTables(
        articles=pa.concat_tables(t.articles for t in done),
        paragraphs=pa.concat_tables(t.paragraphs for t in done),
        signatures=pa.concat_tables(t.signatures for t in done),
        rejects=pa.concat_tables(t.rejects for t in done),
        n_records=sum(t.n_records for t in done),
        n_sanitized=sum(t.n_sanitized for t in done),
        times=times,
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
