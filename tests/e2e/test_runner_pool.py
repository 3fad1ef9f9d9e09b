"""The runner starts the batches' shared worker pool once planning has found enough files, for
the local engine only, and the pool ends with the ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets.resources import IngestSettings, LakeStore, RawStore
from corpus.workerpool import WARM_POOL_MIN_FILES, shared_pool, shared_pool_scope
from pipelines.runner import Runtime


def _runtime(tmp_path: Path, settings: IngestSettings) -> Runtime:
    def never():  # type: ignore[no-untyped-def]
        raise AssertionError("planning alone needs no Definitions")

    raw, lake = RawStore(root=str(tmp_path / "raw")), LakeStore(root=str(tmp_path / "lake"))
    return Runtime(raw, lake, tmp_path / "home", never, never, settings)


def test_the_pool_starts_at_the_threshold_and_ends_with_the_scope(tmp_path: Path) -> None:
    runtime = _runtime(tmp_path, IngestSettings(workers=2, engine="local"))
    with shared_pool_scope():
        for n in range(1, WARM_POOL_MIN_FILES):
            runtime.planned(n)
        assert shared_pool(2) is None
        runtime.planned(WARM_POOL_MIN_FILES)
        pool = shared_pool(2)
        assert pool is not None and len(pool.pids()) == 2
        runtime.planned(WARM_POOL_MIN_FILES + 1)
        assert shared_pool(2) is pool
    assert shared_pool(2) is None


@pytest.mark.parametrize(
    "settings", [{"workers": 1, "engine": "local"}, {"workers": 2, "engine": "ray"}]
)
def test_no_pool_for_one_worker_or_another_engine(tmp_path: Path, settings: dict) -> None:
    runtime = _runtime(tmp_path, IngestSettings(**settings))
    with shared_pool_scope():
        runtime.planned(WARM_POOL_MIN_FILES)
        assert shared_pool(2) is None and shared_pool(1) is None
