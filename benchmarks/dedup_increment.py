"""The dedup after a 1% batch on a real text-dump lake, alone: CPU seconds of
`refresh_duplicates_indexed` and the pairs it verified, each run on a fresh copy of one lake state.

    python benchmarks/dedup_increment.py --articles 100000 --keep /tmp/incr   # build once, run
    python benchmarks/dedup_increment.py --keep /tmp/incr --held 0 --runs 2   # as a 1M lake reads

`scale.py` times the dedup after its 1% batch with the batch's ingest in one process; this one
builds the state once (`tools.sample.generate` seed 1, ingest and the index build as `scale.py`'s
`ingest` phase, then 1% more with seed 2 ingested without a dedup), keeps it under `--keep`, and
runs only the refresh, each in a fresh process on a copy, so that runs of two checkouts can be
alternated on the same lake (`--code` picks the checkout). `--held 0` reads signatures per use as
a lake above `HELD_SIGNATURES` does. `--base` runs the dedup with nothing new instead.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import cpu_seconds, generate, phase

ROOT = Path(__file__).parents[1]


def ingest_only(raw: Path, lake_uri: str) -> None:
    """Every batch the schedule finds, without the dedup after it."""
    sys.path.insert(0, str(ROOT))
    from assets.resources import LakeStore
    from corpus.ingest import ingest_batch
    from corpus.lake.batching import schedule

    lake = LakeStore(root=lake_uri).lake()
    for batch_id in schedule(lake, raw).batch_ids:
        ingest_batch(lake, batch_id, raw, workers=2)


def refresh(lake_uri: str, held: int | None, code: Path) -> dict:
    """One refresh in this (fresh) process, of the checkout `code`: its CPU and counters."""
    sys.path.insert(0, str(code))
    from assets.resources import LakeStore
    from corpus.dedup.config import DedupConfig
    from corpus.engine import dedup

    if held is not None:
        dedup.HELD_SIGNATURES = held
    lake = LakeStore(root=lake_uri).lake()
    cpu, wall = cpu_seconds(), time.perf_counter()
    run = dedup.refresh_duplicates_indexed(lake, DedupConfig())
    return {
        "cpu_seconds": round(cpu_seconds() - cpu, 2),
        "wall_seconds": round(time.perf_counter() - wall, 2),
        "rows": run.duplicates.height,
        # the same rows under two checkouts: the same digest (same polars)
        "digest": int(run.duplicates.sort("article_id").hash_rows(seed=0).sum()),
        "groups_changed": run.groups_changed,
        "buckets_touched": run.buckets_touched,
        "pairs_verified": run.pairs_verified,
    }


def build(keep: Path, articles: int) -> None:
    raw = keep / "raw"
    generate(raw, articles, seed=1)
    phase("ingest", raw, str(keep / "base"), "local", {})  # ingest and the index build
    shutil.copytree(keep / "base", keep / "increment", symlinks=True)
    generate(raw / "zz-increment", max(1, articles // 100), seed=2)
    subprocess.run([sys.executable, __file__, "--ingest-only", str(raw), str(keep / "increment")],
                   check=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="the lake states' folder (built when missing)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--held", type=int, help="HELD_SIGNATURES for the run (0: per use)")
    parser.add_argument("--base", action="store_true", help="the dedup with nothing new")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run (A/B)")
    parser.add_argument("--ingest-only", nargs=2, help=argparse.SUPPRESS)  # RAW LAKE: a child
    parser.add_argument("--refresh", help=argparse.SUPPRESS)  # LAKE: a child
    args = parser.parse_args()
    if args.ingest_only:
        ingest_only(Path(args.ingest_only[0]), args.ingest_only[1])
        return
    if args.refresh:
        print(json.dumps(refresh(args.refresh, args.held, args.code)))
        return
    keep = args.keep or Path(tempfile.mkdtemp(prefix="dedup-increment-"))
    if not (keep / "increment").exists():
        build(keep, args.articles)
    state = keep / ("base" if args.base else "increment")
    held = [] if args.held is None else ["--held", str(args.held)]
    held += ["--code", str(args.code)]
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(dir=keep) as tmp:
            lake = Path(tmp) / "lake"
            shutil.copytree(state, lake, symlinks=True)
            done = subprocess.run([sys.executable, __file__, "--refresh", str(lake), *held],
                                  check=True, capture_output=True, text=True)  # fmt: skip
            print(done.stdout.strip().splitlines()[-1])
    if args.keep is None:
        shutil.rmtree(keep)


if __name__ == "__main__":
    main()
