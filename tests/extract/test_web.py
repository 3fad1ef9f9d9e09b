"""Record-level extraction: dispatch by leaf format, record fields first, time limits."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from corpus.extract import EXTRACTORS, base_format, extract
from corpus.extract.timeout import RecordTimeout, time_limit
from corpus.records import ParsedArticle, RawRecord, Reject

PAGE = (
    "<html lang='de'><head><title>Neue Brücke | Talbote</title></head><body><article>"
    "<p>Die neue Brücke über den Fluss wurde am Montag eröffnet, nach drei Jahren Bauzeit.</p>"
    "<p>Der Bürgermeister sprach von einem großen Tag für die ganze Region am Fluss.</p>"
    "</article></body></html>"
)


def test_every_leaf_format_has_an_extractor() -> None:
    assert set(EXTRACTORS) == {
        "text",
        "html",
        "warc",
        "arc",
        "json",
        "jsonl",
        "rss",
        "atom",
        "xml",
        "tei",
    }
    assert base_format("gzip+tar+html") == "html"


def test_html_record() -> None:
    article = extract(RawRecord("src/a.html", 0, "zip+html", PAGE))
    assert isinstance(article, ParsedArticle)
    assert article.title == "Neue Brücke"
    assert article.language == "de"
    assert len(article.blocks) == 2


def test_html_record_as_bytes_is_decoded() -> None:
    article = extract(RawRecord("src/a.html", 0, "html", PAGE.encode("cp1252")))
    assert isinstance(article, ParsedArticle)
    assert "Brücke" in article.blocks[0].text


def test_json_record_fields_win_over_the_page() -> None:
    fields = {"title": "From the export", "date": "2024-01-31T23:00:00Z", "authors": "By Lena Vogt",
              "url": "https://talbote.example/a", "source": "talbote.example", "language": "de-AT"}  # fmt: skip
    article = extract(RawRecord("e.jsonl", 3, "jsonl", PAGE, fields))
    assert article.title == "From the export"
    assert article.published_at == dt.datetime(2024, 1, 31, 23, 0, tzinfo=dt.UTC)
    assert article.date_source == "field"
    assert article.authors == ["Lena Vogt"]
    assert (article.url, article.source, article.language) == (
        fields["url"],
        "talbote.example",
        "de",
    )


def test_json_record_with_an_empty_text_is_rejected() -> None:
    result = extract(RawRecord("e.jsonl", 0, "jsonl", "  \n ", {}))
    assert isinstance(result, Reject)
    assert result.reason == "empty_body"


def test_warc_record_uses_crawl_date_only_without_a_page_date() -> None:
    fields = {"url": "https://www.talbote.example/x", "crawl_date": "2024-06-01T12:00:00Z"}
    article = extract(RawRecord("c.warc.gz", 5, "gzip+warc", PAGE, fields))
    assert (article.published_date, article.date_source) == (dt.date(2024, 6, 1), "crawl")
    assert article.source == "talbote.example"
    dated = PAGE.replace("<head>", "<head><meta name='date' content='2024-05-30'>")
    article = extract(RawRecord("c.warc.gz", 5, "gzip+warc", dated, fields))
    assert (article.published_date, article.date_source) == (dt.date(2024, 5, 30), "meta")


def test_a_page_date_after_the_crawl_gives_way_to_the_crawl_date() -> None:
    fields = {"url": "https://www.talbote.example/x", "crawl_date": "2024-06-01T12:00:00Z"}
    dated = PAGE.replace("<head>", "<head><meta name='date' content='2024-09-30'>")
    article = extract(RawRecord("c.warc.gz", 5, "gzip+warc", dated, fields))
    assert (article.published_date, article.date_source) == (dt.date(2024, 6, 1), "crawl")


def test_a_date_without_crawl_date_does_not_depend_on_the_wall_clock() -> None:
    # years ahead of any run of this test: kept, because a re-run must give the same date
    dated = PAGE.replace("<head>", "<head><meta name='date' content='2090-05-30'>")
    article = extract(RawRecord("a.html", 0, "html", dated))
    assert article.published_date == dt.date(2090, 5, 30)


def test_unknown_format_is_rejected() -> None:
    result = extract(RawRecord("x.pdf", 0, "pdf", "%PDF"))
    assert isinstance(result, Reject)
    assert result.reason == "unsupported_format"


def test_time_limit_turns_a_slow_record_into_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(record: RawRecord) -> ParsedArticle:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pass
        raise AssertionError("not interrupted")

    monkeypatch.setitem(EXTRACTORS, "html", slow)
    result = extract(RawRecord("slow.html", 7, "html", PAGE), time_limit=0.2)
    assert isinstance(result, Reject)
    # 'timeout', not the error `slow` raises when it runs to its end: it was interrupted
    assert (result.reason, result.record_index) == ("timeout", 7)


def test_time_limit_context_restores_and_passes_fast_code() -> None:
    with time_limit(1.0):
        value = sum(range(1000))
    assert value == 499500
    with pytest.raises(RecordTimeout), time_limit(0.05):
        while True:
            pass


def test_an_extractor_bug_costs_one_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(record: RawRecord) -> ParsedArticle:
        raise KeyError("boom")

    monkeypatch.setitem(EXTRACTORS, "json", broken)
    result = extract(RawRecord("b.json", 0, "json", "{}"))
    assert isinstance(result, Reject)
    assert result.reason == "extract_error"
