"""The pairs a `PairVerifier` compared (`corpus.dedup.pairset`), and the verifier across slices:
each distinct pair compared once, an agreed pair's candidates kept in every later slice."""

import numpy as np
import polars as pl
import pytest

from corpus.dedup import DedupConfig, pack_signatures, pairset
from corpus.dedup import index as dedup_index
from corpus.dedup.index import EDGES_SCHEMA, PairVerifier
from corpus.dedup.pairset import PairSet


def _pairs(rows: list[tuple[str, str, bool]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=pairset.PAIRS_SCHEMA, orient="row")


def _lookup(pairs: PairSet, rows: list[tuple[str, str]]) -> list[tuple[bool, bool]]:
    held, agreed = pairs.lookup(pl.DataFrame(rows, schema=pairset.PAIR, orient="row"))
    return list(zip(held.tolist(), agreed.tolist(), strict=True))


@pytest.mark.parametrize("colliding", [False, True], ids=["hashed", "every-key-equal"])
def test_pairs_added_in_many_runs_are_found_with_their_outcome(
    colliding: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if colliding:  # every pair gets the same key: only the ids tell them apart
        monkeypatch.setattr(pairset, "pair_keys", lambda p: np.zeros(p.height, dtype=np.uint64))
    held = PairSet()
    expected: dict[tuple[str, str], bool] = {}
    for run in range(7):  # runs of 1, 2, 3, ... pairs: merged and left apart in turn
        rows = [(f"a{run}", f"b{i}", (run + i) % 3 == 0) for i in range(run + 1)]
        held.add(_pairs(rows))
        expected.update({(low, high): agreed for low, high, agreed in rows})
    assert len(held) == len(expected) == 28
    assert len(held.runs) < 7
    asked = [*expected, ("a0", "b1"), ("b0", "a0"), ("a6", "b7")]
    want = [(True, agreed) for agreed in expected.values()] + [(False, False)] * 3
    assert _lookup(held, asked) == want


def test_an_empty_set_holds_nothing() -> None:
    assert _lookup(PairSet(), [("a", "b")]) == [(False, False)]
    assert len(PairSet()) == 0


def _candidates(band: int, pairs: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "band": [band] * len(pairs),
            "key": [band * 100 + i for i in range(len(pairs))],
            "low_id": [p[0] for p in pairs],
            "high_id": [p[1] for p in pairs],
        },
        schema=EDGES_SCHEMA,
    )


def test_a_pair_is_compared_once_and_its_agreement_kept_across_slices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Slices of 2 pairs; the agreeing pair (a, b) and the disagreeing (a, c) turn up in
    several bands, several slices apart."""
    config = DedupConfig()
    base = np.arange(config.num_perm, dtype=np.uint32)
    values = {"a": base, "b": base, "c": base + 1, "d": base, "e": base + 7}
    signatures = pl.DataFrame(
        {"article_id": list(values), "minhash": pack_signatures(np.stack(list(values.values())))}
    )
    compared: list[tuple[str, str]] = []
    real_agreeing = dedup_index.agreeing

    def counting(pairs: pl.DataFrame, read, config: DedupConfig) -> pl.DataFrame:
        compared.extend(pairs.select(pairset.PAIR).iter_rows())
        return real_agreeing(pairs, read, config)

    def read(ids: pl.Series) -> pl.DataFrame:
        return signatures.filter(pl.col("article_id").is_in(ids.implode()))

    monkeypatch.setattr(dedup_index, "VERIFY_PAIRS", 2)
    monkeypatch.setattr(dedup_index, "agreeing", counting)
    verifier = PairVerifier(read, config)
    slices = [
        _candidates(0, [("a", "b"), ("a", "c")]),
        _candidates(1, [("d", "e"), ("a", "d")]),
        _candidates(2, [("a", "b"), ("a", "c")]),
        _candidates(3, [("a", "c"), ("b", "d")]),
        _candidates(4, [("a", "b")]),
    ]
    for candidates in slices:
        verifier.add(candidates)
    edges = verifier.edges().sort("band", "key")
    assert sorted(compared) == sorted(set(compared))
    assert set(compared) == {("a", "b"), ("a", "c"), ("d", "e"), ("a", "d"), ("b", "d")}
    assert verifier.pairs_compared == 5
    expected = pl.concat(slices).filter(
        pl.struct("low_id", "high_id").is_in(
            pl.DataFrame({"low_id": ["a", "a", "b"], "high_id": ["b", "d", "d"]})
            .select(pl.struct("low_id", "high_id"))
            .to_series()
            .implode()
        )
    )
    assert edges.equals(expected.sort("band", "key"))
    assert edges.filter(low_id="a", high_id="b")["band"].to_list() == [0, 2, 4]
