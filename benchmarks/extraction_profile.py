"""Where the HTML extractor's time goes: CPU per phase over the dev-set pages, serially.

    .venv/bin/python benchmarks/extraction_profile.py [--limit N] [--cprofile FILE]
    .venv/bin/python benchmarks/extraction_profile.py --sets readability,htmldate

Runs the production path (`decode_markup` -> `extract_page` -> `detect_language`) on the
WCXB-dev pages (by default; `--sets` names the dev sets, `--all` is all three) after one warm-up
page and the page-type model's loading, with
each phase's functions wrapped in a timer that counts its own process CPU (time spent in a nested
wrapped function goes to that one's phase, not to both). What `extract_page` does itself, between
the phases, is "orchestration". `--cprofile FILE` writes a cProfile of the same loop instead.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import DEFAULT_DEVSETS, load_htmldate, load_readability
from extraction_identical import outcome
from extraction_wcxb import load_wcxb

from corpus.extract.html_dates import load_date_parser
from corpus.extract.page_model import load_model

# phase -> (module, function names looked up in it at call time)
PHASES: dict[str, list[tuple[str, list[str]]]] = {
    "decode": [("corpus.formats.decode", ["decode_markup"])],
    "parse": [("corpus.extract.html", ["parse_html"])],
    "metadata": [("corpus.extract.html", ["collect_metadata"])],
    "title": [("corpus.extract.html", ["_headings", "pick_title"])],
    "htmldate": [("corpus.extract.html_dates", ["htmldate_day"])],
    "dates (ours)": [
        (
            "corpus.extract.html",
            ["structured_date", "collect_hints", "shown_date", "shown_near_headline", "late_date"],
        ),
    ],
    "authors": [
        (
            "corpus.extract.html",
            [
                "collect_bylines",
                "labelled_bylines",
                "_declared_authors",
                "_first_named",
                "clean_authors",
                "clean_credit",
            ],
        ),
    ],
    "cleaning": [("corpus.extract.html", ["clean_tree"])],
    "body text": [
        (
            "corpus.extract.html",
            [
                "extract_blocks",
                "normalize_inline",
                "drop_author_bios",
                "split_dateline",
                "count_words",
                "_split_byline",
            ],
        ),
    ],
    "page type": [
        (
            "corpus.extract.html",
            [
                "tree_signals",
                "headline_links",
                "page_features",
                "detect_page_type",
                "_looks_like_listing",
            ],
        ),
    ],
    "language": [("corpus.normalize.language", ["detect_language"])],
}


LOADERS = {"wcxb": load_wcxb, "readability": load_readability, "htmldate": load_htmldate}


class Clock:
    """CPU per phase, exclusive: a stack of running phases, each charged only its own share."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stack: list[list] = []  # [phase, start, seconds of nested phases]

    def wrap(self, phase: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            frame = [phase, time.process_time(), 0.0]
            self._stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                self._stack.pop()
                spent = time.process_time() - frame[1]
                self.seconds[phase] = self.seconds.get(phase, 0.0) + spent - frame[2]
                if self._stack:
                    self._stack[-1][2] += spent

        return timed


def instrument(clock: Clock) -> None:
    """Replace each phase's functions, in the modules that call them, by timed ones."""
    for phase, entries in PHASES.items():
        for module_name, names in entries:
            module = importlib.import_module(module_name)
            for name in names:
                setattr(module, name, clock.wrap(phase, getattr(module, name)))
    # `outcome` looks `extract_page` up at each call: its own time is the orchestration
    extract = importlib.import_module("corpus.extract.html")
    extract.extract_page = clock.wrap("orchestration", extract.extract_page)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devsets", type=Path, default=DEFAULT_DEVSETS)
    ap.add_argument("--limit", type=int, default=None, help="pages per set")
    ap.add_argument("--sets", default="wcxb", help="comma-separated: wcxb, readability, htmldate")
    ap.add_argument("--all", action="store_true", help="all three sets (as --sets with each)")
    ap.add_argument("--cprofile", type=Path, help="write a cProfile of the loop here instead")
    args = ap.parse_args(argv)
    names = list(LOADERS) if args.all else args.sets.split(",")
    pages = [p for name in names for p in LOADERS[name](args.devsets, args.limit)]
    outcome(pages[0]["data"], pages[0]["url"])  # imports: once per process
    # the page-type model loads at its first page with a URL: a first page without one (the
    # readability set's) left its compilation (0.15-0.3 s) inside the timed loop; the dateparser
    # fallback at the first page that needs it (0.13 s)
    load_model()
    load_date_parser()
    if args.cprofile:
        profile = cProfile.Profile()
        profile.enable()
        for page in pages:
            outcome(page["data"], page["url"])
        profile.disable()
        profile.dump_stats(args.cprofile)
        print(f"wrote {args.cprofile} ({len(pages)} pages)")
        return 0
    clock = Clock()
    instrument(clock)
    start = time.process_time()
    for page in pages:
        outcome(page["data"], page["url"])
    total = time.process_time() - start
    print(f"{len(pages)} pages, {total:.1f} s CPU, {len(pages) / total:.1f} pages/s")
    print(f"{'phase':<14} {'CPU s':>7} {'share':>6} {'ms/page':>8}")
    for phase, seconds in sorted(clock.seconds.items(), key=lambda kv: -kv[1]):
        share = seconds / total
        print(f"{phase:<14} {seconds:>7.2f} {share:>6.1%} {1000 * seconds / len(pages):>8.2f}")
    rest = total - sum(clock.seconds.values())
    print(f"{'(benchmark)':<14} {rest:>7.2f} {rest / total:>6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
