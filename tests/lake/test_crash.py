"""Crash consistency through the real `corpus` command: SIGKILL at every named point of a run.

An incremental ingest (one changed, one new and one unchanged-but-renamed file) is killed at each
checkpoint (`corpus.faults`); afterwards the lake must show the state before or after the batch,
never half of it, the catalog must open, and a plain re-run must converge to exactly the tables of
an uninterrupted run, down to the rows a plain Delta reader sees.
"""

from __future__ import annotations

import random
import shutil
import signal
import time
from pathlib import Path

import polars.testing
import pytest

from corpus.lake import Lake
from corpus.lake.verify import verify
from tests.e2e.conftest import FILES, write_tree
from tests.lake.helpers import catalog_count, content, corpus, raw_content, start_corpus

TABLES = ["articles", "paragraphs", "signatures", "rejects", "duplicates", "paragraph_stats"]
INGEST_POINTS = [
    "before-register",
    "after-register",
    "after-process",
    "after-commit:rejects",
    "after-commit:signatures",
    "after-commit:paragraphs",
    "after-commit:articles",
    "after-commit:batches",
    "after-cleanup:paragraphs",
    "after-cleanup:signatures",
    "after-cleanup:articles",
    "after-commit:duplicates",
    "before-catalog-swap",
]
TRIED: list[str] = []


def change_raw(raw: Path) -> None:
    (raw / "harbour-times/2024/ferry.txt").write_text(
        "date 2024-03-06 PORT ELLEN – The board changed its mind about the timetable.\n\n"
        "Winter crossings stay as they were.\n"
    )
    (raw / "harbour-times/2024/new.txt").write_text(
        "date 2024-05-01 PORT ELLEN – A second ferry will join the route in June, the operator "
        "said on Wednesday.\n"
    )


def ingest(raw: Path, lake: Path, **env: str):
    return corpus("ingest", "--raw", str(raw), "--lake", str(lake), "--quiet", env=env)


@pytest.fixture(scope="module")
def lakes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A first lake (before), and the lake an uninterrupted incremental run makes (after)."""
    base = tmp_path_factory.mktemp("crash")
    write_tree(base / "raw1", FILES)
    assert ingest(base / "raw1", base / "lake1").returncode == 0
    shutil.copytree(base / "raw1", base / "raw2")
    change_raw(base / "raw2")
    shutil.copytree(base / "lake1", base / "reference")
    done = ingest(base / "raw2", base / "reference")
    assert done.returncode == 0, done.stderr
    return {"raw2": base / "raw2", "lake1": base / "lake1", "reference": base / "reference"}


def assert_same_tables(lake: Lake, reference: Lake) -> None:
    for name in TABLES:
        polars.testing.assert_frame_equal(content(lake, name), content(reference, name))
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        polars.testing.assert_frame_equal(raw_content(lake, name), raw_content(reference, name))


def assert_whole_state(lake: Lake, lakes: dict[str, Path]) -> None:
    """What readers see is the lake before the batch or after it, never a mix."""
    seen = content(lake, "articles")
    before, after = (
        content(Lake(lakes["lake1"]), "articles"),
        content(Lake(lakes["reference"]), "articles"),
    )
    assert seen.equals(before) or seen.equals(after)
    assert catalog_count(lake, "articles") in (before.height, after.height)


@pytest.mark.parametrize("point", INGEST_POINTS)
def test_killed_ingest_converges(point: str, lakes: dict[str, Path], tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    shutil.copytree(lakes["lake1"], lake_dir)
    killed = ingest(lakes["raw2"], lake_dir, CORPUS_KILL_AT=point)
    assert killed.returncode == -signal.SIGKILL, f"{point} was never reached: {killed.stderr}"
    TRIED.append(point)
    lake = Lake(lake_dir)
    assert_whole_state(lake, lakes)
    rerun = ingest(lakes["raw2"], lake_dir)
    assert rerun.returncode == 0, rerun.stderr
    assert_same_tables(lake, Lake(lakes["reference"]))
    assert verify(lake) == []
    assert not list(lake_dir.glob(".catalog.duckdb.*"))  # no temporary file left behind


def test_killed_at_random_moments_converges(lakes: dict[str, Path], tmp_path: Path) -> None:
    rng = random.Random(7)
    for round_ in range(3):
        lake_dir = tmp_path / f"lake{round_}"
        shutil.copytree(lakes["lake1"], lake_dir)
        proc = start_corpus(
            "ingest", "--raw", str(lakes["raw2"]), "--lake", str(lake_dir), "--quiet"
        )
        time.sleep(rng.uniform(2.0, 8.0))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        TRIED.append(f"random-{round_}")
        lake = Lake(lake_dir)
        if lake.exists():
            assert_whole_state(lake, lakes)
        rerun = ingest(lakes["raw2"], lake_dir)
        assert rerun.returncode == 0, rerun.stderr
        assert_same_tables(lake, Lake(lakes["reference"]))


def test_killed_maintenance_converges(lakes: dict[str, Path], tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    shutil.copytree(lakes["reference"], lake_dir)
    maintain = ["maintain", "--lake", str(lake_dir), "--retention-hours", "0"]
    killed = corpus(*maintain, env={"CORPUS_KILL_AT": "after-compact:articles"})
    assert killed.returncode == -signal.SIGKILL
    TRIED.append("after-compact:articles")
    lake = Lake(lake_dir)
    assert_same_tables(lake, Lake(lakes["reference"]))
    assert corpus(*maintain).returncode == 0
    assert_same_tables(lake, Lake(lakes["reference"]))
    assert verify(lake) == []
