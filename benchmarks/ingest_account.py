"""The per-stage account of `benchmarks/ingest.py`: where each system's time goes, side by side.

Each system keeps its own seconds per stage on the same files:
- the floor script writes them next to its output (`ingest_peers.py`);
- datatrove's executor keeps its steps' seconds in `logs/stats.json`;
- `corpus ingest` stores them per batch (`batches.stage_seconds`, `corpus.timings`), and its
  Dagster instance has each run's start and end: the refresh run, Dagster's own time around the
  batch's work, and what runs outside any run (start-up, planning, the instance, status).

Stage seconds are summed over the processes that ran them (datatrove and ours use 2 workers on
20,000 files, the floor one process), so they add up to more than the wall time when work ran in
parallel. Stages that only ours has (markup extraction, language identification, the lake-wide
refresh, Dagster) are lines of their own.
"""

from __future__ import annotations

import json
from pathlib import Path

# (label, floor's stages, datatrove's steps (by a word of their name), ours)
COMMON = [
    ("list the files", ["list"], [], []),
    ("read (open, sniff, decode)", ["read"], ["reader"], ["read"]),
    ("parse text dumps (header, paragraphs)", [], [], ["extract"]),
    ("normalize (split, NFC, paragraphs)", ["normalize"], [], ["normalize"]),
    ("fingerprint (MinHash)", [], ["minhash"], ["fingerprint"]),
    ("rows and write (Arrow, Parquet, Delta)", ["write"], ["parquet"], ["arrow", "parts", "commit",
                                                                          "cleanup"]),
]  # fmt: skip
OURS_ONLY = [
    ("ours only: markup extraction (HTML pages)", "extract_markup"),
    ("ours only: language identification", "language"),
]


def floor_stages(out: Path) -> dict[str, float]:
    return json.loads(Path(f"{out}.stages.json").read_text())


def datatrove_stages(out: Path) -> dict[str, float]:
    """Seconds per step, by the step's name (lower case), summed over its tasks."""
    steps = json.loads((out / "logs" / "stats.json").read_text())
    seconds = {}
    for step in steps:
        time_stats = step.get("time_stats") or {}
        seconds[step["name"].lower()] = time_stats.get("total", 0.0) if time_stats else 0.0
    return seconds


def our_stages(lake: Path) -> tuple[dict[str, float], float]:
    """Seconds per stage over every batch (workers summed), and the batches' own wall seconds
    (processing, then commit and cleanup in the driver), time in which several batches overlap
    (a batch starts ahead of its run, `corpus.ingest.start_ahead`) counted once."""
    from corpus.lake import read

    batches = read("batches", str(lake))
    seconds: dict[str, float] = {}
    spans: list[tuple[float, float]] = []
    for row in batches.iter_rows(named=True):
        stages = json.loads(row["stage_seconds"] or "{}")
        for stage, value in stages.items():
            seconds[stage] = seconds.get(stage, 0.0) + value["seconds"]
        driver = sum(stages.get(s, {}).get("seconds", 0.0) for s in ("commit", "cleanup"))
        start = row["started_at"].timestamp()
        spans.append((start, row["finished_at"].timestamp() + driver))
    return seconds, covered_seconds(spans)


def covered_seconds(spans: list[tuple[float, float]]) -> float:
    """The length of the union of the (start, end) spans."""
    total, reach = 0.0, float("-inf")
    for start, end in sorted(spans):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def run_seconds(home: Path) -> dict[str, float]:
    """Wall seconds of the instance's runs, summed per job, and of the steps of every run but
    the batches', summed per `job/step` (start to success or failure)."""
    import dagster as dg

    ends = {dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE}
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        seconds: dict[str, float] = {}
        for record in instance.get_run_records():
            if record.start_time and record.end_time:
                job = record.dagster_run.job_name
                seconds[job] = seconds.get(job, 0.0) + record.end_time - record.start_time
            if record.dagster_run.job_name == "ingest_batch":
                continue
            events = instance.get_records_for_run(
                record.dagster_run.run_id, of_type={dg.DagsterEventType.STEP_START, *ends}
            ).records
            started: dict[str, float] = {}
            for event in events:
                entry = event.event_log_entry
                assert entry.dagster_event is not None and entry.step_key is not None
                if entry.dagster_event.event_type not in ends:
                    started[entry.step_key] = entry.timestamp
                elif entry.step_key in started:
                    key = f"{record.dagster_run.job_name}/{entry.step_key}"
                    took = entry.timestamp - started.pop(entry.step_key)
                    seconds[key] = seconds.get(key, 0.0) + took
        return seconds
    finally:
        instance.dispose()


def first_run_start(home: Path) -> float | None:
    """When the instance's first run started (seconds since the epoch)."""
    import dagster as dg

    instance = dg.DagsterInstance.from_config(str(home))
    try:
        starts = [r.start_time for r in instance.get_run_records() if r.start_time]
        return min(starts) if starts else None
    finally:
        instance.dispose()


def account(
    floor: dict[str, float],
    datatrove: dict[str, float],
    ours: tuple[dict[str, float], float],
    runs: dict[str, float],
    walls: tuple[float, float, float],
    before_first_run: float | None = None,
) -> list[str]:
    """The table's lines: a stage per line, a system per column (seconds)."""
    stages, batch_wall = ours
    used: set[str] = set()

    def cell(value: float | None) -> str:
        return f"{value:>10.1f}" if value is not None else f"{'-':>10}"

    def pick(source: dict[str, float], keys: list[str], *, by_word: bool = False) -> float | None:
        if not keys:
            return None
        if by_word:
            found = [v for name, v in source.items() if any(k in name for k in keys)]
        else:
            found = [source[k] for k in keys if k in source]
        return sum(found) if found else None

    lines = [f"{'stage':54}{'floor':>10}{'datatrove':>10}{'ours':>10}"]
    for label, floor_keys, dt_words, our_keys in COMMON:
        used.update(our_keys)
        lines.append(
            f"{label:54}{cell(pick(floor, floor_keys))}"
            f"{cell(pick(datatrove, dt_words, by_word=True))}{cell(pick(stages, our_keys))}"
        )
    for label, key in OURS_ONLY:
        used.add(key)
        lines.append(f"{label:54}{cell(None)}{cell(None)}{cell(stages.get(key))}")
    for key in sorted(set(stages) - used):  # a stage this table does not know yet
        lines.append(f"{'ours only: ' + key:54}{cell(None)}{cell(None)}{cell(stages[key])}")
    batch_runs = runs.get("ingest_batch", 0.0)
    jobs = {job: v for job, v in runs.items() if "/" not in job}  # `job/step`: a step's share
    refresh = sum(v for job, v in jobs.items() if job != "ingest_batch")
    ours_wall = walls[2]
    dagster_lines = [
        ("ours only: refresh run (dedup, boilerplate, catalog)", refresh),
        *((f"  of which step {key.split('/', 1)[1]}", v) for key, v in runs.items() if "/" in key),
        # batches that start ahead of their runs process partly outside them: a lower bound then
        (
            "ours only: Dagster around the batch (run - batch wall)",
            max(0.0, batch_runs - batch_wall),
        ),
        ("ours only: outside runs (start-up, plan, instance)", ours_wall - batch_runs - refresh),
    ]
    if before_first_run is not None:  # planning overlaps the Definitions' import and instance
        dagster_lines.append(("  of which before the first run starts", before_first_run))
    for label, value in dagster_lines:
        lines.append(f"{label:54}{cell(None)}{cell(None)}{cell(value)}")
    lines.append(f"{'wall time (whole command)':54}" + "".join(cell(w) for w in walls))
    lines.append(f"{'  of which ours: the batches (processing + commit)':54}{'':20}"
                 f"{cell(batch_wall)}")  # fmt: skip
    return lines
