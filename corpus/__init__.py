"""corpus-lake's processing core: raw dumps to lake rows, free of Dagster."""

__version__ = "0.1.0"
PIPELINE_VERSION = f"corpus-lake/{__version__}"
