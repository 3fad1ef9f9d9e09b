"""`lake_status`: the figures readers see, from one visibility computation."""

from __future__ import annotations

import pytest

from corpus.lake import TABLES, visibility
from corpus.status import lake_status
from tests.e2e.conftest import EXPECTED_REJECTS, Env


def test_status_counts_what_each_table_shows_from_one_visibility(
    lake: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake.ingest()
    (lake.raw / "harbour-times/2024/ferry.txt").write_text(
        "date 2024-03-06 PORT ELLEN – The harbour board withdrew the new timetable.\n"
    )
    lake.ingest()  # two landed batches: visibility joins each file to its live batch
    the_lake = lake.corpus_lake
    expected = {name: the_lake.read(name).height for name in TABLES}  # each on its own
    assert expected["batches"] == 2
    derived = []
    live = visibility._live
    monkeypatch.setattr(visibility, "_live", lambda store: derived.append(1) or live(store))

    status = lake_status(the_lake)

    assert status.row_counts == expected
    assert status.rejects_by_reason == EXPECTED_REJECTS
    assert len(derived) == 1  # per table, this was 5 joins of the registrations
