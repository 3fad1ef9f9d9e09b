"""Does a change to the HTML extractor change its output? Every field, on every dev-set page.

    .venv/bin/python benchmarks/extraction_identical.py --dump before.jsonl   # on the old tree
    .venv/bin/python benchmarks/extraction_identical.py --dump after.jsonl    # on the new tree
    .venv/bin/python benchmarks/extraction_identical.py --compare before.jsonl after.jsonl

A speed change must leave the output alone: this runs the production path (`decode_markup` ->
`extract_page` -> `detect_language`) on the WCXB-dev, readability and htmldate pages and writes
one JSON line per page with every field of the `ParsedArticle` (blocks with their kinds, dates
with their source and precision) or the reject's reason and message. `--compare` prints the
number of pages that differ, and the first differing fields of a few of them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import DEFAULT_DEVSETS, load_htmldate, load_readability
from extraction_wcxb import load_wcxb


def dev_pages(devsets: Path, limit: int | None = None) -> list[dict]:
    """The three dev sets' pages (name, bytes, URL), WCXB-dev first."""
    pages = [*load_wcxb(devsets, limit), *load_readability(devsets, limit)]
    return pages + load_htmldate(devsets, limit)


def outcome(data: bytes, url: str | None) -> dict:
    """Every field the extractor gives for one page, as JSON-ready values."""
    from corpus.extract.html import extract_page
    from corpus.formats.decode import decode_markup
    from corpus.normalize.language import detect_language
    from corpus.rejects import RejectError

    try:
        parsed = extract_page(decode_markup(data), url=url)
    except RejectError as exc:
        return {"rejected": exc.reason, "message": str(exc)}
    fields = {
        "blocks": [[b.kind, b.text] for b in parsed.blocks],
        "title": parsed.title,
        "url": parsed.url,
        "source": parsed.source,
        "authors": parsed.authors,
        "published_at": parsed.published_at.isoformat() if parsed.published_at else None,
        "published_date": parsed.published_date.isoformat() if parsed.published_date else None,
        "date_precision": parsed.date_precision,
        "date_source": parsed.date_source,
        "dateline": parsed.dateline,
        "language": parsed.language,
        "section": parsed.section,
        "tags": parsed.tags,
    }
    text = "\n\n".join(b.text for b in parsed.blocks)
    fields["detected_language"] = detect_language(text, declared=parsed.language)
    return fields


def _read(path: Path) -> dict[str, dict]:
    # lines end at "\n" only: texts may hold U+2028, which `splitlines` would also split at
    with path.open(encoding="utf-8") as lines:
        return {row["page"]: row for row in map(json.loads, lines)}


def compare(before: Path, after: Path, show: int = 10) -> int:
    """The number of pages whose output differs (pages missing on one side count too)."""
    old, new = _read(before), _read(after)
    differ = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))
    for page in differ[:show]:
        a, b = old.get(page, {}), new.get(page, {})
        keys = [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]
        print(f"{page}: {', '.join(keys)}")
        for key in keys[:3]:
            print(f"  before {key}: {json.dumps(a.get(key), ensure_ascii=False)[:300]}")
            print(f"  after  {key}: {json.dumps(b.get(key), ensure_ascii=False)[:300]}")
    print(f"{len(differ)} of {len(old.keys() | new.keys())} pages differ")
    return len(differ)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devsets", type=Path, default=DEFAULT_DEVSETS)
    ap.add_argument("--limit", type=int, default=None, help="pages per set (for a quick look)")
    ap.add_argument("--dump", type=Path, help="write one JSON line per page here")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        return 1 if compare(*args.compare) else 0
    if not args.dump:
        ap.error("--dump FILE or --compare BEFORE AFTER")
    with args.dump.open("w", encoding="utf-8") as out:
        for page in dev_pages(args.devsets, args.limit):
            row = {"page": page["name"], **outcome(page["data"], page["url"])}
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {args.dump}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
