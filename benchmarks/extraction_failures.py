"""Failure lists per field from a WCXB-dev dump of benchmarks/extraction.py: ours against the truth.

    .venv/bin/python benchmarks/extraction.py --only-wcxb --systems ours,trafilatura --dump X
    .venv/bin/python benchmarks/extraction_failures.py X.wcxb.jsonl [Y.wcxb.jsonl] [--field title]

(a later dump overrides an earlier one per system: a quick `--systems ours` run after a full one)

For each field (title, authors, day, kept) prints the pages where ours is wrong, beside the truth
and trafilatura's answer, and counts of error classes (missing, extra, different), so that rules
are changed for the largest classes of errors, not for single pages.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_wcxb import name_set

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _title_class(got: str | None, want: str) -> str:
    got_f, want_f = " ".join((got or "").split()), " ".join(want.split())
    if not got_f:
        return "missing"
    if got_f.casefold() == want_f.casefold():
        return "case"
    if got_f.translate(_QUOTES) == want_f.translate(_QUOTES):
        return "quote style (’ vs ')"
    if want_f in got_f:
        return "extra words (site name?)"
    if got_f in want_f:
        return "truncated"
    return "different"


def _day_class(got: str | None, want: str) -> str:
    if not got:
        return "missing"
    if len(want) >= 10 and (got[5:7], got[8:10]) == (want[8:10], want[5:7]):
        return "day/month swapped"
    if got[:7] == want[:7]:
        return "same month"
    if got[:4] == want[:4]:
        return "same year"
    return "other year"


def _author_class(got: frozenset[str], want: frozenset[str]) -> str:
    if not got:
        return "missing"
    if got < want:
        return "subset"
    if got > want:
        return "superset"
    if got & want:
        return "overlap"
    return "different"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dumps", type=Path, nargs="+", help="later dumps override earlier ones")
    ap.add_argument("--field", choices=("title", "authors", "day", "kept"), default=None)
    ap.add_argument("--type", default="article", help="page type ('all' for every type)")
    ap.add_argument("--limit", type=int, default=60, help="examples shown per field")
    args = ap.parse_args(argv)
    rows: dict[str, dict[str, dict]] = {}
    for dump in args.dumps:
        for line in dump.read_text().split("\n"):
            if not line:
                continue
            row = json.loads(line)
            rows.setdefault(row["page"], {})[row["system"]] = row
    fields = [args.field] if args.field else ["title", "authors", "day", "kept"]
    for field in fields:
        classes: Counter[str] = Counter()
        shown = 0
        print(f"\n=== {field} ===")
        for page, by_system in sorted(rows.items()):
            ours, traf = by_system.get("ours"), by_system.get("trafilatura", {})
            if ours is None or (args.type != "all" and ours["type"] != args.type):
                continue
            kept = ours["rejected"] is None and bool(ours["text"].strip())
            if field == "title" and ours["want_title"]:
                bad = " ".join((ours["title"] or "").split()) != " ".join(
                    ours["want_title"].split()
                )
                got, want, other = ours["title"], ours["want_title"], traf.get("title")
                kind = _title_class(got, want) if bad else None
            elif field == "authors" and name_set(ours["want_author"]):
                g, w = name_set(ours["authors"]), name_set(ours["want_author"])
                bad, kind = g != w, _author_class(g, w)
                got, want, other = ours["authors"], ours["want_author"], traf.get("authors")
            elif field == "day" and ours["want_date"]:
                bad = ours["date"] != ours["want_date"]
                got, want, other = ours["date"], ours["want_date"], traf.get("date")
                kind = _day_class(got, want) if bad else None
            elif field == "kept":
                bad = kept != (ours["type"] == "article")
                got, want, other = ours["rejected"], ours["type"], None
                kind = f"{ours['type']} {'kept' if kept else 'rejected'}"
            else:
                continue
            if not bad:
                continue
            classes[kind] += 1
            if shown < args.limit:
                shown += 1
                print(f"{page} [{kind}]\n   ours: {got!r}\n  truth: {want!r}\n   traf: {other!r}")
        print(f"--- {field}: {sum(classes.values())} wrong: " + ", ".join(
            f"{k} {v}" for k, v in classes.most_common()))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
