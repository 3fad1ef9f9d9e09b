"""A batch's file-level guarantees: rows match the bytes planned, reads stay in the raw root."""

from __future__ import annotations

from pathlib import Path

from corpus.dedup.config import DedupConfig
from corpus.process import tables_of_files
from corpus.records import RawFile
from tests.core.helpers import WHEN, write_raw

DUMP = b"date 2024-03-05 NAIROBI - The council met on Monday to agree the budget for the year."


def _tables(root: Path, files: list[RawFile]):
    return tables_of_files(files, root, "b1", WHEN, DedupConfig())


def test_a_file_rewritten_after_planning_is_one_reject(tmp_path: Path) -> None:
    # before: an article whose raw_sha256 named bytes it was not read from
    (planned,) = write_raw(tmp_path, {"a.txt": DUMP})
    (tmp_path / "a.txt").write_bytes(DUMP.replace(b"council", b"cabinet"))
    tables = _tables(tmp_path, [planned])
    assert tables.articles.num_rows == 0
    assert tables.rejects.column("reason").to_pylist() == ["changed_while_reading"]
    assert tables.n_records == 1


def test_an_unchanged_file_is_read_as_planned(tmp_path: Path) -> None:
    tables = _tables(tmp_path, write_raw(tmp_path, {"a.txt": DUMP}))
    assert tables.articles.num_rows == 1
    assert tables.rejects.num_rows == 0


def test_a_link_swapped_in_after_planning_is_not_followed_out(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    (planned,) = write_raw(root, {"a.txt": DUMP})
    (root / "a.txt").unlink()
    (root / "a.txt").symlink_to("/etc/passwd")
    tables = _tables(root, [planned])
    assert tables.articles.num_rows == 0
    rows = tables.rejects.to_pylist()
    assert "outside_raw_root" in [r["reason"] for r in rows]
    assert all("root:" not in r["excerpt"] for r in rows)
