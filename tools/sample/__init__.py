"""A deterministic generator of the bundled sample corpus and of benchmark corpora.

`generate_sample`, `generate_corpus` and `SampleTruth` live in `tools.sample.generate`; they are
loaded lazily here so `python -m tools.sample.generate` does not import the module twice.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SampleTruth", "generate_corpus", "generate_sample"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tools.sample import generate

        return getattr(generate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
