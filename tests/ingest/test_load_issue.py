"""load_issue on a good folder: the model it returns, and what travels as warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from epaper.errors import InputError
from epaper.ingest import layouts_dir, load_issue
from epaper.model import Paragraph, Subhead

from .conftest import ISSUE_YAML
from .helpers import find, problems_of


def test_good_issue_loads(make_issue):
    issue = load_issue(make_issue())
    assert (issue.paper, issue.date, issue.number, issue.total_number) == (
        "測試日報", dt.date(2023, 1, 10), 9, 21452)
    assert [p.number for p in issue.pages] == [1, 2]
    assert issue.pages[0].article_ids == ("lead", "second")
    assert issue.pages[0].credits.editor == "任玉偉"
    lead = issue.article("lead")
    assert (lead.kicker, lead.title, lead.priority, lead.lang) == (
        "致敬警察節", "矢志不渝做忠誠衛士", 1, "zh-Hant")
    assert lead.photos[0].file.name == "one.jpg" and not lead.photos[0].missing
    assert issue.warnings == ()


def test_body_blocks_keep_their_lines(make_issue):
    lead = load_issue(make_issue()).article("lead")
    first, head, last = lead.body
    assert first == Paragraph("第一段第一行，第一段第二行。", first.source)
    assert first.source.line == 11
    assert isinstance(head, Subhead) and head.lines == ("聚焦主責主業", "利劍錚錚守護平安")
    assert head.source.line == 14
    assert last.text == "第二段有全角ABC123。" and last.source.line == 17


def test_page_without_ids_takes_articles_of_its_section(make_issue):
    extra = "---\ntitle: 經濟新聞\nsection: 經濟\n---\n正文。\n"
    issue = load_issue(make_issue(articles={"econ": extra}))
    assert [a.id for a in issue.articles] == ["lead", "second", "econ"]


def test_article_on_no_page_is_a_warning_and_left_out(make_issue):
    stray = "---\ntitle: 沒有版面\n---\n正文。\n"
    issue = load_issue(make_issue(articles={"stray": stray}))
    assert "stray" not in [a.id for a in issue.articles]
    assert len(issue.warnings) == 1
    assert "stray.md:1: warning: article 'stray' is on no page" in issue.warnings[0]


def test_every_problem_is_reported_at_once(make_issue):
    bad_yaml = ISSUE_YAML.replace("lang: zh-Hant", "lang: zh-TW")
    root = make_issue(bad_yaml, articles={"second": "---\ntitel: 錯\n---\n正文。\n"})
    problems = problems_of(root)
    find(problems, "issue.yaml", 6, "'lang' is 'zh-TW'")
    find(problems, "second.md", 2, "unknown key 'titel'")
    find(problems, "second.md", 2, "required key 'title'")


def test_missing_issue_yaml(make_issue):
    problems = problems_of(make_issue(issue_yaml=None))
    assert "issue.yaml" in problems[0].path and "missing" in problems[0].message


def test_not_a_folder(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        load_issue(tmp_path / "nowhere")


def test_layouts_dir_holds_the_sample_layout():
    assert (layouts_dir() / "tabloid.yaml").is_file()


def test_layouts_dir_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("EPAPER_LAYOUTS", str(tmp_path))
    assert layouts_dir() == tmp_path
