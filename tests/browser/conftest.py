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


@pytest.fixture(scope="session")
def two_days(tmp_path_factory):
    """The synthetic issue built as two days of one paper, 2023-01-10 first, then
    2023-01-11 (the earlier day's pages know nothing of the later one without the
    archive script): (output root, [manifest of each day])."""
    import dataclasses
    import shutil

    from epaper.render.epaper import write_epaper

    layout, out_dir = _synthetic().make_issue(tmp_path_factory.mktemp("days"))
    later = dataclasses.replace(layout, date="2023-01-11")
    later_dir = out_dir.parent / later.date
    shutil.copytree(out_dir, later_dir)
    (later_dir / f"{layout.date}.pdf").rename(later_dir / f"{later.date}.pdf")
    write_epaper(layout, out_dir)
    write_epaper(later, later_dir)
    return out_dir.parent, [json.loads((d / "issue.json").read_text("utf-8"))
                            for d in (out_dir, later_dir)]


@pytest.fixture(scope="session")
def http_root():
    """Serve a folder over HTTP on 127.0.0.1: call with the folder, get its base URL."""
    import functools
    import http.server
    import threading

    servers = []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def serve(folder: Path) -> str:
        handler = functools.partial(Quiet, directory=str(folder))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield serve
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def nojs_page(browser):
    """A browser tab with JavaScript switched off, 1280 x 900."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()
