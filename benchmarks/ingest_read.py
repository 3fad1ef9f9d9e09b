"""What reading one raw file costs, step by step, on the benchmark corpus (`make bench-read`).

    python benchmarks/ingest_read.py [--articles 20000] [--pages 2000] [--files 3000]

The read stage (`corpus.formats.read_file`) of `--files` text dumps and of the HTML pages, in
microseconds per file, beside its parts done alone on the same files: `stat`, opening and
reading the bytes, sniffing the format, decoding, and the sha256 that planning and the
after-read check compute. Files are read once first, so all come from the page cache. Best of 3.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from ingest_corpus import corpus_dir  # noqa: E402

from corpus.formats import read_file  # noqa: E402
from corpus.formats.decode import decode_markup, decode_text  # noqa: E402
from corpus.formats.sniff import sniff  # noqa: E402
from corpus.rejects import RejectError  # noqa: E402


def decoded(decode: Callable[[bytes], str]) -> Callable[[Path], object]:
    """Decode a file's bytes; a file that does not decode (the corpus has a few) costs the same
    attempt and counts as done."""

    def step(path: Path) -> object:
        try:
            return decode(path.read_bytes())
        except RejectError:
            return None

    return step


def per_file(paths: list[Path], step: Callable[[Path], object]) -> float:
    """Microseconds per file of `step`, best of 3 passes."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for path in paths:
            step(path)
        best = min(best, time.perf_counter() - started)
    return best / max(len(paths), 1) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="text dumps")
    parser.add_argument("--pages", type=int, default=2_000, help="HTML pages")
    parser.add_argument("--files", type=int, default=3_000, help="files of each kind timed")
    args = parser.parse_args()
    raw = corpus_dir(HERE / ".data", args.articles, args.pages)
    texts = sorted(raw.rglob("*.txt"))[: args.files]
    pages = sorted(raw.rglob("*.html"))[: args.files]
    for path in [*texts, *pages]:
        path.read_bytes()
    print(f"{'us per file':32}{'text dumps':>12}{'HTML pages':>12}")
    steps: list[tuple[str, Callable[[Path], object], Callable[[Path], object]]] = [
        ("read_file (the read stage)", lambda p: list(read_file(p, p.name)),
         lambda p: list(read_file(p, p.name))),
        ("  stat", os.stat, os.stat),
        ("  open and read the bytes", Path.read_bytes, Path.read_bytes),
        ("  sniff the format", lambda p: sniff(p.read_bytes()[:65536], p.name),
         lambda p: sniff(p.read_bytes()[:65536], p.name)),
        ("  decode", decoded(decode_text), decoded(decode_markup)),
        ("sha256 (planning, after-read check)", lambda p: hashlib.sha256(p.read_bytes()),
         lambda p: hashlib.sha256(p.read_bytes())),
    ]  # fmt: skip
    for label, on_text, on_page in steps:
        print(f"{label:32}{per_file(texts, on_text):>12,.0f}{per_file(pages, on_page):>12,.0f}")
    print("(sniff, decode and sha256 include reading the bytes)")


if __name__ == "__main__":
    main()
