"""Seconds and items per stage of a batch, as datatrove's steps keep them: where the time goes,
without a profiler. Workers keep their own and the driver adds them up."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

STAGES = (
    "read",
    "extract",  # text dumps (header and paragraphs)
    "extract_markup",  # HTML, WARC, JSON and XML records: main text and metadata from markup
    "normalize",
    "language",
    "fingerprint",
    "arrow",
    "commit",
    "cleanup",
)
# a stage timed inside another one: its seconds are taken out of the enclosing stage's, so that
# stages never overlap and their seconds add up to the batch's
PART_OF = {"language": "normalize"}


@dataclass(slots=True)
class StageTimes:
    seconds: dict[str, float] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)

    @contextlib.contextmanager
    def track(self, stage: str, items: int = 1) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - started, items)

    def add(self, stage: str, seconds: float, items: int = 1) -> None:
        self._add(stage, seconds, items)
        if stage in PART_OF:
            self._add(PART_OF[stage], -seconds, 0)

    def _add(self, stage: str, seconds: float, items: int) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.items[stage] = self.items.get(stage, 0) + items

    def merge(self, other: StageTimes) -> None:
        for stage, seconds in other.seconds.items():
            self._add(stage, seconds, other.items.get(stage, 0))

    def to_json(self) -> str:
        order = [s for s in STAGES if s in self.seconds] + sorted(set(self.seconds) - set(STAGES))
        return json.dumps(
            {s: {"seconds": round(self.seconds[s], 4), "items": self.items[s]} for s in order}
        )

    @staticmethod
    def render(text: str | None) -> str:
        """One line: `read 1.20s/500  extract 3.10s/480 ...` (seconds, items)."""
        if not text:
            return "-"
        data = json.loads(text)
        return "  ".join(f"{s} {v['seconds']:.2f}s/{v['items']}" for s, v in data.items())
