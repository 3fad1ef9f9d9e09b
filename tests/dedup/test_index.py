"""The incremental dedup (`corpus.dedup.index` through `corpus.engine.dedup`) equals a full
`find_duplicates` after every step of generated add/remove histories."""

import datetime as dt
import random

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.dedup import (
    DedupConfig,
    content_hash,
    find_duplicates,
    minhash_signatures,
    pack_signatures,
)
from corpus.dedup import index as dedup_index
from corpus.dedup.index import DedupIndex, partition_count
from corpus.engine.dedup import LocalDedup, incremental_duplicates
from tests.dedup.test_cluster import change_words, drop_paragraph, story

# a small bucket limit so that large buckets (star + path) occur in small corpora
CONFIGS = [DedupConfig(), DedupConfig(pairwise_bucket_limit=2, threshold=0.6)]


def _pool() -> dict[str, str]:
    """Families of planted copies (exact, a few changed words, a paragraph dropped) beside
    unrelated stories; ids are random so that family order and id order differ."""
    rng = random.Random(7)
    texts: dict[str, str] = {}
    for family in range(8):
        base = story(500 + family, n_words=220)
        variants = [base, base, change_words(base, 3, family), drop_paragraph(base, 1)]
        variants += [change_words(base, 6, family + 50) for _ in range(rng.randint(0, 4))]
        for text in variants:
            texts[f"{rng.getrandbits(40):010x}"] = text
    for other in range(10):
        texts[f"{rng.getrandbits(40):010x}"] = story(900 + other, n_words=220)
    return texts


POOL = _pool()
IDS = sorted(POOL)


def _tables(config: DedupConfig) -> tuple[pl.DataFrame, pl.DataFrame]:
    texts = [POOL[i] for i in IDS]
    rng = random.Random(3)
    signatures = pl.DataFrame(
        {
            "article_id": IDS,
            "content_hash": [content_hash(t) for t in texts],
            "minhash": pack_signatures(minhash_signatures(texts, config)),
        },
        schema={"article_id": pl.String, "content_hash": pl.String, "minhash": pl.Binary},
    )
    day = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    keep_fields = pl.DataFrame(
        {
            "article_id": IDS,
            "published_at": [
                None if rng.random() < 0.3 else day + dt.timedelta(days=rng.randint(0, 3))
                for _ in IDS
            ],
            "n_chars": [len(t) // 50 for t in texts],  # ties, so later criteria decide too
        },
        schema={"article_id": pl.String, "published_at": pl.Datetime("us", "UTC"),
                "n_chars": pl.Int64},
    )  # fmt: skip
    return signatures, keep_fields


TABLES = {config: _tables(config) for config in CONFIGS}


def _check_history(config: DedupConfig, steps: list[tuple[str, list[str]]]) -> None:
    signatures, keep_fields = TABLES[config]
    present: set[str] = set()
    index = DedupIndex.empty()
    for action, ids in steps:
        present = present | set(ids) if action == "add" else present - set(ids)
        mine = signatures.filter(pl.col("article_id").is_in(sorted(present)))
        change, got = incremental_duplicates(
            index, mine.lazy(), keep_fields.lazy(), config, LocalDedup()
        )
        index = change.index
        expected = find_duplicates(mine, keep_fields, config)
        assert got.equals(expected), (action, len(present))


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_incremental_equals_full_recompute(config: DedupConfig, data: st.DataObject) -> None:
    order = data.draw(st.permutations(IDS))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(IDS)), max_size=4)))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(IDS)], strict=True)]
    steps: list[tuple[str, list[str]]] = [("add", b) for b in batches if b]
    removed = data.draw(st.lists(st.sampled_from(IDS), max_size=6, unique=True))
    steps.insert(data.draw(st.integers(0, len(steps))), ("remove", removed))
    _check_history(config, steps)


def test_a_smaller_id_joining_a_group_takes_over_its_buckets() -> None:
    """An exact copy with a smaller id becomes the group's representative: its buckets are
    re-paired under the new id, and the old one's edges go."""
    config = CONFIGS[0]
    signatures, _ = TABLES[config]
    by_hash = signatures.group_by("content_hash").agg(pl.col("article_id").sort())
    copies = by_hash.filter(pl.col("article_id").list.len() > 1)["article_id"][0].to_list()
    rest = [i for i in IDS if i not in copies]
    _check_history(config, [("add", rest + copies[1:]), ("add", copies[:1]),
                            ("remove", copies[:1])])  # fmt: skip


def test_nothing_new_touches_no_bucket() -> None:
    config = CONFIGS[0]
    signatures, keep_fields = TABLES[config]
    first, _ = incremental_duplicates(
        DedupIndex.empty(), signatures.lazy(), keep_fields.lazy(), config, LocalDedup()
    )
    again, _ = incremental_duplicates(
        first.index, signatures.lazy(), keep_fields.lazy(), config, LocalDedup()
    )
    assert first.groups_changed > 0 and first.index.edges.height > 0
    assert (again.groups_changed, again.buckets_touched, again.pairs_verified) == (0, 0, 0)
    assert again.index.edges.equals(first.index.edges)


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
def test_pairs_verified_a_few_at_a_time_give_the_same_duplicates(
    config: DedupConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("corpus.dedup.index.VERIFY_PAIRS", 2)  # many slices of candidate pairs
    _check_history(config, [("add", IDS[: len(IDS) // 2]), ("add", IDS[len(IDS) // 2 :])])


def _history(config: DedupConfig) -> list:
    """Index and duplicates after a first build of half the pool, adding the rest, then
    removing a few."""
    signatures, keep_fields = TABLES[config]
    index, results = DedupIndex.empty(), []
    for ids in (IDS[::2], IDS, IDS[3:]):
        mine = signatures.filter(pl.col("article_id").is_in(ids))
        change, got = incremental_duplicates(
            index, mine.lazy(), keep_fields.lazy(), config, LocalDedup()
        )
        index = change.index
        results.append((change, got))
    return results


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
def test_many_partitions_give_the_index_of_one(
    config: DedupConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _history(config)
    monkeypatch.setattr("corpus.dedup.index.PARTITION_ROWS", 3)
    monkeypatch.setattr("corpus.dedup.index.KEY_GROUPS", 4)
    assert partition_count(len(IDS)) > 10
    many = _history(config)
    for (a, got_a), (b, got_b) in zip(one, many, strict=True):
        assert a.index.groups.equals(b.index.groups)
        assert a.index.edges.equals(b.index.edges)
        assert a.index.edges.height > 0
        assert (a.groups_changed, a.buckets_touched, a.pairs_verified) == (
            b.groups_changed,
            b.buckets_touched,
            b.pairs_verified,
        )
        assert got_a.equals(got_b)


def _counted(frame: pl.DataFrame) -> tuple[pl.LazyFrame, list[int]]:
    """`frame` as a lazy frame that counts how often it is read."""
    reads: list[int] = []

    def read(rows: pl.DataFrame) -> pl.DataFrame:
        reads.append(rows.height)
        return rows

    return frame.lazy().map_batches(read, schema=frame.schema, streamable=False), reads


def test_a_small_lake_reads_its_signatures_twice_for_the_whole_refresh() -> None:
    """Ids and hashes once, then every signature once for grouping, verification (several
    slices of pairs) and the keep rule: not once per use."""
    config = CONFIGS[0]
    signatures, keep_fields = TABLES[config]
    counted, reads = _counted(signatures)
    _, got = incremental_duplicates(
        DedupIndex.empty(), counted, keep_fields.lazy(), config, LocalDedup()
    )
    assert got.equals(find_duplicates(signatures, keep_fields, config))
    assert len(reads) == 2


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
def test_signatures_read_per_use_give_the_held_result(
    config: DedupConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `HELD_SIGNATURES` each use reads the signatures it needs from the lake."""
    monkeypatch.setattr("corpus.engine.dedup.HELD_SIGNATURES", 0)
    monkeypatch.setattr("corpus.dedup.index.VERIFY_PAIRS", 2)
    signatures, keep_fields = TABLES[config]
    counted, reads = _counted(signatures)
    _, got = incremental_duplicates(
        DedupIndex.empty(), counted, keep_fields.lazy(), config, LocalDedup()
    )
    assert got.equals(find_duplicates(signatures, keep_fields, config))
    assert len(reads) > 2
    _check_history(config, [("add", IDS[: len(IDS) // 2]), ("add", IDS[len(IDS) // 2 :])])


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
def test_an_added_group_compares_only_pairs_with_it(
    config: DedupConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its buckets' other candidates were paired and verified before: their verdicts are the
    old edges (a large bucket verified whole again made a 1% batch cost most of a build). The
    index equals one built from scratch."""
    signatures, keep_fields = TABLES[config]
    compared: list[pl.DataFrame] = []
    original = dedup_index.agreeing

    def recording(pairs: pl.DataFrame, *args: object) -> pl.DataFrame:
        compared.append(pairs)
        return original(pairs, *args)  # type: ignore[arg-type]

    built, _ = incremental_duplicates(
        DedupIndex.empty(), signatures.lazy(), keep_fields.lazy(), config, LocalDedup()
    )
    linked = pl.concat([built.index.edges["low_id"], built.index.edges["high_id"]])
    alone = signatures.filter(
        (pl.len().over("content_hash") == 1) & pl.col("article_id").is_in(linked.implode())
    )["article_id"].sort()  # its own group, with near copies: its buckets have other members
    monkeypatch.setattr(dedup_index, "agreeing", recording)
    for newest in alone.gather([0, alone.len() // 2, alone.len() - 1]):
        before = signatures.filter(pl.col("article_id") != newest)
        first, _ = incremental_duplicates(
            DedupIndex.empty(), before.lazy(), keep_fields.lazy(), config, LocalDedup()
        )
        compared.clear()
        change, got = incremental_duplicates(
            first.index, signatures.lazy(), keep_fields.lazy(), config, LocalDedup()
        )
        pairs = pl.concat(compared)
        assert pairs.height > 0
        assert ((pairs["low_id"] == newest) | (pairs["high_id"] == newest)).all(), newest
        assert change.index.edges.sort(pl.all()).equals(built.index.edges.sort(pl.all()))
        assert got.equals(find_duplicates(signatures, keep_fields, config))


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "small-buckets"])
def test_a_batch_sharing_no_bucket_with_the_index_keeps_its_edges(config: DedupConfig) -> None:
    """A new family of copies after another: every group the update pairs is new (as in a
    first build, which skips settling candidates against old edges), but the first family's
    edges stay. Each step equals a full recompute, and the index a build from scratch."""
    signatures, keep_fields = TABLES[config]
    clusters = find_duplicates(signatures, keep_fields, config).partition_by("cluster_id")
    first, second = (c["article_id"].to_list() for c in sorted(clusters, key=len)[-2:])
    _check_history(config, [("add", first), ("add", second)])
    mine = signatures.filter(pl.col("article_id").is_in(first + second)).lazy()
    built, _ = incremental_duplicates(DedupIndex.empty(), mine, keep_fields.lazy(), config,
                                      LocalDedup())  # fmt: skip
    step, _ = incremental_duplicates(DedupIndex.empty(), mine.filter(
        pl.col("article_id").is_in(first)), keep_fields.lazy(), config, LocalDedup())  # fmt: skip
    step, _ = incremental_duplicates(step.index, mine, keep_fields.lazy(), config, LocalDedup())
    assert step.index.edges.height > 0
    assert step.index.edges.sort(pl.all()).equals(built.index.edges.sort(pl.all()))
