"""How far our publication days can get on WCXB-dev articles: is the truth's day on the page?

    .venv/bin/python benchmarks/date_ceiling.py [--devsets PATH] [--limit N] [--list]

Extracts every WCXB-dev article page that has a truth date (as benchmarks/extraction.py does) and,
for each page whose day is wrong or missing, looks for the truth's day anywhere in the HTML, in
the common written forms (`2018-07-10`, `2018-07-10T..`, `2018/07/10`, `2018.07.10`, `20180710`,
`10.07.2018`, `10/07/2018`, `07/10/2018`, `10 July 2018`, `July 10th, 2018`, `Jul. 10 2018`, the
month names of `corpus.normalize.dates.MONTHS`, `2018年7月10日`). Each place it is found is
classed (JSON-LD by its key, `<meta>` by its name, `<time>`, the text shown near the headline or
elsewhere, the URL, other scripts, other attributes, comments); a page's class is the most
trusted place. Prints the counts per class for the truth's day and for our wrong day, the cross
of our `date_source` with the truth's class, and the day accuracy reachable if every page whose
truth day is on the page were right (all places, and the shown or structured places only).
`--list` prints one line per wrong page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import DEFAULT_DEVSETS
from extraction_wcxb import load_wcxb

from corpus.extract.html import extract_page
from corpus.extract.html_text import parse_html
from corpus.formats.decode import decode_markup
from corpus.normalize.dates import MONTHS
from corpus.rejects import RejectError

# the places a day may be written, most trusted first; a page's class is the first it is in
PLACES = (
    "json-ld datePublished",
    "meta published",
    "microdata datePublished",
    "<time>",
    "text near headline",
    "url",
    "json-ld dateModified",
    "meta modified",
    "json-ld other key",
    "meta other",
    "text elsewhere",
    "other script",
    "other attribute",
    "comment",
    "UTC day of a local stamp",
)
# places a publication-date rule may read; the rest (a modified key, another script's value, an
# attribute such as a link or image URL, a comment) are what the "shown" ceiling leaves out
SHOWN_OR_STRUCTURED = frozenset((*PLACES[:6], "text elsewhere"))
NEAR_BEFORE, NEAR_AFTER = 200, 400  # characters of shown text around the first `h1`
_ORDINAL = r"(?:st|nd|rd|th|er|º|\.)?"
_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def day_pattern(day: dt.date) -> re.Pattern[str]:
    """Every common written form of `day` (numbers never glued to other digits)."""
    y, m, d = day.year, day.month, day.day
    names = "|".join(sorted((re.escape(n) for n, k in MONTHS.items() if k == m), key=len)[::-1])
    numeric = {
        f"{y}-{m:02}-{d:02}", f"{y}-{m}-{d}", f"{y}/{m:02}/{d:02}", f"{y}/{m}/{d}",
        f"{y}.{m:02}.{d:02}", f"{y}{m:02}{d:02}", f"{d:02}.{m:02}.{y}", f"{d}.{m}.{y}",
        f"{d:02}/{m:02}/{y}", f"{d}/{m}/{y}", f"{m:02}/{d:02}/{y}", f"{m}/{d}/{y}",
        f"{d:02}-{m:02}-{y}", f"{y}年{m}月{d}日",
    }  # fmt: skip
    forms = [re.escape(f) for f in sorted(numeric)]
    forms.append(rf"0?{d}{_ORDINAL}[\s-]*(?:of\s+|de\s+)?(?:{names})\.?,?[\s-]*(?:de\s+)?{y}")
    forms.append(rf"(?:{names})\.?[\s-]+0?{d}{_ORDINAL},?[\s-]+{y}")
    return re.compile(rf"(?<![\d\w])(?:{'|'.join(forms)})(?!\d)", re.IGNORECASE)


_KEY_BEFORE = re.compile(r'"(@?\w+)"\s*:\s*"?[^"]{0,12}$')


def _json_key(text: str, start: int) -> str:
    found = _KEY_BEFORE.search(text[max(0, start - 60) : start])
    return found.group(1) if found else ""


def _meta_place(key: str) -> str:
    key = key.lower()
    if re.search(r"modif|updat", key):
        return "meta modified"
    if re.search(r"publish|pubdate|created|issued|date|dc\.date", key):
        return "meta published"
    return "meta other"


def places_of(html: str, url: str | None, day: dt.date) -> set[str]:
    """The places (`PLACES`) where `day` is written on the page."""
    pattern = day_pattern(day)
    found: set[str] = set()
    if url and pattern.search(url):
        found.add("url")
    root = parse_html(html)
    if root is None:
        return found
    for el in root.iter():
        if isinstance(el, etree._Comment):
            if el.text and pattern.search(el.text):
                found.add("comment")
            continue
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "script" and el.text:
            is_ld = "ld+json" in (el.get("type") or "").lower()
            for hit in pattern.finditer(el.text):
                if not is_ld:
                    found.add("other script")
                    break
                key = _json_key(el.text, hit.start())
                found.add(
                    f"json-ld {key}"
                    if key in ("datePublished", "dateModified")
                    else "json-ld other key"
                )
        for name, value in el.attrib.items():
            if not pattern.search(value):
                continue
            itemprop = (el.get("itemprop") or "").lower()
            if tag == "meta" and name == "content":
                key = el.get("property") or el.get("name") or el.get("itemprop") or ""
                found.add(
                    "microdata datePublished" if itemprop == "datepublished" else _meta_place(key)
                )
            elif itemprop == "datepublished":
                found.add("microdata datePublished")
            elif tag == "time" and name == "datetime":
                found.add("<time>")
            else:
                found.add("other attribute")
        if tag == "time" and pattern.search(el.text or ""):
            found.add("<time>")
    found |= _shown_places(root, pattern)
    if not found and any(_utc_day(m) == day for m in _LOCAL_STAMP.finditer(html)):
        found.add("UTC day of a local stamp")
    return found


# a timestamp with a UTC offset other than zero: its UTC day may be another than the one written
_LOCAL_STAMP = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(?:\.\d+)?([+-]\d\d:?\d\d)")


def _utc_day(stamp: re.Match[str]) -> dt.date | None:
    offset = (
        stamp.group(3) if ":" in stamp.group(3) else f"{stamp.group(3)[:3]}:{stamp.group(3)[3:]}"
    )
    try:
        at = dt.datetime.fromisoformat(f"{stamp.group(1)}T{stamp.group(2)}{offset}")
    except ValueError:
        return None
    return at.astimezone(dt.UTC).date()


def _shown_places(root: etree._Element, pattern: re.Pattern[str]) -> set[str]:
    """'text near headline' / 'text elsewhere' for the shown text (scripts, styles left out)."""
    pieces: list[str] = []
    headline: list[int] = []  # offsets of the first real `h1`'s start and end

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str) or el.tag.lower() in ("script", "style", "template"):
            pieces.append(" " + (el.tail or ""))
            return
        is_h1 = el.tag.lower() == "h1" and not headline
        start = sum(map(len, pieces))
        pieces.append(" " + (el.text or ""))
        for child in el:
            walk(child)
        if is_h1 and len("".join(el.itertext()).strip()) >= 10:
            headline[:] = [start, sum(map(len, pieces))]
        pieces.append(" " + (el.tail or ""))

    walk(root)
    text = "".join(pieces)
    found: set[str] = set()
    for hit in pattern.finditer(text):
        near = headline and headline[0] - NEAR_BEFORE <= hit.start() <= headline[1] + NEAR_AFTER
        found.add("text near headline" if near else "text elsewhere")
    return found


def page_class(places: set[str]) -> str:
    return next((p for p in PLACES if p in places), "nowhere")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devsets", type=Path, default=DEFAULT_DEVSETS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--list", action="store_true", help="one line per wrong or missing page")
    args = ap.parse_args(argv)
    if not (args.devsets / "wcxb-dev").is_dir():
        print(f"no WCXB-dev set at {args.devsets}: pass --devsets", file=sys.stderr)
        return 2
    pages = [p for p in load_wcxb(args.devsets, args.limit) if p["type"] == "article" and p["date"]]
    truth_class: Counter[str] = Counter()
    ours_class: Counter[str] = Counter()
    cross: Counter[tuple[str, str]] = Counter()
    kinds: Counter[str] = Counter()
    right = 0
    for page in pages:
        html = decode_markup(page["data"])
        try:
            parsed = extract_page(html, url=page["url"])
            got, source = parsed.published_date, parsed.date_source or "none"
        except RejectError:
            got, source = None, "rejected"
        if not _FULL_DAY.fullmatch(page["date"]):  # "2015-11": no day can equal it
            kinds["truth is no day"] += 1
            truth_class["truth is no day"] += 1
            continue
        want = dt.date.fromisoformat(page["date"])
        if got == want:
            right += 1
            continue
        where = page_class(places_of(html, page["url"], want))
        truth_class[where] += 1
        cross[(source, where)] += 1
        if got is None:
            kinds["missing"] += 1
        else:
            ours_class[page_class(places_of(html, page["url"], got))] += 1
            gap = abs((got - want).days)
            kinds["one day apart" if gap == 1 else "other year" if got.year != want.year else
                  "same year"] += 1  # fmt: skip
        if args.list:
            print(f"{page['name']:<14} want {want} got {got} ({source:<8}) truth in: {where}")
    n, wrong = len(pages), len(pages) - right
    on_page = wrong - truth_class["nowhere"] - truth_class["truth is no day"]
    shown = sum(c for k, c in truth_class.items() if k in SHOWN_OR_STRUCTURED)
    print(f"\nWCXB-dev articles with a truth date: {n}; day right {right} ({right / n:.3f})")
    print(f"wrong or missing: {wrong} ({', '.join(f'{k} {v}' for k, v in kinds.most_common())})")
    print("\nclass of the truth's day on those pages (its most trusted place):")
    for place in (*PLACES, "nowhere", "truth is no day"):
        print(f"  {place:<24} {truth_class[place]:>4}")
    print("\nclass of our wrong day on the pages where we gave one:")
    for place in (*PLACES, "nowhere"):
        print(f"  {place:<24} {ours_class[place]:>4}")
    print("\nour date_source x the truth's class (wrong or missing pages):")
    for (source, where), count in sorted(cross.items(), key=lambda kv: -kv[1]):
        print(f"  {source:<10} {where:<24} {count:>4}")
    print(
        f"\nceiling, every page whose truth day is on the page right: {(right + on_page) / n:.3f}"
        f"\nceiling, the truth day in structured data, <time>, URL or shown text only: "
        f"{(right + shown) / n:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
