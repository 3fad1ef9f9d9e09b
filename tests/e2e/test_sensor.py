"""The raw-root sensor registers one batch for new files and none when nothing changed."""

from __future__ import annotations

import gc
from pathlib import Path

import dagster as dg

from assets.resources import LakeStore, RawStore
from corpus.lake import Lake as CorpusLake
from pipelines.sensors import raw_files_sensor
from tests.e2e.conftest import Env


def evaluate(lake: Env) -> dg.SensorResult | dg.SkipReason:
    context = dg.build_sensor_context(
        instance=lake.instance,
        resources={"raw": RawStore(root=str(lake.raw)), "lake": LakeStore(root=str(lake.lake))},
    )
    return raw_files_sensor(context)


def registrations(lake: Env) -> list:
    corpus_lake = CorpusLake(lake.lake)
    return [corpus_lake.registration(s.batch_id) for s in corpus_lake.batch_states()]


def test_new_files_make_exactly_one_batch(lake: Env) -> None:
    result = evaluate(lake)
    assert isinstance(result, dg.SensorResult)
    assert len(result.run_requests) == 1
    request = result.run_requests[0]
    manifests = registrations(lake)
    assert len(manifests) == 1
    assert request.partition_key == manifests[0].batch_id
    assert len(manifests[0].files) == 8
    [add] = result.dynamic_partitions_requests
    assert list(add.partition_keys) == [manifests[0].batch_id]


def test_nothing_changed_registers_nothing(lake: Env) -> None:
    first = evaluate(lake)
    second = evaluate(lake)
    # the batch is still pending (no run was launched here): it is requested again under the
    # same run key, which Dagster launches once
    assert isinstance(first, dg.SensorResult) and isinstance(second, dg.SensorResult)
    assert [r.run_key for r in second.run_requests] == [r.run_key for r in first.run_requests]
    assert len(registrations(lake)) == 1


def test_landed_lake_with_nothing_new_skips(lake: Env) -> None:
    lake.ingest()
    assert isinstance(evaluate(lake), dg.SkipReason)


def test_pending_batch_is_requested_again_after_a_failed_attempt(lake: Env) -> None:
    first = evaluate(lake)
    assert isinstance(first, dg.SensorResult)
    [batch_id] = [r.partition_key for r in first.run_requests]
    from corpus.lake import registry

    store = CorpusLake(lake.lake).store
    attempt = registry.start_attempt(store, batch_id)
    registry.fail_attempt(store, batch_id, attempt, "OSError: disk full")
    again = evaluate(lake)
    assert isinstance(again, dg.SensorResult)
    assert [r.partition_key for r in again.run_requests] == [batch_id]
    assert again.run_requests[0].run_key != first.run_requests[0].run_key


def test_changed_file_makes_a_batch_of_one(lake: Env) -> None:
    evaluate(lake)
    (lake.raw / "valley-post/2023/storm.txt").write_text("date 2023-12-02 Snow melted.\n")
    result = evaluate(lake)
    assert isinstance(result, dg.SensorResult)
    manifests = registrations(lake)
    assert [f.path for f in manifests[-1].files] == ["valley-post/2023/storm.txt"]


def test_hourly_schedule_discovers_like_the_sensor(lake: Env) -> None:
    from pipelines.sensors import raw_files_schedule

    # closed here, not by the collector: the context opens its own instance from the test
    # instance's ref, and closing it restores the defs-state storage that was current when it
    # opened, which by the collector's time is the test instance's, closed (see the next test)
    with dg.build_schedule_context(
        instance=lake.instance,
        resources={"raw": RawStore(root=str(lake.raw)), "lake": LakeStore(root=str(lake.lake))},
    ) as context:
        requests = list(raw_files_schedule(context))
    [state] = CorpusLake(lake.lake).batch_states()
    assert [r.partition_key for r in requests] == [state.batch_id]
    assert state.batch_id in lake.instance.get_dynamic_partitions("ingest_batches")


def test_definitions_load_after_the_sensor_tests(tmp_path: Path) -> None:
    """Runs after the schedule test on purpose: when Dagster's defs-state storage was left
    pointing at a closed instance, loading Definitions failed ("Attempted to resolve undefined
    DagsterInstance weakref") here or in whichever test came next in a whole run."""
    from pipelines.definitions import build_definitions

    gc.collect()  # whatever an earlier test left for the collector is closed now, not mid-test
    defs = build_definitions(str(tmp_path / "raw"), str(tmp_path / "lake"))
    dg.Definitions.validate_loadable(defs)
    assert defs.resolve_job_def("ingest_batch") is not None
