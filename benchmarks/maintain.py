"""Files and bytes of a lake built in many batches, before and after `corpus maintain`.

    python benchmarks/maintain.py [--articles 10000] [--batches 20]

Generates the corpus, moves it into a raw root one slice at a time and runs the real ingest
(Dagster in-process, as `corpus ingest` does) after each slice, so the lake is built in
`--batches` batches. Then runs maintenance with a retention of 0 hours (so vacuum removes every
file no commit uses; the default keeps a week of time travel) and prints the Parquet file count
and size on disk before and after, the rows readers see (unchanged), and `corpus verify`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batches", type=int, default=20)
    args = parser.parse_args()

    import dagster as dg

    from corpus.lake import Lake
    from corpus.lake.maintain import disk_usage, maintain
    from corpus.lake.verify import verify
    from pipelines.definitions import build_definitions
    from pipelines.runner import ingest
    from tools.sample.generate import generate_corpus

    work = Path(tempfile.mkdtemp(prefix="corpus-maintain-"))
    source, raw, lake_dir = work / "generated", work / "raw", work / "lake"
    generate_corpus(source, n_articles=args.articles, seed=11)
    files = sorted(p for p in source.rglob("*") if p.is_file())
    defs = build_definitions(str(raw), str(lake_dir))
    started = time.perf_counter()
    (work / "dagster").mkdir()
    with dg.instance_for_test(temp_dir=str(work / "dagster")) as instance:
        for index in range(args.batches):
            for path in files[index :: args.batches]:
                target = raw / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
            outcome = ingest(defs, instance)
            assert outcome.success, f"batch {index} failed"
            print(f"\rbatch {index + 1}/{args.batches} landed", end="", flush=True)
    print(f"\nbuilt in {time.perf_counter() - started:.0f} s")
    lake = Lake(lake_dir)
    rows_before = {n: lake.scan(n).collect().height for n in ("articles", "paragraphs")}
    before = disk_usage(lake)
    started = time.perf_counter()
    report = maintain(lake, retention_hours=0)
    seconds = time.perf_counter() - started
    rows_after = {n: lake.scan(n).collect().height for n in ("articles", "paragraphs")}
    print(f"lake of {rows_before['articles']:,} articles in {args.batches} batches")
    print(f"{'':8}{'parquet files':>15}{'MB on disk':>12}")
    print(f"{'before':8}{before.files:>15,}{before.bytes / 1e6:>12.2f}")
    print(f"{'after':8}{report.after.files:>15,}{report.after.bytes / 1e6:>12.2f}")
    print(f"maintain took {seconds:.1f} s; rows readers see unchanged: {rows_before == rows_after}")
    breaches = verify(lake)
    print("verify: every contract holds" if not breaches else f"verify: {breaches}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
