"""Peak memory of hostile inputs: decompression bombs per codec, and one huge JSONL record.

Each case runs `read_file` (and, for the record, extraction and row building) in a fresh
process and prints its peak RSS (VmHWM) beside the RSS of the same process reading an
empty file, so the figure is what the input costs. Run: `python benchmarks/memory.py`.
"""

from __future__ import annotations

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


def main() -> None:
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
