"""pyarrow's conversions of Python lists, without importing pandas in every process.

The first time pyarrow converts a Python object (`pa.array(list)`, `Table.from_pylist`), it asks
whether the object is a pandas one, and to answer it imports pandas when pandas is installed
(0.3 s of CPU per process on a quiet machine, 1.7-5 s under load; in the driver and in every
worker). Our conversions are of lists, never of pandas objects, so `answer_pandas_probe` makes
that first question see no pandas, in this thread only. pandas stays usable: pyarrow imports it
for real the first time a pandas conversion is asked for explicitly (`to_pandas`,
`Table.from_pandas`), and from then on it is known as installed.
"""

from __future__ import annotations

import sys
import threading
from importlib.abc import MetaPathFinder

import pyarrow as pa

_answered = False


class _NoPandasHere(MetaPathFinder):
    """Makes `import pandas` fail in one thread while pyarrow probes; other threads import it
    as usual."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name == "pandas" and threading.get_ident() == self.thread:
            raise ModuleNotFoundError("pandas hidden from pyarrow's probe", name=name)
        return None


def answer_pandas_probe() -> None:
    """Let pyarrow's first conversion run now, with pandas hidden (once per process; nothing to
    do when pandas is already imported, as pyarrow then finds it without importing)."""
    global _answered
    if _answered:
        return
    _answered = True
    if "pandas" in sys.modules:
        return
    finder = _NoPandasHere()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([0])  # the first conversion: pyarrow records that it has no pandas
    finally:
        sys.meta_path.remove(finder)
