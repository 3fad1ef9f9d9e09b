"""Finding new or changed raw files and registering them as one ingest batch.

A batch is a manifest (id, registration time, files with their content hashes) saved under
`lake/_state/batches/`. The registered manifests are the memory of what was already seen: a file
is new when its path was never registered, changed when its content hash differs from the last
registration. Content hashes are cached by (size, mtime) so an unchanged tree is not re-read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus.lake.paths import state_dir
from corpus.records import RawFile

IGNORED_NAMES = {"README.md", "README.txt", "Thumbs.db"}


@dataclass(slots=True)
class BatchManifest:
    batch_id: str
    registered_at: dt.datetime
    files: list[RawFile]

    def to_json(self) -> str:
        return json.dumps(
            {
                "batch_id": self.batch_id,
                "registered_at": self.registered_at.isoformat(),
                "files": [asdict(f) for f in self.files],
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> BatchManifest:
        data = json.loads(text)
        return cls(
            batch_id=data["batch_id"],
            registered_at=dt.datetime.fromisoformat(data["registered_at"]),
            files=[RawFile(**f) for f in data["files"]],
        )


def manifests_dir(lake_root: str | Path) -> Path:
    return state_dir(lake_root) / "batches"


def list_raw_files(raw_root: str | Path) -> list[str]:
    """Relative POSIX paths of every file under the raw root, sorted; hidden entries skipped."""
    root = Path(raw_root)
    if not root.is_dir():
        raise FileNotFoundError(f"raw root {root} is not a folder")
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = Path(dirpath).relative_to(root)
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


class HashCache:
    """sha256 by (path, size, mtime_ns), persisted beside the manifests."""

    def __init__(self, lake_root: str | Path) -> None:
        self.path = state_dir(lake_root) / "file_hashes.json"
        try:
            self.entries: dict[str, list] = json.loads(self.path.read_text())
        except (OSError, ValueError):
            self.entries = {}

    def raw_file(self, raw_root: Path, rel: str) -> RawFile:
        stat = (raw_root / rel).stat()
        key = [stat.st_size, stat.st_mtime_ns]
        cached = self.entries.get(rel)
        if cached and cached[:2] == key:
            return RawFile(rel, cached[2], stat.st_size)
        sha = sha256_file(raw_root / rel)
        self.entries[rel] = [*key, sha]
        return RawFile(rel, sha, stat.st_size)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.entries))
        tmp.replace(self.path)


def load_manifests(lake_root: str | Path) -> list[BatchManifest]:
    """Every registered batch, oldest first (batch ids start with their registration time)."""
    folder = manifests_dir(lake_root)
    if not folder.is_dir():
        return []
    return [BatchManifest.from_json(p.read_text()) for p in sorted(folder.glob("*.json"))]


def load_manifest(lake_root: str | Path, batch_id: str) -> BatchManifest:
    path = manifests_dir(lake_root) / f"{batch_id}.json"
    if not path.is_file():
        raise FileNotFoundError(f"batch {batch_id} is not registered in {manifests_dir(lake_root)}")
    return BatchManifest.from_json(path.read_text())


def registered_hashes(manifests: list[BatchManifest]) -> dict[str, str]:
    """path -> sha256 of its latest registration."""
    latest: dict[str, str] = {}
    for manifest in manifests:
        for raw_file in manifest.files:
            latest[raw_file.path] = raw_file.sha256
    return latest


def make_batch_id(files: list[RawFile], now: dt.datetime) -> str:
    digest = hashlib.sha256()
    for raw_file in files:
        digest.update(f"{raw_file.path}\0{raw_file.sha256}\n".encode())
    return f"{now:%Y%m%dT%H%M%S}-{digest.hexdigest()[:10]}"


def plan_batch(
    raw_root: str | Path, lake_root: str | Path, now: dt.datetime | None = None
) -> BatchManifest | None:
    """The batch of new or changed files under the raw root, or None when nothing changed."""
    root = Path(raw_root)
    cache = HashCache(lake_root)
    known = registered_hashes(load_manifests(lake_root))
    fresh = []
    for rel in list_raw_files(root):
        raw_file = cache.raw_file(root, rel)
        if known.get(rel) != raw_file.sha256:
            fresh.append(raw_file)
    cache.save()
    if not fresh:
        return None
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return BatchManifest(make_batch_id(fresh, now), now, fresh)


def register_batch(lake_root: str | Path, manifest: BatchManifest) -> Path:
    """Save the manifest (atomically): from now on its files count as seen."""
    folder = manifests_dir(lake_root)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{manifest.batch_id}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(manifest.to_json())
    tmp.replace(path)
    return path


def source_of(raw_path: str) -> str | None:
    """The publisher folder: the first folder under the raw root (`raw/<source>/...`)."""
    head, sep, _ = raw_path.partition("/")
    return head if sep else None
