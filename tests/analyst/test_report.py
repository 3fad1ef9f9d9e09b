"""`corpus report`: one self-contained HTML page whose figures match the lake."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.lake.catalog import open_catalog
from corpus.lake.verify import CHECKS
from corpus.report import contract_checks
from pipelines.cli import main


def test_report_page(sample_lake: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "r" / "report.html"
    assert main(["report", "-o", str(target), "--lake", str(sample_lake)]) == 0
    assert str(target) in capsys.readouterr().out
    page = target.read_text()
    con = open_catalog(str(sample_lake / "catalog.duckdb"))
    n_articles, n_rejects = con.execute(
        "select (select count(*) from articles), (select count(*) from rejects)"
    ).fetchone()
    reasons = [r[0] for r in con.execute("select distinct reason from rejects").fetchall()]
    con.close()
    assert f"<td>articles</td><td>{n_articles}</td>" in page
    assert f"<td>rejects</td><td>{n_rejects}</td>" in page
    assert all(f"<td>{reason}</td>" in page for reason in reasons)
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', page)) == 5
    assert 'class="fail"' not in page and page.count('class="ok"') == len(CHECKS) + 1
    assert "http://" not in page and "https://" not in page  # nothing fetched when opened


def test_checks_pass_on_the_sample(sample_lake: Path) -> None:
    checks = contract_checks(str(sample_lake))
    assert [c.passed for c in checks] == [True] * len(checks), checks


def test_report_without_a_lake_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["report", "-o", str(tmp_path / "r.html"), "--lake", str(tmp_path)]) == 1
    assert "no lake" in capsys.readouterr().err


def test_report_asset_shows_the_report_in_the_ui(sample_lake: Path, tmp_path: Path) -> None:
    import shutil

    from assets.report import lake_report
    from assets.resources import LakeStore

    lake = tmp_path / "lake"
    shutil.copytree(sample_lake, lake)
    # invoked directly: no ephemeral instance left behind in Dagster's process-wide state
    result = lake_report(lake=LakeStore(root=str(lake)))
    markdown = result.metadata["report"].value
    assert markdown.count("data:image/png;base64,") == 5
    assert "| articles |" in markdown and "✗" not in markdown
    assert (lake / "report.html").read_text().startswith("<!doctype html>")
