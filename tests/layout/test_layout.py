"""The layout stage end to end on synthetic issues: grid, overlap, characters, jumps."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest

from epaper.display import Box, Rule, TextRun
from epaper.layout import CopyFitError, finalize, layout_drafts, layout_issue
from epaper.layout.config import load_layout

from .helpers import article, article_text, plan


@pytest.fixture(scope="module")
def tabloid():
    return load_layout("tabloid")


@pytest.fixture(scope="module")
def jumped(tabloid):
    """Two pages: a long lead that jumps to page 2, short stories around it."""
    lead = article("lead", [300] * 16, priority=1, subheads=(5, 10), editor="任玉偉",
                   byline="本報記者 王軍豪", kicker="致敬警察節", editor_note="寒冬臘月" * 20,
                   continue_on=2)
    side = [article(f"s{i}", [120, 90, 150], priority=3 + i) for i in range(3)]
    inner = [article("p2a", [200, 160], priority=1), article("p2b", [140, 100])]
    p = plan([[lead, *side], inner], continue_on={"lead": 2})
    return p, finalize(p, tabloid, layout_drafts(p, tabloid))


def test_every_body_baseline_lies_on_the_page_grid(jumped, tabloid):
    g = tabloid.grid
    body = [it for page in jumped[1].pages for it in page.items
            if isinstance(it, TextRun) and it.role == "body"]
    assert len(body) > 200
    for run in body:
        k = (run.y - g.baseline(0)) / g.pitch
        assert k == pytest.approx(round(k), abs=1e-3), run


def test_blocks_do_not_overlap_and_stay_in_the_text_area(jumped, tabloid):
    g = tabloid.grid
    for page in jumped[1].pages:
        rows = g.lines - tabloid.header_lines
        cells = {}
        for b in page.report.blocks:
            assert 0 <= b.column and b.column + b.span <= g.columns
            assert 0 <= b.top and b.top + b.lines <= rows
            for c in range(b.column, b.column + b.span):
                for r in range(b.top, b.top + b.lines):
                    assert (c, r) not in cells, (b, cells[(c, r)])
                    cells[(c, r)] = b.article_id


def test_every_article_character_appears_exactly_once(jumped):
    p, lay = jumped
    for page_plan in p.pages:
        for placed in page_plan.articles:
            art = placed.article
            printed = article_text(lay.pages, art.id)
            expected = "".join(art.text_chars().split())
            assert Counter(printed) == Counter(expected), art.id
            assert len(printed) == len(expected)


def test_body_reads_in_order_across_the_jump(jumped):
    p, lay = jumped
    lead = p.pages[0].articles[0].article
    body = "".join(b.text if hasattr(b, "text") else "".join(b.lines) for b in lead.body)
    runs = [it for page in lay.pages for it in page.items if isinstance(it, TextRun)
            and it.article_id == "lead" and it.role in ("body", "subhead")]
    assert "".join(r.text for r in runs) == body


def test_jump_lines_name_the_pages(jumped):
    lay = jumped[1]
    texts = [[it.text for it in page.items if isinstance(it, TextRun) and it.role == "jump"]
             for page in lay.pages]
    assert "".join(texts[0]) == "（下轉第2版）"
    assert "".join(texts[1]) == "（上接第1版）"
    view = next(v for v in lay.articles if v.article_id == "lead")
    assert view.pages == (1, 2) and view.continued_on == 2 and view.page == 1
    entries = [(e.article_id, e.continuation) for e in lay.pages[1].articles]
    assert ("lead", True) in entries
    regions = {r.article_id for r in lay.pages[1].regions}
    assert "lead" in regions
    assert lay.pages[0].report.overset == ()


def test_head_elements_editor_note_box_and_editor_line(jumped):
    page = jumped[1].pages[0]
    lead = [it for it in page.items if isinstance(it, TextRun) and it.article_id == "lead"]
    roles = [r.role for r in lead]
    assert roles.index("kicker") < roles.index("title") < roles.index("editor_note")
    labels = [r for r in lead if r.role == "note_label" and r.text.strip()]
    assert labels[0].text == "編者按" and labels[0].font == "sans-bold-tc"
    assert {r.font for r in lead if r.role == "editor_note"} == {"kai-tc"}
    assert any(isinstance(it, Box) for it in page.items)
    page2 = jumped[1].pages[1]
    editor = [it.text for it in page2.items if isinstance(it, TextRun) and it.role == "editor"
              and it.article_id == "lead"]
    assert "".join(editor) == "【編輯：任玉偉】"
    assert any(isinstance(it, Rule) for it in page.items)


def test_report_counts_cells(jumped, tabloid):
    for page in jumped[1].pages:
        rep = page.report
        assert rep.total_cells == tabloid.grid.columns * (tabloid.grid.lines
                                                          - tabloid.header_lines)
        assert 0 <= rep.empty_cells < rep.total_cells
        assert 0.5 < rep.fill_ratio <= 1.0


def test_copy_that_fits_nowhere_fails_with_a_copy_fit_report(tabloid):
    huge = article("huge", [400] * 40, priority=1)
    p = plan([[huge]])
    with pytest.raises(CopyFitError) as err:
        layout_drafts(p, tabloid)
    (problem,) = err.value.problems
    assert problem.severity == "error" and "huge" in problem.message
    assert "第1版 is over by" in problem.message and "--allow-overset" in problem.message


def test_allowed_overset_is_cut_visibly_and_reported_never_silently(tabloid):
    huge = article("huge", [400] * 40, priority=1)
    p = plan([[huge]])
    lay = finalize(p, tabloid, layout_drafts(p, tabloid, allow_overset=True))
    page = lay.pages[0]
    assert page.report.overset and "huge" in page.report.overset[0]
    assert any("cut" in w for w in page.warnings)
    jump = "".join(it.text for it in page.items if isinstance(it, TextRun)
                   and it.role == "jump")
    assert jump == "（未完）"
    printed = len(article_text(lay.pages, "huge"))
    cut = int(re.search(r"(\d+) characters cut", page.report.overset[0]).group(1))
    assert printed + cut == len(huge.text_chars())


def test_simplified_issue_uses_simplified_words(tabloid):
    lead = article("a", [300] * 20, priority=1, lang="zh-Hans", editor="王", continue_on=2)
    p = plan([[lead], [article("b", [100], lang="zh-Hans")]], continue_on={"a": 2},
             lang="zh-Hans")
    lay = finalize(p, tabloid, layout_drafts(p, tabloid))
    texts = "".join(it.text for page in lay.pages for it in page.items
                    if isinstance(it, TextRun) and it.role in ("jump", "editor", "header"))
    assert "下转第2版" in texts and "【编辑：王】" in texts and "责任编辑" in texts


def test_same_plan_gives_the_same_layout(jumped, tabloid):
    p, lay = jumped
    assert finalize(p, tabloid, layout_drafts(p, tabloid)) == lay


def test_layout_issue_reads_the_template_named_by_the_issue():
    p = plan([[article("a", [100, 80], priority=1)]], layout="broadsheet")
    lay = layout_issue(p)
    assert lay.pages[0].width == pytest.approx(390 * 72 / 25.4)
    assert lay.title == "聊城日報 2023年1月10日" and lay.author == "聊城日報"


def test_dateline_opens_the_first_paragraph_in_bold(tabloid):
    art = replace(article("d", [80, 60], priority=1), dateline="本報聊城1月9日訊")
    p = plan([[art]])
    lay = finalize(p, tabloid, layout_drafts(p, tabloid))
    runs = [it for it in lay.pages[0].items if isinstance(it, TextRun)
            and it.article_id == "d" and it.role in ("dateline", "body")]
    assert runs[0].role == "dateline" and runs[0].text.startswith("本報聊城1月9日訊")
    assert runs[0].font == "sans-bold-tc" and runs[1].role == "body"
    assert article_text(lay.pages, "d") == "".join(art.text_chars().split())
