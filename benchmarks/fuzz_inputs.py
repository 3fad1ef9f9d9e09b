"""Inputs for the fuzz job: seeds of every format and container, and a seeded mutator.

Seeds are the sample corpus's format samples plus hand-made edge cases (JSON arrays, deep
nesting, WARC resource/revisit records, empty archives, escapes that are not text). A mutated
input applies one to four operations: bit flips, special bytes, truncation, insertion,
deletion, duplication, a splice with another seed (across formats), wrapping in a compression
or archive, or renaming (names with `!`, `^`, odd extensions). Everything is a pure function of
the seed number, so a crash is reproduced from its number alone.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tarfile
import zipfile
from random import Random

import zstandard

from tools.sample.formats import build_format_samples

BODY = (
    "The river authority opened the new flood gates on Monday after three years of work. "
    "Engineers said the gates would protect four thousand homes along the lower valley."
)
_SPECIAL = [b"\x00", b"\xff", b"\xc3(", b"\\ud800", b"\\u0000", b"\r", b"!", b'"', b"{", b"[", b"<"]
_EXTENSIONS = [".txt", ".html", ".json", ".jsonl", ".warc", ".gz", ".zip", ".tar", ".zst", ""]


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for i, (kind, body) in enumerate(records):
        url = f"https://news.example/{i}"
        http = None
        if kind == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=http,
                                           warc_content_type="text/html")  # fmt: skip
        writer.write_record(record)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _tar(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def seeds() -> list[tuple[str, bytes]]:
    """(name, bytes) of every seed, the sample formats first."""
    files, _ = build_format_samples()
    found = sorted(files.items())
    page = f"<html><head><title>Gates</title></head><body><p>{BODY}</p></body></html>".encode()
    obj = {"title": "Gates", "text": BODY, "date": "2024-03-05", "authors": ["A B"]}
    found += [
        ("x/array.json", json.dumps([obj, obj, {"title": "t", "text": BODY}]).encode()),
        ("x/escapes.jsonl", b'{"title": "\\ud800\\u0000", "text": "' + BODY.encode() + b'"}\n'),
        ("x/deep.jsonl", b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}\n"),
        ("x/resource.warc", _warc([("resource", page), ("revisit", b""), ("response", page)])),
        ("x/info.warc", _warc([("warcinfo", b"software: fuzz\r\n")])),
        ("x/empty.zip", _zip({})),
        ("x/dirs.zip", _zip({"a/": b"", "a/b/": b""})),
        ("x/mixed.tar", _tar({"a.html": page, "b.jsonl": json.dumps(obj).encode()})),
        ("x/dump.txt", b"date 2024-03-05 NAIROBI - " + BODY.encode()),
        ("x/control.html", page.replace(b"Gates", b"Ga\x01t\x0bes\x7f")),
    ]
    return found


def _wrap(data: bytes, rng: Random) -> tuple[bytes, str]:
    kind = rng.choice(["gzip", "bz2", "xz", "zstd", "zip", "tar"])
    inner = f"m{rng.randrange(100)}{rng.choice(_EXTENSIONS)}"
    if kind == "gzip":
        return gzip.compress(data, 1), ".gz"
    if kind == "bz2":
        return bz2.compress(data, 1), ".bz2"
    if kind == "xz":
        return lzma.compress(data, preset=0), ".xz"
    if kind == "zstd":
        return zstandard.ZstdCompressor(level=1).compress(data), ".zst"
    if kind == "zip":
        return _zip({inner: data}), ".zip"
    return _tar({inner: data}), ".tar"


def mutate(seed_list: list[tuple[str, bytes]], number: int) -> tuple[str, bytes]:
    """The `number`-th fuzz input: a seed with one to four operations applied."""
    rng = Random(number)
    name, data = seed_list[rng.randrange(len(seed_list))]
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(10)
        at = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # bit flips
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[at:at] = rng.choice(_SPECIAL) * rng.randint(1, 4)
        elif op == 2:
            del buf[rng.randrange(len(buf) + 1) :]
        elif op == 3:
            buf[at:at] = rng.randbytes(rng.randint(1, 64))
        elif op == 4:
            del buf[at : at + rng.randint(1, 256)]
        elif op == 5 and buf:
            start = rng.randrange(len(buf))
            buf[at:at] = buf[start : start + rng.randint(1, 512)] * rng.randint(1, 3)
        elif op == 6:  # a splice across formats
            _, other = seed_list[rng.randrange(len(seed_list))]
            buf = buf[:at] + other[rng.randrange(len(other) + 1) :]
        elif op == 7:
            wrapped, ext = _wrap(bytes(buf), rng)
            buf, name = bytearray(wrapped), name + ext
        elif op == 8:
            name = name.rsplit(".", 1)[0] + rng.choice(_EXTENSIONS)
        else:
            name = name.replace("/", rng.choice(["/", "!", "^", "/a!b^"]), 1)
    return name, bytes(buf[: 256 * 1024])
