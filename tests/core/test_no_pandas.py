"""A batch ingested in a fresh process never imports pandas (pyarrow's first conversion would
import it: `corpus.arrowprobe`), while explicit pandas conversions still work afterwards."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

INGEST = """
import sys
from pathlib import Path
from corpus.ingest import ingest_batch
from corpus.lake import Lake
from corpus.lake.batching import schedule
from tools.sample.generate import generate_corpus

raw, lake = Path(sys.argv[1]) / "raw", Lake(Path(sys.argv[1]) / "lake")
generate_corpus(raw, n_articles=40, seed=5)
(raw / "web" / "page.html").parent.mkdir()
(raw / "web" / "page.html").write_text(
    "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
    + "<p>The harbour reopened on Monday after a week of repairs to the main quay.</p>" * 5
    + "</article></body></html>"
)
[batch] = schedule(lake, raw).batch_ids
result = ingest_batch(lake, batch, raw, workers=1)
assert result.n_articles > 30, result
print("pandas" in sys.modules)
"""


def test_ingesting_a_batch_does_not_import_pandas(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", INGEST, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_pandas_conversions_work_after_the_probe() -> None:
    code = (
        "import corpus.lake.tables, pyarrow as pa, sys\n"
        "assert 'pandas' not in sys.modules\n"
        "frame = pa.table({'a': [1, 2]}).to_pandas()\n"
        "print(pa.Table.from_pandas(frame).column('a').to_pylist())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[1, 2]"
