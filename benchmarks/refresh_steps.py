"""The refresh run's steps (duplicates, paragraph_stats, catalog), each timed alone, A/B.

    python benchmarks/refresh_steps.py [--articles 20000] [--pages 2000] [--rounds 3]
                                       [--base /tmp/base] [--profile out.prof]

One lake: `corpus ingest` of `ingest_corpus.py`'s raw root (the one `benchmarks/ingest.py`
ingests), made once and cached under `benchmarks/.data`. Each round copies it and puts the copy
back in the state the CLI's refresh run found it in (no dedup index, `duplicates` and
`paragraph_stats` empty, no catalog), then runs in a fresh process the three assets' bodies in
the refresh job's order (direct invocation, so Dagster's run and event storage are left out),
then in another copy and process the whole `refresh_lake` job as the CLI runs it.

With `--base DIR` (a checkout of another commit, e.g. `git archive main | tar -x -C DIR`),
rounds alternate base, this tree, base, this tree, on the same lake: the machine is shared, so
compare the CPU seconds (`time.process_time` of the step, threads included) of one run's rounds,
and take their medians. Each step round ends with a digest of every output (`duplicates`,
`paragraph_stats`, the stored dedup index, the catalog's views' row counts): the last lines say
whether all rounds of both trees made the same. `--profile` writes a cProfile of this tree's steps (last round).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
STEPS = ("duplicates", "paragraph_stats", "lake_catalog")
REFRESHED = ("duplicates", "paragraph_stats")  # the tables the refresh run writes


def ingested_lake(articles: int, pages: int) -> Path:
    """The cached lake of one `corpus ingest` of the benchmark's raw root."""
    sys.path.insert(0, str(HERE))
    from ingest_corpus import corpus_dir

    raw = corpus_dir(DATA, articles, pages)
    lake = DATA / f"refresh-lake-{articles}-{pages}"
    if not (lake / "batches").exists():
        shutil.rmtree(lake, ignore_errors=True)
        home = DATA / f"refresh-home-{articles}-{pages}"
        shutil.rmtree(home, ignore_errors=True)
        cmd = [sys.executable, "-m", "pipelines.cli", "ingest", "--raw", str(raw),
               "--lake", str(lake), "--quiet"]  # fmt: skip
        subprocess.run(cmd, cwd=ROOT, env={**os.environ, "DAGSTER_HOME": str(home)}, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    return lake


def before_refresh(lake: Path, copy: Path) -> None:
    """`copy`: the lake as the refresh run finds it after the batches of a fresh ingest."""
    shutil.copytree(lake, copy, ignore=shutil.ignore_patterns(".dagster", "_lock"))
    shutil.rmtree(copy / "_dedup_index", ignore_errors=True)
    (copy / "catalog.duckdb").unlink(missing_ok=True)
    for name in REFRESHED:  # back to the empty table the lake was created with (version 0)
        table = copy / name
        for commit in sorted((table / "_delta_log").glob("*.json"))[1:]:
            commit.unlink()
        for part in table.rglob("*.parquet"):
            part.unlink()


def child(code: Path, lake: Path, mode: str, profile: str | None) -> dict[str, list[float]]:
    """Run the steps of `code`'s tree on `lake`; {step: [cpu s, wall s]}."""
    sys.path.insert(0, str(code))
    os.environ["DAGSTER_HOME"] = str(lake / ".dagster")
    import dagster as dg

    from pipelines.definitions import build_definitions

    defs = build_definitions(str(lake), str(lake))
    times: dict[str, list[float]] = {}
    if mode == "job":
        from pipelines.cli.common import instance
        from pipelines.runner import refresh

        lake_obj = defs.resources["lake"].lake()
        with instance(lake_obj) as inst:
            cpu, wall = time.process_time(), time.perf_counter()
            result = refresh(defs, inst)
            times["refresh_lake job"] = [time.process_time() - cpu, time.perf_counter() - wall]
            assert result.success
        return times
    import cProfile

    profiler = cProfile.Profile(time.process_time) if profile else None  # CPU, not wall
    for step in STEPS:
        asset = defs.resolve_assets_def(step)  # bound to the Definitions' resources
        context = dg.build_asset_context()
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        out = asset(context)
        if hasattr(out, "__next__"):
            list(out)
        if profiler:
            profiler.disable()
        times[step] = [time.process_time() - cpu, time.perf_counter() - wall]
    if profiler:
        profiler.dump_stats(profile)
    return {**times, "digests": digests(lake)}  # type: ignore[dict-item]


def digests(lake: Path) -> dict[str, str]:
    """A hash of each output of the refresh: the two tables, the stored dedup index (groups
    and edges) and the catalog's views (their names and row counts), each in a canonical
    order."""
    import hashlib

    import duckdb
    import polars as pl

    from corpus.lake.catalog import view_counts

    def digest(frame: pl.DataFrame) -> str:
        lists = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
        frame = frame.with_columns(pl.col(n).cast(pl.List(pl.String)).list.join(",") for n in lists)
        frame = frame.sort(frame.columns)
        return hashlib.sha256(frame.write_csv().encode()).hexdigest()[:16]

    out = {name: digest(pl.read_delta(str(lake / name))) for name in REFRESHED}
    out["dedup index"] = digest(pl.read_delta(str(lake / "_dedup_index")))
    con = duckdb.connect(str(lake / "catalog.duckdb"), read_only=True)
    con.execute(f"SET file_search_path = '{lake}'")
    counts = view_counts(con)  # the views' SQL names data files, whose names are random
    con.close()
    out["catalog"] = digest(pl.DataFrame({"view": list(counts), "rows": list(counts.values())}))
    return out


def one_round(code: Path, lake: Path, mode: str, profile: str | None) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        copy = Path(tmp) / "lake"
        before_refresh(lake, copy)
        cmd = [sys.executable, str(Path(__file__)), "--child", str(code), "--lake", str(copy),
               "--mode", mode] + (["--profile", profile] if profile else [])  # fmt: skip
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        done = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--base", type=Path, help="another checkout to alternate with")
    parser.add_argument("--profile", help="cProfile output of this tree's steps")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--lake", type=Path, help="an ingested lake (default: made and cached)")
    parser.add_argument("--mode", default="steps", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.lake, args.mode, args.profile)))
        return
    lake = args.lake or ingested_lake(args.articles, args.pages)
    trees = {"base": args.base.resolve(), "this": ROOT} if args.base else {"this": ROOT}
    runs: dict[str, list[dict[str, list[float]]]] = {name: [] for name in trees}
    outputs: dict[str, list[str]] = {}  # digests of the refresh's outputs: the trees that made them
    for r in range(args.rounds):
        for name, code in trees.items():
            profile = args.profile if name == "this" and r == args.rounds - 1 else None
            times = one_round(code, lake, "steps", profile)
            outputs.setdefault(json.dumps(times.pop("digests"), sort_keys=True), []).append(name)
            times.update(one_round(code, lake, "job", None))
            runs[name].append(times)
            print(f"round {r + 1} {name}: " + ", ".join(
                f"{s} {c:.2f}/{w:.2f}" for s, (c, w) in times.items()), flush=True)  # fmt: skip
    print(f"lake {lake}; medians over {args.rounds} rounds, CPU s / wall s (load "
          f"{os.getloadavg()[0]:.1f}):")  # fmt: skip
    steps = list(runs["this"][0])
    print(f"{'step':20}" + "".join(f"{n + ' cpu':>12}{n + ' wall':>12}" for n in trees)
          + ("   cpu ratio" if args.base else ""))  # fmt: skip
    for step in steps:
        cells, cpus = "", []
        for name in trees:
            cpu = statistics.median(t[step][0] for t in runs[name])
            wall = statistics.median(t[step][1] for t in runs[name])
            cells += f"{cpu:>12.2f}{wall:>12.2f}"
            cpus.append(cpu)
        ratio = f"{cpus[1] / cpus[0]:>12.2f}" if args.base and cpus[0] else ""
        print(f"{step:20}{cells}{ratio}")
    print("outputs identical in every round" if len(outputs) == 1 else "OUTPUTS DIFFER:")
    for found, made_by in outputs.items():
        print(f"  {found} ({', '.join(sorted(set(made_by)))})")


if __name__ == "__main__":
    main()
