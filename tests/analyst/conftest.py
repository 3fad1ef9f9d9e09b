"""One lake built from the bundled sample, shared by the analyst-side tests (read-only for them).

Ingesting the sample takes most of a minute; the notebook, report, export and README tests only
read the lake, so they share one session-scoped copy. It is built through `corpus ingest`, the
public entry point, so these tests do not depend on how the runner is wired inside.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.sample.generate import generate_sample

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def sample_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lake root of a freshly ingested copy of the bundled sample."""
    root = tmp_path_factory.mktemp("sample")
    raw, lake = root / "raw", root / "lake"
    generate_sample(raw)
    env = {**os.environ, "DAGSTER_HOME": str(root / "dagster")}
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
    return lake
