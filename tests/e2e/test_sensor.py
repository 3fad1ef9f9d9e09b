"""The raw-root sensor registers one batch for new files and none when nothing changed."""

from __future__ import annotations

import dagster as dg

from assets.resources import LakeStore, RawStore
from corpus.discover import load_manifests
from pipelines.sensors import raw_files_sensor
from tests.e2e.conftest import Lake


def evaluate(lake: Lake) -> dg.SensorResult | dg.SkipReason:
    context = dg.build_sensor_context(
        instance=lake.instance,
        resources={"raw": RawStore(root=str(lake.raw)), "lake": LakeStore(root=str(lake.lake))},
    )
    return raw_files_sensor(context)


def test_new_files_make_exactly_one_batch(lake: Lake) -> None:
    result = evaluate(lake)
    assert isinstance(result, dg.SensorResult)
    assert len(result.run_requests) == 1
    request = result.run_requests[0]
    manifests = load_manifests(str(lake.lake))
    assert len(manifests) == 1
    assert request.partition_key == manifests[0].batch_id
    assert len(manifests[0].files) == 8
    [add] = result.dynamic_partitions_requests
    assert list(add.partition_keys) == [manifests[0].batch_id]


def test_nothing_changed_skips(lake: Lake) -> None:
    evaluate(lake)
    assert isinstance(evaluate(lake), dg.SkipReason)
    assert len(load_manifests(str(lake.lake))) == 1


def test_changed_file_makes_a_batch_of_one(lake: Lake) -> None:
    evaluate(lake)
    (lake.raw / "valley-post/2023/storm.txt").write_text("date 2023-12-02 Snow melted.\n")
    result = evaluate(lake)
    assert isinstance(result, dg.SensorResult)
    manifests = load_manifests(str(lake.lake))
    assert [f.path for f in manifests[-1].files] == ["valley-post/2023/storm.txt"]
