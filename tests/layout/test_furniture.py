"""Page furniture: the 報頭 with 導讀 on page 1, the 報眉 of inner pages."""

from __future__ import annotations

import datetime as dt

from epaper.display import Rule, TextRun
from epaper.layout.config import load_layout
from epaper.layout.furniture import masthead, page_header
from epaper.model import Credits
from epaper.plan import Masthead, PageHeader, Teaser

CFG = load_layout("tabloid")
DATE = dt.date(2023, 1, 10)


def _text(items, role=None) -> str:
    return "".join(it.text for it in items if isinstance(it, TextRun)
                   and (role is None or it.role == role))


def test_masthead_carries_the_facts_and_the_teasers():
    m = Masthead(paper="聊城日報", date=DATE, weekday="星期二", lunar="農曆臘月十九",
                 number=7123, total_number=21456, serial="CN 37-0052",
                 publisher="聊城日報社", weather="晴 -6～4℃", pages_today=8)
    items = masthead(m, (Teaser("a", "一張車票 一份牽掛", 4),), CFG, "zh-Hant")
    assert _text(items, "masthead") == "聊城日報"
    info = _text(items, "masthead_info")
    for fact in ("2023年1月10日", "星期二", "農曆臘月十九", "第7123期", "總第21456期",
                 "今日8版", "CN 37-0052", "聊城日報社", "晴"):
        assert fact in info, fact
    assert _text(items, "teaser_head") == "本期導讀"
    assert "一張車票" in _text(items, "teaser") and "第4版" in _text(items, "teaser")
    assert all(it.y < CFG.grid.line_y(CFG.masthead_lines) for it in items
               if isinstance(it, TextRun))


def test_inner_page_header_puts_the_page_number_on_the_outer_edge():
    credits = Credits(editor="任玉偉", art_editor="李明", proofreader="張華")
    g = CFG.grid
    for number in (2, 3):
        h = PageHeader(paper="聊城日報", date=DATE, weekday="星期二", number=number,
                       section="經濟", credits=credits)
        items = page_header(h, CFG, "zh-Hant")
        page = next(it for it in items if isinstance(it, TextRun)
                    and it.role == "header_page")
        assert page.text.startswith(f"第{number}版") and page.text.endswith("經濟")
        outer_right = number % 2 == 1
        assert (page.x > g.left + g.width / 2) == outer_right
        text = _text(items)
        assert "責任編輯：任玉偉" in text and "校對：張華" in text and "2023年1月10日" in text
        rules = [it for it in items if isinstance(it, Rule)]
        assert rules and all(r.y1 < g.line_y(CFG.header_lines) for r in rules)


def test_simplified_header_words():
    h = PageHeader(paper="人民日报", date=DATE, weekday="星期二", number=2, section="要闻",
                   credits=Credits(editor="王"))
    assert "责任编辑：王" in _text(page_header(h, CFG, "zh-Hans"))
