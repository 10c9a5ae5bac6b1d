"""Verse, tables, briefs, photo items, placeholders and documents from article files."""

from __future__ import annotations

from epaper.ingest import load_issue
from epaper.model import Paragraph, Subhead, Table, Verse

from .helpers import find, problems_of


def _second(make_issue, text: str):
    return load_issue(make_issue(articles={"second": text})).article("second")


def test_fenced_verse_keeps_its_lines_and_stanzas(make_issue):
    art = _second(make_issue, "---\ntitle: 詩\n---\n前言。\n\n```verse\n第一行\n"
                              "\u3000\u3000第二行\n\n第三行\n```\n\n後記。\n")
    kinds = [type(b).__name__ for b in art.body]
    assert kinds == ["Paragraph", "Verse", "Verse", "Paragraph"]
    assert art.body[1].lines == ("第一行", "第二行")
    assert art.body[1].source.line == 7 and art.body[2].source.line == 10
    assert art.body[3].source.line == 13


def test_front_matter_form_verse_makes_the_whole_body_verse(make_issue):
    art = _second(make_issue, "---\ntitle: 詩\nform: verse\n---\n一\n二\n\n三\n")
    assert [b.lines for b in art.body] == [("一", "二"), ("三",)]
    assert all(isinstance(b, Verse) for b in art.body)


def test_unclosed_fence_and_unknown_fence_kind_are_errors(make_issue):
    problems = problems_of(make_issue(articles={"second": "---\ntitle: 詩\n---\n```python\n"
                                                          "x\n"}))
    find(problems, "second.md", 4, "unknown fenced block 'python'")
    find(problems, "second.md", 4, "not closed")


def test_bad_form_is_reported_with_a_hint(make_issue):
    problems = problems_of(make_issue(articles={"second": "---\ntitle: 詩\nform: vers\n---\n"
                                                          "一\n"}))
    find(problems, "second.md", 3, "did you mean 'verse'")


TABLE_MD = """\
---
title: 菜價
---
今日菜價如下。
表：聊城市區菜價（元/斤）
| 品種 | 今日 | 昨日 |
| --- | ---: | :---: |
| 白菜 | 0.80 | 0.85 |
| 西紅柿\\|大 | 3.50 | 3.40 |

以上為均價。
"""


def test_pipe_table_with_alignment_and_caption(make_issue):
    art = _second(make_issue, TABLE_MD)
    para, table, after = art.body
    assert isinstance(para, Paragraph) and para.text == "今日菜價如下。"
    assert isinstance(table, Table) and isinstance(after, Paragraph)
    assert table.caption == "表：聊城市區菜價（元/斤）"
    assert table.header == ("品種", "今日", "昨日")
    assert table.rows == (("白菜", "0.80", "0.85"), ("西紅柿|大", "3.50", "3.40"))
    assert table.align == ("start", "end", "center")
    assert table.source.line == 6


def test_table_alignment_defaults_to_end_for_figures():
    from pathlib import Path

    from epaper.ingest.problems import Problems
    from epaper.ingest.structures import parse_body
    lines = ["| 城市 | 氣溫 |", "|---|---|", "| 聊城 | -7～3℃ |", "| 濟南 | -5～4℃ |"]
    (table,) = parse_body(lines, 1, Path("x.md"), Problems())
    assert table.align == ("start", "end")


def test_ragged_table_row_is_an_error_at_its_line(make_issue):
    text = TABLE_MD.replace("| 白菜 | 0.80 | 0.85 |", "| 白菜 | 0.80 |")
    find(problems_of(make_issue(articles={"second": text})), "second.md", 8,
         "table row has 2 cells, the header has 3")


def test_a_lone_pipe_line_is_prose(make_issue):
    art = _second(make_issue, "---\ntitle: 標\n---\n| 不是表格\n")
    assert art.body == (Paragraph("| 不是表格", art.body[0].source),)


def test_briefs_items_get_bold_lead_ins(make_issue):
    art = _second(make_issue, "---\ntitle: 簡訊\nkind: briefs\n---\n**東昌府區**　舉辦年貨節。"
                              "\n\n**臨清市**開通公交線路。\n\n沒有引題的一條。\n")
    assert art.kind == "briefs"
    assert [(p.lead, p.text) for p in art.body] == [
        ("東昌府區", "舉辦年貨節。"), ("臨清市", "開通公交線路。"), ("", "沒有引題的一條。")]


def test_photo_item_numbers_its_captions(make_issue):
    text = ("---\ntitle: 神州大地春來早\nkind: photo\nphotos:\n  - file: one.jpg\n"
            "    caption: 雪中的村莊\n  - file: gone.jpg\n    caption: ②已編號\n"
            "    missing: true\n    aspect: 1.25\n---\n")
    issue = load_issue(make_issue(articles={"second": text}))
    art = issue.article("second")
    assert art.kind == "photo" and art.body == ()
    assert [p.caption for p in art.photos] == ["①雪中的村莊", "②已編號"]
    assert art.photos[1].missing and art.photos[1].aspect == 1.25
    assert not any("no body" in w for w in issue.warnings)


def test_photo_item_without_photos_is_an_error(make_issue):
    problems = problems_of(make_issue(articles={"second": "---\ntitle: 圖\nkind: photo\n"
                                                          "---\n"}))
    find(problems, "second.md", 3, "needs at least one entry under 'photos'")


def test_placeholder_photo_needs_no_file(make_issue):
    text = ("---\ntitle: 檔案照\nphotos:\n  - caption: 會場（檔案照片）\n    missing: true\n"
            "---\n正文。\n")
    issue = load_issue(make_issue(articles={"second": text}))
    photo = issue.article("second").photos[0]
    assert photo.missing and photo.file.name == "" and photo.aspect is None
    assert any("second.md:4: warning: photo without a file" in w for w in issue.warnings)


def test_file_still_required_unless_missing(make_issue):
    text = "---\ntitle: 圖\nphotos:\n  - caption: 無檔名\n---\n正文。\n"
    find(problems_of(make_issue(articles={"second": text})), "second.md", 4,
         "required key 'file'")


def test_bad_aspect_is_reported(make_issue):
    text = ("---\ntitle: 圖\nphotos:\n  - caption: 圖\n    missing: true\n    aspect: 40\n"
            "---\n正文。\n")
    find(problems_of(make_issue(articles={"second": text})), "second.md", 6,
         "'aspect' is 40")


def test_document_flag_and_kind_default(make_issue):
    art = _second(make_issue, "---\ntitle: 公報\ndocument: true\n---\n## 一\n正文。\n")
    assert art.document and art.kind == "story"
    assert isinstance(art.body[0], Subhead) and art.body[1].text == "正文。"


def test_misspelt_kind_is_reported(make_issue):
    find(problems_of(make_issue(articles={"second": "---\ntitle: 公報\nkind: brief\n---\n"
                                                    "x\n"})),
         "second.md", 3, "did you mean 'briefs'")
