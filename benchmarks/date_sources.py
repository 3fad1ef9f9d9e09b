"""Where our publication days come from, and what htmldate adds: day accuracy with htmldate as
shipped, without its fast search, and without it at all, with the extractor's CPU time for each.

    .venv/bin/python benchmarks/date_sources.py [--devsets PATH] [--limit N]

Reads the WCXB-dev article pages and the htmldate set (see benchmarks/extraction.py). For each
variant it prints the day accuracy per set, how many pages asked htmldate, how often htmldate's
answer was the one kept and how often that answer was right, and the process CPU seconds of the
whole run (CPU, not wall time: the machine's load does not skew it as much). Variants run one
after the other in one process; the first pays the one-time imports, so a warm-up page runs
before them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import DEFAULT_DEVSETS, load_htmldate
from extraction_wcxb import load_wcxb

from corpus.extract import html_dates
from corpus.extract.html import extract_page
from corpus.formats.decode import decode_markup
from corpus.rejects import RejectError

VARIANTS = ("htmldate as shipped", "without its fast search", "without htmldate")


def run(pages: list[dict], variant: str) -> tuple[Counter[str], float]:
    """Extract every page with htmldate limited as `variant` says; counts and CPU seconds."""
    shipped = html_dates.htmldate_day
    answers: list[str | None] = []

    def limited(html: str, *, extensive: bool = False):  # type: ignore[no-untyped-def]
        off = variant == VARIANTS[2] or (variant == VARIANTS[1] and not extensive)
        found = None if off else shipped(html, extensive=extensive)
        answers.append(found.day.isoformat() if found else None)
        return found

    html_dates.htmldate_day = limited
    counts: Counter[str] = Counter()
    start = time.process_time()
    try:
        for page in pages:
            answers.clear()
            try:
                parsed = extract_page(decode_markup(page["data"]), url=page["url"])
                day = parsed.published_date.isoformat() if parsed.published_date else None
            except RejectError:
                day = None
            counts["pages"] += 1
            counts["right"] += day == page["date"]
            counts["asked htmldate"] += bool(answers)
            if day is not None and day in answers:
                counts["htmldate's answer kept"] += 1
                counts["of which right"] += day == page["date"]
    finally:
        html_dates.htmldate_day = shipped
    return counts, time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devsets", type=Path, default=DEFAULT_DEVSETS)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    wcxb = [p for p in load_wcxb(args.devsets, args.limit) if p["type"] == "article"]
    sets = {"WCXB-dev articles": [p for p in wcxb if p["date"]]}
    sets["htmldate set"] = load_htmldate(args.devsets, args.limit)
    run(sets["htmldate set"][:1], VARIANTS[0])  # warm-up: imports, the page-type model
    html_dates.htmldate_day("<p>Published 5 March 2024</p>", extensive=True)  # and dateparser
    cols = ("day", "asked htmldate", "htmldate's answer kept", "of which right", "CPU s")
    print(f"{'set':<18} {'variant':<24} " + " ".join(f"{c:>22}" for c in cols))
    for name, pages in sets.items():
        for variant in VARIANTS:
            counts, cpu = run(pages, variant)
            day = counts["right"] / max(counts["pages"], 1)
            cells = [f"{day:.3f}", *(str(counts[c]) for c in cols[1:4]), f"{cpu:.1f}"]
            print(f"{name:<18} {variant:<24} " + " ".join(f"{c:>22}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
