"""Walking the raw root safely: every directory entry is an input or a refusal, never a crash.

`RawWalk` streams the regular files under the raw root that are safe to open, and refuses
(with a stable reason from `corpus.reasons`) every entry that will never be read: broken links,
symlinks (by default; see below), FIFOs, sockets and devices, names that are not UTF-8, folders
it may not enter. It never opens an entry, never follows a link out of the root, and never
raises for one entry: a file that vanishes while the walk runs is simply not listed.

Symlinks are refused unless `follow_symlinks=True`; even then a link is followed only when its
target resolves inside the raw root and is a regular file (a link to a folder is refused, never
walked: a loop or a second path to the same files would follow). A link whose target resolves
outside the root is `outside_raw_root` in every mode: nothing outside the root is ever read.

`sha256_file` hashes one file without following a symlink or blocking on a FIFO (`O_NOFOLLOW |
O_NONBLOCK`, then an fstat check that it is a regular file), streaming 1 MiB at a time.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

IGNORED_ROOT_NAMES = frozenset({"README.md", "README.txt", "Thumbs.db"})
HASH_CHUNK = 1 << 20


@dataclass(slots=True, frozen=True)
class RawEntry:
    """A regular file inside the raw root, safe to open."""

    path: str  # relative POSIX path, valid Unicode
    size: int
    mtime_ns: int


@dataclass(slots=True, frozen=True)
class RefusedEntry:
    """A directory entry that will never be read; it becomes a `rejects` row."""

    path: str  # relative, valid Unicode (undecodable bytes escaped printably)
    reason: str  # a code in corpus.reasons
    message: str  # one line


class NotARegularFile(OSError):
    """`sha256_file` was asked to hash something that is not a regular file."""


def printable_name(raw: bytes) -> str:
    """A name's bytes as valid Unicode: UTF-8 as is, other bytes escaped as `\\xNN`.

    A literal backslash is kept as is, so an escaped name may equal a real one; it is only
    ever used for refused entries, which are never read and never become an article.
    """
    return raw.decode("utf-8", "backslashreplace")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _one_line(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


Folder = TypeVar("Folder", bytes, str)  # a local folder (relative bytes) or an object prefix


def walk_in_path_order(
    children: Callable[[Folder], Iterator[RawEntry | Folder]], top: Folder
) -> Iterator[RawEntry]:
    """The entries under `top`, depth first, each folder's `children` (its entries and
    subfolders, already in path order) listed only when the walk reaches it. Iterative (a stack
    of folder iterators), so a deep tree cannot exhaust the recursion limit; the local walk
    and the object-store walk share it."""
    stack = [children(top)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, RawEntry):
            yield child
        else:
            stack.append(children(child))


class _Walk:
    """One walk's state: the root, the excluded folders, and the entries refused so far."""

    def __init__(self, root: Path, follow_symlinks: bool, exclude: Sequence[Path]) -> None:
        self.root = os.fsencode(os.path.realpath(root))
        self.follow = follow_symlinks
        self.exclude = {os.fsencode(os.path.realpath(p)) for p in exclude}
        self.refused: list[RefusedEntry] = []
        self.uid = os.getuid()  # the real uid, which `os.access` checks

    def refuse(self, rel: bytes, reason: str, message: str) -> None:
        self.refused.append(RefusedEntry(printable_name(rel), reason, message))

    def inside(self, target: bytes) -> bool:
        return target == self.root or target.startswith(self.root + b"/")

    def files(self) -> Iterator[RawEntry]:
        """Every readable file, in path order, one folder listed at a time: a folder's
        children are sorted with `/` after a subfolder's name, so a subfolder's files come
        exactly where a sort of whole paths puts them."""
        return walk_in_path_order(self.children, b"")

    def children(self, current: bytes) -> Iterator[RawEntry | bytes]:
        """One folder's files (as entries) and subfolders (as relative paths), in path order."""
        folder = self.root + b"/" + current if current else self.root
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries]
        except OSError as exc:
            self.refuse(current, "unreadable", f"folder cannot be listed: {_one_line(exc)}")
            return
        found: list[tuple[bytes, RawEntry | bytes]] = []
        for name in names:
            if name.startswith(b"."):
                continue
            if not current and os.fsdecode(name) in IGNORED_ROOT_NAMES:
                continue
            rel = current + b"/" + name if current else name
            kind = self.entry(rel)
            if isinstance(kind, RawEntry):
                found.append((name, kind))
            elif kind:
                found.append((name + b"/", rel))
        found.sort(key=lambda pair: pair[0])
        for _, child in found:
            yield child

    def entry(self, rel: bytes) -> RawEntry | bool:
        """Classify one entry: a file to read, True for a folder to enter, False otherwise."""
        full = self.root + b"/" + rel  # both bytes: a join per entry cost 0.4 of 1.3 s
        try:
            info = os.lstat(full)
        except FileNotFoundError:
            return False  # vanished since the folder was listed: there is nothing to read
        except OSError as exc:
            self.refuse(rel, "unreadable", f"cannot stat: {_one_line(exc)}")
            return False
        try:
            name = rel.decode("utf-8")
        except UnicodeDecodeError:
            self.refuse(rel, "undecodable_name", "the file name is not valid UTF-8")
            return False
        if stat.S_ISLNK(info.st_mode):
            return self.link(rel, full, name)
        if stat.S_ISDIR(info.st_mode):
            if os.path.realpath(full) in self.exclude:
                return False
            if not os.access(full, os.R_OK | os.X_OK):
                self.refuse(rel, "unreadable", "permission denied: the folder cannot be entered")
                return False
            return True
        if not stat.S_ISREG(info.st_mode):
            self.refuse(rel, "not_a_regular_file", f"{_kind(info.st_mode)}, never opened")
            return False
        if not self.readable(info, full):
            self.refuse(rel, "unreadable", "permission denied: the file cannot be read")
            return False
        return RawEntry(name, info.st_size, info.st_mtime_ns)

    def readable(self, info: os.stat_result, full: bytes) -> bool:
        """`os.access(R_OK)` without its system call for a file of ours with the owner's read
        bit, which access grants on the owner bits alone (ACLs included: the owner's entry is
        those bits); any other file asks the kernel."""
        if info.st_uid == self.uid and info.st_mode & stat.S_IRUSR:
            return True
        return os.access(full, os.R_OK)

    def link(self, rel: bytes, full: bytes, name: str) -> RawEntry | bool:
        target = os.path.realpath(full)
        try:
            info = os.stat(target)
        except OSError:
            self.refuse(rel, "broken_link", "a symlink whose target does not exist")
            return False
        if not self.inside(target):
            self.refuse(rel, "outside_raw_root", "a symlink to a target outside the raw root")
            return False
        if not self.follow:
            self.refuse(rel, "symlink_not_followed", "a symlink (followed only when configured)")
        elif stat.S_ISDIR(info.st_mode):
            self.refuse(rel, "symlink_not_followed", "a symlink to a folder (never walked)")
        elif not stat.S_ISREG(info.st_mode):
            self.refuse(rel, "not_a_regular_file", f"a symlink to {_kind(info.st_mode)}")
        else:
            return RawEntry(name, info.st_size, info.st_mtime_ns)
        return False


class RawWalk:
    """A walk of the raw root that streams: iterate `files()` (in path order, one folder's
    listing held at a time, so a root of millions of files is never held whole), then read
    `refused` (sorted by path; complete once the files are exhausted).

    Hidden entries (a leading dot) and README.md/README.txt/Thumbs.db at the root are skipped;
    folders in `exclude` (the lake, DAGSTER_HOME when inside the raw root) are never entered.
    Raises only when `root` itself is not a folder.
    """

    def __init__(
        self, root: Path, *, follow_symlinks: bool = False, exclude: Sequence[Path] = ()
    ) -> None:
        if not Path(root).is_dir():
            raise FileNotFoundError(f"raw root {root} is not a folder")
        self.root = Path(root)
        self._walk = _Walk(self.root, follow_symlinks, exclude)

    def files(self) -> Iterator[RawEntry]:
        return self._walk.files()

    def exists(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def sha256(self, rel: str, *, expected_size: int | None = None) -> str:
        return sha256_file(self.root / rel, expected_size=expected_size)

    @property
    def refused(self) -> list[RefusedEntry]:
        return sorted(self._walk.refused, key=lambda e: e.path)


def walk_raw_root(
    root: Path, *, follow_symlinks: bool = False, exclude: Sequence[Path] = ()
) -> tuple[list[RawEntry], list[RefusedEntry]]:
    """The files under `root` safe to read and the entries refused, both sorted by path (a
    `RawWalk` collected: for small roots and tests)."""
    walk = RawWalk(root, follow_symlinks=follow_symlinks, exclude=exclude)
    return list(walk.files()), walk.refused


def sha256_file(path: Path, *, expected_size: int | None = None) -> str:
    """The hex sha256 of a regular file; never follows a symlink and never blocks on a FIFO.

    Raises `NotARegularFile` for anything else, and `OSError` when the file changed size since
    it was listed (`expected_size`): a hash of other bytes than the ones planned would lie.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the last component is a symlink
            raise NotARegularFile(f"{path} is a symlink, not hashed") from exc
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"{path} is {_kind(info.st_mode)}, not hashed")
        if expected_size is not None and info.st_size != expected_size:
            raise OSError(f"{path} is {info.st_size} bytes, {expected_size} were listed")
        os.set_blocking(fd, True)
        digest = hashlib.sha256()
        while chunk := os.read(fd, HASH_CHUNK):
            digest.update(chunk)
        return digest.hexdigest()
    finally:
        os.close(fd)
