"""A batch's files mapped over Ray workers: the `ray` engine's `stage_batch`.

Each task runs the local engine's per-chunk function (`corpus.stream.stage_chunk`, which calls
`corpus.process.tables_of_files`) on a chunk of files and writes the chunk's Parquet parts into
the lake itself; only counts and part names return to the driver, which commits the parts through
the ordinary commit path (`corpus.ingest`), so the tables equal the local engine's row for row and
no process holds a whole batch. Plain Ray tasks, not Ray Data: a chunk yields four tables of
different schemas (articles, paragraphs, signatures, rejects), which a Ray Data dataset (one
schema per dataset) would carry only as opaque blobs, and its streaming executor added seconds of
start-up per batch (`benchmarks/ray_engine.py` measures both).

Chunks are as large as the local engine's (`corpus.stream.chunk_size`, the batch split evenly over
the cluster's CPUs, 500 to 2,000 files): each chunk writes one part per partition value (month) of
each table, and chunks of 100 files made parts of a few articles each, whose Parquet footers and
statistics took the lake to 4,347 bytes per article against 1,970 (`benchmarks/scale.py`, 100k
articles). `benchmarks/ray_engine.py --chunk-files` measures throughput and parts per chunk size.

The raw root must be readable, and the lake writable, by every worker at the same path or URI
(one machine, a shared file system, or object storage).
"""

from __future__ import annotations

from collections.abc import Iterator

from corpus.dedup.config import DedupConfig
from corpus.engine.ray_runtime import cluster_cpus, connect, get
from corpus.formats.options import DEFAULT_OPTIONS, ReadOptions
from corpus.process import BatchWork, ProgressCallback, chunks
from corpus.rawobjects import RawRoot
from corpus.stream import PartTarget, StagedBatch, chunk_size, gather_staged, stage_chunk


def stage_batch_ray(
    manifest: BatchWork,
    raw_root: RawRoot,
    config: DedupConfig,
    target: PartTarget,
    progress: ProgressCallback | None = None,
    *,
    options: ReadOptions = DEFAULT_OPTIONS,
    chunk_files: int | None = None,
    address: str | None = None,
    **_local_only: object,  # `workers`: the cluster's CPUs decide the parallelism
) -> StagedBatch:
    """A batch staged as Parquet parts, each chunk of files processed and written by a Ray task
    (the lake's URI must be writable from every worker); only counts come back to the driver.
    `chunk_files`: files per task (default: the local engine's rule over the cluster's CPUs)."""
    import ray

    connect(address)
    task = ray.remote(stage_chunk)
    size = chunk_files or chunk_size(len(manifest.files), cluster_cpus())
    parts = chunks(manifest.files, size) or [[]]
    args = (raw_root, manifest.registered_at, config, options, target)
    refs = [task.remote(part, *args, i) for i, part in enumerate(parts)]
    return gather_staged(_in_order(refs), parts, progress)


def _in_order(refs: list) -> Iterator[StagedBatch]:
    for ref in refs:
        yield get(ref)
