"""The raw root as an observed asset: the start of the lineage raw -> tables -> catalog."""

import dagster as dg

from assets.resources import LakeStore, RawStore
from corpus.discover import raw_summary


@dg.observable_source_asset(
    name="raw_files",
    group_name="ingest",
    description="The raw root (the drop zone): files and bytes per source folder. Its version "
    "changes when any file is added, changed or removed.",
)
def raw_files(raw: RawStore, lake: LakeStore) -> dg.ObserveResult:
    the_lake = lake.lake()
    exclude = [the_lake.local_path] if the_lake.is_local else []
    per_source, version = raw_summary(raw.path, exclude=exclude)
    return dg.ObserveResult(
        data_version=dg.DataVersion(version),
        metadata={
            "root": dg.MetadataValue.path(str(raw.path.resolve())),
            "files": sum(s["files"] for s in per_source.values()),
            "bytes": sum(s["bytes"] for s in per_source.values()),
            "per_source": dg.MetadataValue.json(per_source),
        },
    )
