"""The raw-root walk: every entry is an input or a refusal, nothing outside the root is read."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.rawscan import (
    NotARegularFile,
    RawEntry,
    RefusedEntry,
    sha256_file,
    walk_raw_root,
)
from corpus.reasons import is_known


def _write(path: Path, text: str = "date 2024-01-02 Body.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _reasons(refused: list[RefusedEntry]) -> dict[str, str]:
    return {r.path: r.reason for r in refused}


def test_regular_files_sorted_with_the_usual_skips(tmp_path: Path) -> None:
    _write(tmp_path / "b" / "x.txt")
    _write(tmp_path / "a.txt", "abc")
    _write(tmp_path / "README.md")
    _write(tmp_path / "b" / "README.md")  # only skipped at the root
    _write(tmp_path / ".hidden" / "c.txt")
    _write(tmp_path / ".d.txt")
    found, refused = walk_raw_root(tmp_path)
    assert [e.path for e in found] == ["a.txt", "b/README.md", "b/x.txt"]
    assert found[0] == RawEntry("a.txt", 3, (tmp_path / "a.txt").stat().st_mtime_ns)
    assert refused == []


def test_fifo_socket_and_device_links_are_refused_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    try:
        found, refused = walk_raw_root(tmp_path, follow_symlinks=True)
    finally:
        sock.close()
    assert found == []
    assert _reasons(refused) == {
        "pipe.txt": "not_a_regular_file",
        "sock.txt": "not_a_regular_file",
        "zero.txt": "outside_raw_root",
    }


def test_symlinks_outside_broken_and_to_folders(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    _write(root / "real" / "a.txt")
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "broken.txt").symlink_to(root / "nowhere")
    (root / "dir").symlink_to(root / "real")
    (root / "same.txt").symlink_to(root / "real" / "a.txt")
    (root / "up.txt").symlink_to("../outside.txt")
    _write(tmp_path / "outside.txt")
    found, refused = walk_raw_root(root)
    assert [e.path for e in found] == ["real/a.txt"]
    assert _reasons(refused) == {
        "broken.txt": "broken_link",
        "dir": "symlink_not_followed",
        "passwd.txt": "outside_raw_root",
        "same.txt": "symlink_not_followed",
        "up.txt": "outside_raw_root",
    }
    assert all(is_known(r.reason) and "\n" not in r.message for r in refused)
    found, refused = walk_raw_root(root, follow_symlinks=True)
    assert [e.path for e in found] == ["real/a.txt", "same.txt"]
    assert _reasons(refused)["dir"] == "symlink_not_followed"
    assert _reasons(refused)["passwd.txt"] == "outside_raw_root"


def test_undecodable_names_are_refused_with_a_printable_path(tmp_path: Path) -> None:
    os.makedirs(os.path.join(os.fsencode(tmp_path), b"dir\xff"))
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xe9.txt"), "wb") as handle:
        handle.write(b"date 2024-01-02 x")
    found, refused = walk_raw_root(tmp_path)
    assert found == []
    assert _reasons(refused) == {"bad\\xe9.txt": "undecodable_name", "dir\\xff": "undecodable_name"}
    for entry in refused:
        entry.path.encode("utf-8")  # valid Unicode: no surrogate escapes reach the lake


def test_excluded_folders_are_never_entered(tmp_path: Path) -> None:
    _write(tmp_path / "lake" / "articles" / "part.txt")
    _write(tmp_path / "news" / "a.txt")
    found, _ = walk_raw_root(tmp_path, exclude=[tmp_path / "lake"])
    assert [e.path for e in found] == ["news/a.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file regardless of permissions")
def test_unreadable_entries_are_refused(tmp_path: Path) -> None:
    _write(tmp_path / "locked" / "a.txt")
    _write(tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        found, refused = walk_raw_root(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert found == []
    assert _reasons(refused) == {"locked": "unreadable", "secret.txt": "unreadable"}


def test_only_files_without_the_owners_read_bit_ask_the_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk skips `os.access` for a file of ours the owner may read, and asks it (and
    refuses the file when it says no) for every other file."""
    _write(tmp_path / "mine.txt")
    _write(tmp_path / "shut.txt").chmod(0o044)
    asked: list[str] = []

    def access(path: bytes, mode: int) -> bool:
        asked.append(os.path.basename(os.fsdecode(path)))
        return False

    monkeypatch.setattr(os, "access", access)
    found, refused = walk_raw_root(tmp_path)
    assert [e.path for e in found] == ["mine.txt"]
    assert _reasons(refused) == {"shut.txt": "unreadable"}
    assert asked == ["shut.txt"]


def test_a_root_that_is_not_a_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        walk_raw_root(tmp_path / "missing")


def test_sha256_of_a_regular_file(tmp_path: Path) -> None:
    data = os.urandom(3 << 20)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()
    assert sha256_file(path, expected_size=len(data)) == hashlib.sha256(data).hexdigest()
    with pytest.raises(OSError, match="listed"):
        sha256_file(path, expected_size=1)


def test_sha256_refuses_fifos_devices_and_links_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")  # the old hash blocked forever on open()
    (tmp_path / "zero").symlink_to("/dev/zero")  # the old hash read forever
    with pytest.raises(NotARegularFile):
        sha256_file(tmp_path / "pipe")
    with pytest.raises(NotARegularFile):
        sha256_file(tmp_path / "zero")
    with pytest.raises(NotARegularFile):
        sha256_file(Path("/dev/zero"))


_NAME_BYTES = st.binary(min_size=1, max_size=12).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")
)


@settings(max_examples=60, deadline=None)
@given(names=st.lists(_NAME_BYTES, min_size=1, max_size=6, unique=True))
def test_any_names_are_listed_or_refused_never_raised(tmp_path_factory, names) -> None:
    root = tmp_path_factory.mktemp("names")
    broot = os.fsencode(root)
    for name in names:
        with open(os.path.join(broot, name), "wb") as handle:
            handle.write(b"x")
    found, refused = walk_raw_root(root)
    visible = [n for n in names if not n.startswith(b".")]
    assert len(found) + len(refused) == len(visible) - sum(
        n.decode("utf-8", "replace") in ("README.md", "README.txt", "Thumbs.db") for n in visible
    )
    for entry in [*found, *refused]:
        entry.path.encode("utf-8")
    assert [e.path for e in found] == sorted(e.path for e in found)
    for entry in found:
        assert (root / entry.path).is_file()
