"""Zip and tar members stream as files of their own, named 'archive!member'; unsafe ones reject."""

from __future__ import annotations

import gzip
import io
import tarfile

from corpus.formats import ReadOptions
from corpus.records import ParsedArticle
from tests.formats.helpers import (
    jsonl,
    outcomes,
    page,
    read_all,
    records,
    rejects,
    tar_bytes,
    zip_bytes,
)


def test_zip_members_are_named_and_formatted() -> None:
    data = zip_bytes(
        {
            "2024/a.html": page("Alpha").encode(),
            "2024/b.txt": b"date 2024-03-05 NAIROBI - A dump inside a zip.",
            "exports/c.jsonl.gz": gzip.compress(jsonl({"text": "Inner record."})),
            "2024/": b"",
        }
    )
    items = read_all(data, "src/dump.zip")
    assert [(r.raw_path, r.raw_format) for r in records(items)] == [
        ("src/dump.zip!2024/a.html", "zip+html"),
        ("src/dump.zip!2024/b.txt", "zip+text"),
        ("src/dump.zip!exports/c.jsonl.gz", "zip+gzip+jsonl"),
    ]
    assert not rejects(items)


def test_tar_gz_members() -> None:
    data = tar_bytes({"a.html": page("Alpha").encode(), "b.html": page("Beta").encode()}, "w:gz")
    results = outcomes(data, "src/pages.tar.gz")
    assert [r.title for r in results if isinstance(r, ParsedArticle)] == ["Alpha", "Beta"]
    assert {r.raw_format for r in records(read_all(data, "x.tar.gz"))} == {"gzip+tar+html"}


def test_unsafe_member_paths_are_rejected_not_read() -> None:
    data = zip_bytes(
        {
            "../escape.html": b"<p>x</p>",
            "/etc/abs.txt": b"date 2024-01-01 x",
            "ok.txt": b"date 2024-01-01 Fine.",
        }
    )
    items = read_all(data, "d.zip")
    assert {(r.raw_path, r.reason) for r in rejects(items)} == {
        ("d.zip!../escape.html", "unsafe_member_path"),
        ("d.zip!/etc/abs.txt", "unsafe_member_path"),
    }
    assert [r.raw_path for r in records(items)] == ["d.zip!ok.txt"]


def test_unsafe_tar_member_and_links() -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name in ("a/../../up.html", "fine.html"):
            info = tarfile.TarInfo(name)
            info.size = 8
            archive.addfile(info, io.BytesIO(b"<p>x</p>"))
        link = tarfile.TarInfo("link.html")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    items = read_all(buffer.getvalue(), "t.tar")
    assert [(r.raw_path, r.reason) for r in rejects(items)] == [
        ("t.tar!a/../../up.html", "unsafe_member_path"),
        ("t.tar!link.html", "unsupported_format"),
    ]
    assert [r.raw_path for r in records(items)] == ["t.tar!fine.html"]


def test_corrupt_zip() -> None:
    data = zip_bytes({"a.html": page().encode()})
    [reject] = read_all(data[:40] + b"\x00" * 20, "bad.zip")
    assert reject.reason == "corrupt_archive"


def test_zip_member_over_ratio_cap() -> None:
    data = zip_bytes(
        {"bomb.txt": b"date 2024-01-01 " + b"a" * 30_000_000, "ok.txt": b"date 2024-01-01 Fine."}
    )
    items = read_all(data, "z.zip")
    assert [(r.raw_path, r.reason) for r in rejects(items)] == [("z.zip!bomb.txt", "too_large")]
    assert len(records(items)) == 1


def test_member_size_cap_from_options() -> None:
    data = tar_bytes({"big.html": page().encode() * 50, "small.txt": b"date 2024-01-01 ok."})
    items = read_all(data, "t.tar", options=ReadOptions(max_member_bytes=5_000))
    assert [(r.raw_path, r.reason) for r in rejects(items)] == [("t.tar!big.html", "too_large")]


def test_truncated_tar_gz() -> None:
    data = tar_bytes({f"{i}.html": page(f"Page {i}").encode() * 5 for i in range(20)}, "w:gz")
    items = read_all(data[: len(data) // 2], "cut.tar.gz")
    assert records(items)
    assert rejects(items)[-1].reason == "corrupt_archive"


def test_nested_archives_stop_at_the_depth_cap() -> None:
    data = page().encode()
    for _ in range(6):
        data = gzip.compress(data)
    items = read_all(data, "deep.gz")
    assert [r.reason for r in rejects(items)] == ["unsupported_format"]
