"""Headline mode (cjk-typesetting.md §8.1): no indent, ragged, editor breaks, balance."""

from __future__ import annotations

import pytest

from epaper.typeset import TypesetConfig, set_paragraph

from .invariants import check_paragraph


def texts(lines):
    return [ln.text for ln in lines]


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_no_indent_and_not_justified(lang):
    lines = set_paragraph("矢志不渝做黨和人民的忠誠衛士", 10, lang=lang, kind="headline", indent=2)
    assert all(ln.indent == 0 for ln in lines)
    assert all(ln.width < 10 for ln in lines)
    assert all(a == 1.0 for ln in lines for a in ln.advances)


def test_automatic_breaks_are_balanced():
    text = "矢志不渝做黨和人民的忠誠衛士"  # 14 em: greedy would give 10 + 4
    lines = set_paragraph(text, 10, lang="zh-Hant", kind="headline")
    assert [len(t) for t in texts(lines)] == [7, 7]
    check_paragraph(text, lines, 10, justified=False)


def test_editor_newlines_are_honoured():
    text = "致敬警察節\n矢志不渝做黨和人民的忠誠衛士"
    lines = set_paragraph(text, 20, lang="zh-Hant", kind="headline")
    assert texts(lines) == ["致敬警察節", "矢志不渝做黨和人民的忠誠衛士"]


def test_a_space_is_the_preferred_break():
    text = "全市公安機關 守護萬家平安"
    lines = set_paragraph(text, 10, lang="zh-Hant", kind="headline")
    assert texts(lines) == ["全市公安機關", "守護萬家平安"]


def test_a_break_after_a_pause_is_preferred_to_a_perfect_balance():
    text = "寒冬臘月堅守崗位，守護城市平安"  # 15 em; ， after 9 em
    lines = set_paragraph(text, 12, kind="headline", lang="zh-Hant")
    assert texts(lines) == ["寒冬臘月堅守崗位，", "守護城市平安"]


def test_prohibitions_still_apply():
    text = "中文中文中文中文“中文”中文"
    lines = set_paragraph(text, 9, kind="headline")
    check_paragraph(text, lines, 9, justified=False)


def test_headline_tracking():
    cfg = TypesetConfig(tracking=-0.1, pair_compression=1.0)
    (line,) = set_paragraph("守護平安", 10, kind="headline", config=cfg)
    assert line.width == pytest.approx(3.7)
