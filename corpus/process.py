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
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from corpus.batchtables import BatchTables, build_tables
from corpus.dedup.config import DedupConfig
from corpus.extract import base_format, extract
from corpus.formats import read_file
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.normalize.article import build_article
from corpus.rawpath import raw_path_of
from corpus.rawscan import sha256_file
from corpus.records import Article, RawFile, Reject
from corpus.rejects import make_reject
from corpus.timings import StageTimes


class BatchWork(Protocol):
    """What processing needs of a registered batch."""

    batch_id: str
    registered_at: dt.datetime
    files: list[RawFile]


ProgressCallback = Callable[[RawFile], None]
# Measured by `make bench-parallel` (2 workers, 2 cores shared with other work): spawning the
# workers costs 8-12 s of imports and first-call setup, a warm serial file 3.5-10 ms, so they
# break even at 2,300-4,500 files; sending a chunk's tables back costs ~8 ms, so chunks can stay
# small enough for a smooth progress bar.
CHUNK_FILES = 500  # files per unit of work
PARALLEL_MIN_FILES = 3000  # below this, starting worker processes costs more than it saves


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
    *,
    real_root: str | None = None,
) -> Iterator[Article | Reject]:
    """Every record of one raw file, as an article or a reject; never raises for bad input.

    The path is resolved and must stay inside the raw root (`real_root`: the root already
    resolved, once per chunk): a link swapped in after planning never leads a read outside it."""
    raw_path = raw_path_of(raw_file.path)
    root = real_root or os.path.realpath(raw_root)
    path = os.path.realpath(os.path.join(root, raw_file.path))
    if not path.startswith(root + os.sep):
        yield make_reject(
            raw_path, None, "outside_raw_root", "the path resolves outside the raw root"
        )
        return
    times = times if times is not None else StageTimes()
    clock = time.perf_counter
    for item in _timed(read_file(Path(path), raw_path, options=options), times, "read"):
        if isinstance(item, Reject):
            yield item
            continue
        started = clock()
        parsed = extract(item, time_limit=options.record_time_limit)  # cleans `item`
        extracted = clock()
        times.add("extract" if base_format(item.raw_format) == "text" else "extract_markup",
                  extracted - started)  # fmt: skip
        if isinstance(parsed, Reject):
            yield parsed
            continue
        article = build_article(item, parsed, raw_file.sha256, options.sources, times)
        times.add("normalize", clock() - extracted)
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
    articles: list[Article] = []
    rejects: list[dict] = []
    n_records = 0
    times = StageTimes()
    root = os.path.realpath(raw_root)
    for raw_file in files:
        mine: list[Article] = []  # held until the file is known unchanged since planning
        mine_rejects: list[dict] = []
        for item in process_file(raw_root, raw_file, options, times, real_root=root):
            if isinstance(item, Reject):
                mine_rejects.append(reject_row(item, raw_file.sha256, batch_id))
            else:
                mine.append(item)
        n_mine = len(mine) + len(mine_rejects)
        shows_content = mine or any(r["excerpt"] for r in mine_rejects)
        if shows_content and (change := changed_since_planning(raw_root, raw_file)) is not None:
            reject = make_reject(raw_path_of(raw_file.path), None, "changed_while_reading", change)
            mine, mine_rejects, n_mine = [], [reject_row(reject, raw_file.sha256, batch_id)], 1
        articles.extend(mine)
        rejects.extend(mine_rejects)
        n_records += n_mine
    return build_tables(
        articles,
        rejects,
        batch_id=batch_id,
        ingested_at=ingested_at,
        config=config,
        n_records=n_records,
        times=times,
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
