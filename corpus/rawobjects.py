"""The raw root on object storage (`s3://bucket/prefix`): listing, hashing and fetching objects.

The raw root may be an object-store URI wherever it may be a folder (`corpus ingest --raw`,
`CORPUS_RAW_ROOT`, the `RawStore` resource's `root`). It is reached with the lake's settings
(endpoint, region, plain http, path style): an `s3://` lake's own storage options when the caller
has the lake (ingest, planning), else the settings resolved as the lake's are (`S3Settings.
configured`: the AWS variables, then `[lake]` in `corpus.toml`), so one set of settings serves
both. `raw_location` turns the URI into an `ObjectRoot` that carries them, to worker processes and
Ray tasks alike.

- Listing (`ObjectWalk`) has the interface of the local walk (`corpus.rawscan.RawWalk`): one
  "folder" (a `/`-delimited prefix) listed at a time, in the order of sorted paths, keys relative
  to the root, so a raw root uploaded from a folder plans the same paths as the folder. Hidden
  names and the root's README are skipped as locally. An object's size and last-modified time
  stand where a file's size and mtime do: an unchanged object is only listed, never re-read
  (unless registered within `corpus.lake.plan.RACY_SECONDS` of its LastModified).
- A new or changed object is hashed from its bytes (sha256, streamed) when planning reads it: the
  ETag is not a content hash (multipart uploads, SSE-KMS), and rows must carry the same
  `raw_sha256` as from a folder.
- A worker fetches each object to a local spool file just before reading it and deletes it after
  (`RawReader`), so the format readers, which take a path (archives seek), stay unchanged and at
  most one object per worker is on local disk. The spooled bytes are hashed again against the
  planned hash, as a local file is (`corpus.process.changed_since_planning`): an object replaced
  after planning becomes a `changed_while_reading` reject, never rows under the old hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.fs as pafs

from corpus.lake.objectstore import S3Settings, describe_options, filesystem, is_object_store
from corpus.lake.storage import LakeError
from corpus.rawscan import (
    HASH_CHUNK,
    IGNORED_ROOT_NAMES,
    RawEntry,
    RawWalk,
    RefusedEntry,
    walk_in_path_order,
)

RAW_ROOT_SETTING = "CORPUS_RAW_ROOT"


@dataclass(frozen=True, slots=True)
class ObjectRoot:
    """A raw root on object storage and the storage options that reach it (picklable)."""

    uri: str  # s3://bucket/prefix, no trailing slash
    storage_options: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __str__(self) -> str:
        return self.uri


RawRoot = str | Path | ObjectRoot  # a folder, an object-store URI, or one with its options


class RawRootError(LakeError):
    """The raw root cannot be listed or read as configured: one line naming the setting."""


def raw_location(
    root: RawRoot, storage_options: Mapping[str, str] | None = None
) -> Path | ObjectRoot:
    """A raw root as a folder (`Path`) or an `ObjectRoot`. An object store is reached with
    `storage_options` (an `s3://` lake's), else with the configured S3 settings. `Path("s3://b/p")`
    folds the scheme's `//` into `/`; a URI that went through a `Path` is given its `//` back."""
    if isinstance(root, ObjectRoot):
        return root
    text = str(root)
    for scheme in ("s3:/", "s3a:/"):
        if text.startswith(scheme) and not text.startswith(scheme + "/"):
            text = scheme + "/" + text[len(scheme) :]
    if not is_object_store(text):
        return Path(root)
    options = dict(storage_options or {}) or S3Settings.configured().storage_options()
    return ObjectRoot(text.rstrip("/"), options)


def open_walk(
    raw_root: RawRoot,
    *,
    exclude: Sequence[Path] = (),
    storage_options: Mapping[str, str] | None = None,
) -> RawWalk | ObjectWalk:
    """The walk of a raw root, a folder or an object store (`exclude`: folders never entered;
    `storage_options`: as for `raw_location`)."""
    root = raw_location(raw_root, storage_options)
    return ObjectWalk(root) if isinstance(root, ObjectRoot) else RawWalk(root, exclude=exclude)


def _fail(root: ObjectRoot, exc: BaseException) -> RawRootError:
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    settings = describe_options(root.storage_options)
    return RawRootError(
        f"raw root {root.uri} cannot be listed ({RAW_ROOT_SETTING}; {settings}): {line}"
    )


class ObjectWalk:
    """The objects under a raw-root URI, streamed like `corpus.rawscan.RawWalk`: iterate
    `files()`, then read `refused` (always empty: every object is a regular file with a UTF-8
    key). Fails fast, in one line naming the setting, when the root cannot be listed."""

    def __init__(self, location: ObjectRoot) -> None:
        self.location = location
        self.fs, self.root = filesystem(location.uri, location.storage_options)
        try:
            info = self.fs.get_file_info(self.root)
        except OSError as exc:
            raise _fail(location, exc) from exc
        if info.type != pafs.FileType.Directory:
            raise RawRootError(f"raw root {location.uri} holds no objects ({RAW_ROOT_SETTING})")
        self.refused: list[RefusedEntry] = []

    def files(self) -> Iterator[RawEntry]:
        return walk_in_path_order(self.children, "")

    def children(self, rel: str) -> Iterator[RawEntry | str]:
        """One prefix's objects (as entries) and sub-prefixes (as relative paths), in path order
        (a sub-prefix sorts as its name plus `/`, as a folder does in the local walk)."""
        prefix = posixpath.join(self.root, rel) if rel else self.root
        try:
            infos = self.fs.get_file_info(pafs.FileSelector(prefix, recursive=False))
        except OSError as exc:
            raise _fail(self.location, exc) from exc
        found: list[tuple[str, RawEntry | str]] = []
        for info in infos:
            name = info.base_name
            if not name or name.startswith(".") or (not rel and name in IGNORED_ROOT_NAMES):
                continue
            child = f"{rel}/{name}" if rel else name
            if info.type == pafs.FileType.Directory:
                found.append((name + "/", child))
            elif info.type == pafs.FileType.File:
                found.append((name, RawEntry(child, info.size or 0, info.mtime_ns or 0)))
        found.sort(key=lambda pair: pair[0].encode())
        for _, child in found:
            yield child

    def path(self, rel: str) -> str:
        return posixpath.join(self.root, rel)

    def exists(self, rel: str) -> bool:
        return self.fs.get_file_info(self.path(rel)).type == pafs.FileType.File

    def sha256(self, rel: str, *, expected_size: int | None = None) -> str:
        """The object's sha256, streamed. `expected_size` is not checked: some S3-compatible
        stores list another size than the object's bytes (SeaweedFS lists the stored size of
        `.gz` keys), so the listed size only detects change, as an ETag would."""
        del expected_size
        digest = hashlib.sha256()
        with self.fs.open_input_stream(self.path(rel)) as stream:
            while chunk := stream.read(HASH_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


class RawReader:
    """Where a worker reads raw files: `root` is a local folder holding `path` for each file
    while `fetched(path)` is open. For a folder, the raw root itself (nothing is copied); for
    an object store, a spool folder that each object is fetched into and deleted from after."""

    def __init__(self, raw_root: RawRoot) -> None:
        self._objects = False
        self._spool: str | None = None
        root = raw_location(raw_root)
        if isinstance(root, ObjectRoot):
            self._objects = True
            self.fs, self._prefix = filesystem(root.uri, root.storage_options)
            self._spool = tempfile.mkdtemp(prefix="corpus-raw-")
            self.root = Path(self._spool)
        else:
            self.root = root
        self.real_root = os.path.realpath(self.root)
        # a local file's listed size is its size; an object's may not be (see `sha256` above)
        self.sizes_exact = not self._objects

    @contextlib.contextmanager
    def fetched(self, path: str) -> Iterator[None]:
        """`root / path` exists while this is open (an object store: fetched, deleted after).
        An object that cannot be fetched is simply absent: reading it then fails as a file
        that vanished does, into a reject."""
        if not self._objects:
            yield
            return
        local = self.root / path
        local.parent.mkdir(parents=True, exist_ok=True)
        try:
            with (
                self.fs.open_input_stream(posixpath.join(self._prefix, path)) as source,
                local.open("wb") as sink,
            ):
                shutil.copyfileobj(source, sink, HASH_CHUNK)
        except OSError:
            local.unlink(missing_ok=True)
        try:
            yield
        finally:
            local.unlink(missing_ok=True)

    def close(self) -> None:
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)

    def __enter__(self) -> RawReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
