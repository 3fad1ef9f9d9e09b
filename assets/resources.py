"""The asset graph's resources: the Dagster form of `assets.settings`, field for field.

Each resource is its settings class (fields, defaults, descriptions, methods) made a
`ConfigurableResource`, so the UI shows the same fields and the CLI can plan with the settings
alone, before Dagster is imported.
"""

from __future__ import annotations

import dagster as dg

from assets.settings import (
    DedupSettingsFields,
    IngestSettingsFields,
    LakeStoreFields,
    RawStoreFields,
    check_config,
)

__all__ = ["DedupSettings", "IngestSettings", "LakeStore", "RawStore", "check_config"]


class RawStore(dg.ConfigurableResource, RawStoreFields):
    """The drop zone that the sensor watches, and how its files are read."""


class LakeStore(dg.ConfigurableResource, LakeStoreFields):
    """The lake's location: a local folder or an object-store URI; `lake()` is the `Lake`.

    For `s3://bucket/prefix` the endpoint, region and plain-http switch default to the usual AWS
    variables; credentials are never fields (they stay in AWS_* variables or the AWS profile, read
    by the object-store client itself), so they never show in the Dagster UI.
    """


class IngestSettings(dg.ConfigurableResource, IngestSettingsFields):
    """Run-level knobs that do not change output."""


class DedupSettings(dg.ConfigurableResource, DedupSettingsFields):
    """Dedup parameters; they change output, so their version is recorded per batch."""
