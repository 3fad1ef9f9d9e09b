"""One lake built from the bundled sample, shared by the analyst-side tests (read-only for them).

Ingesting the sample takes most of a minute; the notebook, report, export and README tests only
read the lake, so they share one session-scoped copy instead of ingesting it each.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from corpus.sample.generate import generate_sample
from tests.e2e.conftest import Lake


@pytest.fixture(scope="session")
def sample_lake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The lake root of a freshly ingested copy of the bundled sample."""
    root = tmp_path_factory.mktemp("sample")
    with dg.instance_for_test() as instance:
        env = Lake(root, instance)
        generate_sample(env.raw)
        env.ingest()
        yield env.lake
