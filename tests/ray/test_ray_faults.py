"""A Ray job that fails leaves the lake as it was: the batch stays pending (and lands on the
next run), `duplicates` and its index keep their previous version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import ray

from corpus.dedup.config import DedupConfig
from corpus.engine import ray_dedup, ray_ingest
from corpus.engine.dedup import refresh_duplicates_indexed
from corpus.engine.index_store import INDEX_TABLE
from corpus.faults import FAIL_ENV, InjectedFault
from corpus.ingest import ingest_batch
from corpus.lake import Lake, registry
from corpus.lake.batching import ensure_lake
from corpus.lake.plan import plan_files
from tests.lake.helpers import ROOT, content

CONFIG = DedupConfig()


def _register(lake: Lake, raw: Path) -> str:
    registration = registry.register(lake.store, "new", plan_files(lake.store, raw).files)
    assert registration is not None
    return registration.batch_id


def _broken(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("injected failure in a Ray task")


def test_failed_ray_jobs_leave_the_lake_intact(
    ray_cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, lake = tmp_path / "raw", Lake(tmp_path / "lake")
    shutil.copytree(ROOT / "raw" / "valley-gazette", raw / "valley-gazette")
    ensure_lake(lake)
    first = _register(lake, raw)
    ingest_batch(lake, first, raw, engine="ray")
    refresh_duplicates_indexed(lake, CONFIG, "ray")
    versions = (lake.store.version("duplicates"), lake.store.version(INDEX_TABLE))
    duplicates = content(lake, "duplicates")
    assert duplicates.height > 0

    shutil.copytree(ROOT / "raw" / "meridian-wire", raw / "meridian-wire")
    second = _register(lake, raw)
    with monkeypatch.context() as patch:
        patch.setattr(ray_ingest, "stage_chunk", _broken)
        with pytest.raises(Exception, match="injected failure"):
            ingest_batch(lake, second, raw, engine="ray")
    state = {s.batch_id: s for s in lake.batch_states()}[second]
    assert not state.landed and not state.failed and "injected failure" in state.last_error

    with monkeypatch.context() as patch:
        patch.setattr(ray_dedup, "score_slice", _broken)
        with pytest.raises(Exception, match="injected failure"):
            refresh_duplicates_indexed(lake, CONFIG, "ray")
    assert (lake.store.version("duplicates"), lake.store.version(INDEX_TABLE)) == versions
    assert content(lake, "duplicates").equals(duplicates)

    ingest_batch(lake, second, raw, engine="ray")  # the retry lands
    with monkeypatch.context() as patch:  # the index's writes run in tasks, not on the driver
        patch.setenv(FAIL_ENV, "dedup-index:partition-written")
        with pytest.raises(InjectedFault) as failed:
            refresh_duplicates_indexed(lake, CONFIG, "ray")
    assert isinstance(failed.value.__cause__, ray.exceptions.RayTaskError)
    assert (lake.store.version("duplicates"), lake.store.version(INDEX_TABLE)) == versions
    assert content(lake, "duplicates").equals(duplicates)

    run = refresh_duplicates_indexed(lake, CONFIG, "ray")
    assert {s.batch_id: s for s in lake.batch_states()}[second].landed
    assert not run.full and run.groups_changed > 0
    assert lake.store.version("duplicates") > versions[0]
