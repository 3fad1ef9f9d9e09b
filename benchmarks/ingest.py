"""Ingest speed against the floor and against datatrove, HTML extraction against trafilatura.

    python benchmarks/ingest.py [--articles 20000] [--pages 2000] [--workers 2]

One run, one generated raw root (`ingest_corpus.py`: `--articles` text dumps from
`tools.sample.generate`, `--pages` HTML article pages with site boilerplate), each system as its
own process on the same files, in this order:

1. `corpus ingest` (the real CLI: Dagster in-process, Delta commits, dedup, catalog) into a fresh
   lake; its articles/s counts the rows of `articles`;
2. the floor (`ingest_peers.py floor`: read, split, NFC, one Parquet file; no parsing);
3. datatrove (`ingest_peers.py datatrove`: its reader, Parquet writer and MinHash signatures);
4. a no-op `corpus ingest`: the same raw root again, nothing new;
5. HTML pages/s of our extractor (`extraction_systems.ours`, language included) and of
   trafilatura (`bare_extraction` with metadata), serially in this process on every page.

Ratios are of wall times on the same files (floor/datatrove time over ours: 1.0 is parity, below
1 is slower), and of CPU seconds (user + system of each command's process tree), which move less
when other work shares the cores. Peak memory is the process tree's. Figures from 2 shared cores
move by ~20% from run to run: compare ratios, not seconds. Last, the per-stage seconds and items
that `corpus ingest` recorded in `batches.stage_seconds` (summed over batches and workers), and
the per-stage account of the floor, datatrove and ours side by side (`ingest_account.py`), with
Dagster's share of ours (the refresh run, the time around the batch, the time outside any run).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
DATA = HERE / ".data"

from ingest_account import (  # noqa: E402
    account,
    datatrove_stages,
    first_run_start,
    floor_stages,
    our_stages,
    run_seconds,
)
from ingest_corpus import corpus_dir  # noqa: E402


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds of the command, its CPU seconds (user + system, its whole process tree: on a
    shared machine the steadier figure), and the peak RSS (MiB) of every child process so far
    (so of this one's tree when it is the first to run)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {stderr.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, after.ru_maxrss / 1024


def stage_table(lake: Path) -> list[str]:
    """The per-stage seconds and items of every batch of the lake, summed (worker seconds add up
    across processes), as printed lines."""
    import json

    from corpus.lake import read

    totals: dict[str, list[float]] = {}
    for text in read("batches", str(lake))["stage_seconds"].to_list():
        for stage, value in json.loads(text or "{}").items():
            seconds, items = totals.setdefault(stage, [0.0, 0])
            totals[stage] = [seconds + value["seconds"], items + value["items"]]
    whole = sum(seconds for seconds, _ in totals.values()) or 1.0
    lines = [f"{'stage':14}{'seconds':>10}{'items':>10}{'items/s':>10}{'share':>8}"]
    for stage, (seconds, items) in totals.items():
        rate = items / seconds if seconds else 0.0
        lines.append(
            f"{stage:14}{seconds:>10.1f}{int(items):>10,}{rate:>10,.0f}{seconds / whole:>8.0%}"
        )
    return lines


def ingest_cmd(raw: Path, lake: Path) -> list[str]:
    return [sys.executable, "-m", "pipelines.cli", "ingest", "--raw", str(raw), "--lake", str(lake)]


def html_rates(pages: list[Path]) -> dict[str, float]:
    """Pages/s of each extractor over the same pages, read into memory first."""
    from extraction_systems import ours, trafilatura_default

    blobs = [p.read_bytes() for p in pages]
    rates = {}
    for name, extract in [("ours", ours), ("trafilatura", trafilatura_default)]:
        extract(blobs[0], None)  # imports and models outside the timing
        start = time.perf_counter()
        for blob in blobs:
            extract(blob, None)
        rates[name] = len(blobs) / (time.perf_counter() - start)
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="text dumps")
    parser.add_argument("--pages", type=int, default=2_000, help="HTML pages")
    parser.add_argument("--workers", type=int, default=2, help="datatrove's processes")
    args = parser.parse_args()
    start = time.perf_counter()
    raw = corpus_dir(DATA, args.articles, args.pages)
    files = [p for p in raw.rglob("*") if p.is_file() and not p.name.startswith(".")]
    pages = sorted((raw / "web-desk").glob("*.html"))
    print(f"raw root {raw} ({len(files):,} files, {len(pages):,} HTML pages) ready in "
          f"{time.perf_counter() - start:.0f} s")  # fmt: skip
    peers = [sys.executable, str(HERE / "ingest_peers.py")]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DAGSTER_HOME": str(Path(tmp) / "home")}
        lake = Path(tmp) / "lake"
        started = time.time()
        ours, ours_cpu, ours_rss = timed([*ingest_cmd(raw, lake), "--quiet"], env)
        from corpus.lake import read

        n_articles = read("articles", str(lake)).height
        n_rejects = read("rejects", str(lake)).height
        stages = stage_table(lake)
        ours_stages, runs = our_stages(lake), run_seconds(Path(env["DAGSTER_HOME"]))
        first_run = first_run_start(Path(env["DAGSTER_HOME"]))
        floor_out = Path(tmp) / "floor.parquet"
        floor, floor_cpu, _ = timed([*peers, "floor", str(raw), str(floor_out)], env)
        dt_out = Path(tmp) / "datatrove"
        datatrove, _, _ = timed([*peers, "datatrove", str(raw), str(dt_out),
                                             "--workers", str(args.workers)], env)  # fmt: skip
        accounted = account(floor_stages(floor_out), datatrove_stages(dt_out), ours_stages, runs,
                            (floor, datatrove, ours),
                            None if first_run is None else first_run - started)  # fmt: skip
        noop, noop_cpu, _ = timed([*ingest_cmd(raw, lake), "--quiet"], env)
    rates = html_rates(pages)
    print(f"{n_articles:,} articles and {n_rejects:,} rejects from {len(files):,} files")
    print(f"{'':32}{'seconds':>10}{'articles/s':>12}{'ratio':>8}{'cpu s':>8}{'cpu ratio':>11}")
    rows = [("corpus ingest (whole CLI)", ours, ours_cpu),
            ("floor script (no parsing)", floor, floor_cpu),
            (f"datatrove ({args.workers} workers)", datatrove, None)]  # fmt: skip
    for name, seconds, cpu in rows:
        # datatrove's pool workers are not waited for by its process: their CPU is not counted
        cpu_text = (
            f"{cpu:>8.1f}{cpu / ours_cpu:>11.2f}" if cpu is not None else f"{'-':>8}{'-':>11}"
        )
        print(f"{name:32}{seconds:>10.1f}{n_articles / seconds:>12,.0f}{seconds / ours:>8.2f}"
              f"{cpu_text}")  # fmt: skip
    print(f"ours is {ours / floor:.1f}x the floor's time (target <= 1.5x) and "
          f"{ours / datatrove:.2f}x datatrove's (target < 1); {ours_cpu / floor_cpu:.1f}x the "
          f"floor's CPU seconds")  # fmt: skip
    print(f"no-op corpus ingest (same raw root, nothing new): {noop:.1f} s ({noop_cpu:.1f} s CPU)")
    print(f"peak RSS of corpus ingest's process tree: {ours_rss:,.0f} MiB")
    print(f"HTML pages/s on {len(pages):,} pages: ours {rates['ours']:,.0f}, trafilatura "
          f"{rates['trafilatura']:,.0f}: {rates['ours'] / rates['trafilatura']:.1f}x (target >= 5x)")  # fmt: skip
    print("per-stage timings of corpus ingest (batches.stage_seconds, all batches and workers):")
    for line in stages:
        print(f"  {line}")
    print("per-stage account, seconds (ingest_account.py: stages summed over processes):")
    for line in accounted:
        print(f"  {line}")


if __name__ == "__main__":
    main()
