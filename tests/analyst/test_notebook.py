"""notebooks/explore.ipynb runs top to bottom on a fresh sample lake, and is committed readable."""

from __future__ import annotations

import json
from pathlib import Path

from notebooks.execute import NOTEBOOK, execute


def images(cells: list[dict]) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in cells
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
    )


def test_notebook_executes_on_the_sample(sample_lake: Path, tmp_path: Path) -> None:
    # nbclient raises CellExecutionError on the first cell that fails
    notebook = execute(sample_lake, target=tmp_path / "explore.ipynb")
    assert images(notebook.cells) == 5
    outputs = json.dumps([c.get("outputs", []) for c in notebook.cells])
    assert '"output_type": "error"' not in outputs
    assert "keep rule:" in outputs and "### " in outputs  # the article with headings and cluster


def test_committed_notebook_has_its_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(c["outputs"] for c in code), "run `make notebook` before committing"
    assert images(cells) == 5
