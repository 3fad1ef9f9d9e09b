"""Run `explore.ipynb` top to bottom against a lake, failing on the first cell that raises.

`make notebook` runs it on `lake/` and saves the outputs into the notebook (so it reads on the
forge); the suite runs it on a freshly ingested sample and keeps the outputs out of the repo.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).with_name("explore.ipynb")


def execute(
    lake_root: Path, source: Path = NOTEBOOK, target: Path | None = None
) -> nbformat.NotebookNode:
    """Execute `source` with CORPUS_LAKE_ROOT set to `lake_root`; write it to `target` if given."""
    notebook = nbformat.read(source, as_version=4)
    previous = os.environ.get("CORPUS_LAKE_ROOT")
    os.environ["CORPUS_LAKE_ROOT"] = str(lake_root.resolve())  # the kernel inherits it
    try:
        NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(source.parent)}},
        ).execute()
    finally:
        if previous is None:
            os.environ.pop("CORPUS_LAKE_ROOT", None)
        else:
            os.environ["CORPUS_LAKE_ROOT"] = previous
    if target is not None:
        nbformat.write(notebook, target)
    return notebook


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", type=Path, default=Path("lake"))
    args = parser.parse_args()
    execute(args.lake, target=NOTEBOOK)
    print(f"executed {NOTEBOOK} against {args.lake}")


if __name__ == "__main__":
    main()
