"""The Ray engine against the local one: mapping a batch's files, and the dedup, full and
incremental. Run: `make bench-ray` (`python benchmarks/ray_engine.py --files 2000`).

1. Mapping files: the same generated dump files through (a) local worker processes
   (`corpus.stream.stage_batch`, what the `local` engine uses) and (b) plain Ray tasks
   (`corpus.engine.ray_ingest.stage_batch_ray`, what the `ray` engine uses) once per chunk size
   of `--chunk-files` (0: the engine's default), both writing each chunk's Parquet parts where
   they run (their count and bytes per article are printed), and (c) Ray Data `map_batches`
   over 100-file chunks, each chunk's four tables carried back as Arrow IPC blobs (a dataset has
   one schema, a chunk yields four). Ray's start-up is timed apart: a batch pays it once per
   process.
2. Dedup over `--signatures` synthetic signatures (random values; 10% are near copies of
   another with 10% of the values changed, 2% exact copies): `find_duplicates` (local,
   reference), the incremental index built from nothing on each engine, and the incremental
   update after a batch of 1% new articles on each engine.
Figures are from one run on this machine; ratios are against the plain-Ray-task figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # `tools` (the sample generator) is no package

import numpy as np
import polars as pl
import pyarrow as pa

from corpus.dedup import find_duplicates, pack_signatures
from corpus.dedup.config import DedupConfig
from corpus.dedup.index import DedupIndex
from corpus.engine.dedup import LocalDedup, incremental_duplicates
from corpus.lake import Lake
from corpus.lake.batching import ensure_lake
from corpus.lake.parts import new_run, read_parts
from corpus.process import BatchTables, tables_of_files
from corpus.records import RawFile
from corpus.stream import PartTarget, StagedBatch, stage_batch
from tools.sample.generate import generate_corpus

CONFIG = DedupConfig()
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


class _Work:
    def __init__(self, files: list[RawFile]) -> None:
        self.batch_id, self.registered_at, self.files = "bench", WHEN, files


def _raw_files(root: Path) -> list[RawFile]:
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found.append(
            RawFile(str(path.relative_to(root)), hashlib.sha256(data).hexdigest(), len(data))
        )
    return found


def _timed(label: str, fn, figures: dict[str, float]):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    figures[label] = time.perf_counter() - started
    return result


def _ray_data(files: list[RawFile], root: Path, chunk_files: int) -> BatchTables:
    """Ray Data over the chunk list; each chunk's tables as Arrow IPC blobs."""
    import ray.data

    def process(batch: dict) -> dict:
        blobs = {name: [] for name in ("articles", "paragraphs", "signatures", "rejects")}
        for start in batch["start"]:
            part = files[int(start) : int(start) + chunk_files]
            tables = tables_of_files(part, root, "bench", WHEN, CONFIG)
            for name in blobs:
                sink = pa.BufferOutputStream()
                with pa.ipc.new_stream(sink, getattr(tables, name).schema) as writer:
                    writer.write_table(getattr(tables, name))
                blobs[name].append(sink.getvalue().to_pybytes())
        return {"start": batch["start"], **blobs}

    starts = [{"start": i} for i in range(0, len(files), chunk_files)]
    rows = ray.data.from_items(starts).map_batches(process, batch_size=1).take_all()
    rows.sort(key=lambda r: r["start"])

    def table(name: str) -> pa.Table:
        return pa.concat_tables(pa.ipc.open_stream(r[name]).read_all() for r in rows)

    return BatchTables(
        table("articles"), table("paragraphs"), table("signatures"), table("rejects"), 0
    )


def _synthetic(n: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = np.random.default_rng(11)
    values = rng.integers(0, 2**32, size=(n, CONFIG.num_perm), dtype=np.uint64).astype(np.uint32)
    hashes = np.array([f"h{i}" for i in range(n)], dtype=object)
    near = rng.choice(n, n // 10, replace=False)
    source = rng.integers(0, n, len(near))
    values[near] = values[source]
    changed = rng.random((len(near), CONFIG.num_perm)) < 0.1
    values[near] = np.where(
        changed, rng.integers(0, 2**32, changed.shape).astype(np.uint32), values[near]
    )
    exact = rng.choice(n, n // 50, replace=False)
    values[exact] = values[(exact + 1) % n]
    hashes[exact] = hashes[(exact + 1) % n]
    ids = [f"{i * 2654435761 % 2**32:08x}{i:07d}" for i in range(n)]
    signatures = pl.DataFrame(
        {"article_id": ids, "content_hash": hashes.tolist(), "minhash": pack_signatures(values)},
        schema={"article_id": pl.String, "content_hash": pl.String, "minhash": pl.Binary},
    )
    keep = pl.DataFrame(
        {"article_id": ids, "published_at": [None] * n, "n_chars": rng.integers(100, 5000, n)},
        schema={
            "article_id": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
            "n_chars": pl.Int64,
        },
    )
    return signatures, keep


def _dedup(signatures: pl.DataFrame, keep: pl.DataFrame, ray_dedup) -> dict[str, float]:  # type: ignore[no-untyped-def]
    figures: dict[str, float] = {}
    ids = signatures["article_id"].sort()
    new = set(ids.gather(range(0, ids.len(), 100)).to_list())  # 1% of the articles come last
    old = signatures.filter(~pl.col("article_id").is_in(list(new)))
    reference = _timed(
        "find_duplicates (local, all)", lambda: find_duplicates(signatures, keep, CONFIG), figures
    )
    for name, engine in (("local", LocalDedup()), ("ray", ray_dedup)):
        full, _ = _timed(
            f"index from nothing ({name})",
            lambda e=engine: incremental_duplicates(
                DedupIndex.empty(), old.lazy(), keep.lazy(), CONFIG, e
            ),
            figures,
        )
        _, result = _timed(
            f"incremental 1% batch ({name})",
            lambda e=engine, f=full: incremental_duplicates(
                f.index, signatures.lazy(), keep.lazy(), CONFIG, e
            ),
            figures,
        )
        assert result.equals(reference), f"{name}: incremental differs from find_duplicates"
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="0: skip the mapping")
    parser.add_argument("--signatures", type=int, default=100_000, help="0: skip the dedup")
    parser.add_argument(
        "--chunk-files",
        default="100,500,0",
        help="Ray task chunk sizes, comma-separated; 0: default",
    )
    args = parser.parse_args()
    import ray

    from corpus.engine.ray_dedup import RayDedup
    from corpus.engine.ray_ingest import stage_batch_ray
    from corpus.engine.ray_runtime import connect

    started = time.perf_counter()
    connect()
    print(f"ray start (local, 2 CPUs): {time.perf_counter() - started:.1f} s")
    if args.files:
        sizes = [int(n) for n in args.chunk_files.split(",")]
        _mapping(args.files, stage_batch_ray, sizes)
    if not args.signatures:
        ray.shutdown()
        return 0
    signatures, keep = _synthetic(args.signatures)
    print(f"dedup of {signatures.height} signatures:")
    for label, seconds in _dedup(signatures, keep, RayDedup()).items():
        print(f"  {label:34s} {seconds:7.2f} s")
    ray.shutdown()
    return 0


def _articles(lake: Path, staged: StagedBatch) -> pa.Table:
    """A staged batch's articles, read back from its parts."""
    return read_parts(str(lake / "articles"), {}, "articles", staged.parts["articles"]).read_all()


def _mapping(n_files: int, stage_batch_ray, chunk_sizes: list[int]) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        root, lake = Path(tmp) / "raw", Path(tmp) / "lake"
        generate_corpus(root, n_files, seed=3, dup_fraction=0.2)
        files = _raw_files(root)
        work = _Work(files)
        figures: dict[str, float] = {}
        staged: dict[str, StagedBatch] = {}
        ensure_lake(Lake(lake))  # parts go into the tables' folders

        def target() -> PartTarget:
            return PartTarget(str(lake), {}, work.batch_id, new_run())

        def run(label: str, stage) -> None:  # type: ignore[no-untyped-def]
            staged[label] = _timed(label, stage, figures)

        run("local processes (2)",
            lambda: stage_batch(work, root, CONFIG, target(), workers=2, min_parallel_files=0))  # fmt: skip
        for size in chunk_sizes:
            label = f"ray tasks, chunks of {size or 'default'}"
            run(label, lambda s=size: stage_batch_ray(work, root, CONFIG, target(), chunk_files=s))
        data = _timed("ray data, chunks of 100", lambda: _ray_data(files, root, 100), figures)
        same = ["article_id", "content_hash", "text"]  # parts carry the table's column order
        reference = (
            _articles(lake, staged["local processes (2)"]).select(same).sort_by("article_id")
        )
        for label, batch in staged.items():
            assert _articles(lake, batch).select(same).sort_by("article_id").equals(reference), (
                label
            )
        assert data.articles.select(same).sort_by("article_id").equals(reference), "ray data"
        n = reference.num_rows
        print(f"mapping {len(files)} files ({n} articles):")
        base = figures["local processes (2)"]
        for label, seconds in figures.items():
            rate = len(files) / seconds
            line = f"  {label:28s} {seconds:7.2f} s {rate:6.0f} files/s  x{seconds / base:.2f} of local"
            if label in staged:
                parts = [p for ps in staged[label].parts.values() for p in ps]
                line += f"  {len(parts):5d} parts {sum(p.size for p in parts) / n:6.0f} B/article"
            print(line)


if __name__ == "__main__":
    raise SystemExit(main())
