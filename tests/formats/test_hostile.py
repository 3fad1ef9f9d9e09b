"""Hostile and damaged inputs from issue 10: each yields precise rows, none is lost or hidden."""

from __future__ import annotations

import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus.formats import read_file
from corpus.records import RawRecord, Reject
from tests.formats.helpers import BODY, jsonl, page, read_all, records, rejects, zip_bytes

PAGE = page("Flood gates open").encode()


def _reasons(items: list) -> list[str]:
    return [r.reason for r in rejects(items)]


def test_a_damaged_array_element_costs_that_element_only() -> None:
    # before: one bad element rejected every element after it
    good = [{"title": f"T{i}", "text": BODY} for i in range(4)]
    text = json.dumps(good)
    broken = text.replace('"title": "T1"', '"title": "T1" oops', 1).encode()
    items = read_all(broken, "a.json")
    assert [r.fields["title"] for r in records(items)] == ["T0", "T2", "T3"]
    assert _reasons(items) == ["invalid_json"]
    assert rejects(items)[0].record_index == 1


def test_an_invalid_byte_in_an_array_is_replaced_not_a_reject() -> None:
    data = json.dumps([{"title": "A", "text": BODY}, {"title": "B", "text": BODY}]).encode()
    data = data.replace(b'"B"', b'"B\xff"')
    items = read_all(data, "a.json")
    assert [r.fields["title"] for r in records(items)] == ["A", "B\ufffd"]
    assert not rejects(items)


def test_a_deeply_nested_first_line_is_one_reject_not_the_file() -> None:
    # before: RecursionError in sniffing rejected the whole file
    deep = b'{"a": ' + b"[" * 30000 + b"]" * 30000 + b"}"
    data = deep + b"\n" + jsonl({"title": "ok", "text": BODY})
    items = read_all(data, "a.jsonl")
    assert [r.fields["title"] for r in records(items)] == ["ok"]
    assert _reasons(items) == ["too_deeply_nested"]


def test_stray_bytes_in_ascii_jsonl_never_become_a_guessed_code_page() -> None:
    # before: charset detection read this as cp437 and the title became 'bad ├('
    line = b'{"title": "bad \xc3(", "text": "' + BODY.encode() + b'"}\n'
    (record,) = read_all(line, "a.jsonl")
    assert record.fields["title"] == "bad \ufffd("


def test_declared_utf8_html_with_a_bad_byte_is_not_guessed() -> None:
    html = page("Caf\xe9 bad \x01", head="<meta charset='utf-8'>").encode("utf-8")
    html = html.replace(b"\x01", b"\xc3(")
    (record,) = read_all(html, "a.html")
    assert "\ufffd(" in record.payload


def test_a_damaged_zip_is_corrupt_archive_not_read_error() -> None:
    data = bytearray(zip_bytes({"a.html": PAGE * 20, "b.html": PAGE}))
    start = data.find(b"a.html") + 40
    data[start : start + 200] = b"\x00" * 200  # damage the first member's deflate stream
    items = read_all(bytes(data), "d.zip")
    assert "read_error" not in _reasons(items)
    assert "corrupt_archive" in _reasons(items)


def test_empty_and_folder_only_archives_have_a_row() -> None:
    # before: no row at all
    empty_zip = io.BytesIO()
    zipfile.ZipFile(empty_zip, "w").close()
    folders = io.BytesIO()
    with zipfile.ZipFile(folders, "w") as archive:
        archive.writestr("2024/", b"")
        archive.writestr("2024/05/", b"")
    tar_folders = io.BytesIO()
    with tarfile.open(fileobj=tar_folders, mode="w") as archive:
        info = tarfile.TarInfo("2024")
        info.type = tarfile.DIRTYPE
        archive.addfile(info)
    for data, name in ((empty_zip, "e.zip"), (folders, "f.zip"), (tar_folders, "t.tar")):
        items = read_all(data.getvalue(), name)
        assert _reasons(items) == ["empty_archive"], name


def _warc(records_: list[tuple[str, bytes, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for rec_type, body, content_type in records_:
        url = f"https://a.example/{len(buffer.getvalue())}"
        if rec_type == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=http)  # fmt: skip
        else:
            record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body),
                                               warc_content_type=content_type)  # fmt: skip
        writer.write_record(record)
    return buffer.getvalue()


def test_a_warc_without_pages_has_a_row() -> None:
    data = _warc([("warcinfo", b"software: x\r\n", "application/warc-fields")])
    assert _reasons(read_all(data, "w.warc")) == ["no_records"]


def test_resource_records_are_pages_and_revisits_are_accounted_for() -> None:
    data = _warc([("resource", PAGE, "text/html"), ("revisit", b"", "text/html")])
    items = read_all(data, "w.warc")
    assert [r.record_index for r in records(items)] == [0]
    assert _reasons(items) == ["warc_revisit"]


def test_a_truncated_record_is_never_stored_as_complete() -> None:
    data = _warc([("response", PAGE, "text/html")])
    items = read_all(data[:-200], "w.warc")
    assert not records(items)
    assert _reasons(items) == ["truncated_record"]


def test_an_inflated_content_length_does_not_swallow_the_next_records() -> None:
    first = _warc([("response", PAGE, "text/html")])
    second = _warc([("response", page("Second page").encode(), "text/html")])
    length = first.split(b"Content-Length: ")[1].split(b"\r\n")[0]
    inflated = first.replace(b"Content-Length: " + length,
                             b"Content-Length: " + str(int(length) + len(second)).encode(), 1)  # fmt: skip
    items = read_all(inflated + second, "w.warc")
    assert _reasons(items) == ["malformed_warc"]
    assert [(r.record_index, "Second page" in r.payload) for r in records(items)] == [(1, True)]


def test_special_files_and_links_are_never_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # before: open() blocked forever
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")  # before: read, excerpt in the lake
    for name, reason in (
        ("pipe.txt", "not_a_regular_file"),
        ("passwd.txt", "symlink_not_followed"),
    ):
        items = list(read_file(tmp_path / name, name))
        assert [(type(i), i.reason, i.excerpt) for i in items] == [(Reject, reason, "")]
    assert not any(isinstance(i, RawRecord) for i in read_file(tmp_path / "pipe.txt", "p"))
