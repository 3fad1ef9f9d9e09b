"""The id pairs a `PairVerifier` has compared, with whether they agreed, held so that a slice of
new pairs is looked up in time that grows with the slice, not with the pairs held.

An anti-join of each slice of 100,000 pairs against every pair compared before cost 0.14 CPU-s
after 1M pairs and 3.7 s after 20M (`benchmarks/pair_verifier.py`): quadratic over a build.
Here each pair gets a 64-bit key (a hash of its two ids) and the pairs sit in runs sorted by key
whose sizes at least double from the newest to the oldest (a new run is merged into the one
before it while that one is not larger): a lookup is a binary search in each of the ~log2(n)
runs, and a pair is re-sorted ~log2(n) times over its life. A key found is checked against the
pair's ids, so two pairs whose keys collide stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

PAIR = ["low_id", "high_id"]
PAIRS_SCHEMA = pl.Schema({"low_id": pl.String, "high_id": pl.String, "agreed": pl.Boolean})


def pair_keys(pairs: pl.DataFrame) -> np.ndarray:
    """A 64-bit key per pair (`low_id`, `high_id`), stable within this process."""
    return pairs.select(PAIR).hash_rows(seed=0).to_numpy()


@dataclass(slots=True)
class _Run:
    keys: np.ndarray  # uint64, sorted
    pairs: pl.DataFrame  # PAIRS_SCHEMA, in the order of `keys`


class PairSet:
    """Distinct (`low_id`, `high_id`) pairs, each with an `agreed` flag."""

    def __init__(self) -> None:
        self.runs: list[_Run] = []

    def __len__(self) -> int:
        return sum(run.pairs.height for run in self.runs)

    def add(self, pairs: pl.DataFrame) -> None:
        """Pairs (`PAIRS_SCHEMA`) none of which is held yet."""
        if pairs.height == 0:
            return
        self.runs.append(_sorted(pair_keys(pairs), pairs.select(PAIRS_SCHEMA.names())))
        while len(self.runs) > 1 and self.runs[-2].pairs.height <= self.runs[-1].pairs.height:
            newer, older = self.runs.pop(), self.runs.pop()
            self.runs.append(
                _sorted(
                    np.concatenate([older.keys, newer.keys]),
                    pl.concat([older.pairs, newer.pairs]),
                )
            )

    def lookup(self, pairs: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """For each row of `pairs` (`low_id`, `high_id`): whether it is held, and whether it
        is held as agreed."""
        # asked in key order: a binary search of sorted needles walks each run once, where
        # random ones missed the cache (19 of 57 CPU-s at 10M pairs held)
        keys = pair_keys(pairs)
        order = np.argsort(keys)
        keys = keys[order]
        low, high = pairs["low_id"].gather(order), pairs["high_id"].gather(order)
        held = np.zeros(pairs.height, dtype=bool)
        agreed = np.zeros(pairs.height, dtype=bool)
        for run in self.runs:
            at = np.searchsorted(run.keys, keys)
            # most rows meet one stored row of their key; a collision moves on to the next
            todo = np.flatnonzero(~held)
            while len(todo):
                at_todo = at[todo]
                same_key = at_todo < len(run.keys)
                same_key[same_key] = run.keys[at_todo[same_key]] == keys[todo[same_key]]
                todo, at_todo = todo[same_key], at_todo[same_key]
                stored = run.pairs[at_todo]
                found = (stored["low_id"] == low.gather(todo)).to_numpy() & (
                    stored["high_id"] == high.gather(todo)
                ).to_numpy()
                held[todo[found]] = True
                agreed[todo[found]] = stored["agreed"].to_numpy()[found]
                todo = todo[~found]
                at[todo] += 1
        unsorted = np.empty_like(order)
        unsorted[order] = np.arange(len(order))
        return held[unsorted], agreed[unsorted]


def _sorted(keys: np.ndarray, pairs: pl.DataFrame) -> _Run:
    order = np.argsort(keys, kind="stable")
    return _Run(keys[order], pairs[order])
