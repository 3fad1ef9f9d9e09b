"""Small builders shared by the format tests: pages, JSON lines, WARCs and archives in memory."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile

from corpus.extract import extract
from corpus.formats import read_bytes
from corpus.records import ParsedArticle, RawRecord, Reject

BODY = (
    "The river authority opened the new flood gates on Monday after three years of work. "
    "Engineers said the gates would protect four thousand homes along the lower valley. "
    "Residents gathered on the bank to watch the first test, which lasted twenty minutes."
)


def page(title: str = "Flood gates open", body: str = BODY, head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>{title} | Valley Post</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
        f"<footer>© 2024 Valley Post. All rights reserved.</footer></body></html>"
    )


def jsonl(*objects: object) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objects)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def warc_bytes(pages: list[tuple[str, bytes, str]], *, gzip: bool = False) -> bytes:
    """A WARC written with warcio: (url, body, content type) responses, each after a request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for url, body, content_type in pages:
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


def read_all(data: bytes, name: str, **kw) -> list[RawRecord | Reject]:
    return list(read_bytes(data, name, **kw))


def outcomes(data: bytes, name: str, **kw) -> list[ParsedArticle | Reject]:
    return [r if isinstance(r, Reject) else extract(r) for r in read_bytes(data, name, **kw)]


def records(items: list) -> list[RawRecord]:
    return [r for r in items if isinstance(r, RawRecord)]


def rejects(items: list) -> list[Reject]:
    return [r for r in items if isinstance(r, Reject)]
