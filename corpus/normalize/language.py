"""Language of an article's text as an ISO 639-1 code: the policy around `corpus.normalize.langid`.

The identifier (CLD2 where it is sure, fastText lid.176 otherwise, both offline; chosen by
`make bench-langid`: ~8x py3langid's speed at no loss of accuracy) loads once per process, on
first use, never at import time.

A declared language (`<html lang>`, a JSON `language` field) is checked against the text: it is
kept when the text agrees or is too short to tell, and replaced when the model is confident the
text is in another language (templates often declare `en` on every page).
"""

from __future__ import annotations

import re

from corpus.normalize.langid import identify

SAMPLE_CHARS = 600  # readability dev set: same accuracy (70/73) as 2,000 chars, 2.5x faster
MIN_LETTERS = 20  # below this the model guesses; a declared language wins, else None
CONFIDENT = 0.90  # normalized probability above which the text overrides a declaration
ACCEPT = 0.50  # without a declaration, the least probability we report

# languages the model (or publishers) confuse with each other: a declaration from the same group
# is kept as written
_SAME_GROUP = [{"no", "nb", "nn", "da"}, {"ms", "id"}, {"hr", "sr", "bs"}, {"gl", "pt"}]
_ISO639_2 = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "zho": "zh", "chi": "zh", "jpn": "ja",
    "ara": "ar", "pol": "pl", "swe": "sv", "tur": "tr", "kor": "ko", "heb": "he", "ces": "cs",
}  # fmt: skip
_LEGACY = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
# MIN_LETTERS letters anywhere in the text: stops at the 20th instead of listing every letter
_ENOUGH_LETTERS = re.compile(rf"[^\W\d_](?:[\W\d_]*[^\W\d_]){{{MIN_LETTERS - 1}}}")


def normalize_language_tag(tag: str | None) -> str | None:
    """'en-US', 'en_GB', 'EN', 'deu' -> the ISO 639-1 code; None for anything else."""
    if not tag or not isinstance(tag, str):
        return None
    primary = re.split(r"[-_\s,;]", tag.strip().lower(), maxsplit=1)[0]
    primary = _LEGACY.get(primary, _ISO639_2.get(primary, primary))
    return primary if re.fullmatch(r"[a-z]{2}", primary) else None


def _compatible(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SAME_GROUP)


SAMPLE_SLICES = 3


def spread_sample(text: str, size: int = SAMPLE_CHARS, slices: int = SAMPLE_SLICES) -> str:
    """About `size` characters taken from `slices` places spread over the whole text: a German
    article that opens with an embedded English tweet is still German in its middle and end."""
    if len(text) <= size * 2:
        return " ".join(text[: size * 2].split())[:size]
    step = size // slices
    last = len(text) - step
    pieces = [text[(last * i) // (slices - 1) :][:step] for i in range(slices)]
    return " ".join(" ".join(pieces).split())


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of `text` (~600 characters sampled over all of it), checked against
    `declared`."""
    declared_code = normalize_language_tag(declared)
    sample = spread_sample(text) if text else ""
    if not _ENOUGH_LETTERS.search(sample):
        return declared_code
    detected, probability = identify(sample)
    if declared_code is not None:
        if detected is not None and _compatible(detected, declared_code):
            return declared_code
        if detected is not None and probability >= CONFIDENT:
            return detected
        return declared_code
    return detected if probability >= ACCEPT else None
