"""The timeline of one `corpus ingest`: where its seconds go outside the batches' own work.

    python benchmarks/ingest_startup.py [--raw benchmarks/.data/...] [--base /tmp/base] [--rounds 2]

Each round runs, for each checkout (`--base`, a `git archive` of the commit to compare with, then
this one, alternated so both see the same load), a fresh `corpus ingest --quiet` of the raw root
(default: the bundled sample `raw/`) into a new lake and instance, then a no-op ingest of the same
root. Each runs in a child process of its own, the real CLI with timers around its phases
(importing the CLI's ingest path, planning, making the Definitions and the Dagster instance in
their thread, each batch run, the refresh run, the status printed at the end). Per phase: wall
seconds and the process's CPU seconds (all its threads; the batches' workers are separate
processes, shown as `workers`), means over the rounds. On a shared machine the wall figures move
with the load: compare CPU seconds, and the sides' ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHASES = ["imports", "planning", "dagster", "batches", "refresh", "status", "total"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(argv: list[str], out: str) -> int:
    """Run the CLI in this process with timers around its phases; write them to `out`."""
    start = time.perf_counter()
    marks: list[tuple[str, float, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter() - start, _cpu()))

    def timed(owner: object, attribute: str, name: str) -> None:
        inner = getattr(owner, attribute)

        def wrapper(*args, **kwargs):
            mark(f"{name} start")
            try:
                return inner(*args, **kwargs)
            finally:
                mark(f"{name} end")

        setattr(owner, attribute, wrapper)

    from pipelines import cli
    from pipelines.cli import ingest as ingest_command

    cli.build_parser().parse_args(argv)  # imports what the parser needs, as `main` does
    from pipelines import runner  # what `corpus ingest` imports before it plans

    mark("imports end")
    for attribute in ("schedule", "run_batch", "refresh"):
        timed(runner, attribute, attribute)
    timed(runner.Runtime, "_make", "dagster")
    timed(ingest_command, "instance", "instance")
    timed(ingest_command, "print_status", "status")
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            code = cli.main(argv)
        finally:
            sys.stdout = stdout
    mark("exit")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = children.ru_utime + children.ru_stime
    Path(out).write_text(json.dumps({"marks": marks, "workers": workers, "code": code}))
    return code


def phases(record: dict) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds per phase from a child's marks: `dagster` is the thread that makes the
    Definitions and the instance (its CPU overlaps planning's), `instance` the latter's part;
    `batches` every batch run together; `first batch at` when the first run started."""
    marks = record["marks"]

    def span(first: str, last: str, *, every: bool = False) -> tuple[float, float]:
        starts = [m for m in marks if m[0] == first]
        ends = [m for m in marks if m[0] == last]
        if not starts or not ends:
            return 0.0, 0.0
        pairs = list(zip(starts, ends, strict=True)) if every else [(starts[0], ends[-1])]
        return sum(e[1] - s[1] for s, e in pairs), sum(e[2] - s[2] for s, e in pairs)

    imports = next(m for m in marks if m[0] == "imports end")
    exit_mark = marks[-1]
    return {
        "imports": (imports[1], imports[2]),
        "planning": span("schedule start", "schedule end"),
        "dagster": span("dagster start", "dagster end"),
        "  instance": span("instance start", "instance end"),
        "batches": span("run_batch start", "run_batch end", every=True),
        "refresh": span("refresh start", "refresh end"),
        "status": span("status start", "status end"),
        "total": (exit_mark[1], exit_mark[2]),
        "workers": (0.0, record["workers"]),
        "first batch at": next(((m[1], m[2]) for m in marks if m[0] == "run_batch start"), (0, 0)),
    }


def run_side(checkout: Path, raw: Path, tmp: Path, tag: str) -> tuple[dict, dict]:
    """A fresh ingest, then a no-op, of `raw` with `checkout`'s code: their phases."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "DAGSTER_HOME": ""}
    env.pop("CORPUS_LAKE_ROOT", None)
    lake = tmp / f"lake-{tag}"
    argv = ["ingest", "--raw", str(raw), "--lake", str(lake), "--quiet"]
    results = []
    for kind in ("full", "noop"):
        out = tmp / f"{tag}-{kind}.json"
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(out), *argv],
            env=env,
            cwd=tmp,  # never this checkout's folder, whose modules would shadow PYTHONPATH's
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if proc.returncode != 0:
            raise SystemExit(f"{checkout}: ingest failed: {proc.stderr.decode()[-2000:]}")
        results.append(phases(json.loads(out.read_text())))
    return results[0], results[1]


def mean(rows: list[dict]) -> dict[str, tuple[float, float]]:
    return {
        key: (
            sum(r[key][0] for r in rows) / len(rows),
            sum(r[key][1] for r in rows) / len(rows),
        )
        for key in rows[0]
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        raise SystemExit(child(sys.argv[3:], sys.argv[2]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "raw", help="raw root to ingest")
    parser.add_argument("--base", type=Path, help="another checkout to compare with")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sides = {"base": args.base.resolve()} if args.base else {}
    sides["this"] = ROOT
    full: dict[str, list[dict]] = {side: [] for side in sides}
    noop: dict[str, list[dict]] = {side: [] for side in sides}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for side, checkout in sides.items():
                f, n = run_side(checkout, args.raw.resolve(), Path(tmp), f"{side}{round_}")
                full[side].append(f)
                noop[side].append(n)
    print(f"raw root {args.raw}; {args.rounds} round(s), sides alternated; load at start "
          f"{load:.1f} on {os.cpu_count()} cores")  # fmt: skip
    for title, table in (("corpus ingest (fresh lake)", full), ("no-op corpus ingest", noop)):
        print(f"\n{title}: seconds, wall / CPU (means)")
        means = {side: mean(rows) for side, rows in table.items()}
        keys = list(next(iter(means.values())))
        print(f"{'phase':16}" + "".join(f"{side:>22}" for side in means))
        for key in keys:
            cells = "".join(f"{m[key][0]:>11.2f} / {m[key][1]:>7.2f}" for m in means.values())
            print(f"{key:16}{cells}")
        if "base" in means:
            b, t = means["base"]["total"], means["this"]["total"]
            print(f"total CPU, this / base: {t[1] / b[1]:.2f}; wall {t[0] / b[0]:.2f}")


if __name__ == "__main__":  # workers of the fork server import this module again: do nothing
    main()
