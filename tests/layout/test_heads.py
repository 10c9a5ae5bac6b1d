"""Headline breaks (layout/heads.py): between words, never inside a paired mark a line
can hold, never before a word that leans back or after one that leans forward,
preferring a pause (cjk-typesetting.md §8.1), then balance."""

from __future__ import annotations

import pytest

from epaper.layout.heads import break_title, metrics


def _break(text: str, measure: float, most: int = 3) -> tuple[str, ...]:
    tb = break_title(metrics(text, (1.0,) * len(text)), measure, most)
    assert tb is not None and not tb.inside_word
    return tb.lines


@pytest.mark.parametrize(("text", "measure", "expected"), [
    # A book or play title stays whole (was 话剧《沧海 / 横流》在京上演).
    ("话剧《沧海横流》在京上演", 8, ("话剧《沧海横流》", "在京上演")),
    # Quoted words too (was 乔石观看“慈善 / 之春”芭蕾舞演出).
    ("乔石观看“慈善之春”芭蕾舞演出", 10, ("乔石观看“慈善之春”", "芭蕾舞演出")),
    # No line opens with 的 (was 不忘藏北人民 / 的拉萨市民).
    ("不忘藏北人民的拉萨市民", 7, ("不忘藏北人民的", "拉萨市民")),
    # No line ends with a determiner or preposition (was 巴基斯坦新 / 总统宣誓就职).
    ("巴基斯坦新总统宣誓就职", 7, ("巴基斯坦新总统", "宣誓就职")),
    # After a pause first (§8.1), even if the lines are less even.
    ("汕头：电视录像剪彩省力省财", 11, ("汕头：", "电视录像剪彩省力省财")),
])
def test_head_breaks_read_as_a_desk_would_break_them(text, measure, expected):
    assert _break(text, measure) == expected


def test_a_pair_longer_than_the_line_may_break_inside_without_a_broken_word_report():
    text = "《关于进一步加强和改进新形势下思想政治工作的意见》发布"
    tb = break_title(metrics(text, (1.0,) * len(text)), 14, 3)
    assert tb is not None and not tb.inside_word
    assert "".join(tb.lines) == text and len(tb.lines) >= 2


def test_balance_decides_among_equal_breaks():
    # No pause, no weak break: the more even split wins (6 + 6, not 8 + 4).
    assert _break("中南外长高度评价两国建交", 8) == ("中南外长高度", "评价两国建交")


def test_a_pair_the_line_cannot_hold_makes_three_lines_before_it_is_broken():
    assert _break("话剧《沧海横流》在京上演", 7) == ("话剧", "《沧海横流》", "在京上演")


def test_an_idiom_the_dictionary_lacks_stays_whole():
    # 乐极生悲 is below the trimmed dictionary's frequency (jieba's HMM cut it in two:
    # 菲律宾元旦狂欢 / 鸣枪放炮乐极 / 生悲丧命十七).
    lines = _break("菲律宾元旦狂欢鸣枪放炮乐极生悲丧命十七", 8)
    assert any("乐极生悲" in line for line in lines), lines
