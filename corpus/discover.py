"""Listing the raw root: the files a batch may read, and their content hashes.

The lake, the Dagster instance and hidden entries are never entered, so a raw root that contains
the lake settles instead of ingesting its own output.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

IGNORED_NAMES = {"README.md", "README.txt", "Thumbs.db"}


def list_raw_files(raw_root: str | Path, *, exclude: Sequence[Path] = ()) -> list[str]:
    """Relative POSIX paths of every file under the raw root, sorted; hidden entries skipped."""
    root = Path(raw_root)
    if not root.is_dir():
        raise FileNotFoundError(f"raw root {root} is not a folder")
    skipped = {p.resolve() for p in exclude}
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in skipped
        )
        rel_dir = here.relative_to(root)
        for name in filenames:
            if name.startswith(".") or (rel_dir == Path(".") and name in IGNORED_NAMES):
                continue
            found.append((rel_dir / name).as_posix())
    return sorted(found)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_of(raw_path: str) -> str | None:
    """The publisher folder: the first folder under the raw root (`raw/<source>/...`)."""
    head, sep, _ = raw_path.partition("/")
    return head if sep else None


def raw_summary(raw_root: str | Path, *, exclude: Sequence[Path] = ()) -> tuple[dict, str]:
    """Files and bytes per source folder, and a version that changes when any file does (path,
    size or mtime): what the UI shows upstream of the tables."""
    root = Path(raw_root)
    per_source: dict[str, dict[str, int]] = {}
    digest = hashlib.sha256()
    for rel in list_raw_files(root, exclude=exclude):
        try:
            stat = (root / rel).stat()
        except OSError:
            continue
        entry = per_source.setdefault(source_of(rel) or "(root)", {"files": 0, "bytes": 0})
        entry["files"] += 1
        entry["bytes"] += stat.st_size
        digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return dict(sorted(per_source.items())), digest.hexdigest()[:16]
