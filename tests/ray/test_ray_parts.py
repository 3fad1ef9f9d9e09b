"""The `ray` engine writes parts the size of the local engine's: a batch too large for one chunk
lands in as many Parquet files per table on both engines, with the same rows (small chunks per
Ray task once made the lake 2.2x larger per article)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.ingest import ingest_batch
from corpus.lake import Lake, registry
from corpus.lake.batching import ensure_lake
from corpus.lake.plan import plan_files
from corpus.lake.tables import BATCH_TABLES
from tests.lake.helpers import content
from tools.sample.generate import generate_corpus

N_FILES = 600  # more than one chunk (500 files) on two CPUs or two workers


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parts") / "raw"
    generate_corpus(root, N_FILES, seed=5)
    return root


def _ingested(raw: Path, lake_root: Path, engine: str) -> Lake:
    lake = Lake(lake_root)
    ensure_lake(lake)
    registration = registry.register(lake.store, "new", plan_files(lake.store, raw).files)
    assert registration is not None
    ingest_batch(lake, registration.batch_id, raw, workers=2, engine=engine)
    return lake


def test_ray_parts_match_the_local_engine(ray_cluster: None, raw: Path, tmp_path: Path) -> None:
    local = _ingested(raw, tmp_path / "local", "local")
    ray = _ingested(raw, tmp_path / "ray", "ray")
    for name in BATCH_TABLES:
        local_files, ray_files = local.store.files(name), ray.store.files(name)
        assert len(ray_files) == len(local_files), name
        assert content(ray, name).equals(content(local, name)), name
    assert content(local, "articles").height > N_FILES // 2
