"""CPU of the ingest asset's work after a batch lands (totals, previews, checks) on a lake.

    .venv/bin/python benchmarks/ingest_checks.py --lake LAKE [--rounds 3]

Runs `assets.ingest`'s metadata and contract checks for the lake's last batch, as the asset does
after each batch, and prints process CPU and wall seconds per round. Their cost grows with the
lake (the visibility rule reads every registration): compare the same lake across checkouts.
Make a many-batch lake with `CORPUS_MAX_BATCH_FILES=330 corpus ingest --raw ... --lake LAKE`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    import assets.ingest as ingest
    from corpus.lake import Lake

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--lake", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    lake = Lake(args.lake)
    batches = lake.read("batches")
    batch_id = batches["batch_id"].to_list()[-1]
    print(f"{batches.height} batches, {lake.read('articles').height:,} visible articles")
    for _ in range(args.rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        seen = lake.seen_now()
        checks = list(ingest._checks(batch_id, lake, seen))
        totals = ingest._totals(lake, seen)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        passed = all(c.passed for c in checks)
        print(f"totals and checks: {cpu:.3f} s CPU, {wall:.3f} s wall; {totals}; passed {passed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
