"""The DuckDB command in the README, run exactly as written, opens a freshly ingested lake."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
PREFIX = "cd lake && ../.venv/bin/duckdb "


def readme_duckdb_command() -> str:
    """The one line of README.md that runs the venv's DuckDB CLI on the catalog."""
    lines = [
        line.strip()
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.strip().startswith(PREFIX)
    ]
    assert len(lines) == 1, lines
    return lines[0]


def test_readme_duckdb_command_opens_the_lake(sample_lake: Path, tmp_path: Path) -> None:
    command = readme_duckdb_command()
    assert shlex.split(command)[4] == "catalog.duckdb"
    # a checkout's layout: .venv (this interpreter's) and lake/ side by side
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    shutil.copytree(sample_lake, tmp_path / "lake", symlinks=True)  # a copy: paths are relative
    proc = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "PATH"} | {"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Error" not in proc.stderr
    assert "published_date" in proc.stdout  # the header of the result
    assert proc.stdout.count("\n") > 5  # and rows
