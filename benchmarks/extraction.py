"""Extraction benchmark: our HTML extractor against trafilatura, htmldate and resiliparse.

    .venv/bin/python benchmarks/extraction.py [--devsets PATH] [--limit N] [--dump FILE]
    .venv/bin/python benchmarks/extraction.py --only-wcxb --systems ours [--types article]

(the second form is the quick loop while tuning; benchmarks/extraction_failures.py lists the
errors per field from a `--dump`)

Reads the dev sets in `<repo>/../shared/devsets` (see their README.md files): `readability`
(130 pages with expected main text and metadata) and `htmldate` (400 pages with a ground-truth
publication day). Every system runs on the same pages in the same process; the table reports:

- body P/R/F1: 4-gram token shingles of the extracted text against the text of expected.html,
  per page, then averaged (readability set);
- title: exact match after whitespace normalization (readability `title`);
- author recall: share of the byline's name tokens found in the authors (pages with a byline);
- language: accuracy of the primary subtag (pages whose `lang` is set);
- date acc / prec: correct day / all pages, and correct / pages with a date output (htmldate
  set); acc_kept: the same accuracy on the pages ours keeps as articles (a page ours rejects as
  a listing or as having no text has no date); rd_date: the day accuracy on readability pages
  whose `publishedTime` is set;
- WCXB-dev (1,497 pages of seven page types, see `extraction_wcxb`): per page type body word
  P/R/F1, title exact, author set exact, day, share kept as articles, and "is an article"
  precision/recall for ours;
- pages/s over both sets (single process, systems interleaved page by page so that the load of
  the machine weighs on all alike; includes decoding, parsing and metadata), by the wall clock;
  the speed ratio is printed by the process's CPU time too, which other jobs on a shared machine
  skew less (a wall-clock ratio moved 2.3x-2.7x between runs of one tree at a load of 7-11).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_scoring import (
    author_recall,
    html_fragment_text,
    mean,
    normalize_title,
    prf,
)
from extraction_systems import DATE_SYSTEMS, SYSTEMS, TEXT_SYSTEMS, Result
from extraction_wcxb import is_article_pr, load_wcxb, print_wcxb, score_wcxb

from corpus.extract.html_dates import load_date_parser
from corpus.extract.page_model import load_model

DEFAULT_DEVSETS = Path(__file__).resolve().parents[2] / "shared/devsets"


def expected_day(value: str | None) -> str | None:
    if not value:
        return None
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    from dateutil import parser

    try:
        return parser.parse(value).date().isoformat()
    except (ValueError, OverflowError):
        return None


def load_readability(root: Path, limit: int | None) -> list[dict]:
    pages = []
    for folder in sorted((root / "readability/pages").iterdir())[:limit]:
        meta = json.loads((folder / "expected-metadata.json").read_text())
        pages.append(
            {
                "name": folder.name,
                "data": (folder / "source.html").read_bytes(),
                "url": None,
                "text": html_fragment_text((folder / "expected.html").read_bytes()),
                "meta": meta,
            }
        )
    return pages


def load_htmldate(root: Path, limit: int | None) -> list[dict]:
    lines = (root / "htmldate/expected.jsonl").read_text().splitlines()[:limit]
    pages = []
    for line in lines:
        entry = json.loads(line)
        pages.append(
            {
                "name": entry["file"],
                "data": (root / "htmldate" / entry["file"]).read_bytes(),
                "url": entry["url"],
                "date": entry["date"],
            }
        )
    return pages


def warm_up(systems: list[str], page: dict) -> None:
    """Every system once on one page before any is timed, and what loads once per process:
    imports and first-call set-up (trafilatura's, 0.1 s of CPU, fell on its first timed page),
    the page-type model (0.16 s; the warm-up page has no URL and never asks it) and the
    dateparser fallback that htmldate and trafilatura share (0.13 s, on the first page that
    needed it, whichever system that was)."""
    for system in systems:
        SYSTEMS[system](page["data"], None)
    load_model()
    load_date_parser()


def run(
    systems: list[str], pages: list[dict], cpu: dict[str, float] | None = None
) -> tuple[dict[str, list[Result]], dict[str, float]]:
    """Every system on every page, interleaved page by page, so that a change in the machine's
    load (other jobs) hits all systems alike; returns results and wall seconds per system, and
    adds each system's CPU seconds to `cpu` when given."""
    results: dict[str, list[Result]] = {s: [] for s in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for page in pages:
        for system in systems:
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                result = SYSTEMS[system](page["data"], page["url"])
            except Exception as exc:  # a crash counts as an empty answer, and is reported
                print(f"  {system} failed on {page['name']}: {type(exc).__name__}: {exc}")
                result = Result()
            seconds[system] += time.perf_counter() - start
            if cpu is not None:
                cpu[system] = cpu.get(system, 0.0) + time.process_time() - start_cpu
            results[system].append(result)
    return results, seconds


def score(
    system: str,
    read: list[dict],
    read_res: list[Result],
    hd: list[dict],
    hd_res: list[Result],
    kept: list[bool] | None,
) -> dict[str, object]:
    row: dict[str, object] = {"system": system}
    if system in TEXT_SYSTEMS:
        scores = [prf(r.text, p["text"]) for p, r in zip(read, read_res, strict=True)]
        row["P"] = mean([s[0] for s in scores])
        row["R"] = mean([s[1] for s in scores])
        row["F1"] = mean([s[2] for s in scores])
        row["title"] = mean(
            [
                float(normalize_title(r.title) == normalize_title(p["meta"]["title"]))
                for p, r in zip(read, read_res, strict=True)
            ]
        )
        bylined = [(p, r) for p, r in zip(read, read_res, strict=True) if p["meta"].get("byline")]
        row["author_R"] = mean([author_recall(p["meta"]["byline"], r.authors) for p, r in bylined])
        langs = [(p, r) for p, r in zip(read, read_res, strict=True) if p["meta"].get("lang")]
        if system != "resiliparse":
            row["lang"] = mean(
                [
                    float((r.language or "").lower()[:2] == p["meta"]["lang"].lower()[:2])
                    for p, r in langs
                ]
            )
    if system in DATE_SYSTEMS:
        correct = [r.date == p["date"] for p, r in zip(hd, hd_res, strict=True)]
        emitted = [r.date is not None for r in hd_res]
        row["date_acc"] = sum(correct) / len(hd) if hd else float("nan")
        row["date_prec"] = sum(correct) / max(sum(emitted), 1)
        if kept is not None:  # the pages ours takes as articles (a rejected page has no date)
            row["acc_kept"] = sum(c for c, k in zip(correct, kept, strict=True) if k) / max(
                sum(kept), 1
            )
        timed = [
            (expected_day(p["meta"].get("publishedTime")), r)
            for p, r in zip(read, read_res, strict=True)
            if expected_day(p["meta"].get("publishedTime"))
        ]
        row["rd_date"] = mean([float(day == r.date) for day, r in timed])
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devsets", type=Path, default=DEFAULT_DEVSETS)
    ap.add_argument("--limit", type=int, default=None, help="pages per set (for a quick look)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    ap.add_argument("--dump", type=Path, help="write per-page results (JSON lines) here")
    ap.add_argument("--no-wcxb", action="store_true", help="skip the WCXB-dev set")
    ap.add_argument("--only-wcxb", action="store_true", help="only the WCXB-dev set")
    ap.add_argument("--types", default=None, help="WCXB-dev page types to run (comma-separated)")
    args = ap.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s in SYSTEMS]
    if not args.no_wcxb and (args.devsets / "wcxb-dev").is_dir():
        types = set(args.types.split(",")) if args.types else None
        run_wcxb(args.devsets, args.limit, systems, args.dump, types)
    if args.only_wcxb:
        return 0
    if not (args.devsets / "readability").is_dir():
        print(f"no dev sets at {args.devsets}: pass --devsets", file=sys.stderr)
        return 2
    read = load_readability(args.devsets, args.limit)
    hd = load_htmldate(args.devsets, args.limit)
    rows, dump = [], []
    warm_up(systems, read[0])
    cpu: dict[str, float] = {}
    read_all, t_read = run(systems, read, cpu)
    hd_all, t_hd = run(systems, hd, cpu)
    kept = [r.rejected is None for r in hd_all["ours"]] if "ours" in systems else None
    for system in systems:
        read_res, hd_res = read_all[system], hd_all[system]
        t1, t2 = t_read[system], t_hd[system]
        row = score(system, read, read_res, hd, hd_res, kept)
        row["pages/s"] = (len(read) + len(hd)) / (t1 + t2)
        rows.append(row)
        print(f"  {system}: {row['pages/s']:.1f} pages/s", file=sys.stderr)
        for page, res in [*zip(read, read_res, strict=True), *zip(hd, hd_res, strict=True)]:
            expected = page.get("date") or page.get("meta", {}).get("title")
            dump.append({"system": system, "page": page["name"], "expected": expected,
                         "title": res.title, "date": res.date, "authors": res.authors,
                         "language": res.language, "rejected": res.rejected,
                         "chars": len(res.text)})  # fmt: skip
    print_table(rows, len(read), len(hd))
    if kept is not None:
        print(
            f"\nacc_kept: date accuracy on the {sum(kept)} htmldate-set pages that ours keeps as "
            f"articles ({len(kept) - sum(kept)} rejected as listings or pages without text)"
        )
    if "ours" in systems and "trafilatura" in systems:
        ours = next(r for r in rows if r["system"] == "ours")
        traf = next(r for r in rows if r["system"] == "trafilatura")
        print(
            f"\nspeed ratio ours/trafilatura: {ours['pages/s'] / traf['pages/s']:.1f}x "
            f"(by CPU time: {cpu['trafilatura'] / cpu['ours']:.2f}x)"
        )
    if args.dump:
        args.dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in dump) + "\n")
    return 0


def run_wcxb(
    devsets: Path,
    limit: int | None,
    systems: list[str],
    dump: Path | None,
    types: set[str] | None = None,
) -> None:
    """WCXB-dev: the text systems and htmldate, scored per page type (all, or `types` only:
    `--only-wcxb --systems ours --types article` is the quick loop while tuning)."""
    pages = [p for p in load_wcxb(devsets, limit) if types is None or p["type"] in types]
    systems = [s for s in systems if s != "htmldate-fast"]
    warm_up(systems, pages[0])
    cpu: dict[str, float] = {}
    results, seconds = run(systems, pages, cpu)
    table = {s: score_wcxb(pages, results[s], rejects=s == "ours") for s in systems}
    print_wcxb(table, {s: len(pages) / seconds[s] for s in systems})
    if "ours" in systems:
        precision, recall, rejected = is_article_pr(pages, results["ours"])
        print(
            f"ours 'is an article': precision {precision:.3f}, recall {recall:.3f}, "
            f"other page types rejected {rejected:.3f}"
        )
    if "ours" in systems and "trafilatura" in systems:
        ratio, by_cpu = seconds["trafilatura"] / seconds["ours"], cpu["trafilatura"] / cpu["ours"]
        print(
            f"speed ratio ours/trafilatura on WCXB-dev: {ratio:.1f}x (by CPU time: {by_cpu:.2f}x)"
        )
    if dump:
        with dump.with_suffix(".wcxb.jsonl").open("w") as out:
            for system in systems:
                for page, res in zip(pages, results[system], strict=True):
                    row = {"system": system, "page": page["name"], "type": page["type"],
                           "title": res.title, "want_title": page["title"],
                           "authors": res.authors, "want_author": page["author"],
                           "date": res.date, "want_date": page["date"],
                           "rejected": res.rejected, "text": res.text}  # fmt: skip
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def print_table(rows: list[dict], n_read: int, n_hd: int) -> None:
    cols = ["system", "P", "R", "F1", "title", "author_R", "lang", "date_acc", "date_prec",
            "acc_kept", "rd_date", "pages/s"]  # fmt: skip
    print(f"\nreadability: {n_read} pages; htmldate: {n_hd} pages\n")
    print(" | ".join(f"{c:>11}" for c in cols))
    print("-|-".join("-" * 11 for _ in cols))
    for row in rows:
        cells = []
        for c in cols:
            v = row.get(c)
            if v is None:
                cells.append(f"{'-':>11}")
            elif isinstance(v, float):
                cells.append(f"{v:>11.3f}" if c != "pages/s" else f"{v:>11.1f}")
            else:
                cells.append(f"{v!s:>11}")
        print(" | ".join(cells))


if __name__ == "__main__":
    raise SystemExit(main())
