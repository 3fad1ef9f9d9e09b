import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.dedup import PARAGRAPH_STATS_SCHEMA, paragraph_hash, paragraph_stats

SIGNOFF = paragraph_hash("Reporting by Jane Doe; Editing by John Roe")
NEWSLETTER = paragraph_hash("Sign up for our morning newsletter.")


def _paragraphs(rows: list[tuple[str | None, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema=["source", "article_id", "paragraph_hash"], orient="row"
    ).with_columns(position=pl.int_range(pl.len()))


def test_counts_distinct_articles_per_source():
    paragraphs = _paragraphs(
        [
            ("wire", "a1", SIGNOFF),
            ("wire", "a1", SIGNOFF),  # twice in one article counts once
            ("wire", "a2", SIGNOFF),
            ("wire", "a3", SIGNOFF),
            ("wire", "a1", NEWSLETTER),
            ("wire", "a2", NEWSLETTER),
            ("daily", "d1", SIGNOFF),  # another source: counted on its own
            ("daily", "d1", NEWSLETTER),
            ("daily", "d2", paragraph_hash("A paragraph found once.")),
        ]
    )
    stats = paragraph_stats(paragraphs, min_articles=3)
    assert stats.schema == PARAGRAPH_STATS_SCHEMA
    assert stats.to_dicts() == sorted(
        [
            {"source": "wire", "paragraph_hash": SIGNOFF, "n_articles": 3, "is_boilerplate": True},
            {
                "source": "wire",
                "paragraph_hash": NEWSLETTER,
                "n_articles": 2,
                "is_boilerplate": False,
            },
        ],
        key=lambda r: r["paragraph_hash"],
    )
    lowered = paragraph_stats(paragraphs.lazy(), min_articles=2)
    assert lowered["is_boilerplate"].all()
    assert lowered.height == 2


def test_null_source_is_its_own_source_and_empty_input_works():
    paragraphs = _paragraphs([(None, "x1", SIGNOFF), (None, "x2", SIGNOFF), ("s", "y", SIGNOFF)])
    stats = paragraph_stats(paragraphs, min_articles=2)
    assert stats.to_dicts() == [
        {"source": None, "paragraph_hash": SIGNOFF, "n_articles": 2, "is_boilerplate": True}
    ]
    empty = paragraph_stats(paragraphs.clear(), min_articles=3)
    assert empty.height == 0
    assert empty.schema == PARAGRAPH_STATS_SCHEMA


def test_min_articles_must_be_positive():
    with pytest.raises(ValueError):
        paragraph_stats(_paragraphs([]), min_articles=0)


@given(
    st.lists(
        st.tuples(st.sampled_from(["s1", "s2"]), st.integers(0, 6), st.integers(0, 4)),
        max_size=60,
    ),
    st.integers(1, 5),
)
@settings(deadline=None)  # timing varies on a shared machine
def test_matches_a_plain_count(rows, min_articles):
    paragraphs = _paragraphs([(s, f"{s}-{a}", f"h{h}") for s, a, h in rows])
    expected = {}
    for s, a, h in rows:
        expected.setdefault((s, f"h{h}"), set()).add(a)
    stats = paragraph_stats(paragraphs.sample(fraction=1, shuffle=True, seed=1), min_articles)
    got = {(r["source"], r["paragraph_hash"]): r for r in stats.to_dicts()}
    assert set(got) == {key for key, ids in expected.items() if len(ids) >= 2}
    for key, r in got.items():
        assert r["n_articles"] == len(expected[key])
        assert r["is_boilerplate"] == (len(expected[key]) >= min_articles)
    assert stats.equals(stats.sort("source", "paragraph_hash"))
