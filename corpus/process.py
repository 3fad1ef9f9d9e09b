"""Turning a batch's files into Arrow tables: read, extract, normalize, fingerprint.

Dagster-free and lake-free: `corpus.stream` runs this per chunk of a batch's files, in worker
processes or Ray tasks, and writes what it returns as Parquet parts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from corpus.batchtables import BatchTables, build_tables
from corpus.dedup.config import DedupConfig
from corpus.extract import base_format, extract
from corpus.extract.timeout import alarm_handler
from corpus.formats import read_file
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.normalize.article import build_article
from corpus.rawobjects import RawReader, RawRoot
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
# below this, starting worker processes inside the batch costs more than it saves; the shared
# pool an ingest starts while planning (`corpus.workerpool`) takes any batch of 2 chunks
PARALLEL_MIN_FILES = 3000


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


def changed_since_planning(
    raw_root: Path, raw_file: RawFile, *, check_size: bool = True
) -> str | None:
    """Why the file's bytes are no longer the ones planned (so its rows would not match their
    `raw_sha256`), or None. Hashing again costs one more sequential read of a file that was
    just read (page cache), small beside extraction. `check_size`: the planned size is the
    file's (a folder), not only what a store listed (`corpus.rawobjects`)."""
    expected = raw_file.size if check_size else None
    try:
        digest = sha256_file(raw_root / raw_file.path, expected_size=expected)
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
    raw_root: RawRoot,
    batch_id: str,
    ingested_at: dt.datetime,
    config: DedupConfig,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> BatchTables:
    """The tables of some of a batch's files, signatures included; runs in a worker process
    for large batches (Arrow tables travel back between processes far cheaper than dicts).
    `raw_root` may be an object-store URI: each object is then fetched just before it is read
    (`corpus.rawobjects.RawReader`)."""
    articles: list[Article] = []
    rejects: list[dict] = []
    n_records = 0
    times = StageTimes()
    with RawReader(raw_root) as reader, alarm_handler():  # each record's time limit, cheaper
        for raw_file in files:
            with reader.fetched(raw_file.path):
                mine, mine_rejects = _file_rows(reader, raw_file, batch_id, options, times)
            articles.extend(mine)
            rejects.extend(mine_rejects)
            n_records += len(mine) + len(mine_rejects)
    return build_tables(
        articles,
        rejects,
        batch_id=batch_id,
        ingested_at=ingested_at,
        config=config,
        n_records=n_records,
        times=times,
    )


def _file_rows(
    reader: RawReader, raw_file: RawFile, batch_id: str, options: ReadOptions, times: StageTimes
) -> tuple[list[Article], list[dict]]:
    """One file's articles and reject rows, or one `changed_while_reading` reject when its
    bytes are no longer the planned ones."""
    mine: list[Article] = []  # held until the file is known unchanged since planning
    mine_rejects: list[dict] = []
    root = reader.root
    for item in process_file(root, raw_file, options, times, real_root=reader.real_root):
        if isinstance(item, Reject):
            mine_rejects.append(reject_row(item, raw_file.sha256, batch_id))
        else:
            mine.append(item)
    shows_content = mine or any(r["excerpt"] for r in mine_rejects)
    if shows_content and (
        change := changed_since_planning(root, raw_file, check_size=reader.sizes_exact)
    ):
        reject = make_reject(raw_path_of(raw_file.path), None, "changed_while_reading", change)
        return [], [reject_row(reject, raw_file.sha256, batch_id)]
    return mine, mine_rejects


def chunks(files: list[RawFile], size: int) -> list[list[RawFile]]:
    return [files[i : i + size] for i in range(0, len(files), size)]


# one small file of each kind that processing parses, run through it by `warm_up`
WARM_UP_FILES = {
    "warm-up/dump.txt": b"date 2024-01-02 HARBOUR TOWN - The quay reopened on Monday.\n\n"
    b"Repairs took a week, the port said.\n",
    "warm-up/page.html": b"<html><head><title>Quay reopens</title></head><body><article>"
    b"<h1>Quay reopens</h1><p>The quay reopened on Monday after a week of repairs.</p>"
    b"<p>Ferries run again from Tuesday, the port said.</p></article></body></html>",
}


def warm_up() -> BatchTables:
    """Load everything processing loads on first use (parsers, models, tables) by processing
    `WARM_UP_FILES` once: a worker started ahead of its batch then starts it at full speed."""
    with tempfile.TemporaryDirectory(prefix="corpus-warm-up-") as tmp:
        root = Path(tmp)
        files = []
        for rel, data in WARM_UP_FILES.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
            files.append(RawFile(rel, hashlib.sha256(data).hexdigest(), len(data)))
        when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        return tables_of_files(files, root, "warm-up", when, DedupConfig())
