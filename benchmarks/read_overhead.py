"""What issue 11's format and source rules add to the hot path, beside what a page costs.

Prints, from one run: format sniffing per file (HTML, XHTML, text heads), the source rule per
article (a host seen before, a new host, the one-off Public Suffix List load), WARC reading per
record with identity, gzip and brotli HTTP bodies, and extracting one page, for scale.

    make bench-read-overhead
"""

from __future__ import annotations

import gzip
import io
import time
import timeit

import brotli
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus.extract import extract
from corpus.formats import read_bytes
from corpus.formats.sniff import sniff

PARAGRAPH = "The council met on Monday to agree the budget for the coming year. " * 6
PAGE = (
    "<!doctype html><html><head><title>Budget agreed | Valley Post</title></head><body><article>"
    "<h1>Budget agreed</h1>" + f"<p>{PARAGRAPH}</p>" * 12 + "</article></body></html>"
).encode()
N_RECORDS = 300


def _per_call_us(call, number: int) -> float:
    return min(timeit.repeat(call, number=number, repeat=3)) / number * 1e6


def _warc(encoding: str | None) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = {"gzip": gzip.compress(PAGE, mtime=0), "br": brotli.compress(PAGE)}.get(encoding, PAGE)
    fields = [("Content-Type", "text/html")] + (
        [("Content-Encoding", encoding)] if encoding else []
    )
    for i in range(N_RECORDS):
        http = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://x.example/{i}", "response",
                                           payload=io.BytesIO(body), http_headers=http)  # fmt: skip
        writer.write_record(record)
    return buffer.getvalue()


def main() -> None:
    heads = {
        "html": PAGE[:65536],
        "xhtml": b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">'
        + PAGE,
        "text": b"date 2024-03-05\n\n" + PARAGRAPH.encode() * 40,
    }
    for name, head in heads.items():
        print(
            f"sniff, {name:5s} head: {_per_call_us(lambda h=head: sniff(h[:65536], 'a'), 2000):7.1f} us/file"
        )

    started = time.perf_counter()
    from corpus.normalize.source import SourceMap, registrable_name

    registrable_name("www.example.com")
    print(
        f"source rule, Public Suffix List load: {(time.perf_counter() - started) * 1e3:7.0f} ms once per process"
    )
    sources = SourceMap.from_table({"guardian": ["theguardian.com"]})
    sources.canonical("www.seen.example.co.uk")
    print(
        f"source rule, a host seen before:      {_per_call_us(lambda: sources.canonical('www.seen.example.co.uk'), 20000):7.2f} us/article"
    )
    hosts = iter([f"news.site{i}.co.uk" for i in range(6000)])
    print(
        f"source rule, a new host:              {_per_call_us(lambda: sources.canonical(next(hosts)), 1000):7.1f} us/article"
    )

    for encoding in (None, "gzip", "br"):
        data = _warc(encoding)
        seconds = min(
            timeit.repeat(lambda d=data: list(read_bytes(d, "a.warc")), number=1, repeat=3)
        )
        print(
            f"WARC read, {encoding or 'identity':8s} bodies: {seconds / N_RECORDS * 1e6:7.1f} us/record"
        )
    [record] = list(read_bytes(PAGE, "a.html"))
    print(
        f"extract one page (for scale):         {_per_call_us(lambda: extract(record, time_limit=None), 50):7.0f} us/page"
    )


if __name__ == "__main__":
    main()
