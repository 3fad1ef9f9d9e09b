"""A batch's chunks of files processed and written as Parquet parts as each finishes.

`corpus.process` turns a chunk of files into Arrow tables; here each chunk's tables go straight
to parts in the lake (`corpus.lake.parts`), in the worker that made them, and only a small
summary (counts, part names, timings) comes back. Nothing holds a whole batch, so peak memory
does not grow with the batch; the commit (`corpus.lake.commit`) then adds the parts in one Delta
commit per table. Any engine that can call `stage_chunk` on its workers can stage a batch.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, wait
from dataclasses import dataclass, field

import pyarrow as pa

from corpus.dedup.config import DedupConfig
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.lake.parts import Part, write_parts
from corpus.lake.tables import BATCH_TABLES
from corpus.process import (
    PARALLEL_MIN_FILES,
    BatchWork,
    ProgressCallback,
    chunks,
    tables_of_files,
)
from corpus.rawobjects import RawRoot
from corpus.records import RawFile
from corpus.timings import StageTimes
from corpus.workerpool import WorkerPool, shared_pool

# Files per chunk: a worker holds one chunk's rows, and each chunk writes one part per partition
# value (month) of a table, so chunks this large keep parts from being tiny (500 files over 24
# months would be parts of ~20 articles) while a worker's rows stay a few tens of MiB.
MIN_CHUNK_FILES = 500
MAX_CHUNK_FILES = 2000


def chunk_size(n_files: int, workers: int) -> int:
    """Even chunks within the bounds above, as many as a multiple of the workers, so that no
    worker idles through the batch's last round (10,000 files on 2 workers: 6 chunks of 1,667,
    not 5 of 2,000, of which one worker would do 3)."""
    workers = max(1, workers)
    n_chunks = -(-max(1, n_files) // MAX_CHUNK_FILES)
    n_chunks = -(-n_chunks // workers) * workers
    return max(MIN_CHUNK_FILES, -(-n_files // n_chunks))


@dataclass(frozen=True, slots=True)
class PartTarget:
    """Where one attempt of one batch writes its parts (picklable: it travels to workers)."""

    lake_uri: str
    storage_options: dict[str, str]
    batch_id: str
    run: str  # `corpus.lake.parts.new_run()`

    def write(self, name: str, rows: pa.Table, chunk: int) -> list[Part]:
        return write_parts(
            f"{self.lake_uri}/{name}",
            self.storage_options,
            name,
            rows,
            batch_id=self.batch_id,
            run=self.run,
            chunk=chunk,
        )


@dataclass(slots=True)
class StagedBatch:
    """What a batch's processing left: its parts per table, and the counts its row records."""

    parts: dict[str, list[Part]] = field(default_factory=lambda: {n: [] for n in BATCH_TABLES})
    rows: Counter[str] = field(default_factory=Counter)  # rows per table
    rejects_by_reason: Counter[str] = field(default_factory=Counter)
    n_records: int = 0
    n_sanitized: int = 0
    times: StageTimes = field(default_factory=StageTimes)

    def add(self, other: StagedBatch) -> None:
        for name, parts in other.parts.items():
            self.parts.setdefault(name, []).extend(parts)
        self.rows.update(other.rows)
        self.rejects_by_reason.update(other.rejects_by_reason)
        self.n_records += other.n_records
        self.n_sanitized += other.n_sanitized
        self.times.merge(other.times)


def stage_tables(target: PartTarget, tables: dict[str, pa.Table], chunk: int) -> StagedBatch:
    """Write one chunk's tables as parts; the counts of what was written."""
    staged = StagedBatch()
    for name, rows in tables.items():
        staged.parts[name] = target.write(name, rows, chunk)
        staged.rows[name] = rows.num_rows
    if "rejects" in tables:
        staged.rejects_by_reason.update(tables["rejects"].column("reason").to_pylist())
    return staged


def stage_chunk(
    files: list[RawFile],
    raw_root: RawRoot,
    ingested_at: dt.datetime,
    config: DedupConfig,
    options: ReadOptions,
    target: PartTarget,
    chunk: int,
) -> StagedBatch:
    """Process one chunk of a batch's files and write its parts (in a worker process)."""
    made = tables_of_files(files, raw_root, target.batch_id, ingested_at, config, options)
    tables = {name: getattr(made, name) for name in BATCH_TABLES}
    with made.times.track("parts", made.n_records):
        staged = stage_tables(target, tables, chunk)
    staged.n_records, staged.n_sanitized, staged.times = (
        made.n_records,
        made.n_sanitized,
        made.times,
    )
    return staged


def stage_batch(
    manifest: BatchWork,
    raw_root: RawRoot,
    config: DedupConfig,
    target: PartTarget,
    progress: ProgressCallback | None = None,
    *,
    options: ReadOptions = DEFAULT_OPTIONS,
    workers: int = 1,
    chunk_files: int | None = None,
    min_parallel_files: int = PARALLEL_MIN_FILES,
) -> StagedBatch:
    """Process and stage every chunk of a batch, using `workers` processes for large batches;
    the chunk number orders the parts as the manifest orders the files. The process's shared
    pool (`corpus.workerpool`), when it runs with `workers` processes, takes any batch of more
    than one chunk: its workers are already started."""
    args = (raw_root, manifest.registered_at, config, options, target)
    parts = chunks(manifest.files, chunk_files or chunk_size(len(manifest.files), workers))
    warm = shared_pool(workers)
    if warm is not None and len(parts) > 1:
        return Staging.submit(warm, parts, args).gather(progress)
    if workers <= 1 or len(manifest.files) < min_parallel_files:
        results: Iterator[StagedBatch] = (
            stage_chunk(part, *args, i) for i, part in enumerate(parts)
        )
        return gather_staged(results, parts, progress)
    pool = WorkerPool(workers)
    try:
        staged = Staging.submit(pool, parts, args).gather(progress)
    except BaseException:
        pool.close(kill=True)
        raise
    pool.close()
    return staged


def runs_on_shared_pool(n_files: int, workers: int) -> bool:
    """Whether `stage_batch` would run a batch of `n_files` on the shared pool."""
    return shared_pool(workers) is not None and n_files > chunk_size(n_files, workers)


def submit_to_shared_pool(
    manifest: BatchWork,
    raw_root: RawRoot,
    config: DedupConfig,
    target: PartTarget,
    *,
    options: ReadOptions,
    workers: int,
) -> Staging | None:
    """The batch's chunks queued on the shared pool now, as `stage_batch` would run them, to be
    gathered later (`corpus.ingest.start_ahead`); None where `stage_batch` would not use that
    pool (no pool of `workers` processes, or one chunk)."""
    parts = chunks(manifest.files, chunk_size(len(manifest.files), workers))
    warm = shared_pool(workers)
    if warm is None or len(parts) < 2:
        return None
    return Staging.submit(warm, parts, (raw_root, manifest.registered_at, config, options, target))


@dataclass(slots=True)
class Staging:
    """A batch's chunks queued on a pool, gathered when the batch commits."""

    parts: list[list[RawFile]]
    futures: list[Future[StagedBatch]]

    @classmethod
    def submit(cls, pool: WorkerPool, parts: list[list[RawFile]], args: tuple) -> Staging:
        return cls(
            parts, [pool.submit(stage_chunk, part, *args, i) for i, part in enumerate(parts)]
        )

    def gather(self, progress: ProgressCallback | None = None) -> StagedBatch:
        try:
            return gather_staged((f.result() for f in self.futures), self.parts, progress)
        finally:
            self.cancel()  # a failed chunk fails the batch: the others need not run

    def cancel(self) -> None:
        """Drop the chunks not started; wait for the running ones, so none writes afterwards."""
        for future in self.futures:
            future.cancel()
        wait(self.futures)


def gather_staged(
    results: Iterator[StagedBatch], parts: list[list[RawFile]], progress: ProgressCallback | None
) -> StagedBatch:
    """The chunks' results summed in chunk order, progress reported per file (any engine)."""
    total = StagedBatch()
    for part, staged in zip(parts, results, strict=True):
        total.add(staged)
        if progress is not None:
            for raw_file in part:
                progress(raw_file)
    return total
