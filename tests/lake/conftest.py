from tests.e2e.conftest import instance, lake  # noqa: F401  (the same fixtures as e2e)
