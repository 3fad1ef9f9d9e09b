"""Properties of the headline neighbourhood readers (`html_dates`, `html_bylines`): any shown
text, in any order, is read without raising, and the same items give the same answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.extract.html_bylines import headline_bylines
from corpus.extract.html_dates import headline_date, shown_update
from corpus.extract.html_hints import DateHints, ShownItem

_TEXTS = st.one_of(
    st.text(max_size=140),
    st.sampled_from(["By", "Posted by :", "Updated:", "Published on", "by jane", "·", "|"]),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(0, 40), st.sampled_from(
        ["March", "Sep", "juin", "Oktober"]), st.integers(1900, 2100)),
)  # fmt: skip
_ITEMS = st.lists(
    st.builds(ShownItem, st.sampled_from(["text", "tail", "time", "update"]), _TEXTS, _TEXTS),
    max_size=12,
)


@given(_ITEMS, _ITEMS)
def test_reading_the_headlines_neighbourhood_never_raises_and_repeats(after, before) -> None:
    hints = DateHints(after_headline=after, before_headline=before)
    first = (headline_date(hints), headline_bylines(hints), shown_update(hints))
    assert first == (headline_date(hints), headline_bylines(hints), shown_update(hints))
    assert all(name.startswith("By ") for name in first[1])
    assert len(first[1]) <= 3


@given(_ITEMS, _ITEMS)
def test_an_update_is_never_the_date_beside_the_headline(after, before) -> None:
    """Items marked as updates are read by `shown_update` only: removing them changes nothing."""
    hints = DateHints(after_headline=after, before_headline=before)
    kept = DateHints(
        after_headline=[i for i in after if i.kind != "update"],
        before_headline=[i for i in before if i.kind != "update"],
    )
    assert headline_date(hints) == headline_date(kept)
