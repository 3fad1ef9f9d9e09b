import datetime as dt
import random

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.dedup import (
    DUPLICATES_SCHEMA,
    DedupConfig,
    content_hash,
    find_duplicates,
    minhash_signatures,
    pack_signatures,
)
from corpus.dedup.lsh import bucket_pairs, connected_components

CONFIG = DedupConfig()
RULE = "earliest_published_at>longest_text>smallest_id"
_RNG = random.Random(2024)
VOCABULARY = [
    "".join(_RNG.choice("bcdfghjklmnprstvz") + _RNG.choice("aeiou") for _ in range(3))
    for _ in range(4000)
]


def story(seed: int, n_words: int = 450, vocabulary: list[str] = VOCABULARY) -> str:
    """A random article: paragraphs of 40-70 words from `vocabulary`."""
    rng = random.Random(seed)
    paragraphs, left = [], n_words
    while left > 0:
        size = min(left, rng.randint(40, 70))
        paragraphs.append(" ".join(rng.choices(vocabulary, k=size)).capitalize() + ".")
        left -= size
    return "\n\n".join(paragraphs)


def change_words(text: str, n: int, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    for i in rng.sample(range(len(words)), n):
        words[i] = rng.choice(VOCABULARY)
    return " ".join(words)


def drop_paragraph(text: str, index: int) -> str:
    paragraphs = text.split("\n\n")
    return "\n\n".join(paragraphs[:index] + paragraphs[index + 1 :])


def tables(
    texts: dict[str, str],
    dates: dict[str, dt.datetime | None] | None = None,
    n_chars: dict[str, int] | None = None,
    config: DedupConfig = CONFIG,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    ids = list(texts)
    signatures = pl.DataFrame(
        {
            "article_id": ids,
            "content_hash": [content_hash(texts[i]) for i in ids],
            "minhash": pack_signatures(minhash_signatures([texts[i] for i in ids], config)),
        },
        schema={"article_id": pl.String, "content_hash": pl.String, "minhash": pl.Binary},
    )
    dates = dates or {}
    n_chars = n_chars or {}
    keep_fields = pl.DataFrame(
        {
            "article_id": ids,
            "published_at": [dates.get(i, DAY) for i in ids],
            "n_chars": [n_chars.get(i, len(texts[i])) for i in ids],
        },
        schema={
            "article_id": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
            "n_chars": pl.Int64,
        },
    )
    return signatures, keep_fields


DAY = dt.datetime(2024, 3, 5, 12, tzinfo=dt.UTC)


def clusters(result: pl.DataFrame) -> set[frozenset[str]]:
    return {
        frozenset(group["article_id"].to_list())
        for _, group in result.group_by("cluster_id", maintain_order=True)
    }


def row(result: pl.DataFrame, article_id: str) -> dict:
    return result.filter(pl.col("article_id") == article_id).to_dicts()[0]


def test_exact_and_near_copies_cluster_with_the_right_kind():
    base = story(1)
    texts = {
        "a-orig": base,
        "b-copy": base.upper().replace("\n\n", "\n"),  # case and wrapping: same normal form
        "c-words": change_words(base, 8, seed=1),
        "d-para": drop_paragraph(base, 2),
        "e-other": story(2),
    }
    result = find_duplicates(*tables(texts))
    assert result.schema == DUPLICATES_SCHEMA
    assert clusters(result) == {frozenset({"a-orig", "b-copy", "c-words", "d-para"})}
    assert row(result, "a-orig") | {"similarity": None} == {
        "article_id": "a-orig",
        "cluster_id": "a-orig",
        "kept_article_id": "a-orig",
        "kind": "exact",
        "similarity": None,
        "rule": RULE,
    }
    assert row(result, "b-copy")["kind"] == "exact"
    assert row(result, "b-copy")["similarity"] == 1.0
    for near in ("c-words", "d-para"):
        assert row(result, near)["kind"] == "near"
        assert 0.7 <= row(result, near)["similarity"] < 1.0


def test_unrelated_and_same_topic_articles_stay_apart():
    topic = VOCABULARY[:300]  # one topic: a narrow shared vocabulary
    texts = {f"t{i}": story(100 + i, vocabulary=topic) for i in range(30)}
    texts |= {f"u{i}": story(200 + i) for i in range(30)}
    assert find_duplicates(*tables(texts)).height == 0


def test_a_chain_of_weak_links_does_not_merge_unrelated_stories():
    """B is half of A and half of C: LSH makes A-B and B-C candidates, verification drops them."""
    a, c = story(10, 400).split(" "), story(11, 400).split(" ")
    texts = {"a": " ".join(a), "b": " ".join(a[:200] + c[200:]), "c": " ".join(c)}
    signatures, keep_fields = tables(texts)
    assert find_duplicates(signatures, keep_fields).height == 0
    # without the verification (a low threshold), the same links do chain A to C
    loose = DedupConfig(threshold=0.25, bands=64, rows=2)
    assert clusters(find_duplicates(*tables(texts, config=loose), loose)) == {
        frozenset({"a", "b", "c"})
    }


def test_a_chain_of_strong_links_is_one_cluster_with_honest_similarity():
    """A~B and B~C are above the threshold, A~C is not: one cluster, C's score says so."""
    words = story(20, 600).split(" ")
    texts = {
        "a": " ".join(words[0:500]),
        "b": " ".join(words[50:550]),
        "c": " ".join(words[100:600]),
    }
    dates = {"a": DAY, "b": DAY + dt.timedelta(hours=1), "c": DAY + dt.timedelta(hours=2)}
    result = find_duplicates(*tables(texts, dates))
    assert clusters(result) == {frozenset({"a", "b", "c"})}
    assert set(result["kept_article_id"]) == {"a"}
    assert row(result, "b")["similarity"] >= 0.7
    assert row(result, "c")["similarity"] < 0.7
    assert row(result, "c")["kind"] == "near"


@given(st.permutations(range(12)), st.integers(1, 11))
@settings(max_examples=15, deadline=None)
def test_output_is_a_function_of_the_set_of_rows(order, cut):
    signatures, keep_fields = SHUFFLE_INPUT
    expected = find_duplicates(signatures, keep_fields)
    shuffled = signatures[list(order)]
    # batches concatenated in another order, keep fields in yet another
    batches = pl.concat([shuffled[cut:], shuffled[:cut]])
    assert find_duplicates(batches, keep_fields.reverse()).equals(expected)
    assert find_duplicates(shuffled.lazy(), keep_fields.lazy()).equals(expected)


def _shuffle_input() -> tuple[pl.DataFrame, pl.DataFrame]:
    texts = {}
    for family in range(3):
        base = story(300 + family)
        texts[f"f{family}-0"] = base
        texts[f"f{family}-1"] = base.lower()
        texts[f"f{family}-2"] = change_words(base, 5, seed=family)
    texts |= {f"x{i}": story(400 + i) for i in range(3)}
    # ties everywhere so that only the keep rule's last criterion decides
    return tables(texts, dates=dict.fromkeys(texts, DAY), n_chars=dict.fromkeys(texts, 100))


SHUFFLE_INPUT = _shuffle_input()


def test_shuffle_input_has_clusters():
    assert len(clusters(find_duplicates(*SHUFFLE_INPUT))) == 3


def test_keep_rule_earliest_then_longest_then_smallest_id():
    base = story(30)
    texts = {name: base for name in ("p", "q", "r", "s", "t")}
    early = DAY - dt.timedelta(days=1)

    def kept(dates, n_chars, config=CONFIG):
        result = find_duplicates(*tables(texts, dates, n_chars), config)
        assert result["kept_article_id"].n_unique() == 1
        return result["kept_article_id"][0]

    same_length = dict.fromkeys(texts, 100)
    # the earliest date wins, even over a longer text
    assert kept({"r": early}, same_length | {"s": 500}) == "r"
    # same date: the longer text wins
    assert kept({}, same_length | {"s": 500}) == "s"
    # same date and length: the smaller id wins
    assert kept({}, same_length) == "p"
    # null dates sort last: the only dated article wins even when it is the shortest
    nulls = dict.fromkeys(texts, None) | {"t": DAY}
    assert kept(nulls, same_length | {"t": 10}) == "t"
    # all dates null: length, then id
    assert kept(dict.fromkeys(texts, None), same_length | {"q": 200}) == "q"
    # a configured rule: longest first, smallest id appended as the final tie-break
    longest = DedupConfig(keep_rule=("longest_text",))
    assert longest.rule_name == "longest_text>smallest_id"
    assert kept({"r": early}, same_length | {"s": 500}, longest) == "s"
    assert kept({"r": early}, same_length, longest) == "p"


def test_articles_missing_from_keep_fields_sort_as_nulls():
    base = story(40)
    signatures, keep_fields = tables({"a": base, "b": base, "c": base})
    result = find_duplicates(signatures, keep_fields.filter(pl.col("article_id") != "a"))
    assert set(result["kept_article_id"]) == {"b"}
    assert result.height == 3


def test_empty_input_and_no_duplicates_give_the_empty_table():
    signatures, keep_fields = tables({"a": story(50)})
    assert find_duplicates(signatures.clear(), keep_fields.clear()).schema == DUPLICATES_SCHEMA
    assert find_duplicates(signatures, keep_fields).height == 0


def test_invalid_input_is_rejected():
    signatures, keep_fields = tables({"a": story(60), "b": story(61)})
    with pytest.raises(ValueError, match="not unique"):
        find_duplicates(pl.concat([signatures, signatures]), keep_fields)
    with pytest.raises(ValueError, match="not 256 bytes"):
        find_duplicates(signatures, keep_fields, DedupConfig(num_perm=64, bands=16))
    with pytest.raises(ValueError, match="content_hash has nulls"):
        find_duplicates(signatures.with_columns(content_hash=None), keep_fields)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bands": 40, "rows": 4},
        {"threshold": 0.0},
        {"keep_rule": ("newest",)},
        {"shingle_size": 0},
        {"pairwise_bucket_limit": 1},
    ],
)
def test_config_validation(kwargs):
    with pytest.raises(ValueError):
        DedupConfig(**kwargs)


def test_config_names():
    assert CONFIG.rule_name == RULE
    assert CONFIG.signature_id == "minhash_v2-w5-p128-s42"
    assert CONFIG.bands * CONFIG.rows == CONFIG.num_perm


@given(st.integers(2, 40), st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39))))
@settings(deadline=None)  # timing varies on a shared machine
def test_connected_components_match_a_simple_search(n, pairs):
    edges = [(u, v) for u, v in pairs if u < n and v < n]
    left = np.array([u for u, _ in edges], dtype=np.int64)
    right = np.array([v for _, v in edges], dtype=np.int64)
    labels = connected_components(n, left, right)
    neighbours = {i: set() for i in range(n)}
    for u, v in edges:
        neighbours[u].add(v)
        neighbours[v].add(u)
    for start in range(n):
        seen, todo = {start}, [start]
        while todo:
            for nxt in neighbours[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        assert labels[start] == min(seen)


@pytest.mark.parametrize("limit", [2, 4, 50])
def test_every_bucket_member_is_linked(limit):
    """Small buckets give all pairs; large ones a star and a path, so members connect."""
    keys = np.array([7, 3, 7, 7, 1, 7, 3, 7, 7, 9], dtype=np.uint64)
    packed = bucket_pairs(keys, limit)
    n = len(keys)
    labels = connected_components(n, packed // n, packed % n)
    assert len(set(labels[keys == 7])) == 1
    assert labels[1] == labels[6] != labels[0]
    assert len(set(labels[[4, 9]]) | {labels[0], labels[1]}) == 4
    members_7 = int((keys == 7).sum())
    n_pairs_7 = int(np.isin(packed // n, np.flatnonzero(keys == 7)).sum())
    if limit >= members_7:
        assert n_pairs_7 == members_7 * (members_7 - 1) // 2
    else:
        assert n_pairs_7 <= 2 * members_7
