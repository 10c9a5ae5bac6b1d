"""Body splitting and full-width normalisation (cjk-typesetting.md §6.3)."""

from __future__ import annotations

from epaper.ingest.text import RawBlock, normalize, split_body


def test_normalize_fullwidth_alnum_and_number_separators_only():
    assert normalize("ＧＤＰ增長５．２％，ａｂｃ") == "GDP增長5.2％，abc"


def test_point_and_colon_between_digits_join_the_number():
    assert normalize("比分３：２，９：００開始，增長２７．７％") == "比分3:2，9:00開始，增長27.7％"


def test_full_width_point_and_colon_elsewhere_stay():
    assert normalize("時間：９點。Ａ．Ｂ．") == "時間：9點。A．B．"


def test_paragraph_lines_join_without_space_and_lose_indents():
    blocks = split_body(["\u3000\u3000第一行", "第二行 ", "", "  次段"], 10)
    assert blocks == [RawBlock("p", ("第一行第二行",), 10), RawBlock("p", ("次段",), 13)]


def test_consecutive_subhead_lines_form_one_subhead():
    blocks = split_body(["## 引", "## 主", "正文緊接"], 1)
    assert blocks == [RawBlock("h", ("引", "主"), 1), RawBlock("p", ("正文緊接",), 3)]


def test_subhead_ends_a_paragraph_without_blank_line():
    blocks = split_body(["段落", "## 小標", "", "## 另一個"], 1)
    assert [b.kind for b in blocks] == ["p", "h", "h"]
