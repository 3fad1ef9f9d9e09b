"""The WCXB dev split for benchmarks/extraction.py: loading and per-page-type scoring.

WCXB (Web Content eXtraction Benchmark v1.0, dev split, CC-BY-4.0, Murrough Foley) holds 1,497
real pages of seven page types with ground-truth main text, title, author and publication date.
Its own body metric is used as published: word F1 per page over `re.findall(r"\\w+", lower)`
multisets, averaged over pages. A page a system rejects (or returns nothing for) scores as empty.

Fields, per page type:
- P/R/F1: body words against `main_content`;
- title: exact match after whitespace folding (pages with a title);
- authors: the set of names equals the truth's set (pages whose truth names an author); names are
  split on `,` `;` `&` `and`, credentials and roles after a comma ("MS", "Ph.D.", "Staff Writer")
  dropped, compared case-folded on their word tokens;
- day: the publication day equals the truth's (pages with a date);
- kept: share of pages the system takes as articles ("is an article" recall on articles; one
  minus it is the reject rate on the other types).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from extraction_systems import Result

_WORD = re.compile(r"\w+")
_NAME_SPLIT = re.compile(r"\s*(?:[,;&]|\band\b)\s*", re.IGNORECASE)
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,4}$|^[A-Z.\-®0-9+ ]+$|ph\.?d|m\.d\.")


def load_wcxb(root: Path, limit: int | None) -> list[dict]:
    base = root / "wcxb-dev"
    pages = []
    for path in sorted((base / "ground-truth").glob("*.json"))[:limit]:
        entry = json.loads(path.read_text())
        truth = entry["ground_truth"]
        pages.append(
            {
                "name": f"wcxb/{path.stem}",
                "data": gzip.decompress((base / "html" / f"{path.stem}.html.gz").read_bytes()),
                "url": entry.get("url"),
                "type": entry["_internal"]["page_type"]["primary"],
                "text": truth.get("main_content") or "",
                "title": truth.get("title"),
                "author": truth.get("author"),
                "date": (truth.get("publish_date") or "")[:10] or None,
            }
        )
    return pages


def word_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """WCXB's metric: word multiset overlap (precision, recall, F1) of one page."""
    got = Counter(_WORD.findall(predicted.lower()))
    want = Counter(_WORD.findall(expected.lower()))
    if not got and not want:
        return 1.0, 1.0, 1.0
    common = sum((got & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(got.values()), common / sum(want.values())
    return p, r, 2 * p * r / (p + r)


def name_set(names: list[str] | str | None) -> frozenset[str]:
    """Names as comparable keys: word tokens, case-folded; credentials and roles dropped."""
    if not names:
        return frozenset()
    if isinstance(names, str):
        parts = _NAME_SPLIT.split(names)
        # "Jane Doe, Staff Writer": a part after a comma that is a role, not a name
        parts = [p for i, p in enumerate(parts) if p and not (i and _is_role(p))]
    else:
        parts = [q for n in names for q in _NAME_SPLIT.split(n) if q]
    keys = {" ".join(_WORD.findall(p.casefold())) for p in parts if not _CREDENTIAL.search(p)}
    return frozenset(k for k in keys if k)


_ROLES = re.compile(
    r"\b(?:expert|director|editor|writer|dietitian|ceo|founder|manager|team|representative|"
    r"reporter|correspondent|staff|contributor|specialist|officer|president|lead|head)\b",
    re.IGNORECASE,
)


def _is_role(part: str) -> bool:
    return bool(_ROLES.search(part))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_wcxb(pages: list[dict], results: list[Result], *, rejects: bool) -> dict[str, dict]:
    """Per page type (and `all`): the fields of the module docstring."""
    rows: dict[str, dict] = {}
    groups: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        groups.setdefault(page["type"], []).append(i)
    groups["all"] = list(range(len(pages)))
    for kind, index in sorted(groups.items(), key=lambda kv: (kv[0] != "article", kv[0])):
        prfs = [word_prf(results[i].text, pages[i]["text"]) for i in index]
        titled = [i for i in index if pages[i]["title"]]
        authored = [i for i in index if name_set(pages[i]["author"])]
        dated = [i for i in index if pages[i]["date"]]
        kept = [results[i].rejected is None and bool(results[i].text.strip()) for i in index]
        rows[kind] = {
            "n": len(index),
            "P": _mean([s[0] for s in prfs]),
            "R": _mean([s[1] for s in prfs]),
            "F1": _mean([s[2] for s in prfs]),
            "title": _mean(
                [
                    float(
                        " ".join((results[i].title or "").split())
                        == " ".join(pages[i]["title"].split())
                    )
                    for i in titled
                ]
            ),
            "authors": _mean(
                [
                    float(name_set(results[i].authors) == name_set(pages[i]["author"]))
                    for i in authored
                ]
            ),
            "day": _mean([float(results[i].date == pages[i]["date"]) for i in dated]),
            "kept": _mean([float(k) for k in kept]) if rejects else None,
        }
    return rows


def is_article_pr(pages: list[dict], results: list[Result]) -> tuple[float, float, float]:
    """'Is an article' precision and recall (positive: article pages), and the reject rate on
    the other page types."""
    kept = [r.rejected is None and bool(r.text.strip()) for r in results]
    is_art = [p["type"] == "article" for p in pages]
    tp = sum(k and a for k, a in zip(kept, is_art, strict=True))
    precision = tp / max(sum(kept), 1)
    recall = tp / max(sum(is_art), 1)
    others = len(pages) - sum(is_art)
    rejected_others = sum((not k) and (not a) for k, a in zip(kept, is_art, strict=True))
    return precision, recall, rejected_others / max(others, 1)


def print_wcxb(table: dict[str, dict[str, dict]], speeds: dict[str, float]) -> None:
    cols = ["P", "R", "F1", "title", "authors", "day", "kept"]
    print("\nWCXB-dev (word F1 per page, averaged; kept = share taken as an article)\n")
    print(f"{'type':>13} | {'system':>11} | {'n':>4} | " + " | ".join(f"{c:>7}" for c in cols))
    print("-" * (13 + 14 + 7 + 10 * len(cols)))
    kinds = next(iter(table.values())).keys()
    for kind in kinds:
        for system, rows in table.items():
            row = rows[kind]
            cells = [f"{row[c]:>7.3f}" if row[c] is not None else f"{'-':>7}" for c in cols]
            print(f"{kind:>13} | {system:>11} | {row['n']:>4} | " + " | ".join(cells))
    print("\npages/s on WCXB-dev: " + ", ".join(f"{s} {v:.1f}" for s, v in speeds.items()))
