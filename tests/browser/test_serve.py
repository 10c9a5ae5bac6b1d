"""``epaper serve``: build, serve on 127.0.0.1, rebuild on change, reload the page,
show build errors with their path:line."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from epaper.build import BuildOptions
from epaper.serve import Server, error_page, snapshot

ISSUE_YAML = """\
paper: 測試日報
date: 2023-01-10
number: 9
total_number: 21452
serial: CN 37-0052
lang: zh-Hant
layout: tabloid
pages:
  - number: 1
    section: 要聞
    credits: {editor: 任玉偉}
    articles: [lead, second]
"""

LEAD_MD = """\
---
kicker: 致敬警察節
title: 矢志不渝做忠誠衛士
byline: 本報記者 王軍豪
priority: 1
---
\u3000\u3000寒冬臘月，盛夏酷暑，黑夜白晝，雨雪冰霜。

第二段有全角ＡＢＣ１２３。
"""

SECOND_MD = """\
---
title: {title}
---
正文。市場供應充足。
"""


def write_issue(folder: Path) -> Path:
    """A one-page issue folder of two short articles (builds in about a second)."""
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.yaml").write_text(ISSUE_YAML, "utf-8")
    (folder / "articles" / "lead.md").write_text(LEAD_MD, "utf-8")
    (folder / "articles" / "second.md").write_text(SECOND_MD.format(title="第二篇"), "utf-8")
    return folder


def save(path: Path, text: str) -> None:
    """Write ``text`` so that the watcher sees a change even within one mtime tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, "utf-8")
    if path.stat().st_mtime_ns == before:
        import os

        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture
def server(tmp_path):
    issue = write_issue(tmp_path / "issue")
    srv = Server(issue, tmp_path / "out", port=0, options=BuildOptions(dpi=40))
    srv.serve_in_background()
    yield srv, issue
    srv.close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _wait_version(srv, above: int, timeout: float = 60) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        data = json.loads(_get(srv.url + "__epaper/version")[1])
        if data["version"] > above:
            return data
        time.sleep(0.1)
    raise AssertionError("no rebuild")


def test_serves_the_built_issue_with_the_reload_script(server):
    srv, _ = server
    assert srv.url.startswith("http://127.0.0.1:")
    status, text = _get(srv.url)
    assert status == 200 and "第二篇" in text and "__epaper/version" in text
    status, text = _get(srv.url + "2023-01-10/issue.json")
    assert status == 200 and json.loads(text)["paper"] == "測試日報"


def test_edit_rebuilds_and_a_broken_file_shows_its_path_and_line(server):
    srv, issue = server
    version = json.loads(_get(srv.url + "__epaper/version")[1])["version"]
    save(issue / "articles" / "second.md", SECOND_MD.format(title="改過的標題"))
    version = _wait_version(srv, version)["version"]
    assert "改過的標題" in _get(srv.url + "2023-01-10/index.html")[1]
    save(issue / "issue.yaml", ISSUE_YAML.replace("lang: zh-Hant", "lang: [zh-Hant"))
    data = _wait_version(srv, version)
    assert not data["ok"]
    status, text = _get(srv.url + "2023-01-10/index.html")
    assert status == 500 and "issue.yaml:" in text and 'class="build-error"' in text


def test_error_page_escapes_the_messages():
    page = error_page("a.md:3: <b>bad</b>\n", 4).decode()
    assert "a.md:3: &lt;b&gt;bad&lt;/b&gt;" in page and "var seen = 4;" in page


def test_snapshot_sees_new_changed_and_removed_files_but_not_editor_backups(tmp_path):
    (tmp_path / "a.md").write_text("1", "utf-8")
    first = snapshot([tmp_path])
    (tmp_path / ".a.md.swp").write_text("x", "utf-8")
    (tmp_path / "a.md~").write_text("x", "utf-8")
    assert snapshot([tmp_path]) == first
    (tmp_path / "b.md").write_text("2", "utf-8")
    assert snapshot([tmp_path]) != first


def test_the_open_page_reloads_after_an_article_is_edited(page, server):
    srv, issue = server
    page.goto(srv.url)
    page.wait_for_url("**/2023-01-10/index.html")
    assert "第二篇" in page.locator(".titles").inner_text()
    save(issue / "articles" / "second.md", SECOND_MD.format(title="編輯改了標題"))
    page.wait_for_function("document.querySelector('.titles') && document.querySelector("
                           "'.titles').textContent.includes('編輯改了標題')", timeout=60_000)
    # a build error replaces the page, with the file and line; fixing it brings it back
    save(issue / "issue.yaml", ISSUE_YAML.replace("lang: zh-Hant", "lang: [zh-Hant"))
    page.wait_for_selector("body.build-error", timeout=60_000)
    assert "issue.yaml:" in page.locator(".errors").inner_text()
    save(issue / "issue.yaml", ISSUE_YAML)
    page.wait_for_selector(".titles", timeout=60_000)


def test_serve_refuses_a_missing_issue_folder(tmp_path, capsys):
    from epaper.cli import main

    assert main(["serve", str(tmp_path / "none"), "--port", "0"]) == 2
    assert "no such issue folder" in capsys.readouterr().err
