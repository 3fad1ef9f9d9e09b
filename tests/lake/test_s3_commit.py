"""A batch's commit on the S3 test server: the parts as written, once per attempt.

A first attempt adds its parts with a Delta app transaction (no second upload); another run of
the same attempt fails instead of doubling the rows, whether it raced the first (Delta's
conflict check) or came after it; a later attempt replaces what an earlier one committed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid

import pytest
from deltalake import DeltaTable
from deltalake.exceptions import CommitFailedError

from assets.resources import LakeStore
from corpus.faults import FAIL_ENV, InjectedFault
from corpus.lake import Lake, commit, registry
from corpus.lake.batching import ensure_lake
from corpus.lake.commit import commit_batch, remove_orphan_parts
from corpus.lake.registry import BatchFile
from corpus.lake.storage import CommitConflict, TableStore
from tests import s3server
from tests.lake.helpers import staged
from tests.lake.test_commit import batch_row, synthetic_tables

pytestmark = pytest.mark.s3
KEYS = [f"s/{i}.txt" for i in range(3)]


@pytest.fixture
def lake(server: s3server.S3Server, monkeypatch: pytest.MonkeyPatch) -> Lake:
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    lake = LakeStore(root=server.uri(f"commit-{uuid.uuid4().hex[:8]}")).lake()
    ensure_lake(lake)
    return lake


def _register(lake: Lake) -> registry.Registration:
    files = [BatchFile(k, k, "v1", 1, 1) for k in KEYS]
    registration = registry.register(lake.store, "new", files)
    assert registration is not None
    return registration


def _commit(lake: Lake, registration: registry.Registration, attempt: int) -> dict[str, list]:
    """Stage the batch's tables as a new run would, then commit them as `attempt`."""
    batch_id = registration.batch_id
    parts = staged(lake, batch_id, synthetic_tables(batch_id, KEYS, "v1"))
    row = {**batch_row(registration, len(KEYS)), "attempt": attempt}
    commit_batch(lake.store, batch_id, parts, row, attempt)
    return parts


def _files(lake: Lake, name: str) -> set[str]:
    return {posixpath.basename(u) for u in lake.store.files(name)}


def _rows(lake: Lake, name: str) -> int:
    return lake.scan(name, committed=False).collect().height


def test_a_first_attempt_adds_the_parts_it_wrote(lake: Lake) -> None:
    registration = _register(lake)
    parts = _commit(lake, registration, attempt=1)
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        written = {posixpath.basename(p.path) for p in parts[name]}
        assert written and written == _files(lake, name)  # committed as written, not rewritten
        assert _rows(lake, name) == len(KEYS)
    assert lake.read("articles").height == len(KEYS)  # landed


def test_a_second_run_of_the_same_attempt_fails_instead_of_doubling(lake: Lake) -> None:
    registration = _register(lake)
    _commit(lake, registration, attempt=1)
    with pytest.raises(CommitConflict, match=registration.batch_id):
        _commit(lake, registration, attempt=1)
    assert _rows(lake, "rejects") == len(KEYS)  # the first table it reached refused it
    assert lake.read("articles").height == len(KEYS)


def test_a_racing_run_of_the_same_attempt_fails_in_delta(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The later run read the table before the first committed: Delta's conflict check, not
    our snapshot check, refuses its commit."""
    registration = _register(lake)
    before = {name: lake.store.open(name) for name in ("rejects",)}
    _commit(lake, registration, attempt=1)
    opened = TableStore.open

    def stale(store: TableStore, name: str) -> DeltaTable | None:
        return before.get(name) or opened(store, name)

    with monkeypatch.context() as patch:
        patch.setattr(TableStore, "open", stale)
        with pytest.raises(CommitFailedError, match=r"(?i)concurrent transaction"):
            _commit(lake, registration, attempt=1)
    assert _rows(lake, "rejects") == len(KEYS)


def test_a_later_attempt_replaces_what_an_earlier_one_committed(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    registration = _register(lake)
    with monkeypatch.context() as patch:
        patch.setenv(FAIL_ENV, "after-commit:articles")
        with pytest.raises(InjectedFault):
            _commit(lake, registration, attempt=1)
    assert _rows(lake, "articles") == len(KEYS) and lake.read("articles").height == 0
    _commit(lake, registration, attempt=2)
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        assert _rows(lake, name) == len(KEYS)
    assert lake.read("articles").height == len(KEYS)


def test_a_retry_leaves_the_parts_of_a_run_still_running_the_batch(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two ingests at once on S3 may both run a pending batch: the one that retries it must not
    delete the parts the other wrote and is about to commit, or that commit names files that are
    gone (every later read of the table fails). A killed attempt's parts, old enough, do go."""
    registration = _register(lake)
    batch_id = registration.batch_id
    running = staged(lake, batch_id, synthetic_tables(batch_id, KEYS, "v1"))  # not committed yet
    assert remove_orphan_parts(lake.store, batch_id) == 0  # the other run's retry begins
    commit_batch(lake.store, batch_id, running, batch_row(registration, len(KEYS)), 1)
    assert lake.read("articles").height == len(KEYS)  # every file the log names is there
    killed = staged(lake, batch_id, synthetic_tables(batch_id, KEYS, "v2"))
    monkeypatch.setattr(commit, "ORPHAN_GRACE", dt.timedelta(0))
    assert remove_orphan_parts(lake.store, batch_id) == sum(len(p) for p in killed.values())
    assert lake.read("articles").height == len(KEYS)  # the committed parts stayed
