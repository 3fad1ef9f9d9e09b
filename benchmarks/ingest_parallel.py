"""Where worker processes start to pay: the measurement behind `corpus.process.PARALLEL_MIN_FILES`.

    python benchmarks/ingest_parallel.py [--workers 2] [--files 400]

On the generated raw root of `benchmarks/ingest.py` (generated if missing), in one run:

- start: wall seconds for a pool of `--workers` spawned processes to return the tables of one
  small chunk each (interpreter, imports, first-call setup: what a parallel batch pays once);
- per file: wall seconds per file of a warm serial `tables_of_files` over `--files` files.

With W workers a batch of n files takes about n*t serially and start + n*t/W in parallel: they
break even at n = start * W / ((W - 1) * t). Both figures are CPU work, so a busy machine
stretches them alike and the break-even moves little; chunks of `CHUNK_FILES` keep the progress bar
smooth at a pickling cost that this run also shows (seconds per chunk of 500 files sent back).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import multiprocessing
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from ingest_corpus import corpus_dir  # noqa: E402

from corpus.dedup.config import DedupConfig  # noqa: E402
from corpus.process import CHUNK_FILES, PARALLEL_MIN_FILES, tables_of_files  # noqa: E402
from corpus.records import RawFile  # noqa: E402


def raw_files(raw: Path, n: int) -> list[RawFile]:
    paths = sorted(p for p in raw.rglob("*") if p.is_file() and not p.name.startswith("."))
    step = max(1, len(paths) // n)
    return [
        RawFile(
            str(p.relative_to(raw)), hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_size
        )
        for p in paths[::step][:n]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--files", type=int, default=400)
    args = parser.parse_args()
    raw = corpus_dir(HERE / ".data", 20_000, 2_000)
    files = raw_files(raw, args.files)
    extra = (raw, "b", dt.datetime.now(dt.UTC), DedupConfig())
    small = [files[i : i + 5] for i in range(0, 5 * args.workers, 5)]
    context = multiprocessing.get_context("spawn")
    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers, mp_context=context) as pool:
        list(pool.map(tables_of_files, small, *[[a] * len(small) for a in extra]))
    start = time.perf_counter() - start
    tables_of_files(files[:20], *extra)  # this process warm, as a worker is after its start
    begin = time.perf_counter()
    tables = tables_of_files(files, *extra)
    per_file = (time.perf_counter() - begin) / len(files)
    begin = time.perf_counter()
    blob = pickle.dumps(tables)
    pickle.loads(blob)
    per_chunk = (time.perf_counter() - begin) * CHUNK_FILES / len(files)
    w = args.workers
    even = start * w / ((w - 1) * per_file) if w > 1 else float("inf")
    print(f"worker start ({w} spawned, first chunk each): {start:.2f} s")
    print(f"serial, warm: {per_file * 1000:.2f} ms per file ({1 / per_file:,.0f} files/s)")
    print(f"sending one chunk of {CHUNK_FILES} files' tables back: {per_chunk * 1000:.0f} ms")
    print(f"break-even batch: {even:,.0f} files (PARALLEL_MIN_FILES = {PARALLEL_MIN_FILES:,})")


if __name__ == "__main__":
    main()
