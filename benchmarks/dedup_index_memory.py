"""Peak memory and time of the dedup index: a first build from nothing, then a 1% update.

A first `duplicates` refresh builds the index (`corpus.dedup.index.update` from an empty index)
over every signature of the lake; the 1M-article run of `benchmarks/scale.py` saw its driver
peak at 12 GiB there. This benchmark isolates that step from ingest: signature rows are generated
here (no text, no MinHash), written to Parquet, and each phase runs in a fresh process through
`corpus.engine.dedup.indexed_duplicates` on the local engine with the index stored in a lake
folder (`index_store`: open, update a partition at a time, commit; components, keep rule),
reading the Parquet files lazily as a refresh reads the lake.

Generated rows: `--groups` exact groups with random signatures (band keys of unrelated rows
never meet, as unrelated articles' rarely do); 5% of articles are exact copies of another
(same `content_hash`), 20% of groups are near copies of a base group with 0-25 of 128 values
changed (estimated Jaccard 0.80-1.0), and 1% of groups belong to templated families of 200
sharing half their values (buckets beyond `pairwise_bucket_limit`, pairs mostly rejected). The update adds 1% more groups made the same way, some
near copies of groups already indexed.

Printed per size: seconds, CPU seconds (the phase's process and its live descendants, Ray's
processes among them: steadier than seconds on a shared machine) and peak RSS (VmHWM of the
phase's own process, the driver; and of its largest descendant: on Ray one of the local
cluster's processes) of the build and of the update. Run: `python benchmarks/dedup_index_memory.py --groups 100000,300000,1000000`;
`--engine ray` runs both phases on a local Ray of 2 CPUs (started before the clock starts).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

NUM_PERM = 128
EXACT_SHARE = 0.05
NEAR_SHARE = 0.20
TEMPLATED_SHARE = 0.01
TEMPLATE_SIZE = 200


def _signatures(rng: np.random.Generator, n: int, base: np.ndarray | None) -> np.ndarray:
    """`n` signatures: random ones, near copies (of `base`'s rows when given, else of earlier
    rows), and templated families whose members share a few bands."""
    values = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint32)
    pool = values if base is None else base
    near = rng.random(n) < NEAR_SHARE
    sources = rng.integers(0, len(pool), size=int(near.sum()))
    values[near] = pool[sources]
    changed = rng.integers(0, 26, size=len(sources))
    for row, k in zip(np.flatnonzero(near), changed, strict=True):
        columns = rng.choice(NUM_PERM, size=k, replace=False)
        values[row, columns] = rng.integers(0, 2**32, size=k, dtype=np.uint32)
    templated = np.flatnonzero(rng.random(n) < TEMPLATED_SHARE)
    for family in np.array_split(templated, max(1, len(templated) // TEMPLATE_SIZE)):
        if len(family):
            values[family, : NUM_PERM // 2] = values[family[0], : NUM_PERM // 2]
    return values


def _rows(rng: np.random.Generator, groups: int, first: int, base: np.ndarray | None) -> tuple:
    """Signature and keep-field rows of `groups` new groups, ids numbered from `first`."""
    values = _signatures(rng, groups, base)
    copies = rng.integers(0, groups, size=int(groups * EXACT_SHARE))
    of_group = np.concatenate([np.arange(groups), copies])
    ids = [f"{(first + i) * 0x9E3779B97F4A7C15 % 2**64:016x}" for i in range(len(of_group))]
    hashes = [f"{(first + int(g)) * 0xD6E8FEB86659FD93 % 2**128:032x}" for g in of_group]
    signatures = pl.DataFrame(
        {
            "article_id": ids,
            "content_hash": hashes,
            "minhash": [values[g].tobytes() for g in of_group],
        },
        schema={"article_id": pl.String, "content_hash": pl.String, "minhash": pl.Binary},
    )
    fields = pl.DataFrame(
        {
            "article_id": ids,
            "published_at": pl.Series([None] * len(ids), dtype=pl.Datetime("us", "UTC")),
            "n_chars": rng.integers(500, 9000, size=len(ids)),
        }
    )
    return values, signatures, fields


def generate(folder: Path, groups: int) -> None:
    rng = np.random.default_rng(groups)
    values, signatures, fields = _rows(rng, groups, 0, None)
    signatures.write_parquet(folder / "signatures.parquet")
    fields.write_parquet(folder / "fields.parquet")
    _, signatures, fields = _rows(rng, max(1, groups // 100), 2 * groups, values)
    signatures.write_parquet(folder / "signatures_new.parquet")
    fields.write_parquet(folder / "fields_new.parquet")


def tree_cpu_seconds() -> float:
    """CPU seconds so far of this process and its live descendants (a process that ended is
    not counted: Ray's workers live as long as its cluster)."""
    from peaks import descendants

    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in [os.getpid(), *descendants(os.getpid())]:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # ended since listed
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def run_phase(folder: Path, phase: str, engine: str) -> None:
    """One phase in this (fresh) process, through the stored index as a refresh runs it (open,
    update, commit); prints seconds, peak MiB and the result's size."""
    from peaks import WorkerPeaks, peak_mib

    from corpus.dedup.config import DedupConfig
    from corpus.engine.dedup import dedup_engine, indexed_duplicates
    from corpus.engine.index_store import open_index
    from corpus.lake.lake import Lake

    config = DedupConfig()
    files = ["signatures.parquet"] + (["signatures_new.parquet"] if phase == "update" else [])
    fields = ["fields.parquet"] + (["fields_new.parquet"] if phase == "update" else [])
    signatures = pl.scan_parquet([folder / f for f in files])
    keep_fields = pl.scan_parquet([folder / f for f in fields])
    lake = Lake(folder / "lake")
    runner = dedup_engine(engine)
    if engine == "ray":
        from corpus.engine.ray_runtime import connect

        connect()
    workers = WorkerPeaks()
    cpu = tree_cpu_seconds()
    started = time.perf_counter()
    stored = open_index(lake, config, signatures.select(pl.len()).collect().item())
    run, duplicates = indexed_duplicates(
        stored.source, stored.write, signatures, keep_fields, config, runner
    )
    stored.commit(run.written)
    seconds = time.perf_counter() - started
    cpu = tree_cpu_seconds() - cpu
    peaks = f"{peak_mib():.0f}\t{workers.stop():.0f}"
    print(f"{seconds:.1f}\t{cpu:.1f}\t{peaks}\t{duplicates.height}\t{run.pairs_verified}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", default="100000,300000,1000000")
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    parser.add_argument("--phase", choices=["generate", "build", "update"])
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.phase:
        if args.phase == "generate":
            generate(args.folder, int(args.groups))
        else:
            run_phase(args.folder, args.phase, args.engine)
        return
    print(
        "groups\tphase\tseconds\tcpu_s\tdriver_mib\tdescendant_mib\tduplicates_rows\tpairs_verified"
    )
    for groups in [int(g) for g in args.groups.split(",")]:
        with tempfile.TemporaryDirectory(prefix="dedup-index-") as tmp:
            for phase in ("generate", "build", "update"):
                command = [sys.executable, __file__, "--phase", phase, "--folder", tmp,
                           "--groups", str(groups), "--engine", args.engine]  # fmt: skip
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                if phase != "generate":
                    print(f"{groups}\t{phase}\t{out.strip()}", flush=True)


if __name__ == "__main__":
    main()
