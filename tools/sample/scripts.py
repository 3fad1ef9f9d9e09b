"""Text dumps in other scripts: Chinese, Japanese and Hindi articles, each with a near duplicate.

The prose is data (`data/scripts.toml`, invented like the rest). Each article is written under
its paper's year folder like the English sample, and a copy with one character (Hindi: one word)
changed under another paper's. They make the lake prove what English cannot: paragraphs end at
the script's own full stops (`。`, `।`) instead of reading as headings, words are counted by
script (each Chinese character or kana is a word), and a copy that differs by one character is
found as a near duplicate (character shingles where words are not spaced).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from tools.sample.words import DATA


@dataclass(slots=True)
class ScriptSamples:
    """The dumps (path -> bytes), the language of each, and the planted pairs (original first)."""

    files: dict[str, bytes] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    near_duplicates: list[list[str]] = field(default_factory=list)


def _dump(day: str, title: str, text: str) -> bytes:
    return f"date {day}\ntitle: {title}\n\n{text}\n".encode()


def build_script_samples() -> ScriptSamples:
    """Every article of `data/scripts.toml` and its edited copy."""
    data = tomllib.loads((DATA / "scripts.toml").read_text("utf-8"))
    out = ScriptSamples()
    for article in data["article"]:
        year, day = article["date"][:4], article["date"][5:]
        original = f"{article['source']}/{year}/{day}-{article['slug']}.txt"
        copy = f"{article['copy_source']}/{year}/{day}-{article['slug']}.txt"
        text = "\n\n".join(article["paragraphs"])
        old, new = article["edit"]["old"], article["edit"]["new"]
        if old not in text:
            raise ValueError(f"data/scripts.toml: {old!r} is not in {article['slug']}")
        out.files[original] = _dump(article["date"], article["title"], text)
        out.files[copy] = _dump(article["date"], article["title"], text.replace(old, new, 1))
        out.languages[original] = out.languages[copy] = article["language"]
        out.near_duplicates.append([original, copy])
    return out
