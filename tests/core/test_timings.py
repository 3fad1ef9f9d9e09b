"""Stage timings: stages never overlap, so their seconds add up to the time measured."""

from __future__ import annotations

import json

from corpus.timings import StageTimes


def test_a_part_is_taken_out_of_its_enclosing_stage() -> None:
    times = StageTimes()
    times.add("language", 0.25)
    times.add("normalize", 1.0)  # measured around the language call
    assert times.seconds == {"language": 0.25, "normalize": 0.75}
    assert times.items == {"language": 1, "normalize": 1}


def test_merging_workers_adds_their_net_seconds() -> None:
    worker = StageTimes()
    worker.add("normalize", 1.0)
    worker.add("language", 0.25)
    total = StageTimes()
    total.merge(worker)
    total.merge(worker)
    assert total.seconds == {"normalize": 1.5, "language": 0.5}
    stored = json.loads(total.to_json())
    assert list(stored) == ["normalize", "language"]
    assert stored["language"] == {"seconds": 0.5, "items": 2}
