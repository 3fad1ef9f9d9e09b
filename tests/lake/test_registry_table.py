"""A registration's row, built column by column, holds every file's fields in order."""

import datetime as dt

from corpus.lake.registry import BatchFile, Registration
from corpus.lake.tables import spec

AT = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.UTC)


def test_registration_row_holds_each_file_in_order() -> None:
    files = [
        BatchFile("a/one.txt", "a/one.txt", "11" * 32, 10, 1_700_000_000_000_000_001),
        BatchFile("b/bad", "b/bad", "", 0, 0, status="refused", note="too_deep: 9 levels"),
    ]
    table = Registration("b-1", AT, "new", files).table()
    assert table.schema == spec("registrations").schema
    assert table.to_pylist() == [
        {
            "batch_id": "b-1",
            "registered_at": AT,
            "kind": "new",
            "files": [
                {
                    "path": "a/one.txt",
                    "key": "a/one.txt",
                    "sha256": "11" * 32,
                    "size": 10,
                    "mtime_ns": 1_700_000_000_000_000_001,
                    "status": "file",
                    "note": "",
                },
                {
                    "path": "b/bad",
                    "key": "b/bad",
                    "sha256": "",
                    "size": 0,
                    "mtime_ns": 0,
                    "status": "refused",
                    "note": "too_deep: 9 levels",
                },
            ],
        }
    ]


def test_a_registration_without_files_has_an_empty_list() -> None:
    table = Registration("b-2", AT, "prune").table()
    assert table.column("files").to_pylist() == [[]]
