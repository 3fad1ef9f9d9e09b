"""The per-record time limit: a record that runs too long becomes a `timeout` reject, the records
after it run as usual, and the process's own SIGALRM handler and timer are given back."""

from __future__ import annotations

import dataclasses
import signal
import time
from pathlib import Path

import pytest

from corpus.dedup.config import DedupConfig
from corpus.extract import EXTRACTORS
from corpus.extract.timeout import RecordTimeout, alarm_handler, time_limit
from corpus.formats.options import DEFAULT_OPTIONS
from corpus.process import tables_of_files
from tests.core.helpers import WHEN, write_raw

DUMP = b"date 2024-02-03 PORT TOWN - The ferry ran late.\n\nIt was the wind, they said.\n"


def test_a_slow_record_in_a_chunk_is_a_timeout_reject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_extractor = EXTRACTORS["text"]

    def slow_on_b(record):  # type: ignore[no-untyped-def]
        if record.raw_path.endswith("b.txt"):
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                pass
            raise AssertionError("not interrupted")
        return text_extractor(record)

    monkeypatch.setitem(EXTRACTORS, "text", slow_on_b)
    files = write_raw(tmp_path, {"src/a.txt": DUMP, "src/b.txt": DUMP + b"B", "src/c.txt": DUMP})
    options = dataclasses.replace(DEFAULT_OPTIONS, record_time_limit=0.2)
    started = time.monotonic()
    tables = tables_of_files(files, tmp_path, "b1", WHEN, DedupConfig(), options)
    assert time.monotonic() - started < 4
    assert tables.articles.column("raw_path").to_pylist() == ["src/a.txt", "src/c.txt"]
    assert tables.rejects.select(["raw_path", "reason"]).to_pylist() == [
        {"raw_path": "src/b.txt", "reason": "timeout"}
    ]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_handler_is_installed_once_and_given_back() -> None:
    def mine(signum, frame):  # type: ignore[no-untyped-def]
        raise AssertionError("the process's own handler ran")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with alarm_handler():
            assert signal.getsignal(signal.SIGALRM) is not mine
            for _ in range(3):
                with time_limit(1.0):
                    pass
            with pytest.raises(RecordTimeout), time_limit(0.05):
                while True:
                    pass
        assert signal.getsignal(signal.SIGALRM) is mine
        with time_limit(1.0):  # a record on its own installs and restores the handler itself
            assert signal.getsignal(signal.SIGALRM) is not mine
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_an_outer_timer_gets_back_what_it_had_left() -> None:
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        with alarm_handler(), time_limit(1.0):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3.0 < remaining <= 5.0
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
