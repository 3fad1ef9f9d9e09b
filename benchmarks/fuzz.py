"""The fuzz job (`make fuzz`): generated and mutated inputs through the whole per-file path.

Every input is written as a real file under a temporary raw root and run through
`corpus.process.tables_of_files` (read -> extract -> normalize -> Arrow rows), in batches of
`--batch` files on `--workers` processes. Counted:

- escaping: exceptions out of `tables_of_files` (the batch is re-run file by file to name them);
- over time: inputs whose extraction hit the per-record limit (`timeout`), and batches slower
  than `--batch-seconds`;
- no row: an input with neither an article nor a reject under its `raw_path`;
- bug-class reasons: `read_error` (here every file is readable, so it is a bug),
  `extract_error` and `reader_error`.

Each failing input is saved to `--crashes` as `<number>-<kind>.bin` with its name beside it;
`python benchmarks/fuzz.py --replay N` re-runs input N. Run: `make fuzz` (10^5 inputs) or
`python benchmarks/fuzz.py --inputs 2000` for a quick look.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fuzz_inputs import mutate, seeds

from corpus.dedup.config import DedupConfig
from corpus.process import tables_of_files
from corpus.rawpath import raw_path_of
from corpus.records import RawFile

BUG_REASONS = frozenset({"read_error", "extract_error", "reader_error"})
WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_SEEDS: list[tuple[str, bytes]] = []


def _write(root: Path, number: int) -> RawFile:
    name, data = mutate(_SEEDS, number)
    rel = f"{number:07d}/{name.lstrip('/')}"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return RawFile(rel, hashlib.sha256(data).hexdigest(), len(data))


def _owner(raw_path: str) -> int:
    return int(raw_path.split("/", 1)[0])


def run_batch(numbers: list[int], batch_seconds: float) -> dict:
    """Findings of one batch of input numbers: counts and (number, kind, detail) failures."""
    if not _SEEDS:
        _SEEDS.extend(seeds())
    with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet):  # warcio's warnings
        return _run_batch(numbers, batch_seconds)


def _run_batch(numbers: list[int], batch_seconds: float) -> dict:
    found: dict = {"inputs": len(numbers), "failures": [], "reasons": collections.Counter()}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = [_write(root, n) for n in numbers]
        started = time.perf_counter()
        try:
            tables = [tables_of_files(files, root, "fuzz", WHEN, DedupConfig())]
        except Exception:  # find the inputs that escape, one by one
            tables = []
            for number, raw_file in zip(numbers, files, strict=True):
                try:
                    tables.append(tables_of_files([raw_file], root, "fuzz", WHEN, DedupConfig()))
                except Exception as exc:
                    detail = "".join(traceback.format_exception_only(exc)).strip()
                    found["failures"].append((number, "escaping", detail[:300]))
        elapsed = time.perf_counter() - started
        if elapsed > batch_seconds:
            found["failures"].append((numbers[0], "slow_batch", f"{elapsed:.1f}s"))
        with_rows: set[int] = set()
        for table in tables:
            for path in table.articles.column("raw_path").to_pylist():
                with_rows.add(_owner(path))
            rows = table.rejects.select(["raw_path", "reason", "message"]).to_pylist()
            for row in rows:
                with_rows.add(_owner(row["raw_path"]))
                found["reasons"][row["reason"]] += 1
                if row["reason"] in BUG_REASONS:
                    found["failures"].append(
                        (_owner(row["raw_path"]), row["reason"], row["message"])
                    )
                if row["reason"] == "timeout":
                    found["failures"].append((_owner(row["raw_path"]), "over_time", row["message"]))
        escaped = {n for n, kind, _ in found["failures"] if kind == "escaping"}
        for number in numbers:
            if number not in with_rows and number not in escaped:
                found["failures"].append(
                    (number, "no_row", raw_path_of(files[numbers.index(number)].path))
                )
    return found


def _save(crashes: Path, number: int, kind: str, detail: str) -> None:
    crashes.mkdir(parents=True, exist_ok=True)
    name, data = mutate(_SEEDS or seeds(), number)
    (crashes / f"{number:07d}-{kind}.bin").write_bytes(data)
    (crashes / f"{number:07d}-{kind}.txt").write_text(f"{name}\n{detail}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--start", type=int, default=0, help="first input number")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-seconds", type=float, default=120.0)
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument("--replay", type=int, help="run one input number and print its rows")
    args = parser.parse_args(argv)
    _SEEDS.extend(seeds())
    if args.replay is not None:
        print(run_batch([args.replay], args.batch_seconds))
        return 0
    numbers = list(range(args.start, args.start + args.inputs))
    batches = [numbers[i : i + args.batch] for i in range(0, len(numbers), args.batch)]
    totals: collections.Counter = collections.Counter()
    reasons: collections.Counter = collections.Counter()
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with context.Pool(args.workers) as pool:
        jobs = pool.imap_unordered(_run_star, [(b, args.batch_seconds) for b in batches])
        for done, found in enumerate(jobs, 1):
            totals["inputs"] += found["inputs"]
            reasons.update(found["reasons"])
            for number, kind, detail in found["failures"]:
                totals[kind] += 1
                _save(args.crashes, number, kind, detail)
            if done % 50 == 0:
                print(
                    f"{totals['inputs']} inputs, {time.perf_counter() - started:.0f}s", flush=True
                )
    print(f"inputs tried: {totals['inputs']} in {time.perf_counter() - started:.0f}s "
          f"({args.workers} workers)")  # fmt: skip
    for kind in ("escaping", "over_time", "slow_batch", "no_row", *sorted(BUG_REASONS)):
        print(f"  {kind}: {totals[kind]}")
    print("reject reasons:", dict(reasons.most_common()))
    failed = sum(totals[k] for k in totals if k != "inputs")
    if failed:
        print(f"failing inputs saved under {args.crashes}/")
    return 1 if failed else 0


def _run_star(job: tuple[list[int], float]) -> dict:
    return run_batch(*job)


if __name__ == "__main__":
    raise SystemExit(main())
