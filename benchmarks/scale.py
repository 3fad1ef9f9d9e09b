"""Ingest and dedup at scale: articles/s, peak RSS per process, lake bytes per article, and the
dedup of a 1% batch, per storage (local folder, the SeaweedFS S3 server) and engine.

    python benchmarks/scale.py                              # 100k articles, local and S3
    python benchmarks/scale.py --articles 1000000 --storage local

Each phase runs in a fresh process on a generated corpus (`tools.sample.generate`, 2023-2024
news-style dumps with planted duplicates): `ingest` (schedule + every batch: processing in
worker processes, parts, commits), `dedup` (the global `duplicates` refresh), then `increment`:
1% more articles under the same raw root, ingested as one batch, and the dedup after it. Peak RSS
is the phase driver's own and its largest worker's (VmHWM, `benchmarks/peaks.py`). `--engine ray`
runs the same phases on a local Ray (or `RAY_ADDRESS`): ingest over Ray tasks, dedup on Ray.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))
MiB = 1 << 20


def run_phase(phase: str, raw: Path, lake_uri: str, engine: str) -> dict:
    """One phase in this (fresh) process; returns its figures. The only place an engine acts."""
    from peaks import WorkerPeaks, peak_mib

    from assets.resources import LakeStore
    from corpus.dedup.config import DedupConfig
    from corpus.engine import check_engine
    from corpus.engine.dedup import refresh_duplicates_indexed
    from corpus.ingest import ingest_batch
    from corpus.lake.batching import schedule
    from corpus.lake.tables import TABLES

    check_engine(engine)
    lake = LakeStore(root=lake_uri).lake()
    workers = WorkerPeaks()
    started = time.perf_counter()
    articles = 0
    if phase in ("ingest", "increment"):
        for batch_id in schedule(lake, raw).batch_ids:
            articles += ingest_batch(lake, batch_id, raw, workers=2, engine=engine).n_articles
    ingest_seconds = time.perf_counter() - started
    refresh_duplicates_indexed(lake, DedupConfig(), engine)
    return {
        "articles": articles,
        "cpu_seconds": cpu_seconds(),
        "ingest_seconds": ingest_seconds,
        "dedup_seconds": time.perf_counter() - started - ingest_seconds,
        "driver_mib": peak_mib(),
        "worker_mib": workers.stop(),
        "total_articles": lake.scan("articles").select("article_id").collect().height,
        "lake_bytes": lake_bytes(lake),
        "lake_files": sum(len(lake.store.files(name)) for name in TABLES),
    }


def cpu_seconds() -> float:
    """CPU of this phase's process and its finished workers: a figure that load does not skew
    (a run niced under other work has a wall time that says little)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def lake_bytes(lake) -> int:  # type: ignore[no-untyped-def]
    """Bytes of the Parquet files the tables' current versions hold (removed ones excluded)."""
    from corpus.lake.objectstore import filesystem
    from corpus.lake.tables import TABLES

    fs, _ = filesystem(lake.uri, lake.store.storage_options)
    total = 0
    for name in TABLES:
        files = lake.store.files(name)
        paths = [f.split("://", 1)[1] if "://" in f else f for f in files]
        total += sum(info.size for info in fs.get_file_info(paths))
    return total


def phase(name: str, raw: Path, lake_uri: str, engine: str, env: dict[str, str]) -> dict:
    args = [sys.executable, __file__, "--phase", name, str(raw), lake_uri, "--engine", engine]
    done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **env})
    if done.returncode != 0:
        raise SystemExit(f"{name} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(out: Path, articles: int, seed: int) -> None:
    subprocess.run([sys.executable, "-m", "tools.sample.generate", "--out", str(out),
                    "--articles", str(articles), "--seed", str(seed)],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip


def measure(raw: Path, storage: str, engine: str, work: Path, increment: int) -> dict:
    env: dict[str, str] = {}
    server = None
    if storage == "s3":
        from tests import s3server

        server = s3server.start(work / f"weed-{engine}")
        env = server.env
        lake_uri = server.uri(f"scale-{engine}")
    else:
        lake_uri = str(work / f"lake-{engine}")
    try:
        first = phase("ingest", raw, lake_uri, engine, env)
        dedup = phase("dedup", raw, lake_uri, engine, env)
        generate(raw / "zz-increment", increment, seed=2)
        more = phase("increment", raw, lake_uri, engine, env)
    finally:
        if server is not None:
            server.stop()
        if (raw / "zz-increment").exists():
            subprocess.run(["rm", "-rf", str(raw / "zz-increment")], check=True)
    return {"ingest": first, "dedup": dedup, "increment": more}


def report(articles: int, storage: str, engine: str, r: dict) -> None:
    ingest, dedup, more = r["ingest"], r["dedup"], r["increment"]
    n = ingest["articles"]
    # Ray's workers are the raylet's children, not this process's: their CPU is not counted
    cpu = "n/a" if engine == "ray" else f"{ingest['cpu_seconds'] / n * 1000:.1f} ms/article"
    print(f"{articles:>9} {storage:>5} {engine:>5}  ingest {n / ingest['ingest_seconds']:7.0f} a/s "
          f"({ingest['ingest_seconds']:6.0f}s, CPU {cpu})  index build {ingest['dedup_seconds']:6.1f}s  "
          f"dedup {dedup['dedup_seconds']:6.1f}s  "
          f"peak MiB driver/worker ingest {ingest['driver_mib']:.0f}/{ingest['worker_mib']:.0f} "
          f"dedup {dedup['driver_mib']:.0f}  lake {dedup['lake_bytes'] / n:7.0f} B/article "
          f"in {dedup['lake_files']} files  "
          f"1% batch: ingest {more['ingest_seconds']:5.1f}s + dedup {more['dedup_seconds']:5.1f}s")  # fmt: skip
    print(
        json.dumps({"articles": articles, "storage": storage, "engine": engine, **r}),
        file=sys.stderr,
    )  # every phase's figures, for what the line above leaves out
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="100000", help="corpus sizes, comma-separated")
    parser.add_argument("--storage", default="local,s3", help="local, s3 or both")
    parser.add_argument("--engine", default="local", help="local, ray, or both: local,ray")
    parser.add_argument("--phase", nargs=3, help=argparse.SUPPRESS)  # NAME RAW LAKE: a child
    args = parser.parse_args()
    if args.phase:  # a child: one phase, its figures as one JSON line
        name, raw, lake_uri = args.phase
        print(json.dumps(run_phase(name, Path(raw), lake_uri, args.engine)))
        return
    print("articles storage engine  figures")
    for articles in (int(n) for n in args.articles.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            raw = work / "raw"
            generate(raw, articles, seed=1)
            for storage in args.storage.split(","):
                for engine in args.engine.split(","):
                    result = measure(raw, storage, engine, work, max(1, articles // 100))
                    report(articles, storage, engine, result)


if __name__ == "__main__":
    main()
