"""Turn an `Article` into the bytes of a plain-text dump, and make its near-duplicate rewrites.

The dump format is the one `corpus.extract.textdump` reads: `date YYYY-MM-DD` then either the body
on the same line, or header lines (`title: ...`), a blank line and the body. Rendering is pure, so
the same article always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import re
from random import Random

from tools.sample import words as w
from tools.sample.text import Article

BOM = b"\xef\xbb\xbf"
NEAR_KINDS: tuple[str, ...] = (
    "words_changed",
    "paragraph_dropped",
    "paragraph_added",
    "rewrapped",
    "title_changed",
)
_SWAP_RE = re.compile(r"\b(" + "|".join(word for word, _ in w.SWAPS) + r")\b")
_SWAP_TO = dict(w.SWAPS)


def wrap(text: str, width: int | None, first_offset: int = 0) -> list[str]:
    """Greedy wrap on plain spaces only, so NBSP-glued units and tabs stay inside a line."""
    if width is None:
        return [text]
    lines: list[str] = []
    current = ""
    limit = max(width - first_offset, 20)
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current, limit = word, width
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _header_value(a: Article, key: str) -> str:
    return {"title": a.title, "url": a.url, "author": a.author}[key]


def body_blocks(a: Article) -> list[tuple[str, str]]:
    """The blocks as written: the dateline joined to the first paragraph, the sign-off last."""
    blocks = list(a.blocks)
    if a.dateline is not None:
        kind, text = blocks[0]
        blocks[0] = (kind, f"{a.dateline}{a.dash}{text}")
    if a.signoff is not None:
        blocks.append(("signoff", a.signoff))
    return blocks


def render_text(a: Article) -> str:
    """The dump as text with LF line endings (layout flags other than `crlf`/`bom` applied)."""
    date_line = f"{a.indent}date {a.when.isoformat()}"
    offset = 0 if a.header_form else len(date_line) + 1
    chunks: list[str] = []
    for i, (kind, text) in enumerate(body_blocks(a)):
        if kind in ("heading", "signoff"):
            chunks.append(text)
        else:
            chunks.append("\n".join(wrap(text, a.wrap, offset if i == 0 else 0)))
    body = "\n\n".join(chunks)
    if a.header_form:
        head = [date_line] + [f"{key}: {_header_value(a, key)}" for key in a.headers]
        text = "\n".join(head) + "\n\n" + body
    else:
        text = f"{date_line} {body}"
    return text + "\n" if a.final_newline else text


def render(a: Article) -> bytes:
    """The exact bytes of the dump file."""
    text = render_text(a)
    if a.crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return BOM + data if a.bom else data


def change_words(a: Article, rng: Random, n: int = 3) -> Article:
    """A copy with `n` words swapped for near-synonyms (an edited re-run of the story)."""
    spots = [
        (i, m.start(), m.end())
        for i, (kind, text) in enumerate(a.blocks)
        if kind != "heading"
        for m in _SWAP_RE.finditer(text)
    ]
    if len(spots) < 3:
        raise ValueError("too few swappable words for a words_changed rewrite")
    blocks = list(a.blocks)
    for i, start, end in sorted(rng.sample(spots, min(n, len(spots))), reverse=True):
        kind, text = blocks[i]
        blocks[i] = (kind, text[:start] + _SWAP_TO[text[start:end]] + text[end:])
    return dataclasses.replace(a, blocks=blocks)


def drop_paragraph(a: Article, rng: Random) -> Article:
    """A copy without one body paragraph (not the lead, not next to a heading)."""
    spots = [
        i
        for i, (kind, _) in enumerate(a.blocks)
        if i > 0 and kind == "paragraph" and a.blocks[i - 1][0] != "heading"
    ]
    if not spots:
        raise ValueError("no paragraph can be dropped")
    drop = rng.choice(spots)
    return dataclasses.replace(a, blocks=[b for i, b in enumerate(a.blocks) if i != drop])


def add_paragraph(a: Article) -> Article:
    """A copy with an editor's update paragraph at the end (the updated version of a story)."""
    return dataclasses.replace(a, blocks=[*a.blocks, ("paragraph", a.update)])


def rewrap(a: Article) -> Article:
    """A copy with the same words wrapped differently (another CMS, another line width)."""
    return dataclasses.replace(a, wrap=68 if a.wrap is None else None)


def retitle(a: Article) -> Article:
    """A copy under its alternative headline; the body is untouched."""
    return dataclasses.replace(a, title=a.alt_title)


def near_duplicate(a: Article, kind: str, rng: Random) -> Article:
    """Apply the rewrite `kind` (one of `NEAR_KINDS`)."""
    if kind == "words_changed":
        return change_words(a, rng)
    if kind == "paragraph_dropped":
        return drop_paragraph(a, rng)
    if kind == "paragraph_added":
        return add_paragraph(a)
    if kind == "rewrapped":
        return rewrap(a)
    if kind == "title_changed":
        return retitle(a)
    raise ValueError(f"unknown near-duplicate kind {kind!r}")


def with_title_header(a: Article) -> Article:
    """A copy in header form with a `title:` header, so a retitle shows in the bytes."""
    headers = a.headers if "title" in a.headers else ("title", *a.headers)
    return dataclasses.replace(a, header_form=True, headers=headers)
