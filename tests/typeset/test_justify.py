"""Line edges, pairs, shrink and expand (cjk-typesetting.md §4.3-4.4, §5, §6.1)."""

from __future__ import annotations

import pytest

from epaper.typeset import TypesetConfig, set_paragraph

from .invariants import check_paragraph

HANS, HANT = "zh-Hans", "zh-Hant"


def adv(line, i):
    return line.advances[i]


@pytest.mark.parametrize(("lang", "end"), [(HANS, 0.5), (HANT, 0.75)])
def test_line_end_mark_gives_up_its_trailing_blank(lang, end):
    text = "中文中文中文，中文中文中文中文"
    lines = set_paragraph(text, 7, lang=lang, indent=0)
    assert lines[0].text == "中文中文中文，"
    assert adv(lines[0], 6) == pytest.approx(end)
    assert lines[0].width == pytest.approx(7)
    check_paragraph(text, lines, 7)


@pytest.mark.parametrize(
    ("lang", "text"), [(HANS, "中文中文中文“中文”中文"), (HANT, "中文中文中文「中文」中文")]
)
def test_opening_bracket_at_line_start_is_flush(lang, text):
    lines = set_paragraph(text, 6, lang=lang, indent=0)
    assert lines[1].text[0] in "“「"
    assert lines[1].indent == pytest.approx(-0.5)
    check_paragraph(text, lines, 6)


def test_first_line_opener_is_flush_unless_asked():
    # §7.3 MAY, the default since issue 17: the indent ends at the bracket's face.
    text = "“中文”中文中文中文中文中文"
    assert set_paragraph(text, 6)[0].indent == pytest.approx(1.5)
    cfg = TypesetConfig(flush_first_line_opener=False)
    assert set_paragraph(text, 6, config=cfg)[0].indent == 2.0


@pytest.mark.parametrize(
    ("lang", "text", "pair", "width"),
    [
        (HANS, "他说：“好。”我们走吧", "。”", 1.5),
        (HANS, "他说：“好。”我们走吧", "：“", 1.5),
        (HANS, "见《书名》（注）", "》（", 1.5),
        (HANT, "他說：「好。」我們走吧", "。」", 1.75),  # only the ¼ em there
        (HANT, "他說：「好。」我們走吧", "：「", 1.5),  # ¼ + ½ between the faces: ½ removed
    ],
)
def test_adjacent_marks(lang, text, pair, width):
    (line,) = set_paragraph(text, 30, lang=lang, indent=0)
    i = text.index(pair)
    assert adv(line, i) + adv(line, i + 1) == pytest.approx(width)


def test_tight_pair_compression():
    cfg = TypesetConfig(pair_compression=1.0)
    (line,) = set_paragraph("他说，“好”（注）", 30, indent=0, config=cfg)
    i = line.text.index("，“")
    assert adv(line, i) + adv(line, i + 1) == pytest.approx(1.0)
    i = line.text.index("”（")
    assert adv(line, i) + adv(line, i + 1) == pytest.approx(1.0)


def test_pair_compression_never_makes_an_advance_negative():
    # A zh-Hant interpunct opening a paragraph loses its left pad; at pair
    # compression 1.0 the quote's ½ em left blank would have taken it below 0.
    cfg = TypesetConfig(pair_compression=1.0)
    (line,) = set_paragraph("·“", 6, lang=HANT, config=cfg)
    assert min(line.advances) >= 0
    check_paragraph("·“", [line], 6)


def test_push_in_shrinks_brackets_before_commas():
    # Natural: （中文）中文中文 is 8 em; the ， after it cannot start a line.
    text = "（中文）中文中文，中文"
    # With the opening bracket's blank kept (a flush （ would leave room for ，).
    cfg = TypesetConfig(flush_first_line_opener=False)
    lines = set_paragraph(text, 8, indent=0, config=cfg)
    assert lines[0].text == "（中文）中文中文，"
    assert adv(lines[0], 3) == pytest.approx(0.5)  # ） shrunk to its face
    assert adv(lines[0], 8) == pytest.approx(0.5)  # ， at the line end
    assert all(adv(lines[0], i) == pytest.approx(1.0) for i in (1, 4, 5, 6))
    check_paragraph(text, lines, 8)


def test_commas_shrink_alike_when_there_is_no_bracket():
    text = "中文，中文，中文中。文字"
    lines = set_paragraph(text, 9, indent=0)
    assert lines[0].text == "中文，中文，中文中。"
    assert adv(lines[0], 2) == pytest.approx(0.75)
    assert adv(lines[0], 5) == pytest.approx(0.75)
    check_paragraph(text, lines, 9)


def test_stops_shrink_last_and_only_when_allowed():
    text = "中文。中文，中文中。文字"
    lines = set_paragraph(text, 9, indent=0)
    assert lines[0].text == "中文。中文，中文中。"
    assert adv(lines[0], 5) == pytest.approx(0.5)  # ， first, all of it
    assert adv(lines[0], 2) == pytest.approx(1.0)
    cfg = TypesetConfig(allow_stop_compression=False)
    text = "中文。中文。中文中。文字"
    lines = set_paragraph(text, 9, indent=0, config=cfg)
    assert lines[0].text == "中文。中文。中文"  # pushed out instead
    check_paragraph(text, lines, 9)


def test_expansion_skips_openers_closers_and_tokens():
    text = "他们说“COVID-19”中文中文中文中文中文中文中文中文"
    lines = set_paragraph(text, 16, indent=0)
    first = lines[0]
    check_paragraph(text, lines, 16)
    nat = set_paragraph(first.text, 40, indent=0)[0]
    for i, ch in enumerate(first.text[:-1]):
        nxt = first.text[i + 1]
        if ch == "“" or nxt in "”，。" or (ch.isascii() and nxt.isascii()):
            assert adv(first, i) == pytest.approx(adv(nat, i)), (ch, nxt)


@pytest.mark.parametrize("lang", [HANS, HANT])
def test_han_western_quarter_em(lang):
    (line,) = set_paragraph("在2022年用GDP计", 30, lang=lang, indent=0)
    (plain,) = set_paragraph(
        "在2022年用GDP计", 30, lang=lang, indent=0, config=TypesetConfig(han_latin_space_em=0)
    )
    for i in (0, 4, 6, 9):  # 在|2, 2|年, 用|G, P|计
        assert adv(line, i) - adv(plain, i) == pytest.approx(0.25)
    for i in (1, 2, 3, 7, 8):
        assert adv(line, i) == pytest.approx(adv(plain, i))


def test_source_space_counts_as_the_han_western_space():
    (line,) = set_paragraph("在 2022 年", 30, indent=0)
    assert adv(line, 1) == pytest.approx(0.25)
    assert adv(line, 6) == pytest.approx(0.25)
    assert adv(line, 0) == pytest.approx(1.0)


def test_no_han_western_space_next_to_full_width_marks():
    (line,) = set_paragraph("增长2.9%，GDP）。", 30, indent=0)
    (plain,) = set_paragraph(
        "增长2.9%，GDP）。", 30, indent=0, config=TypesetConfig(han_latin_space_em=0)
    )
    assert adv(line, 5) == pytest.approx(adv(plain, 5))  # % before ，
    assert adv(line, 9) == pytest.approx(adv(plain, 9))  # P before ）


def test_no_han_western_space_at_a_line_edge():
    text = "中文中文中文中文2022年"
    lines = set_paragraph(text, 8, indent=0)
    assert lines[0].text == "中文中文中文中文"
    assert adv(lines[0], 7) == pytest.approx(1.0)


def test_last_line_is_set_solid():
    lines = set_paragraph("中文中文中文中文中文中文中文", 10)
    assert lines[-1].indent + lines[-1].width < 10
    assert set(lines[-1].advances) == {1.0}


def test_overlong_last_line_is_shrunk():
    text = "中文，中文，中文，中文"
    lines = set_paragraph(text, 10, indent=0)
    assert len(lines) == 1
    assert lines[0].width <= 10 + 1e-9


def test_tracking_is_never_added_at_the_line_end():
    cfg = TypesetConfig(tracking=-0.05)
    (line,) = set_paragraph("中文中文", 30, kind="headline", config=cfg)
    assert line.advances == pytest.approx((0.95, 0.95, 0.95, 1.0))
