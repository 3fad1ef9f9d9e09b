"""The Dagster UI, in a real browser, shows the sample lake's assets, lineage and materializations.

Starts `dagster-webserver` on loopback against the shared sample lake and the instance that
`corpus ingest` recorded its runs in, drives Debian's Chromium with Playwright (`executable_path`: no
browser download) and saves screenshots. Set CORPUS_UI_SCREENSHOTS to keep them somewhere.
"""

from __future__ import annotations

import ast
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SampleLake

ROOT = Path(__file__).parents[2]
CHROMIUM = os.environ.get("CORPUS_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.ui


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lineage_edges(sink: str) -> set[tuple[str, str]]:
    """The (upstream, downstream) pairs among `sink` and its ancestors, from the Definitions.

    Resolved in a fresh interpreter: earlier tests' ephemeral Dagster instances leave dead
    weak references in Dagster's process-wide definitions state."""
    code = f"from tests.ui.test_webserver import _edges; print(sorted(_edges({sink!r})))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return {tuple(edge) for edge in ast.literal_eval(done.stdout.strip())}


def _edges(sink: str) -> set[tuple[str, str]]:
    from pipelines.definitions import build_definitions

    graph = build_definitions().resolve_asset_graph()
    edges, todo, seen = set(), [k for k in graph.get_all_asset_keys() if k.path[-1] == sink], set()
    while todo:
        key = todo.pop()
        seen.add(key)
        for parent in graph.get(key).parent_keys:
            edges.add((parent.path[-1], key.path[-1]))
            if parent not in seen:
                todo.append(parent)
    return edges


@pytest.fixture(scope="module")
def webserver(sample_env: SampleLake) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} missing (`make test` installs it with apt-get as root)")
    env = {**os.environ, "DAGSTER_HOME": str(sample_env.dagster_home)}
    env |= {"CORPUS_RAW_ROOT": str(sample_env.raw), "CORPUS_LAKE_ROOT": str(sample_env.lake)}
    port = free_port()
    webserver = Path(sys.executable).with_name("dagster-webserver")
    server = subprocess.Popen(
        [webserver, "-h", "127.0.0.1", "-p", str(port), "-w", str(ROOT / "workspace.yaml")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its code server child is stopped with it, by group id
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(180):  # bounded: at most ~3 minutes on a slow machine
            try:
                urllib.request.urlopen(f"{url}/server_info", timeout=2).close()
                break
            except OSError:
                assert server.poll() is None, "dagster-webserver exited"
                time.sleep(1)
        else:
            pytest.fail("dagster-webserver did not answer on loopback")
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def page(webserver: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1150})
        page.set_default_timeout(60_000)
        yield page
        browser.close()


def dismiss_welcome(page) -> None:
    """The UI may greet a new instance with a newsletter dialog that covers the graph."""
    skip = page.get_by_role("button", name="Skip")
    if skip.count():
        skip.click()


def screenshot(page, name: str, tmp_path: Path) -> Path:
    target = Path(os.environ.get("CORPUS_UI_SCREENSHOTS", tmp_path)) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
    return target


def test_asset_graph_shows_every_asset_and_edge(webserver: str, page, tmp_path: Path) -> None:
    sink = "lake_catalog"
    edges = lineage_edges(sink)
    page.goto(f"{webserver}/assets/{sink}?view=lineage&lineageScope=upstream&lineageDepth=5")
    for name in sorted({a for edge in edges for a in edge}):
        page.get_by_text(name, exact=True).first.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # let a late welcome dialog appear before dismissing it
    dismiss_welcome(page)
    drawn = page.locator('svg path[stroke="var(--color-lineage-edge)"]')
    assert drawn.count() == len(edges)
    screenshot(page, "asset-graph.png", tmp_path)


def test_asset_page_shows_its_materialization(webserver: str, page, tmp_path: Path) -> None:
    page.goto(f"{webserver}/assets/duplicates")
    page.get_by_text("Latest materialization").first.wait_for()
    page.wait_for_load_state("networkidle")
    dismiss_welcome(page)
    text = page.inner_text("body")
    assert "Never materialized" not in text
    assert "kept_article_id" in text  # the table's columns are shown
    screenshot(page, "asset-duplicates.png", tmp_path)
