"""CPU of the ingest asset's work after a batch lands (row counts, previews, checks) against the
lake's size: the same batch, landed last on a small and on a larger lake.

    .venv/bin/python benchmarks/ingest_checks.py [--raw benchmarks/.data/corpus-20000-2000]
        [--copies 1 3] [--base /tmp/base] [--rounds 5]

For each `--copies` k, a lake is made once (the real CLI) from k copies of the raw root's text
dumps (`<source>/copy-<i>/...`), then the raw root's `web-desk/` HTML pages are ingested as a
last batch of their own: that batch is the same on every lake (`--lakes`: lakes made so before,
by these steps or by a plain ingest of the raw root, whose last batch is those pages too). Then,
in a child process per checkout (`--base`, a `git archive` of the commit to compare with, then
this one, alternated so both see the same load), `assets.ingest`'s metadata and checks for that
batch run `--rounds` times; the median process CPU seconds are printed, with the lake's visible
articles. A cost that does not grow with the lake shows the same seconds on every row.
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

ROOT = Path(__file__).resolve().parents[1]
HTML = "web-desk"


def child(lake_uri: str, rounds: int) -> None:
    """Time the asset's work after the lake's last batch with the code on `sys.path`."""
    from assets import ingest
    from corpus.ingest import BatchResult
    from corpus.lake import Lake

    lake = Lake(lake_uri)
    row = lake.read("batches").sort("registered_at").row(-1, named=True)
    result = BatchResult(
        row["batch_id"], row["n_files"], row["n_records"], row["n_articles"],
        row["n_paragraphs"], row["n_rejects"], {}, 1.0, 1,
    )  # fmt: skip
    seconds = []
    for _ in range(rounds):
        cpu = time.process_time()
        if hasattr(ingest, "batch_events"):
            events = ingest.batch_events(result, lake)
        else:  # before the per-batch events (one visibility computation over the whole lake)
            seen = lake.seen_now()
            events = [
                *ingest._materializations(result, lake, seen),
                *ingest._checks(result.batch_id, lake, seen),
            ]
        seconds.append(time.process_time() - cpu)
    passed = all(e.passed for e in events if hasattr(e, "passed"))
    articles = lake.read("articles").height
    print(json.dumps({"seconds": seconds, "passed": passed, "articles": articles}))


def make_lake(raw: Path, copies: int, tmp: Path) -> Path:
    """A lake of `copies` copies of the text dumps, then the HTML pages as its last batch."""
    root = tmp / f"raw-{copies}"
    sources = [p for p in raw.iterdir() if p.is_dir() and p.name != HTML]
    for source in sources:
        for i in range(copies):
            shutil.copytree(source, root / source.name / f"copy-{i}")
    lake = tmp / f"lake-{copies}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DAGSTER_HOME": ""}
    command = [sys.executable, "-m", "pipelines.cli", "ingest", "--quiet", "--lake", str(lake)]
    for step in ("dumps", "pages"):
        if step == "pages":
            shutil.copytree(raw / HTML, root / HTML)
        done = subprocess.run([*command, "--raw", str(root)], env=env, cwd=tmp, capture_output=True)
        if done.returncode != 0:
            raise SystemExit(f"ingest failed: {done.stderr.decode()[-2000:]}")
    return lake


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "benchmarks/.data/corpus-20000-2000")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--base", type=Path, help="another checkout to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--lakes", type=Path, nargs="+", help="time these lakes (made as above) instead"
    )
    args = parser.parse_args()
    sides = {"base": args.base.resolve()} if args.base else {}
    sides["this"] = ROOT
    print(f"load at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        made = args.lakes or [None] * len(args.copies)
        for copies, given in zip(args.copies, made, strict=False):
            lake = given or make_lake(args.raw.resolve(), copies, Path(tmp))
            found: dict[str, list[float]] = {side: [] for side in sides}
            for _ in range(2):  # alternated: base, this, base, this
                for side, checkout in sides.items():
                    out = subprocess.run(
                        [sys.executable, __file__, "--child", str(lake), str(args.rounds)],
                        env={**os.environ, "PYTHONPATH": str(checkout)},
                        cwd=tmp,  # never this checkout's folder, which would shadow PYTHONPATH
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    record = json.loads(out.stdout.strip().splitlines()[-1])
                    found[side] += record["seconds"]
                    articles, passed = record["articles"], record["passed"]
            cells = "  ".join(
                f"{side} {statistics.median(s):.3f} CPU-s" for side, s in found.items()
            )
            print(f"{lake.name}: {articles:,} articles, checks passed {passed}: {cells}")


if __name__ == "__main__":
    main()
