"""WARC and WARC.gz: each HTML response is a page; URL and crawl date come from the headers."""

from __future__ import annotations

import datetime as dt
import gzip

from corpus.records import ParsedArticle
from tests.formats.helpers import BODY, outcomes, page, read_all, records, rejects, warc_bytes

DATED = page(
    "Dated page",
    head="<meta property='article:published_time' content='2024-02-01T10:00:00+01:00'>",
)
UNDATED = page("Undated page")


def test_each_html_response_is_an_article_with_url_and_source() -> None:
    data = warc_bytes(
        [
            ("https://www.valley-post.example/a", DATED.encode(), "text/html; charset=utf-8"),
            ("https://news.example.org/b", UNDATED.encode(), "text/html"),
        ]
    )
    items = read_all(data, "cc/news.warc")
    assert [(r.record_index, r.raw_format) for r in records(items)] == [(2, "warc"), (4, "warc")]
    first, second = outcomes(data, "cc/news.warc")
    assert isinstance(first, ParsedArticle)
    assert first.url == "https://www.valley-post.example/a"
    assert first.source == "valley-post.example"
    assert first.published_at == dt.datetime(2024, 2, 1, 9, 0, tzinfo=dt.UTC)
    assert first.date_source == "meta"
    # the crawl date only when the page has none
    assert second.published_date == dt.date(2024, 5, 6)
    assert second.date_source == "crawl"


def test_warc_gz_and_gzip_of_a_warc() -> None:
    pages = [("https://a.example/x", DATED.encode(), "text/html")]
    per_record = warc_bytes(pages, gzip=True)
    assert [r.raw_format for r in records(read_all(per_record, "a.warc.gz"))] == ["gzip+warc"]
    whole = gzip.compress(warc_bytes(pages))
    assert [r.raw_format for r in records(read_all(whole, "b.warc.gz"))] == ["gzip+warc"]


def test_non_html_and_error_responses_are_rejected() -> None:
    data = warc_bytes(
        [
            ("https://a.example/logo.png", b"\x89PNG\r\n", "image/png"),
            ("https://a.example/ok", DATED.encode(), "text/html"),
        ]
    )
    items = read_all(data, "x.warc")
    assert [(r.reason, r.record_index) for r in rejects(items)] == [("unsupported_format", 2)]
    assert len(records(items)) == 1


def test_charset_from_http_header() -> None:
    body = page("Grüße aus Köln", body="Die Straße am Rhein wurde gesperrt. " * 8).encode("cp1252")
    data = warc_bytes([("https://k.example/a", body, "text/html; charset=windows-1252")])
    [record] = records(read_all(data, "k.warc"))
    assert "Grüße aus Köln" in record.payload
    assert "\ufffd" not in record.payload


def test_malformed_warc_header() -> None:
    good = warc_bytes([("https://a.example/ok", DATED.encode(), "text/html")])
    bad = good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n" + BODY.encode()
    items = read_all(bad, "m.warc")
    assert len(records(items)) == 1
    assert rejects(items)[-1].reason == "malformed_warc"
    garbage = good[:200] + b"\r\n\r\nnot a warc record at all\r\n\r\n" + good[200:]
    assert "malformed_warc" in {r.reason for r in rejects(read_all(garbage, "g.warc"))}
