"""Tests for the assemble stage: pages, order, jumps, masthead, header, 導讀."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from epaper.assemble import assemble, lunar_label, weekday_label
from epaper.model import Article, Credits, Issue, PageSpec, Placement


def _issue(pages, articles, lang="zh-Hant", date=dt.date(2023, 1, 10)) -> Issue:
    return Issue(paper="聊城日報", date=date, number=7123, total_number=21456,
                 serial="CN 37-0052", lang=lang, layout="tabloid", pages=tuple(pages),
                 articles=tuple(articles), root=Path("/nonexistent"),
                 publisher="聊城日報社", weather="晴 -6～4℃")


def _art(aid, priority=5, section="", continue_on=None, title=None) -> Article:
    return Article(id=aid, title=title or f"標題{aid}", priority=priority, section=section,
                   continue_on=continue_on)


def test_listed_articles_keep_given_order_and_placements():
    pages = [PageSpec(1, "要聞", Credits(editor="任玉偉"), ("b", "a"),
                      (("a", Placement(1, 5, 40)),))]
    plan = assemble(_issue(pages, [_art("a", 1), _art("b", 2)]))
    page = plan.pages[0]
    assert [p.article.id for p in page.articles] == ["b", "a"]
    assert page.articles[1].placement == Placement(1, 5, 40)
    assert page.articles[0].placement is None
    assert page.header.credits.editor == "任玉偉"
    assert page.lang == "zh-Hant"
    assert plan.warnings == ()


def test_section_assignment_by_priority_stable_and_skips_listed():
    pages = [PageSpec(1, "要聞", article_ids=("x",)), PageSpec(2, "經濟")]
    arts = [_art("x", 1, "經濟"), _art("c", 3, "經濟"), _art("d", 1, "經濟"),
            _art("e", 3, "經濟")]
    plan = assemble(_issue(pages, arts))
    assert [p.article.id for p in plan.pages[1].articles] == ["d", "c", "e"]


def test_masthead_only_on_front_page_with_lunar_and_weekday():
    pages = [PageSpec(1, "要聞", article_ids=("a",)), PageSpec(2, "經濟", article_ids=("b",))]
    plan = assemble(_issue(pages, [_art("a"), _art("b")]))
    mast = plan.pages[0].masthead
    assert mast is not None and plan.pages[1].masthead is None
    assert (mast.weekday, mast.lunar, mast.pages_today) == ("星期二", "農曆臘月十九", 2)
    assert (mast.number, mast.total_number, mast.serial) == (7123, 21456, "CN 37-0052")
    assert plan.pages[1].header.weekday == "星期二"
    assert plan.pages[1].header.number == 2 and plan.pages[1].header.section == "經濟"


def test_teasers_point_at_inner_lead_stories():
    pages = [PageSpec(1, "要聞", article_ids=("a",)),
             PageSpec(2, "經濟", article_ids=("b", "c")),
             PageSpec(3, "社會", article_ids=("d",))]
    arts = [_art("a", 1), _art("b", 3), _art("c", 1, title="主打"), _art("d")]
    plan = assemble(_issue(pages, arts))
    assert [(t.article_id, t.title, t.page) for t in plan.pages[0].teasers] == [
        ("c", "主打", 2), ("d", "標題d", 3)]
    assert plan.pages[1].teasers == ()
    assert assemble(_issue(pages, arts), teasers=False).pages[0].teasers == ()


def test_single_page_issue_has_no_teasers():
    plan = assemble(_issue([PageSpec(1, "要聞", article_ids=("a",))], [_art("a")]))
    assert plan.pages[0].teasers == ()


def test_continue_on_passed_on_only_when_a_later_page():
    pages = [PageSpec(1, "要聞", article_ids=("a", "b", "c")),
             PageSpec(2, "經濟", article_ids=("d",))]
    arts = [_art("a", continue_on=2), _art("b"), _art("c", continue_on=9), _art("d")]
    plan = assemble(_issue(pages, arts))
    jumps = [p.continue_on for p in plan.pages[0].articles]
    assert jumps == [2, None, None]
    assert any("continue_on 9" in w for w in plan.warnings)


def test_orphans_duplicates_and_unknown_ids_are_warned_not_crashed():
    pages = [PageSpec(1, "要聞", article_ids=("a", "ghost")),
             PageSpec(2, "經濟", article_ids=("a",))]
    plan = assemble(_issue(pages, [_art("a"), _art("lost", section="體育")]))
    text = "\n".join(plan.warnings)
    assert "'ghost'" in text and "'lost' is on no page" in text
    assert "already on 第1版" in text and "第2版 (經濟) has no articles" in text
    assert [p.article.id for p in plan.pages[0].articles] == ["a"]


@pytest.mark.parametrize("date, lang, expected", [
    (dt.date(2023, 1, 10), "zh-Hans", "农历腊月十九"),
    (dt.date(1998, 1, 1), "zh-Hans", "农历腊月初三"),
    (dt.date(2023, 3, 22), "zh-Hant", "農曆閏二月初一"),
    (dt.date(2022, 1, 2), "zh-Hans", "农历冬月三十"),
    (dt.date(2023, 2, 10), "zh-Hans", "农历正月二十"),
    (dt.date(2023, 2, 11), "zh-Hans", "农历正月廿一"),
    (dt.date(1850, 1, 1), "zh-Hans", ""),
])
def test_lunar_label(date, lang, expected):
    assert lunar_label(date, lang) == expected


def test_weekday_label():
    assert weekday_label(dt.date(1998, 1, 1)) == "星期四"
    assert weekday_label(dt.date(2023, 1, 15)) == "星期日"


def test_plan_is_deterministic():
    pages = [PageSpec(1, "要聞"), PageSpec(2, "經濟")]
    arts = [_art(str(i), i % 3, "要聞" if i % 2 else "經濟") for i in range(10)]
    assert assemble(_issue(pages, arts)) == assemble(_issue(pages, arts))


def test_header_drops_a_section_name_that_repeats_the_page_number():
    pages = [PageSpec(1, "要聞", article_ids=("a",)), PageSpec(2, "第2版", article_ids=("b",))]
    plan = assemble(_issue(pages, [_art("a"), _art("b")]))
    assert plan.pages[1].header.section == "" and plan.pages[1].section == "第2版"
    assert plan.pages[0].header.section == "要聞"
