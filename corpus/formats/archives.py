"""Zip and tar archives: every member is read as a file of its own, named `archive!member`
(escaped by `corpus.rawpath.member_raw_path`).

Members are streamed, never extracted to disk; a member with an absolute or `..` path is still
rejected (`unsafe_member_path`), because a path like that is an attack on whoever unpacks the
archive next. A member whose declared or actual size, or compression ratio, is above the caps in
`ReadOptions` is rejected (`too_large`) before or while it is read.
"""

from __future__ import annotations

import re
import shutil
import struct
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from corpus.formats.options import MiB, ReadOptions
from corpus.formats.streams import CappedReader, DiskReadError, TooLarge
from corpus.rawpath import member_raw_path
from corpus.records import RawRecord, Reject
from corpus.rejects import make_reject

MemberReader = Callable[[BinaryIO, str], Iterator[RawRecord | Reject]]
_DRIVE = re.compile(r"^[A-Za-z]:")
# what zipfile and tarfile raise on damaged bytes (a damaged offset makes zipfile seek before
# the start: ValueError; a short header: struct.error)
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
                  tarfile.TarError, OSError, ValueError, struct.error)  # fmt: skip


def unsafe_reason(name: str) -> str | None:
    """Why a member name would escape the folder it is unpacked into, or None when it is safe."""
    if "\x00" in name:
        return "holds a NUL byte"
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "is an absolute path"
    if ".." in re.split(r"[/\\]", name):
        return "climbs out with '..'"
    return None


def spool(stream: BinaryIO, options: ReadOptions) -> BinaryIO:
    """A seekable copy of a stream (zip needs one), in memory up to 32 MiB, on disk beyond."""
    copy = tempfile.SpooledTemporaryFile(max_size=32 * MiB)  # noqa: SIM115 - returned open
    capped = CappedReader(stream, options.max_member_bytes)
    shutil.copyfileobj(capped, copy, 1024 * 1024)  # type: ignore[misc]
    copy.seek(0)
    return copy  # type: ignore[return-value]


def _member_reject(raw_path: str, reason: str, message: str) -> Reject:
    return make_reject(raw_path, None, reason, message)


def _nothing_read(raw_path: str, kind: str, n_dirs: int) -> Reject:
    """The one row of an archive that holds no file: it was read, so it is accounted for."""
    what = f"only {n_dirs} folder(s)" if n_dirs else "no members"
    return _member_reject(raw_path, "empty_archive", f"the {kind} archive holds {what}, no file")


def read_zip(
    file: BinaryIO, raw_path: str, options: ReadOptions, read_member: MemberReader
) -> Iterator[RawRecord | Reject]:
    try:
        archive = zipfile.ZipFile(file)
        infos = archive.infolist()
    except DiskReadError:
        raise
    except _MEMBER_ERRORS as exc:  # a damaged directory claims e.g. "zip file version 8.4"
        yield _member_reject(raw_path, "corrupt_archive", f"not a readable zip archive: {exc}")
        return
    with archive:
        n_dirs = sum(info.is_dir() for info in infos)
        if n_dirs == len(infos):
            yield _nothing_read(raw_path, "zip", n_dirs)
            return
        for count, info in enumerate(infos):
            if info.is_dir():
                continue
            member = member_raw_path(raw_path, info.filename)
            if count >= options.max_members:
                yield _member_reject(
                    raw_path, "too_large", f"more than {options.max_members} members"
                )
                return
            if reason := unsafe_reason(info.filename):
                yield _member_reject(member, "unsafe_member_path", f"member path {reason}")
                continue
            if info.flag_bits & 0x1:
                yield _member_reject(member, "unsupported_format", "an encrypted zip member")
                continue
            limit = min(options.max_member_bytes,
                        max(int(info.compress_size * options.max_ratio), options.ratio_grace))  # fmt: skip
            if info.file_size > limit:
                yield _member_reject(member, "too_large",
                                     f"{info.file_size} bytes from {info.compress_size} compressed "
                                     f"is above the size or ratio cap")  # fmt: skip
                continue
            try:
                with archive.open(info) as raw:
                    capped = CappedReader(raw, limit)  # type: ignore[arg-type]
                    yield from read_member(capped, member)  # type: ignore[arg-type]
            except TooLarge as exc:
                if exc.reader is not capped:
                    raise
                yield _member_reject(member, "too_large", str(exc))
            except DiskReadError:
                raise
            except _MEMBER_ERRORS as exc:
                yield _member_reject(member, "corrupt_archive", f"{type(exc).__name__}: {exc}")


def read_tar(
    stream: BinaryIO, raw_path: str, options: ReadOptions, read_member: MemberReader
) -> Iterator[RawRecord | Reject]:
    try:
        archive = tarfile.open(fileobj=stream, mode="r|")  # noqa: SIM115 - closed below
    except (tarfile.TarError, OSError, EOFError) as exc:
        yield _member_reject(raw_path, "corrupt_archive", f"not a readable tar archive: {exc}")
        return
    count = n_dirs = 0
    try:
        for info in archive:
            if info.isdir():
                n_dirs += 1
                continue
            count += 1
            member = member_raw_path(raw_path, info.name)
            if count > options.max_members:
                yield _member_reject(
                    raw_path, "too_large", f"more than {options.max_members} members"
                )
                return
            if reason := unsafe_reason(info.name):
                yield _member_reject(member, "unsafe_member_path", f"member path {reason}")
                continue
            if not info.isfile():
                kind = "link" if info.issym() or info.islnk() else "special file"
                yield _member_reject(member, "unsupported_format", f"a {kind}, not a regular file")
                continue
            if info.size > options.max_member_bytes:
                yield _member_reject(member, "too_large", f"{info.size} bytes is above the cap")
                continue
            data = archive.extractfile(info)
            if data is None:  # pragma: no cover - regular files always have data
                continue
            capped = CappedReader(data, options.max_member_bytes)  # type: ignore[arg-type]
            try:
                yield from read_member(capped, member)  # type: ignore[arg-type]
            except TooLarge as exc:
                if exc.reader is not capped:
                    raise  # the stream around the tar is over its cap: that layer says so
                yield _member_reject(member, "too_large", str(exc))
        if count == 0:
            yield _nothing_read(raw_path, "tar", n_dirs)
    except DiskReadError:
        raise
    except _MEMBER_ERRORS as exc:
        yield _member_reject(raw_path, "corrupt_archive", f"{type(exc).__name__}: {exc}")
    finally:
        archive.close()
