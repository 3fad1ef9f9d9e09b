"""Formats seen in real crawls: encoded HTTP bodies in WARCs, ARC files."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zlib

import brotli
import pytest

from corpus.records import ParsedArticle, RawRecord
from tests.formats.helpers import BODY, outcomes, page, read_all, records, rejects

HTML = page("Gates open").encode()


def _chunked(data: bytes, size: int = 100) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size])
             for i in range(0, len(data), size)]  # fmt: skip
    return b"".join(parts) + b"0\r\n\r\n"


def _warc_response(body: bytes, headers: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), *headers],
                            protocol="HTTP/1.1")  # fmt: skip
    record = writer.create_warc_record("https://www.valley-post.example/a", "response",
                                       payload=io.BytesIO(body), http_headers=http)  # fmt: skip
    writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ([("Content-Encoding", "br")], brotli.compress(HTML)),
        ([("Content-Encoding", "gzip")], gzip.compress(HTML)),
        ([("Content-Encoding", "deflate")], zlib.compress(HTML)),
        (
            [("Content-Encoding", "deflate")],
            zlib.compress(HTML)[2:-4],
        ),  # raw deflate, no zlib header
        ([("Transfer-Encoding", "chunked")], _chunked(HTML)),
        (
            [("Content-Encoding", "br"), ("Transfer-Encoding", "chunked")],
            _chunked(brotli.compress(HTML)),
        ),
    ],
    ids=["br", "gzip", "deflate", "raw-deflate", "chunked", "br+chunked"],
)
def test_encoded_http_bodies_are_decoded(headers: list, body: bytes) -> None:
    [record] = read_all(_warc_response(body, headers), "cc/a.warc")
    assert isinstance(record, RawRecord)
    assert record.payload == HTML.decode()


def test_a_brotli_page_becomes_an_article() -> None:
    data = _warc_response(brotli.compress(HTML), [("Content-Encoding", "br")])
    [article] = outcomes(data, "cc/a.warc")
    assert isinstance(article, ParsedArticle)
    assert article.title == "Gates open"
    assert article.blocks[0].text == BODY


def _arc(captures: list[tuple[str, str, bytes]]) -> bytes:
    """An ARC v1 file: the `filedesc://` header record, then (url, content type, HTTP bytes)."""
    header = b"1 0 Tests\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [
        b"filedesc://test.arc 0.0.0.0 20240305120000 text/plain %d\n%s\n" % (len(header), header)
    ]
    for url, mime, http in captures:
        out.append(
            b"%s 10.0.0.1 20240306081500 %s %d\n%s\n"
            % (url.encode(), mime.encode(), len(http), http)
        )
    return b"".join(out)


def _http(body: bytes, mime: str = "text/html", status: str = "200 OK") -> bytes:
    return b"HTTP/1.0 %s\r\nContent-Type: %s\r\n\r\n%s" % (status.encode(), mime.encode(), body)


ARC = _arc(
    [
        ("http://www.valley-post.example/a", "text/html", _http(page("Gates open").encode())),
        (
            "http://www.valley-post.example/logo.png",
            "image/png",
            _http(b"\x89PNG....", "image/png"),
        ),
        ("http://www.valley-post.example/b", "text/html", _http(b"gone", status="404 Not Found")),
    ]
)


@pytest.mark.parametrize("compress", [False, True], ids=["arc", "arc.gz"])
def test_arc_captures_are_pages_with_url_and_crawl_date(compress: bool) -> None:
    data = gzip.compress(ARC) if compress else ARC
    items = read_all(data, "ia/crawl.arc.gz" if compress else "ia/crawl.arc")
    [record] = records(items)
    assert record.raw_format == ("gzip+arc" if compress else "arc")
    assert record.fields["url"] == "http://www.valley-post.example/a"
    assert [r.reason for r in rejects(items)] == ["unsupported_format", "not_an_article"]
    [article, *_] = outcomes(data, "ia/crawl.arc")
    assert isinstance(article, ParsedArticle)
    assert article.title == "Gates open"
    assert article.published_at == dt.datetime(2024, 3, 6, 8, 15, tzinfo=dt.UTC)
    assert article.date_source == "crawl"


def test_an_arc_without_captures_is_one_reject() -> None:
    [reject] = read_all(_arc([]), "ia/empty.arc")
    assert reject.reason == "no_records"
    assert "ARC" in reject.message


@pytest.mark.parametrize("mime", ["application/octet-stream", "application/warc-record"])
def test_a_resource_record_of_generic_type_holding_html_is_a_page(mime: str) -> None:
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for body in (HTML, b"\x89PNG\r\n\x1a\n not html"):
        writer.write_record(writer.create_warc_record("https://x.example/r", "resource",
                            payload=io.BytesIO(body), warc_content_type=mime))  # fmt: skip
    page_record, image = read_all(buffer.getvalue(), "cc/r.warc")
    assert isinstance(page_record, RawRecord) and page_record.payload == HTML.decode()
    assert image.reason == "unsupported_format"
