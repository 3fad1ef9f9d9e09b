"""A one-page, self-contained HTML report of a lake: counts, plots, duplicates, rejects, checks.

One file with the plots inlined as PNG, so it can be mailed or attached to a ticket and still
read; the figures are the notebook's (`corpus.lake_stats` + `corpus.plots`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

import polars as pl

from corpus import lake_stats
from corpus.lake import scan


@dataclass(slots=True, frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def contract_checks(lake_root: str) -> list[Check]:
    """The lake's contracts (`corpus verify`'s, the same code), and the reject rate."""
    from corpus.lake import Lake
    from corpus.lake.verify import CHECKS

    lake = Lake(lake_root)
    checks = []
    for name, check in CHECKS.items():
        breaches = check(lake)
        detail = "; ".join(b.detail for b in breaches) or "holds"
        checks.append(Check(name.replace("_", " "), not breaches, detail))
    n = scan("articles", lake_root).select(pl.len()).collect().item()
    n_rejects = scan("rejects", lake_root).select(pl.len()).collect().item()
    rate = n_rejects / (n + n_rejects) if n + n_rejects else 0.0
    checks.append(Check("reject rate under 25%", rate < 0.25, f"{rate:.1%} of inputs rejected"))
    return checks


def _table(frame: pl.DataFrame) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_fmt(v))}</td>" for v in row) + "</tr>"
        for row in frame.iter_rows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


STYLE = """body{font:14px/1.4 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;
text-align:left;vertical-align:top}img{max-width:100%}.ok{color:#186a18}.fail{color:#b00020}"""


def figures(lake_root: str) -> list:
    """The report's plots (the notebook's), in order. matplotlib is imported here, not with the
    module: the Definitions import this module, and every `corpus ingest` would pay seconds."""
    import matplotlib

    from corpus import plots

    matplotlib.use("Agg")  # no display needed, and no window opened from a CLI
    return [
        plots.articles_per_month(lake_stats.articles_per_month(lake_root)),
        plots.language_mix(lake_stats.language_mix(lake_root)),
        plots.paragraph_lengths(lake_stats.paragraph_lengths(lake_root)),
        plots.duplicate_rate(lake_stats.duplicate_rate(lake_root)),
        plots.rejects_by_batch(lake_stats.rejects_by_batch(lake_root)),
    ]


def render_markdown(lake_root: str) -> str:
    """The report as markdown (counts, checks, plots as inline PNG) for a Dagster
    materialization, so the UI shows it beside the lineage."""
    counts = lake_stats.table_counts(lake_root)
    lines = ["| table | rows |", "| --- | ---: |"]
    lines += [f"| {name} | {rows:,} |" for name, rows in counts.items()]
    lines += ["", "**Contract checks**", ""]
    lines += [
        f"- {'✓' if c.passed else '✗'} {c.name}: {c.detail}" for c in contract_checks(lake_root)
    ]
    lines.append("")
    from corpus import plots

    for figure in figures(lake_root):
        title = figure.axes[0].get_title() or "plot"
        lines.append(f"![{title}](data:image/png;base64,{plots.png_base64(figure)})")
    return "\n".join(lines)


def render_report(lake_root: str, *, now: dt.datetime | None = None) -> str:
    """The report's HTML for the lake's committed snapshot."""
    from corpus import plots

    now = now or dt.datetime.now(dt.UTC)
    counts = lake_stats.table_counts(lake_root)
    images = "".join(
        f'<img alt="{escape(f.axes[0].get_title() or "plot")}" '
        f'src="data:image/png;base64,{plots.png_base64(f)}">'
        for f in figures(lake_root)
    )
    rejects = (
        scan("rejects", lake_root)
        .group_by("reason")
        .agg(pl.len().alias("rejects"), pl.col("raw_path").first().alias("example"))
        .sort("rejects", "reason", descending=[True, False])
        .collect()
    )
    checks = "".join(
        f'<li class="{"ok" if c.passed else "fail"}">{"✓" if c.passed else "✗"} '
        f"{escape(c.name)}: {escape(c.detail)}</li>"
        for c in contract_checks(lake_root)
    )
    count_frame = pl.DataFrame({"table": list(counts), "rows": list(counts.values())})
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>corpus-lake report</title>
<style>{STYLE}</style></head><body>
<h1>corpus-lake report</h1>
<p>Lake <code>{escape(str(lake_root))}</code>, committed snapshot, {now:%Y-%m-%d %H:%M} UTC.</p>
<h2>Tables</h2>{_table(count_frame)}
<h2>Contract checks</h2><ul>{checks}</ul>
<h2>Plots</h2>{images}
<h2>Duplicates per source</h2>{_table(lake_stats.duplicate_rate(lake_root))}
<h2>Largest duplicate clusters</h2>{_table(lake_stats.largest_clusters(lake_root))}
<h2>Rejects by reason</h2>{_table(rejects)}
</body></html>
"""


def write_report(lake_root: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_report(lake_root), encoding="utf-8")
    return target
