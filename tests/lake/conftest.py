from tests.e2e.conftest import instance, lake  # noqa: F401  (the same fixtures as e2e)


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Says how many kill points the crash-consistency tests tried."""
    from tests.lake.test_crash import TRIED

    if TRIED:
        terminalreporter.write_line(
            f"crash consistency: {len(TRIED)} kill points tried: {', '.join(TRIED)}"
        )
