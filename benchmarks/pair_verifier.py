"""CPU seconds of one `PairVerifier` flush as the pairs compared so far grow: the bookkeeping that
keeps each distinct pair compared once (a lookup in the `PairSet` of every pair compared before),
with the signature comparison itself left out. It should stay flat as the pairs grow.

    python benchmarks/pair_verifier.py [--flushes 200]

Each flush adds `VERIFY_PAIRS` random distinct pairs of 16-hex-character ids. A first index build
of 1M generated articles verifies tens of millions of pairs, a few hundred flushes per task.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peaks import peak_mib

from corpus.dedup import index


def random_candidates(rng: np.random.Generator, rows: int) -> pl.DataFrame:
    ids = np.sort(rng.integers(0, 2**63, size=(rows, 2), dtype=np.int64), axis=1)
    return pl.DataFrame(
        {
            "band": pl.Series(np.zeros(rows, np.int32)),
            "key": pl.Series(np.zeros(rows, np.uint64)),
            "low_id": pl.Series([f"{x:016x}" for x in ids[:, 0]]),
            "high_id": pl.Series([f"{x:016x}" for x in ids[:, 1]]),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flushes", type=int, default=200)
    args = parser.parse_args()
    index.agreeing = lambda pairs, read, config: pairs.clear()  # bookkeeping only
    verifier = index.PairVerifier(read_signatures=None, config=None)  # type: ignore[arg-type]
    rng = np.random.default_rng(1)
    total = 0.0
    print("flush  pairs compared  CPU s of this flush  CPU s so far")
    for flush in range(1, args.flushes + 1):
        candidates = random_candidates(rng, index.VERIFY_PAIRS)
        started = time.process_time()
        verifier.add(candidates)
        spent = time.process_time() - started
        total += spent
        if flush in (1, 10, 25, 50) or flush % 50 == 0:
            print(f"{flush:5}  {verifier.pairs_compared:14,}  {spent:19.3f}  {total:12.1f}")
    print(f"peak RSS {peak_mib():,.0f} MiB (the pairs compared, and the last flush's candidates)")


if __name__ == "__main__":
    main()
