"""Whatever bytes a user drops into raw/, reading never raises and nothing is lost."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.extract import extract
from corpus.formats import read_bytes
from corpus.records import ParsedArticle, RawRecord, Reject


def outcomes(data: bytes) -> list[ParsedArticle | Reject]:
    results: list[ParsedArticle | Reject] = []
    for item in read_bytes(data, "src/file.txt"):
        results.append(item if isinstance(item, Reject) else extract(item))
    return results


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_become_articles_or_rejects(data: bytes) -> None:
    results = outcomes(data)
    assert results, "every input must leave a trace"
    for result in results:
        assert isinstance(result, ParsedArticle | Reject)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_becomes_articles_or_rejects(text: str) -> None:
    results = outcomes(text.encode("utf-8"))
    assert results
    for result in results:
        assert isinstance(result, ParsedArticle | Reject)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1000, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=500),
)
def test_dated_text_keeps_its_date_and_words(day, body: str) -> None:
    record = RawRecord("src/a.txt", 0, "text", f"date {day:%Y-%m-%d} {body}")
    result = extract(record)
    if isinstance(result, ParsedArticle):
        assert result.published_date == day
        assert all(block.text == block.text.strip() and block.text for block in result.blocks)
    else:
        assert result.reason in {"empty_body", "invalid_date"}
        assert not body.strip() or result.reason == "empty_body"
