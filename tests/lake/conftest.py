from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import s3server
from tests.e2e.conftest import instance, lake  # noqa: F401  (the same fixtures as e2e)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[s3server.S3Server]:
    """A SeaweedFS S3 server on loopback, one per test module (marked `s3`), stopped after it."""
    running = s3server.start(tmp_path_factory.mktemp("weed"))
    try:
        yield running
    finally:
        running.stop()


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Says how many kill points the crash-consistency tests tried."""
    from tests.lake.test_crash import TRIED

    if TRIED:
        terminalreporter.write_line(
            f"crash consistency: {len(TRIED)} kill points tried: {', '.join(TRIED)}"
        )
