"""The lake's one-page report as an asset: `lake/report.html`, and its markdown in the UI."""

import dagster as dg

from assets.resources import LakeStore
from corpus.report import render_markdown, write_report


@dg.asset(
    deps=["lake_catalog"],
    group_name="catalog",
    automation_condition=dg.AutomationCondition.eager(),
    description="One-page HTML report of the lake (counts, plots, contract checks, rejects), "
    "written into the lake folder; the materialization shows it as markdown.",
)
def lake_report(lake: LakeStore) -> dg.MaterializeResult:
    the_lake = lake.lake()
    path = write_report(the_lake.uri, the_lake.local_path / "report.html")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "report": dg.MetadataValue.md(render_markdown(the_lake.uri)),
        }
    )
