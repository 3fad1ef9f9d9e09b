"""A run with nothing to do builds neither the Definitions nor the Dagster instance."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.runner import Runtime, bound_roots, ingest
from tests.e2e.conftest import Env, write_tree


def _runtime(env: Env, made: list[str]) -> Runtime:
    raw, lake = bound_roots(env.defs)

    def defs():
        made.append("defs")
        return env.defs

    def instance():
        made.append("instance")
        return env.instance

    return Runtime(raw, lake, Path(env.instance.root_directory), defs, instance)


def test_nothing_to_do_makes_no_definitions_and_no_instance(lake: Env) -> None:
    lake.ingest()
    made: list[str] = []
    outcome = ingest(_runtime(lake, made))
    assert outcome.success and outcome.schedule.batch_ids == [] and outcome.refresh_run is None
    assert made == []


def test_new_files_run_through_the_definitions_once(lake: Env) -> None:
    lake.ingest()
    write_tree(lake.raw, {"harbour-times/2024/late.txt": b"date 2024-05-01 A late story here.\n"})
    made: list[str] = []
    outcome = ingest(_runtime(lake, made))
    assert outcome.success and len(outcome.schedule.batch_ids) == 1
    assert outcome.refresh_run is not None and made == ["defs", "instance"]


def test_definitions_bound_elsewhere_are_refused(lake: Env, tmp_path: Path) -> None:
    raw, lake_store = bound_roots(lake.defs)
    other = Env(tmp_path / "other", lake.instance)
    runtime = Runtime(raw, lake_store, tmp_path, lambda: other.defs, lambda: lake.instance)
    with pytest.raises(ValueError, match="other roots"):
        _ = runtime.defs


def test_the_definitions_do_not_import_matplotlib() -> None:
    """Plots are drawn only by the report: importing the asset graph must not pay for them."""
    import subprocess
    import sys

    probe = "import sys, pipelines.definitions; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", probe], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


NO_OP_PROBE = """
import sys
from pipelines.cli import main
code = main(["ingest", "--raw", sys.argv[1], "--lake", sys.argv[2], "--quiet"])
print("dagster" in sys.modules, code)
"""


def test_a_no_op_ingest_never_imports_dagster(lake: Env) -> None:
    """The CLI plans from `assets.settings` alone: with nothing to do, Dagster's import (seconds)
    is never paid; with work, the runs import it in a thread while planning goes on."""
    import os
    import subprocess
    import sys

    lake.ingest()
    env = {**os.environ, "DAGSTER_HOME": lake.instance.root_directory}
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", NO_OP_PROBE, str(lake.raw), str(lake.lake)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert out.stdout.splitlines()[-1] == "False 0"
    assert "no new or changed files" in out.stdout
