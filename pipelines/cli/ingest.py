"""`corpus ingest`: pending batches first, then new or changed raw files, through Dagster."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from pipelines.cli.common import (
    UsageError,
    add_lake_argument,
    add_wait_argument,
    dagster_home,
    default_raw_root,
    instance,
    lake_of,
)
from pipelines.cli.status import print_status

DESCRIPTION = (
    "Re-run pending batches, then read new or changed files under the raw folder into a "
    "batch and land it in the lake; refresh duplicates, boilerplate and the catalog when a "
    "batch landed."
)
EXAMPLE = "corpus ingest --raw raw --lake lake"


def add_parser(sub: argparse._SubParsersAction) -> None:
    ingest = sub.add_parser("ingest", help="ingest new or changed raw files, then refresh the lake")
    ingest.add_argument(
        "--raw",
        default=default_raw_root(),
        help="raw folder or s3://bucket/prefix (default: %(default)s)",
    )
    add_lake_argument(ingest)
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("-v", "--verbose", action="store_true", help="full error on failure")
    ingest.add_argument(
        "--prune", action="store_true", help="remove the rows of raw files that vanished"
    )
    ingest.add_argument(
        "--reprocess",
        action="store_true",
        help="re-read files made under other settings (pipeline, extractor, field mapping)",
    )
    ingest.add_argument("--all", action="store_true", help="with --reprocess: every file")
    ingest.add_argument("--source", help="with --reprocess: only files of this source folder")
    ingest.add_argument(
        "--engine",
        choices=["local", "ray"],
        help="where files are processed and dedup runs (default: CORPUS_ENGINE, else local)",
    )
    ingest.add_argument(
        "--retry-failed", action="store_true", help="give failed batches a new set of retries"
    )
    add_wait_argument(ingest)
    ingest.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raw_root = args.raw
    if "://" not in raw_root and not Path(raw_root).is_dir():  # a URI: checked by listing it
        raise UsageError(f"raw folder {raw_root!r} does not exist (--raw or CORPUS_RAW_ROOT)")
    warnings.filterwarnings("ignore")
    from assets.settings import LakeStoreFields, RawStoreFields
    from corpus.formats.mapping import MappingError
    from pipelines.runner import IngestRequest, Runtime, ingest

    lake = lake_of(args)
    lake.exists()  # unreachable or misconfigured storage: one line, before anything is written
    use_engine(args.engine)
    raw = RawStoreFields(root=raw_root)
    try:  # settings are checked before anything is registered: a bad one writes nothing
        raw.read_options()
    except MappingError as exc:
        raise UsageError(f"{exc} (CORPUS_FIELD_MAPPING)") from None

    def definitions():  # imported only when a run is needed: the asset graph takes seconds
        from pipelines.definitions import build_definitions

        return build_definitions(raw_root, lake.uri, show_progress=not args.quiet)

    request = IngestRequest(
        prune=args.prune,
        reprocess=args.reprocess,
        reprocess_all=args.all,
        source=args.source,
        retry_failed=args.retry_failed,
    )
    with lake.writing("ingest", wait=args.wait):  # before the instance: its first creation races
        home = dagster_home(lake)
        runtime = Runtime(
            raw, LakeStoreFields(root=lake.uri), home, definitions, lambda: instance(lake)
        )
        outcome = ingest(runtime, request=request)
    plan = outcome.schedule
    if plan.retried:
        print(f"retried {len(plan.retried)} pending batch(es): {', '.join(plan.retried)}")
    for registration in plan.registered:
        label = {"new": "new or changed", "reprocess": "re-read", "prune": "pruned"}[
            registration.kind
        ]
        print(f"batch {registration.batch_id}: {registration.n_files} {label} files")
    if not plan.batch_ids:
        print(f"no new or changed files under {raw_root}/")
    failed = outcome.failed_run
    if failed is not None:
        report_failure(failed, verbose=args.verbose)
        return 1
    return print_status(lake, example=True, missing=[f.path for f in plan.missing])


def use_engine(engine: str | None) -> None:
    """--engine for this run (as CORPUS_ENGINE would); a Ray that cannot be joined is one line,
    before anything is registered."""
    from assets.settings import IngestSettingsFields
    from corpus.engine import ENGINE_ENV, EngineError

    if engine:
        os.environ[ENGINE_ENV] = engine
    try:
        IngestSettingsFields().compute_engine()
    except EngineError as exc:
        raise UsageError(str(exc)) from None


def report_failure(run, *, verbose: bool) -> None:
    """The failing step's one-line cause first; the whole error with --verbose or in the UI."""
    for event in run.all_events:
        if not event.is_step_failure:
            continue
        error = event.step_failure_data.error
        cause = error
        while cause is not None and cause.cause is not None:
            cause = cause.cause
        line = (cause or error).message.strip().splitlines()[0]
        print(f"error: {event.step_key}: {line}", file=sys.stderr)
        if verbose:
            print(error.to_string(), file=sys.stderr)
    print(
        f"run {run.run_id} failed; the next `corpus ingest` retries it "
        "(`make ui` shows its logs, --verbose the traceback)",
        file=sys.stderr,
    )
