"""CPU seconds of verifying candidate pairs (`lsh.agreeing_pairs`) against comparing every value
of every pair, on the candidates of the refresh benchmark's lake (`refresh_steps.py`, made and
cached under `benchmarks/.data`): templated generated stories fill LSH buckets with pairs that
agree on about half their values.

    python benchmarks/dedup_verify.py [--articles 20000] [--pages 2000] [--rounds 5]

Rounds alternate the two (the machine is shared: compare CPU seconds, medians); both must give
the same verdicts. `benchmarks/refresh_steps.py` times the whole refresh.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refresh_steps import ingested_lake

from corpus.dedup.config import DedupConfig
from corpus.dedup.lsh import _VERIFY_BLOCK, agreeing_pairs, candidate_pairs, needed_values
from corpus.dedup.minhash import unpack_signatures


def lake_candidates(articles: int, pages: int, config: DedupConfig) -> tuple[np.ndarray, ...]:
    """The refresh benchmark's lake (made and cached by `refresh_steps.py`): the signatures of
    its exact groups' representatives, in id order, and their distinct candidate pairs."""
    lake = ingested_lake(articles, pages)
    stored = pl.read_delta(str(lake / "signatures")).select("article_id", "content_hash", "minhash")
    reps = stored.sort("article_id").unique("content_hash", keep="first", maintain_order=True)
    values = np.ascontiguousarray(unpack_signatures(reps["minhash"], config.num_perm))
    low, high = candidate_pairs(values, config)
    return values, low, high


def every_value(values: np.ndarray, low: np.ndarray, high: np.ndarray, needed: int) -> np.ndarray:
    """The comparison before early exit: all values of every pair, a block of pairs at a time."""
    out = np.empty(len(low), dtype=bool)
    for start in range(0, len(low), _VERIFY_BLOCK):
        stop = start + _VERIFY_BLOCK
        same = values[low[start:stop]] == values[high[start:stop]]
        out[start:stop] = np.count_nonzero(same, axis=1) >= needed
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    config = DedupConfig()
    values, low, high = lake_candidates(args.articles, args.pages, config)
    needed = needed_values(config)
    times: dict[str, list[float]] = {"every value": [], "agreeing_pairs": []}
    verdicts = {}
    for _ in range(args.rounds):
        for name, verify in (("every value", every_value), ("agreeing_pairs", agreeing_pairs)):
            started = time.process_time()
            verdicts[name] = verify(values, low, high, needed)
            times[name].append(time.process_time() - started)
    same = np.array_equal(verdicts["every value"], verdicts["agreeing_pairs"])
    print(f"{len(low):,} pairs of {len(values):,} signatures, {verdicts['every value'].mean():.2%} "
          f"agree; verdicts identical: {same}")  # fmt: skip
    base = statistics.median(times["every value"])
    for name, spent in times.items():
        print(f"{name:15} median {statistics.median(spent):.3f} CPU s  "
              f"({statistics.median(spent) / base:.2f} of every value)")  # fmt: skip


if __name__ == "__main__":
    main()
