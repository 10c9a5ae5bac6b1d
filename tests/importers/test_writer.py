"""Tests for writing issue folders: article text and extending issue.yaml in place."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from epaper.errors import InputError
from epaper.importers.writer import (
    ArticleDoc,
    PhotoEntry,
    add_to_issue_yaml,
    article_text,
    safe_id,
)

HEAD = ("paper: 聊城日報\ndate: 2023-01-10\nnumber: 1\ntotal_number: 2\n"
        "serial: CN 37-0052\nlang: zh-Hant\nlayout: tabloid\n")


def test_article_text_format():
    doc = ArticleDoc(id="x", title="主題", kicker="引題", blocks=(("p", "一段。"),
                     ("h", "上\n下"), ("p", "二段。")), photos=(PhotoEntry("a.jpg", "圖說",
                     missing=True),), comments=("from somewhere",))
    text = article_text(doc)
    head, body = text.split("---\n")[1:]
    assert head.startswith("# from somewhere\n")
    assert yaml.safe_load(head) == {"kicker": "引題", "title": "主題", "photos": [
        {"file": "a.jpg", "caption": "圖說", "missing": True}]}
    assert body == "一段。\n\n## 上\n## 下\n\n二段。\n"


def test_block_list_extended_and_new_page_added(tmp_path):
    path = tmp_path / "issue.yaml"
    path.write_text(HEAD + "pages:\n- number: 1\n  section: 要聞\n  articles:\n  - a\n"
                    "  - b\n- number: 2\n  section: 體育\n", encoding="utf-8")
    add_to_issue_yaml(path, "c", "要聞", {})
    add_to_issue_yaml(path, "d", "文化", {})
    add_to_issue_yaml(path, "e", "體育", {})  # page takes articles by section: untouched
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["pages"][0]["articles"] == ["a", "b", "c"]
    assert data["pages"][1] == {"number": 2, "section": "體育"}
    assert data["pages"][2] == {"number": 3, "section": "文化", "articles": ["d"]}
    assert data["date"] == dt.date(2023, 1, 10)


def test_malformed_issue_yaml_is_reported_with_line(tmp_path):
    path = tmp_path / "issue.yaml"
    path.write_text(HEAD + "pages: [\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        add_to_issue_yaml(path, "c", "要聞", {})
    assert exc.value.problems[0].line >= 8


@pytest.mark.parametrize("name, expected", [("000_a1", "000_a1"), ("警察 節.txt", "txt"),
                                            ("a b", "a-b")])
def test_safe_id(name, expected):
    assert safe_id(name) == expected
