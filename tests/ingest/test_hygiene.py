"""Text hygiene at ingest: NFC, invisible characters kept where they mean something
or dropped with a warning naming their code points."""

from __future__ import annotations

from epaper.errors import Problem, printable
from epaper.ingest.hygiene import clean_line, clean_text, nfc
from epaper.ingest.problems import Problems


def test_nfc_composes_but_keeps_compatibility_ideographs():
    assert nfc("Cafe\u0301") == "Café"
    assert nfc("\u304b\u3099") == "\u304c"  # か + combining dakuten → が
    # U+F9F1 (a CJK compatibility ideograph) would become U+96A3 under plain NFC.
    assert nfc("\uf9f1e\u0301") == "\uf9f1é"
    assert nfc("\U0002f800") == "\U0002f800"


def test_controls_and_format_characters_are_dropped_by_name():
    cleaned, dropped, kept = clean_line("甲\x00乙\u200b丙\u202e丁\x1b[1m")
    assert cleaned == "甲乙丙丁[1m" and not kept
    assert dropped == ["U+0000 control character", "U+200B ZERO WIDTH SPACE",
                       "U+202E RIGHT-TO-LEFT OVERRIDE", "U+001B control character"]


def test_meaningful_joiners_and_selectors_are_kept():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    cleaned, dropped, kept = clean_line(f"家{family}。葛\U000e0100。")
    assert cleaned == f"家{family}。葛\U000e0100。" and not dropped
    assert len(kept) == 3 and "U+E0100" in kept[2]
    assert clean_line("甲\u200d乙")[0] == "甲乙"  # a ZWJ between ideographs joins nothing
    assert clean_line("\ufe0f甲")[1]  # a selector at the start selects nothing


def test_clean_text_warns_once_per_line_with_its_number():
    problems = Problems()
    text = clean_text("一\n二\u200b\u200b三\n四\t五\n", "a.md", problems, first_line=5)
    assert text == "一\n二三\n四\t五\n"
    assert [str(p) for p in problems.items] == [
        "a.md:6: warning: invisible character(s) dropped: U+200B ZERO WIDTH SPACE"]


def test_printed_problems_never_carry_raw_controls():
    shown = str(Problem("bad\x1b[2J.md", 3, "title \u202eevil\x07"))
    assert shown == "bad\\x1b[2J.md:3: title \\u202eevil\\x07"
    assert printable("全角\u3000空格 and tab\t") == "全角\u3000空格 and tab\\t"
