"""Coverage-guided fuzzing of the byte-level readers with atheris (`make fuzz-atheris`).

The first byte of each input picks a file name (so extension tie-breaks are explored too); the
rest is read with `corpus.formats.read_bytes` and every record is extracted. A crash is any
exception escaping, or a bug-class reason (`read_error`, `reader_error`, `extract_error`):
atheris then saves the input as `crash-*` for a regression fixture. Seeds: the fuzz job's seeds
are written to the corpus folder given on the command line when it is empty.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from corpus.extract import extract
    from corpus.formats import read_bytes
    from corpus.records import Reject

BUG_REASONS = frozenset({"read_error", "reader_error", "extract_error"})
NAMES = ("a.txt", "a.html", "a.json", "a.jsonl", "a.warc", "a.gz", "a.zip", "a.tar", "a.zst")


class BugClassReason(Exception):
    """A reader or extractor reported a bug-class reason: a finding, like an exception."""


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    for item in read_bytes(data[1:], name):
        outcome = item if isinstance(item, Reject) else extract(item, time_limit=None)
        if isinstance(outcome, Reject) and outcome.reason in BUG_REASONS:
            raise BugClassReason(f"{outcome.reason}: {outcome.message}")


def _seed(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from fuzz_inputs import seeds

    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for i, (name, data) in enumerate(seeds()):
        suffix = name.rsplit("/", 1)[-1]
        first = next((n for n, ext in enumerate(NAMES) if suffix.endswith(ext[1:])), 0)
        (folder / f"seed-{i:03d}").write_bytes(bytes([first]) + data[:65535])


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    for folder in folders:
        _seed(folder)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
