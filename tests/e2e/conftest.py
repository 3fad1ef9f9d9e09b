"""A small raw tree written by hand, a temporary lake, and a real (temporary) Dagster instance."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from corpus.lake import Lake as CorpusLake
from pipelines.definitions import build_definitions
from pipelines.runner import IngestOutcome, IngestRequest, ingest

FILES: dict[str, bytes] = {
    "harbour-times/2024/ferry.txt": (
        "date 2024-03-05 PORT ELLEN – The harbour board approved a new ferry timetable on "
        "Tuesday after months of complaints from island residents.\n\n"
        "Winter crossings\n\n"
        "Crossings will run twice a day from November, the board said.\n"
    ).encode(),
    "harbour-times/2024/market.txt": (
        "date 2024-04-11\ntitle: Fish market reopens\nauthor: Ana Ruiz\n\n"
        "Traders returned to the fish market on Thursday.\n\n“It feels like home again.”\n"
    ).encode(),
    "valley-post/2023/storm.txt": (
        b"date 2023-12-01 KABUL, Dec. 1 (Valley Wire) - Heavy snow closed the mountain pass "
        b"for a third day, stranding trucks carrying fruit to the capital.\n"
    ),
    "valley-post/2023/storm-copy.txt": (
        b"date 2023-12-01 KABUL, Dec. 1 (Valley Wire) - Heavy snow closed the mountain pass "
        b"for a third day, stranding trucks carrying fruit to the capital.\n"
    ),
    "valley-post/bad/empty.txt": b"",
    "valley-post/bad/binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "valley-post/bad/latin1.txt": "date 2024-01-01 Caf\xe9 opens.".encode("latin-1"),
    "valley-post/bad/noheader.txt": b"Just some words without a date header.\n",
}
EXPECTED_ARTICLES = 4
EXPECTED_REJECTS = {
    "empty_file": 1,
    "binary_content": 1,
    "invalid_encoding": 1,
    "missing_date_header": 1,
}


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


class Env:
    """A raw root, a lake root, the Definitions bound to them and a real instance."""

    def __init__(self, root: Path, instance: dg.DagsterInstance) -> None:
        self.raw = root / "raw"
        self.lake = root / "lake"
        self.raw.mkdir(parents=True)
        self.instance = instance
        self.defs = build_definitions(str(self.raw), str(self.lake))

    @property
    def corpus_lake(self) -> CorpusLake:
        return CorpusLake(self.lake)

    def ingest(self, request: IngestRequest | None = None) -> IngestOutcome:
        outcome = ingest(self.defs, self.instance, request)
        assert outcome.success
        return outcome

    def catalog_rows(self, sql: str) -> list[tuple]:
        from corpus.lake.catalog import connect

        con = connect(self.corpus_lake)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


@pytest.fixture(autouse=True)
def defs_state_scope() -> Iterator[None]:
    """Each test starts with no Dagster defs-state storage and leaves the one it found. An
    instance entered as a context sets the process's storage and restores the previous one on
    exit; an evaluation context that opened an instance and is closed only by the collector
    restores, at that later time, a storage whose instance is gone, and the next Definitions
    load fails on it. Collecting before this scope ends keeps such restores inside the test."""
    from dagster._core.storage.defs_state.base import set_defs_state_storage

    with set_defs_state_storage(None):
        yield
        gc.collect()


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as test_instance:
        yield test_instance


@pytest.fixture
def lake(tmp_path: Path, instance: dg.DagsterInstance) -> Env:
    env = Env(tmp_path, instance)
    write_tree(env.raw, FILES)
    return env
