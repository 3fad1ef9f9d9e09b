"""The WCXB-dev article pages where our body text has the worst precision, and what leaked.

    .venv/bin/python benchmarks/extraction.py --only-wcxb --systems ours --types article --dump X
    .venv/bin/python benchmarks/extraction_precision.py X.wcxb.jsonl [--worst 40] [--chars 300]

For each page (worst precision first): its precision and recall, and our paragraphs whose words
are mostly absent from the truth (the leaked text), so that the leaks can be sorted into classes
(related lists, captions, share bars, newsletter boxes, comments, footers, or a truth that is
itself partial) and the largest classes fixed generically.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import DEFAULT_DEVSETS
from extraction_wcxb import load_wcxb, word_prf

_WORD = re.compile(r"\w+")


def leaked(text: str, truth: str) -> list[str]:
    """Our paragraphs of which most words are not in the truth."""
    want = Counter(_WORD.findall(truth.lower()))
    out = []
    for para in text.split("\n\n"):
        words = _WORD.findall(para.lower())
        if words and sum(1 for w in words if want[w] == 0) / len(words) > 0.5:
            out.append(para)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dump", type=Path)
    ap.add_argument("--devsets", type=Path, default=DEFAULT_DEVSETS)
    ap.add_argument("--worst", type=int, default=40)
    ap.add_argument("--chars", type=int, default=300, help="characters shown per leaked block")
    args = ap.parse_args(argv)
    truth = {p["name"]: p for p in load_wcxb(args.devsets, None) if p["type"] == "article"}
    rows = []
    for line in args.dump.read_text().split("\n"):
        if not line:
            continue
        row = json.loads(line)
        if row["system"] != "ours" or row["page"] not in truth or row["rejected"]:
            continue
        page = truth[row["page"]]
        p, r, _ = word_prf(row["text"], page["text"])
        rows.append((p, r, row, page))
    rows.sort(key=lambda t: t[0])
    partial = 0
    for p, r, row, page in rows[: args.worst]:
        suspect = _truth_partial(row["text"], page["text"], r)
        partial += suspect
        flag = "  [truth partial?]" if suspect else ""
        print(f"\n=== {row['page']}  P={p:.2f} R={r:.2f}  {page['url']}{flag}")
        for para in leaked(row["text"], page["text"])[:12]:
            print(f"  + {para[: args.chars]!r}")
    print(
        f"\n{partial} of the {min(args.worst, len(rows))} pages shown: truth partial? (see below)"
    )
    return 0


def _truth_partial(text: str, truth: str, recall: float) -> bool:
    """A heuristic for reading, not a score: the truth is all found (recall >= 0.95) and most
    of the extra words are long running paragraphs (>= 200 characters), which boilerplate rarely
    is; such pages usually have a ground truth that stops early or skips sections."""
    extra = leaked(text, truth)
    words = sum(len(_WORD.findall(p)) for p in extra)
    prose = sum(len(_WORD.findall(p)) for p in extra if len(p) >= 200)
    return recall >= 0.95 and words > 0 and prose / words >= 0.7


if __name__ == "__main__":
    raise SystemExit(main())
