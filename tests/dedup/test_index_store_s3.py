"""The partitioned index store on a real S3 server: partitions written by the pyarrow S3
filesystem, read back by polars, committed by deltalake, all with the lake's settings."""

from __future__ import annotations

import uuid

import pytest

from assets.resources import LakeStore
from corpus.engine import index_store
from corpus.lake.batching import ensure_lake
from tests import s3server
from tests.dedup.test_index import CONFIGS, IDS
from tests.dedup.test_index_store import refresh
from tests.lake.conftest import server  # noqa: F401  (the S3 server fixture)

pytestmark = pytest.mark.s3


def test_updates_through_the_store_on_s3_equal_a_full_recompute(
    server: s3server.S3Server,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(index_store, "PART_GROUPS", 4)
    lake = LakeStore(root=server.uri(f"lake-{uuid.uuid4().hex[:8]}")).lake()
    ensure_lake(lake)  # a refresh runs on a lake with its tables
    config = CONFIGS[1]
    results = [refresh(lake, ids, config) for ids in (IDS[::2], IDS, IDS[3:])]
    assert results == [(True, True), (False, True), (False, True)]
