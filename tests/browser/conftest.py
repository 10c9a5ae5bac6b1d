"""Headless Chromium for the reader tests, and the synthetic issue's built site.

The browser is Debian's ``chromium`` driven by Playwright; without it the tests
skip with a message saying how to enable them.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium's own connections are refused on a closed
# network and slow every start.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
SKIP_MESSAGE = ("browser tests need Chromium at /usr/bin/chromium: install it with "
                "`apt-get update && apt-get install -y chromium` (Debian), then rerun")


def _synthetic():
    path = Path(__file__).resolve().parents[1] / "render" / "test_epaper_synthetic.py"
    spec = importlib.util.spec_from_file_location("epaper_synthetic_for_browser", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(SKIP_MESSAGE)
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab, 1280 x 900."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The synthetic issue written by write_epaper: (out_dir, manifest)."""
    from epaper.render.epaper import write_epaper

    layout, out_dir = _synthetic().make_issue(tmp_path_factory.mktemp("site"))
    write_epaper(layout, out_dir)
    return out_dir, json.loads((out_dir / "issue.json").read_text("utf-8"))
