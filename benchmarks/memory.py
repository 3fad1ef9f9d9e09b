"""Peak memory: of hostile inputs, and of ingest as batches and the corpus grow.

Hostile inputs: each case runs `read_file` (and, for the record, extraction and row building) in
a fresh process and prints its peak RSS (VmHWM) beside the RSS of the same process reading an
empty file, so the figure is what the input costs.

Scale (`--scale 1000,10000,100000`): a generated corpus of N articles ingested into a fresh lake
(schedule, then every batch: processing in worker processes, parts, commits; the global dedup is
measured by `benchmarks/scale.py`), in a fresh process; printed are the driver's peak RSS after
planning and at the end, the largest worker's (VmHWM sampled every 0.5 s, `benchmarks/peaks.py`: `ru_maxrss` would
report about the driver's RSS for every spawned worker), and
the largest against the smallest corpus's: flat means within 1.3x.
Run: `python benchmarks/memory.py` (both), `--only scale` or `--only inputs`.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import json
import lzma
import subprocess
import sys
import tempfile
from pathlib import Path

import zstandard

MiB = 1 << 20
_CHILD = r"""
import sys, time
from pathlib import Path
from corpus.formats import read_file
from corpus.process import tables_of_files
from corpus.records import RawFile
from corpus.dedup.config import DedupConfig
import datetime as dt, hashlib
path = Path(sys.argv[1])
t = time.perf_counter()
if sys.argv[2] == "rows":
    data = path.read_bytes()
    raw = RawFile(path.name, hashlib.sha256(data).hexdigest(), len(data))
    del data
    tables = tables_of_files([raw], path.parent, "b", dt.datetime.now(dt.UTC), DedupConfig())
    what = f"{tables.articles.num_rows} article(s), {tables.rejects.num_rows} reject(s)"
else:
    items = list(read_file(path, path.name))
    what = "; ".join(getattr(i, "reason", "record") for i in items)
# VmHWM: this process's own peak (ru_maxrss would carry the parent's peak across exec)
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(f"{rss:.0f}\t{time.perf_counter() - t:.1f}\t{what}")
"""


def _zeros(compress_chunk, flush, total: int, out: Path) -> Path:
    block = b"\0" * (64 * MiB)
    with out.open("wb") as handle:
        for _ in range(total // len(block)):
            handle.write(compress_chunk(block))
        handle.write(flush())
    return out


def _bombs(folder: Path) -> list[Path]:
    zstd = zstandard.ZstdCompressor(level=19).compressobj()
    gz = gzip.compress  # one member per block: multi-member gzip is read whole
    return [
        _zeros(zstd.compress, zstd.flush, 2048 * MiB, folder / "zeros.zst"),
        _zeros(lambda b: gz(b, 9), lambda: b"", 1024 * MiB, folder / "zeros.gz"),
        _zeros((c := bz2.BZ2Compressor(9)).compress, c.flush, 1024 * MiB, folder / "zeros.bz2"),
        _zeros((x := lzma.LZMACompressor()).compress, x.flush, 1024 * MiB, folder / "zeros.xz"),
    ]


def _big_record(folder: Path, size: int = 50 * MiB) -> Path:
    words = "The council met on Monday to agree the budget for the coming year. "
    text = (words * (size // len(words) + 1))[:size]
    path = folder / "big.jsonl"
    path.write_text(json.dumps({"title": "Big", "text": text}) + "\n")
    return path


def _measure(path: Path, mode: str = "read") -> tuple[float, float, str]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode], capture_output=True,
                         text=True, check=True).stdout.strip()  # fmt: skip
    rss, seconds, what = out.split("\t")
    return float(rss), float(seconds), what


_INGEST = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])  # benchmarks/: peaks
from peaks import WorkerPeaks, peak_mib
from corpus.ingest import ingest_batch
from corpus.lake import Lake
from corpus.lake.batching import schedule
workers = WorkerPeaks()
raw, lake = Path(sys.argv[1]), Lake(sys.argv[2])
t = time.perf_counter()
plan = schedule(lake, raw)
planned = peak_mib()
for batch_id in plan.batch_ids:
    ingest_batch(lake, batch_id, raw, workers=2)
worker = workers.stop()
print(f"{peak_mib():.0f}\t{worker:.0f}\t{len(plan.batch_ids)}\t{time.perf_counter() - t:.0f}\t{planned:.0f}")
"""


def scale(sizes: list[int]) -> None:
    """Peak RSS of ingest per corpus size (see the module docstring)."""
    print("articles  batches  planned MiB  driver MiB  worker MiB  largest  ratio  seconds")
    first: float | None = None
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            raw, lake = Path(tmp) / "raw", Path(tmp) / "lake"
            subprocess.run([sys.executable, "-m", "tools.sample.generate", "--out", str(raw),
                            "--articles", str(n), "--seed", "1"], check=True,
                           capture_output=True)  # fmt: skip
            here = str(Path(__file__).parent)
            out = subprocess.run([sys.executable, "-c", _INGEST, str(raw), str(lake), here],
                                 capture_output=True, text=True, check=True).stdout  # fmt: skip
        driver, worker, batches, seconds, planned = (float(x) for x in out.split())
        largest = max(driver, worker)  # small batches run in the driver, without workers
        first = first or largest
        print(f"{n:>8}  {batches:>7.0f}  {planned:>11.0f}  {driver:>10.0f}  {worker:>10.0f}  {largest:>7.0f}  "
              f"{largest / first:>4.2f}x  {seconds:>7.0f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("inputs", "scale"), help="one half of the benchmark")
    parser.add_argument("--scale", default="1000,10000,100000", help="corpus sizes (articles)")
    args = parser.parse_args()
    if args.only != "scale":
        hostile_inputs()
    if args.only != "inputs":
        scale([int(n) for n in args.scale.split(",")])


def hostile_inputs() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        empty = folder / "empty.txt"
        empty.write_bytes(b"")
        base, _, _ = _measure(empty)
        print(f"baseline (empty file): {base:.0f} MiB peak RSS")
        for bomb in _bombs(folder):
            rss, seconds, what = _measure(bomb)
            print(f"{bomb.name:10} {bomb.stat().st_size:>9} B  peak {rss:6.0f} MiB "
                  f"(+{rss - base:.0f})  {seconds:5.1f}s  {what}")  # fmt: skip
        big = _big_record(folder)
        base_rows, _, _ = _measure(empty, "rows")
        rss, seconds, what = _measure(big, "rows")
        size = big.stat().st_size / MiB
        print(f"50 MB JSONL record through rows: peak {rss:.0f} MiB (+{rss - base_rows:.0f}, "
              f"{(rss - base_rows) / size:.1f}x the record)  {seconds:.1f}s  {what}")  # fmt: skip


if __name__ == "__main__":
    main()
