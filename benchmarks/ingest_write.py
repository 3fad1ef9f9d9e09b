"""What writing a batch's Parquet parts costs under each writer setting (`make bench-write`).

    python benchmarks/ingest_write.py [--articles 4000] [--part-articles 85]

The benchmark corpus's text dumps (`ingest_corpus.py`, no HTML pages) become a batch's tables
(`corpus.process.tables_of_files`), which are cut into parts of `--part-articles` articles, the
size a chunk of 2,000 files spread over ~24 months gives (`corpus.lake.parts`). Each setting
writes every part into memory; printed: CPU microseconds per article (median of 5 alternated
rounds) and the parts' total bytes, beside the setting `corpus.lake.parts.WRITER_OPTIONS` uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from ingest_corpus import corpus_dir  # noqa: E402

from corpus.dedup.config import DedupConfig  # noqa: E402
from corpus.lake.parts import WRITER_OPTIONS  # noqa: E402
from corpus.lake.tables import spec  # noqa: E402
from corpus.process import tables_of_files  # noqa: E402
from corpus.rawscan import sha256_file  # noqa: E402
from corpus.records import RawFile  # noqa: E402

SETTINGS: dict[str, dict[str, object]] = {
    "snappy, dictionary (pyarrow's default)": {"compression": "snappy"},
    "snappy, no dictionary": {"compression": "snappy", "use_dictionary": False},
    "lz4, no dictionary": {"compression": "lz4", "use_dictionary": False},
    "zstd 1, dictionary": {"compression": "zstd", "compression_level": 1},
    "zstd 1, no dictionary": {
        "compression": "zstd",
        "compression_level": 1,
        "use_dictionary": False,
    },
    "zstd 3, no dictionary": {
        "compression": "zstd",
        "compression_level": 3,
        "use_dictionary": False,
    },
    "no compression, no dictionary": {"compression": "none", "use_dictionary": False},
}


def batch_parts(n_articles: int, part_articles: int) -> tuple[list[pa.Table], int]:
    """The parts of one batch of the corpus's first `n_articles` text dumps, as the lake cuts
    them (partition columns left out), and the number of articles."""
    raw = corpus_dir(HERE / ".data", n_articles, 0)
    paths = sorted(raw.rglob("*.txt"))[:n_articles]
    files = [RawFile(str(p.relative_to(raw)), sha256_file(p), p.stat().st_size) for p in paths]
    made = tables_of_files(files, str(raw), "bench", dt.datetime.now(dt.UTC), DedupConfig())
    n = made.articles.num_rows
    parts = []
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        table = getattr(made, name).drop_columns(list(spec(name).partitions))
        step = max(1, round(table.num_rows * part_articles / max(n, 1)))
        parts += [table.slice(i, step) for i in range(0, table.num_rows, step)]
    return parts, n


def write_all(parts: list[pa.Table], options: dict[str, object]) -> tuple[float, int]:
    """CPU seconds to write every part into memory, and their bytes."""
    started, size = time.process_time(), 0
    for part in parts:
        sink = io.BytesIO()
        pq.write_table(part, sink, **options)  # type: ignore[arg-type]
        size += sink.tell()
    return time.process_time() - started, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4000, help="text dumps")
    parser.add_argument("--part-articles", type=int, default=85, help="articles per part")
    args = parser.parse_args()
    parts, n = batch_parts(args.articles, args.part_articles)
    seconds: dict[str, list[float]] = {name: [] for name in SETTINGS}
    sizes: dict[str, int] = {}
    for _ in range(5):  # alternated, so that load from other work spreads over every setting
        for name, options in SETTINGS.items():
            spent, sizes[name] = write_all(parts, options)
            seconds[name].append(spent)
    print(f"{len(parts)} parts of ~{args.part_articles} articles, {n:,} articles")
    print(f"{'setting':40}{'µs/article':>12}{'MB':>8}")
    for name, options in SETTINGS.items():
        mark = "  <- corpus.lake.parts" if options == WRITER_OPTIONS else ""
        per_article = statistics.median(seconds[name]) / max(n, 1) * 1e6
        print(f"{name:40}{per_article:>12.1f}{sizes[name] / 1e6:>8.2f}{mark}")


if __name__ == "__main__":
    main()
