"""Bad article files: errors name the .md file and the line inside it."""

from __future__ import annotations

import pytest

from epaper.ingest import load_issue

from .conftest import LEAD_MD
from .helpers import find, problems_of


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("title: 矢志不渝做忠誠衛士\n", "", 2, "required key 'title'"),
    ("title: 矢志不渝做忠誠衛士\n", "title: '\u3000 '\n", 3, "required key 'title' is empty"),
    ("title: 矢志不渝做忠誠衛士\n", "title: [矢志\n", 4,
     "malformed YAML: expected ',' or ']', but got ':' (while parsing a flow sequence that "
     "began at line 3)"),
    ("byline: 本報記者 王軍豪\n", "bylin: 本報記者 王軍豪\n", 5,
     "unknown key 'bylin' in front matter (did you mean 'byline'?)"),
    ("priority: 1\n", "priority: high\n", 6, "'priority' must be a whole number"),
    ("priority: 1\n", "priority: 1\nlang: en\n", 7, "'lang' is 'en'"),
    ("priority: 1\n", "priority: 1\ncontinue_on: 5\n", 7, "'continue_on' is 5, must be 1..2"),
    ("kicker: 致敬警察節\n", "kicker: {a: 1}\n", 2, "'kicker' must be text"),
    ("## 利劍錚錚守護平安\n", "## \n", 15, "empty subhead"),
])
def test_bad_front_matter_or_body(make_issue, old, new, line, message):
    assert old in LEAD_MD
    problems = problems_of(make_issue(articles={"lead": LEAD_MD.replace(old, new, 1)}))
    find(problems, "lead.md", line, message)


def test_front_matter_must_open_the_file(make_issue):
    problems = problems_of(make_issue(articles={"lead": "title: 無框\n正文。\n"}))
    find(problems, "lead.md", 1, "starts with a '---' line")


def test_front_matter_must_be_closed(make_issue):
    problems = problems_of(make_issue(articles={"lead": "---\ntitle: 未閉合\n正文。\n"}))
    find(problems, "lead.md", 1, "not closed")


def test_bad_file_name_is_an_error(make_issue):
    problems = problems_of(make_issue(articles={"bad name": "---\ntitle: 名\n---\n正文\n"}))
    find(problems, "bad name.md", 0, "ASCII letters")


def test_empty_body_is_a_warning(make_issue):
    issue = load_issue(make_issue(articles={"second": "---\ntitle: 空\n---\n"}))
    assert any("second.md:4: warning: the article has no body" in w for w in issue.warnings)


def test_crlf_and_bom_are_accepted(make_issue):
    text = "\ufeff" + LEAD_MD.replace("\n", "\r\n")
    lead = load_issue(make_issue(articles={"lead": text})).article("lead")
    assert lead.title == "矢志不渝做忠誠衛士" and lead.body[0].source.line == 11


def test_markdown_other_than_subheads_stays_text(make_issue):
    body = "---\ntitle: 標\n---\n# 不是小標題\n*星號*和_底線_\n### 三個\n"
    second = load_issue(make_issue(articles={"second": body})).article("second")
    assert [b.text for b in second.body] == ["# 不是小標題*星號*和_底線_### 三個"]


def test_text_fields_are_normalised(make_issue):
    text = LEAD_MD.replace("title: 矢志不渝做忠誠衛士", "title: 第１０屆ＣＢＡ賽事")
    lead = load_issue(make_issue(articles={"lead": text})).article("lead")
    assert lead.title == "第10屆CBA賽事"
