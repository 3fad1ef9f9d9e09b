"""One lake built from the bundled sample, shared by the tests that only read it.

Ingesting the sample takes most of a minute; the notebook, report, export, README and UI tests
only read the lake (and its Dagster instance), so they share one session-scoped copy. It is built
through `corpus ingest`, the public entry point, so they do not depend on the runner's wiring.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.sample.generate import generate_sample

ROOT = Path(__file__).parents[2]


@dataclass(frozen=True, slots=True)
class SampleLake:
    raw: Path
    lake: Path
    dagster_home: Path  # the instance that recorded the ingest runs (what the UI shows)


@pytest.fixture(scope="session")
def sample_env(tmp_path_factory: pytest.TempPathFactory) -> SampleLake:
    """A freshly ingested copy of the bundled sample: do not write to it."""
    root = tmp_path_factory.mktemp("sample")
    raw, lake, home = root / "raw", root / "lake", root / "dagster"
    generate_sample(raw)
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    command = [
        sys.executable,
        "-m",
        "pipelines.cli",
        "ingest",
        "--raw",
        str(raw),
        "--lake",
        str(lake),
    ]
    done = subprocess.run(
        [*command, "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return SampleLake(raw, lake, home)


@pytest.fixture(scope="session")
def sample_lake(sample_env: SampleLake) -> Path:
    """The lake root of the shared sample lake."""
    return sample_env.lake
