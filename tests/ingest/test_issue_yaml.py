"""Bad issue.yaml files: each error names issue.yaml and the line at fault."""

from __future__ import annotations

import pytest

from .conftest import ISSUE_YAML
from .helpers import find, problems_of


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("number: 9\n", "number: [9\n", 4, "malformed YAML"),
    ("serial: CN 37-0052\n", "serail: CN 37-0052\n", 5, "unknown key 'serail' in "
                                                       "issue.yaml (did you mean 'serial'?)"),
    ("paper: 測試日報\n", "", 1, "required key 'paper'"),
    ("number: 9\n", "number: nine\n", 3, "'number' must be a whole number"),
    ("date: 2023-01-10\n", "date: 2023-01-11\n", 2, "does not match the folder name"),
    ("date: 2023-01-10\n", "date: 10 Jan 2023\n", 2, "must be a date YYYY-MM-DD"),
    ("lang: zh-Hant\n", "lang: zh-TW\n", 6, "must be one of zh-Hans, zh-Hant"),
    ("layout: tabloid\n", "layout: tabliod\n", 7, "layout 'tabliod' not found"),
    ("  - number: 2\n", "  - number: 3\n", 13, "page number 3 out of order"),
    ("articles: [lead, second]", "articles: [lead, second, lead]", 12,
     "'lead' is listed twice (first on page 1, line 12)"),
    ("articles: [lead, second]", "articles: [lead, second, gone]", 12,
     "lists 'gone' but"),
    ("articles: [lead, second]", "articles: [lead, second, bad id]", 12,
     "may use only ASCII"),
    ("credits: {editor: 任玉偉}", "credits: {editr: 任玉偉}", 11, "unknown key 'editr'"),
    ("credits: {editor: 任玉偉}", "placements: {nobody: {column: 1, span: 2}}", 11,
     "placement for 'nobody'"),
    ("credits: {editor: 任玉偉}", "placements: {lead: {column: 0, span: 2}}", 11,
     "'column' is 0"),
    ("paper: 測試日報\n", "paper: 測試日報\npaper: 又一個\n", 2, "duplicate key 'paper'"),
])
def test_bad_issue_yaml(make_issue, old, new, line, message):
    assert old in ISSUE_YAML
    problems = problems_of(make_issue(ISSUE_YAML.replace(old, new, 1)))
    find(problems, "issue.yaml", line, message)


def test_malformed_yaml_line_is_the_error_mark(make_issue):
    text = ISSUE_YAML.replace("    section: 經濟\n", "    section: 經濟\n   bad: : indent\n")
    problem = problems_of(make_issue(text))[0]
    assert problem.path.endswith("issue.yaml") and problem.line == 15
    assert str(problem).startswith(f"{problem.path}:15")


def test_issue_yaml_that_is_not_a_mapping(make_issue):
    find(problems_of(make_issue("- just\n- a list\n")), "issue.yaml", 1, "'key: value'")


def test_issue_yaml_not_utf8(make_issue):
    root = make_issue()
    (root / "issue.yaml").write_bytes("paper: 報\n".encode() + "date: 測\n".encode("big5"))
    find(problems_of(root), "issue.yaml", 2, "not UTF-8")


def test_pages_must_be_a_list(make_issue):
    text = ISSUE_YAML.split("pages:")[0] + "pages: 8\n"
    find(problems_of(make_issue(text)), "issue.yaml", 8, "'pages' must be a list")
