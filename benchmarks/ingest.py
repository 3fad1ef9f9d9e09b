"""Ingest throughput and peak memory of `corpus ingest` on a generated corpus.

    python benchmarks/ingest.py [--articles 10000] [--repeat 3]

Runs, in one go and alternating: the real CLI (Dagster in-process, Delta commits, catalog, dedup)
into a fresh lake, and a baseline "pile of scripts" (read every file, split paragraphs on blank
lines, write one Parquet file with pyarrow). Prints articles/s for both, their ratio, the batch's
own processing time from the `batches` table, and the peak resident memory of each process tree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / ".data"

BASELINE = r"""
import sys, pathlib, pyarrow as pa, pyarrow.parquet as pq
raw, out = pathlib.Path(sys.argv[1]), sys.argv[2]
rows = []
for path in sorted(raw.rglob("*.txt")):
    try:
        text = path.read_text("utf-8")
    except (UnicodeDecodeError, OSError):
        continue
    head, _, body = text.partition(" ")
    rows.append({"path": str(path), "text": "\n\n".join(p.strip() for p in body.split("\n\n") if p.strip())})
pq.write_table(pa.Table.from_pylist(rows), out)
"""


def corpus_dir(n: int) -> Path:
    target = DATA / f"corpus-{n}"
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        from corpus.sample.generate import generate_corpus

        generate_corpus(target, n_articles=n, seed=7)
        (target / ".complete").write_text("ok")
    return target


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the command and its waited-for descendants."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{cmd[:4]} failed with status {status}: {proc.stderr.read().decode()[-2000:]}"
        )
    return seconds, usage.ru_maxrss / 1024


def batch_seconds(lake: Path) -> float:
    import polars as pl

    from corpus.lake import read

    batches = read("batches", str(lake))
    row = batches.select(
        (pl.col("finished_at") - pl.col("started_at")).dt.total_milliseconds()
    ).item()
    return row / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raw = corpus_dir(args.articles)
    n_files = sum(1 for p in raw.rglob("*") if p.is_file() and not p.name.startswith("."))
    ours, base, inner, ours_rss, base_rss = [], [], [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "DAGSTER_HOME": str(Path(tmp) / "home")}
            lake = Path(tmp) / "lake"
            cmd = [
                sys.executable,
                "-m",
                "pipelines.cli",
                "ingest",
                "--raw",
                str(raw),
                "--lake",
                str(lake),
                "--quiet",
            ]
            seconds, rss = timed(cmd, env)
            ours.append(seconds)
            ours_rss.append(rss)
            inner.append(batch_seconds(lake))
            seconds, rss = timed(
                [sys.executable, "-c", BASELINE, str(raw), str(Path(tmp) / "b.parquet")], env
            )
            base.append(seconds)
            base_rss.append(rss)
    med = statistics.median
    print(
        f"corpus: {n_files:,} files ({args.articles:,} articles requested), {args.repeat} runs each, medians"
    )
    print(f"{'':34}{'seconds':>10}{'files/s':>10}{'peak MiB':>10}")
    print(
        f"{'corpus ingest (whole CLI)':34}{med(ours):>10.2f}{n_files / med(ours):>10.0f}{med(ours_rss):>10.0f}"
    )
    print(f"{'  of which the ingest batch':34}{med(inner):>10.2f}{n_files / med(inner):>10.0f}")
    print(
        f"{'baseline script (no parsing)':34}{med(base):>10.2f}{n_files / med(base):>10.0f}{med(base_rss):>10.0f}"
    )
    ratios = [b / o for o, b in zip(ours, base, strict=True)]
    print(f"throughput ratio ours/baseline (pairwise median): {med(ratios):.2f}")


if __name__ == "__main__":
    main()
