"""Failure lists per field from a WCXB-dev dump of benchmarks/extraction.py: ours against the truth.

    .venv/bin/python benchmarks/extraction.py --only-wcxb --systems ours,trafilatura --dump X
    .venv/bin/python benchmarks/extraction_failures.py X.wcxb.jsonl [Y.wcxb.jsonl] [--field title]
    .venv/bin/python benchmarks/extraction_failures.py NEW.wcxb.jsonl --against OLD.wcxb.jsonl

(a later dump overrides an earlier one per system: a quick `--systems ours` run after a full one)

For each field (title, authors, day, kept) prints the pages where ours is wrong, beside the truth
and trafilatura's answer, and counts of error classes (missing, extra, different), so that rules
are changed for the largest classes of errors, not for single pages. With `--against`, prints
instead the pages that a change (the earlier dump against the later) fixed or broke, counted per
page type.
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


Judged = tuple[bool, str | None, object, object, object]  # wrong?, error class, ours, truth, traf


def _judge(field: str, ours: dict, traf: dict) -> Judged | None:
    """Whether ours is wrong on one page's field (None: the truth has no value for it)."""
    if field == "title" and ours["want_title"]:
        got, want = ours["title"], ours["want_title"]
        bad = " ".join((got or "").split()) != " ".join(want.split())
        return bad, _title_class(got, want) if bad else None, got, want, traf.get("title")
    if field == "authors" and name_set(ours["want_author"]):
        g, w = name_set(ours["authors"]), name_set(ours["want_author"])
        return (
            g != w,
            _author_class(g, w),
            ours["authors"],
            ours["want_author"],
            traf.get("authors"),
        )
    if field == "day" and ours["want_date"]:
        got, want = ours["date"], ours["want_date"]
        bad = got != want
        return bad, _day_class(got, want) if bad else None, got, want, traf.get("date")
    if field == "kept":
        kept = ours["rejected"] is None and bool(ours["text"].strip())
        kind = f"{ours['type']} {'kept' if kept else 'rejected'}"
        return kept != (ours["type"] == "article"), kind, ours["rejected"], ours["type"], None
    return None


def _load(dumps: list[Path]) -> dict[str, dict[str, dict]]:
    """Rows by page and system; a later dump overrides an earlier one per system."""
    rows: dict[str, dict[str, dict]] = {}
    for dump in dumps:
        for line in dump.read_text().split("\n"):
            if line:
                row = json.loads(line)
                rows.setdefault(row["page"], {})[row["system"]] = row
    return rows


def _failures(rows: dict[str, dict[str, dict]], field: str, page_type: str, limit: int) -> None:
    classes: Counter[str] = Counter()
    shown = 0
    print(f"\n=== {field} ===")
    for page, by_system in sorted(rows.items()):
        ours = by_system.get("ours")
        if ours is None or (page_type != "all" and ours["type"] != page_type):
            continue
        judged = _judge(field, ours, by_system.get("trafilatura", {}))
        if judged is None or not judged[0]:
            continue
        _, kind, got, want, other = judged
        classes[kind] += 1
        if shown < limit:
            shown += 1
            print(f"{page} [{kind}]\n   ours: {got!r}\n  truth: {want!r}\n   traf: {other!r}")
    print(f"--- {field}: {sum(classes.values())} wrong: " + ", ".join(
        f"{k} {v}" for k, v in classes.most_common()))  # fmt: skip


def _changes(
    new: dict[str, dict[str, dict]],
    old: dict[str, dict[str, dict]],
    field: str,
    page_type: str,
    limit: int,
) -> None:
    """The pages whose field a change fixed or broke (ours in `old` against ours in `new`), with
    counts per page type: a rule is kept when it fixes clearly more than it breaks, on every type."""
    counts: Counter[tuple[str, str]] = Counter()
    shown = 0
    print(f"\n=== {field}: changes against the earlier dump ===")
    for page in sorted(new.keys() & old.keys()):
        ours, before = new[page].get("ours"), old[page].get("ours")
        if ours is None or before is None:
            continue
        now, then = _judge(field, ours, {}), _judge(field, before, {})
        if now is None or then is None or now[0] == then[0]:
            continue
        change = "broken" if now[0] else "fixed"
        counts[ours["type"], change] += 1
        if shown < limit and page_type in ("all", ours["type"]):
            shown += 1
            print(f"{page} [{ours['type']} {change}]")
            print(f"    was: {then[2]!r}\n    now: {now[2]!r}\n  truth: {now[3]!r}")
    for kind in sorted({t for t, _ in counts}):
        print(f"--- {kind}: fixed {counts[kind, 'fixed']}, broken {counts[kind, 'broken']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dumps", type=Path, nargs="+", help="later dumps override earlier ones")
    ap.add_argument("--field", choices=("title", "authors", "day", "kept"), default=None)
    ap.add_argument("--type", default="article", help="page type ('all' for every type)")
    ap.add_argument("--limit", type=int, default=60, help="examples shown per field")
    ap.add_argument(
        "--against", type=Path, nargs="+", help="earlier dumps: list what changed since them"
    )
    args = ap.parse_args(argv)
    rows = _load(args.dumps)
    fields = [args.field] if args.field else ["title", "authors", "day", "kept"]
    for field in fields:
        if args.against:
            _changes(rows, _load(args.against), field, args.type, args.limit)
        else:
            _failures(rows, field, args.type, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
