"""Sample raw files in every supported format, good and bad, written byte for byte the same.

`generate_format_samples(out_dir)` writes small HTML pages (JSON-LD, OpenGraph only, no metadata
among navigation/footer/share/newsletter boxes, a listing page, a windows-1252 page), JSONL exports
in news-please and trafilatura style, a JSON array, a WARC.gz written with warcio (and one with
brotli-encoded bodies), an ARC file, an RSS feed and a sitemap, each compression, a zip and a
tar.gz of several members, and the bad cases: a truncated gzip, a corrupt
zip, a bad JSON line, a listing page, an unsafe member path. The article text is the project's
own invented news (`tools.sample.text.compose`); seeds, record ids, dates and archive mtimes are
fixed, so two runs write identical bytes.

It returns what each record should become: `(path, outcome)` pairs where `path` is the record's
`raw_path` relative to `out_dir` (archive members as `bundle.zip!member`), followed by
`#<record_index>` for files that hold several records, and `outcome` is `article` or
`reject:<reason>` (one of `corpus.reasons.REASONS`).
"""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import html
import io
import json
import lzma
import tarfile
import uuid
import zipfile
import zlib
from email.utils import format_datetime
from pathlib import Path
from random import Random

import brotli
import zstandard

from tools.sample.text import STYLES, Article, compose

SEED = 20240611
FIXED_TIME = (2024, 6, 1, 12, 0, 0)
FIXED_EPOCH = int(dt.datetime(*FIXED_TIME, tzinfo=dt.UTC).timestamp())
Outcome = tuple[str, str]

NAV = """<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to run this site. <button>Accept all</button></div>"""
SHARE = """<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share by email</a></div>"""
NEWSLETTER = """<aside class="newsletter-box"><h3>The morning briefing</h3><p>Sign up for our
newsletter and get the day's stories from the valley in your inbox before breakfast.</p></aside>"""
FOOTER = """<section class="related"><h2>More stories</h2><ul>
<li><a href="/news/harbour-dues">Harbour dues to rise again next spring, board says</a></li>
<li><a href="/news/library-hours">Library hours extended through the winter months</a></li></ul></section>
<footer class="site-footer"><p>© 2024 {site}. All rights reserved.</p>
<p><a href="/about">About us</a> · <a href="/privacy">Privacy</a></p></footer>"""
SITES = {"northbay-courier": "The Northbay Courier", "meridian-wire": "Meridian Wire",
         "valley-gazette": "The Valley Gazette"}  # fmt: skip


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _lead(a: Article) -> str:
    first = a.blocks[0][1]
    return f"{a.dateline}{a.dash}{first}" if a.dateline else first


def _body(a: Article) -> str:
    parts = [f"<p>{_e(_lead(a))}</p>"]
    for i, (kind, text) in enumerate(a.blocks[1:], start=1):
        if kind == "heading":
            parts.append(f"<h2>{_e(text)}</h2>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{_e(text)}</p></blockquote>")
        else:
            parts.append(f"<p>{_e(text)}</p>")
        if i == 2:
            parts.append('<figure><img src="/img/1.jpg" alt=""><figcaption>The harbour at dawn. '
                         "Photo: Courier archive</figcaption></figure>")  # fmt: skip
    return "\n".join(parts)


def _published(a: Article, hour: int = 18) -> str:
    return f"{a.when:%Y-%m-%d}T{hour:02d}:15:00+02:00"


def page(a: Article, kind: str) -> str:
    """An article page: 'json-ld', 'opengraph' or 'plain' (no metadata, a visible byline)."""
    site = SITES[a.source]
    head = [f"<meta charset='utf-8'><title>{_e(a.title)} | {_e(site)}</title>"]
    byline = ""
    if kind == "json-ld":
        data = {"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": site, "url": f"https://www.{a.source}.example/"},
            {"@type": "NewsArticle", "headline": a.title, "datePublished": _published(a),
             "dateModified": f"{a.when + dt.timedelta(days=2):%Y-%m-%d}T09:00:00Z",
             "author": [{"@type": "Person", "name": a.author}, {"@type": "Organization", "name": site}],
             "publisher": {"@type": "Organization", "name": site}, "inLanguage": "en-GB"}]}  # fmt: skip
        head.append(f'<script type="application/ld+json">{json.dumps(data)}</script>')
        head.append(f"<link rel='canonical' href='{a.url}'>")
    elif kind == "opengraph":
        head += [f"<meta property='og:title' content='{_e(a.title)}'>",
                 f"<meta property='og:site_name' content='{_e(site)}'>",
                 f"<meta property='og:url' content='{a.url}'>",
                 f"<meta property='article:published_time' content='{_published(a, 7)}'>",
                 f"<meta property='article:modified_time' content='{a.when + dt.timedelta(days=1)}T10:00:00Z'>",
                 f"<meta name='author' content='{_e(a.author)}'>"]  # fmt: skip
    else:
        byline = (f"<p class='byline'>By {_e(a.author)}, Staff Reporter · "
                  f"{a.when.day} {a.when:%B %Y}</p>")  # fmt: skip
    return (
        f"<!DOCTYPE html>\n<html lang='en'><head>{''.join(head)}</head><body>\n"
        f"{NAV.format(site=_e(site))}\n<main><article><h1>{_e(a.title)}</h1>{byline}{SHARE}\n"
        f"{_body(a)}\n{SHARE}</article>\n{NEWSLETTER}</main>\n{FOOTER.format(site=_e(site))}\n"
        f"</body></html>\n"
    )


def listing_page(articles: list[Article], source: str) -> str:
    site = SITES[source]
    items = "\n".join(
        f"<article class='teaser'><h3><a href='{a.url}'>{_e(a.title)}</a></h3>"
        f"<p>{a.when:%d %B %Y}</p></article>"
        for a in articles
    )
    return (f"<!DOCTYPE html>\n<html lang='en'><head><title>Latest news | {_e(site)}</title></head>"
            f"<body>{NAV.format(site=_e(site))}<main><h1>Latest news</h1>{items}</main>"
            f"{FOOTER.format(site=_e(site))}</body></html>\n")  # fmt: skip


def news_please(a: Article) -> dict:
    return {"authors": [a.author], "date_download": "2024-06-01 12:00:00",
            "date_publish": f"{a.when} 18:15:00", "description": a.blocks[0][1][:120],
            "filename": f"{a.slug}.json", "language": "en", "source_domain": f"www.{a.source}.example",
            "title": a.title, "url": a.url,
            "maintext": "\n".join([_lead(a), *(t for _, t in a.blocks[1:])])}  # fmt: skip


def trafilatura_style(a: Article) -> dict:
    return {"title": a.title, "author": a.author, "hostname": f"{a.source}.example",
            "date": f"{a.when}", "url": a.url, "language": "en",
            "text": "\n".join([_lead(a), *(t for _, t in a.blocks[1:])])}  # fmt: skip


def _jsonl(records: list[dict]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def warc_gz(articles: list[Article], rng: Random, *, encoding: str | None = None) -> bytes:
    """A WARC.gz, Common Crawl news style: warcinfo, then request + response per page; with
    `encoding="br"` the HTTP bodies are brotli-compressed, as many servers send them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def record_id() -> str:
        return f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>"

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    date = "2024-06-01T12:00:00Z"
    info = writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: corpus-lake samples\r\n"),
                                     warc_content_type="application/warc-fields",
                                     warc_headers_dict={"WARC-Record-ID": record_id(), "WARC-Date": date})  # fmt: skip
    writer.write_record(info)
    for i, a in enumerate(articles):
        kind = ("json-ld", "plain")[i % 2]
        headers = {"WARC-Record-ID": record_id(), "WARC-Date": date}
        request = writer.create_warc_record(a.url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                            warc_headers_dict=dict(headers))  # fmt: skip
        writer.write_record(request)
        fields = [("Content-Type", "text/html; charset=utf-8")]
        body = page(a, kind).encode()
        if encoding == "br":
            fields.append(("Content-Encoding", "br"))
            body = brotli.compress(body)
        http = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
        headers["WARC-Record-ID"] = record_id()
        response = writer.create_warc_record(a.url, "response", payload=io.BytesIO(body),
                                             http_headers=http, warc_headers_dict=headers)  # fmt: skip
        writer.write_record(response)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def tar_gz(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), FIXED_EPOCH, 0o644
            archive.addfile(info, io.BytesIO(data))
    return gzip.compress(out.getvalue(), mtime=0)


def text_dump(a: Article) -> bytes:
    paragraphs = [_lead(a), *(t for _, t in a.blocks[1:])]
    return (
        f"date {a.when}\ntitle: {a.title}\nauthor: {a.author}\n\n".encode()
        + "\n\n".join(paragraphs).encode()
        + b"\n"
    )


def _rfc822(a: Article, hour: int = 7) -> str:
    when = dt.datetime(a.when.year, a.when.month, a.when.day, hour, 30, tzinfo=dt.UTC)
    return format_datetime(when, usegmt=True)


def rss_feed(articles: list[Article]) -> bytes:
    """An RSS 2.0 feed whose items carry the whole article (`content:encoded`), as many do."""
    items = "".join(
        f"<item><title>{_e(a.title)}</title><link>{_e(a.url)}</link>"
        f"<pubDate>{_rfc822(a)}</pubDate><dc:creator>{_e(a.author)}</dc:creator>"
        f"<description>{_e(a.blocks[0][1][:120])}</description>"
        f"<content:encoded><![CDATA[{_body(a)}]]></content:encoded></item>\n"
        for a in articles
    )
    site = SITES[articles[0].source]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>'
        f"{_e(site)}</title><link>https://www.{articles[0].source}.example/</link>"
        f"<language>en-gb</language>\n{items}</channel></rss>\n"
    ).encode()


def sitemap(articles: list[Article]) -> bytes:
    """A sitemap: XML that names pages without holding any (its own reject)."""
    urls = "".join(
        f"<url><loc>{_e(a.url)}</loc><lastmod>{a.when}</lastmod></url>" for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    ).encode()


def arc_gz(a: Article) -> bytes:
    """An ARC file (the Internet Archive's format before WARC): the `filedesc://` record, the
    page's capture and an image's, gzipped."""
    header = b"1 0 corpus-lake samples\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [
        b"filedesc://crawl.arc 0.0.0.0 20240601120000 text/plain %d\n%s\n" % (len(header), header)
    ]
    captures = (
        (a.url, "text/html", page(a, "plain").encode()),
        (
            f"https://www.{a.source}.example/img/1.jpg",
            "image/jpeg",
            b"\xff\xd8\xff\xe0 not a real jpeg",
        ),
    )
    for url, mime, body in captures:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\n\r\n%s" % (mime.encode(), body)
        records.append(
            b"%s 192.0.2.1 20240601120000 %s %d\n%s\n"
            % (url.encode(), mime.encode(), len(http), http)
        )
    return gzip.compress(b"".join(records), mtime=0)


def build_format_samples() -> tuple[dict[str, bytes], list[Outcome]]:
    """The files (path -> bytes) and the expected outcome of each record."""
    rng = Random(SEED)
    day = dt.date(2024, 3, 1)

    def story(source: str) -> Article:
        when = day + dt.timedelta(days=rng.randrange(90))
        return compose(rng, when, source, rng.choice(STYLES[:5]), quote_paragraph=True)

    files: dict[str, bytes] = {}
    outcomes: list[Outcome] = []

    def add(path: str, data: bytes, *expected: str, several: bool = False, step: int = 1,
            first: int = 0) -> None:  # fmt: skip
        files[path] = data
        for i, outcome in enumerate(expected):
            outcomes.append((f"{path}#{first + i * step}" if several else path, outcome))

    nb = [story("northbay-courier") for _ in range(8)]
    add(f"northbay-courier/html/{nb[0].slug}.html", page(nb[0], "json-ld").encode(), "article")
    add(f"northbay-courier/html/{nb[1].slug}.htm", page(nb[1], "opengraph").encode(), "article")
    add(f"northbay-courier/html/{nb[2].slug}.html", page(nb[2], "plain").encode(), "article")
    latin = (
        page(nb[3], "plain")
        .replace("charset='utf-8'", "charset='windows-1252'")
        .replace("Photo:", "Photo ©")
    )
    add(
        f"northbay-courier/html/{nb[3].slug}-latin.html",
        latin.encode("cp1252", "replace"),
        "article",
    )
    add(
        "northbay-courier/html/index.html",
        listing_page(nb, "northbay-courier").encode(),
        "reject:not_an_article",
    )
    add("northbay-courier/html/empty-shell.html",
        f"<html><body>{NAV.format(site='x')}{FOOTER.format(site='x')}</body></html>".encode(), "reject:no_main_text")  # fmt: skip

    mw = [story("meridian-wire") for _ in range(8)]
    good = _jsonl([news_please(a) for a in mw[:2]])
    bad_line = b'{"title": "Half a record", "maintext": "cut off here\n'
    add("meridian-wire/exports/news-please.jsonl", good + bad_line + _jsonl([news_please(mw[2])]),
        "article", "article", "reject:invalid_json", "article", several=True)  # fmt: skip
    add("meridian-wire/exports/trafilatura.jsonl", _jsonl([trafilatura_style(a) for a in mw[3:5]]),
        "article", "article", several=True)  # fmt: skip
    add("meridian-wire/exports/archive.json",
        json.dumps([trafilatura_style(mw[5]), {"title": "No body"}], indent=1).encode(),
        "article", "reject:missing_text_field", several=True)  # fmt: skip
    add(
        "meridian-wire/exports/dump.txt",
        gzip.compress(_jsonl([news_please(mw[6])]), mtime=0),
        "article",
    )

    vg = [story("valley-gazette") for _ in range(10)]
    # record 0 is the warcinfo, then a request and a response per page
    add("valley-gazette/warc/crawl.warc.gz", warc_gz(vg[:3], rng),
        "article", "article", "article", several=True, first=2, step=2)  # fmt: skip
    one = page(vg[3], "json-ld").encode()
    add("valley-gazette/compressed/page.html.gz", gzip.compress(one, mtime=0), "article")
    add(
        "valley-gazette/compressed/export.jsonl.bz2",
        bz2.compress(_jsonl([news_please(vg[4])])),
        "article",
    )
    add(
        "valley-gazette/compressed/export.jsonl.xz",
        lzma.compress(_jsonl([trafilatura_style(vg[5])])),
        "article",
    )
    add(
        "valley-gazette/compressed/page.html.zst",
        zstandard.ZstdCompressor(level=3).compress(one),
        "article",
    )
    add(
        "valley-gazette/compressed/story.txt.gz",
        gzip.compress(text_dump(vg[6]), mtime=0),
        "article",
    )
    cut = gzip.compress(_jsonl([news_please(a) for a in vg[:6]]), mtime=0)
    cut = cut[: len(cut) * 2 // 3]
    # the lines complete before the cut are articles; the cut line and the rest: one reject
    readable = zlib.decompressobj(31).decompress(cut)
    complete = readable.count(b"\n") - (0 if not readable.endswith(b"\n") else 1)
    add("valley-gazette/compressed/truncated.jsonl.gz", cut, *["article"] * complete, several=True)
    outcomes.append(("valley-gazette/compressed/truncated.jsonl.gz", "reject:corrupt_archive"))

    members = {f"2024/{vg[7].slug}.html": page(vg[7], "opengraph").encode(),
               f"2024/{vg[8].slug}.txt": text_dump(vg[8]),
               "exports/more.jsonl": _jsonl([trafilatura_style(vg[9])]),
               "../outside.html": page(vg[7], "plain").encode()}  # fmt: skip
    add("valley-gazette/archives/bundle.zip", zip_bytes(members))
    outcomes += [
        (f"valley-gazette/archives/bundle.zip!{name}", "article") for name in list(members)[:3]
    ]
    outcomes.append(
        ("valley-gazette/archives/bundle.zip!../outside.html", "reject:unsafe_member_path")
    )
    tar_members = {f"pages/{a.slug}.html": page(a, "plain").encode() for a in nb[4:7]}
    add("northbay-courier/archives/pages.tar.gz", tar_gz(tar_members))
    outcomes += [
        (f"northbay-courier/archives/pages.tar.gz!{name}", "article") for name in tar_members
    ]
    add("northbay-courier/archives/corrupt.zip", zip_bytes(members)[:200], "reject:corrupt_archive")
    # formats seen in real crawls (issue 11); drawn last, so the files above keep their bytes
    fed = [story("northbay-courier") for _ in range(2)]
    add("northbay-courier/feeds/latest.rss", rss_feed(fed), "article", "article", several=True)
    add("northbay-courier/feeds/sitemap.xml", sitemap(fed), "reject:unsupported_xml")
    archived = story("valley-gazette")
    add("valley-gazette/arc/crawl.arc.gz", arc_gz(archived),
        "article", "reject:unsupported_format", several=True, first=1)  # fmt: skip
    encoded = story("meridian-wire")
    add("meridian-wire/warc/brotli.warc.gz", warc_gz([encoded], rng, encoding="br"), "article",
        several=True, first=2)  # fmt: skip
    return files, outcomes


def generate_format_samples(out_dir: Path) -> list[tuple[str, str]]:
    """Write the samples under `out_dir/<source>/...`; returns (path, expected outcome) pairs."""
    files, outcomes = build_format_samples()
    for relative, data in files.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return outcomes
