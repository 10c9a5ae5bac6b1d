"""Punctuation blank model from ink boxes (cjk-typesetting.md §4.1, fonts.md table)."""

from __future__ import annotations

import pytest

from epaper.typeset.metrics import NO_BLANK, face_model, mark_metrics


def ink(x0, x1):
    return (x0, -0.1, x1, 0.5)


def test_gb_pause_with_ink_on_the_left_has_its_blank_on_the_right():
    m = mark_metrics("，", "p", 1.0, ink(0.076, 0.229), "gb")
    assert (m.left, m.right) == (0.0, 0.5)


def test_centred_pause_has_a_quarter_on_each_side():
    m = mark_metrics("，", "p", 1.0, ink(0.401, 0.562), "cns")
    assert (m.left, m.right) == (0.25, 0.25)


def test_centred_ink_under_gb_rules_still_gives_quarters():
    # AR PL UMing centres 。 even in its CN face (§4.1 example).
    m = mark_metrics("。", "e", 1.0, ink(0.36, 0.64), "gb")
    assert (m.left, m.right) == (0.25, 0.25)


def test_opening_bracket_has_its_blank_on_the_left():
    m = mark_metrics("“", "O", 1.0, ink(0.571, 0.924), "gb")
    assert (m.left, m.right) == (0.5, 0.0)


def test_closing_bracket_has_its_blank_on_the_right():
    m = mark_metrics("》", "C", 1.0, ink(0.038, 0.477), "cns")
    assert (m.left, m.right) == (0.0, 0.5)


def test_proportional_glyphs_have_no_blank():
    # LXGW WenKai's curly quotes are 0.35 em glyphs (fonts.md).
    assert mark_metrics("“", "O", 0.35, ink(0.06, 0.31), "gb") is NO_BLANK


def test_cns_question_and_exclamation_marks_are_fixed():
    assert mark_metrics("？", "e", 1.0, ink(0.26, 0.719), "cns") is NO_BLANK
    assert mark_metrics("！", "e", 1.0, ink(0.444, 0.553), "cns") is NO_BLANK


def test_style_none_never_compresses():
    assert mark_metrics("，", "p", 1.0, ink(0.076, 0.229), "none") is NO_BLANK


def test_interpunct_frame_is_half_em_in_gb_and_one_em_in_cns():
    gb = mark_metrics("·", "M", 0.327, ink(0.102, 0.225), "gb")
    assert gb.pad_left + gb.pad_right + 0.327 == pytest.approx(0.5)
    assert (gb.left, gb.right) == (0.0, 0.0)
    cns = mark_metrics("·", "M", 0.327, ink(0.102, 0.225), "cns")
    assert cns.pad_left + cns.pad_right + 0.327 == pytest.approx(1.0)
    assert (cns.left, cns.right) == (0.25, 0.25)


def test_interpunct_is_never_narrowed_into_its_ink():
    m = mark_metrics("・", "M", 1.0, ink(0.2, 0.8), "gb")
    assert m.pad_left >= -0.2 and m.pad_right >= -0.2


@pytest.mark.parametrize(
    ("face", "style", "ch", "code", "blanks"),
    [
        ("serif-sc", "gb", "，", "p", (0.0, 0.5)),
        ("serif-sc", "gb", "。", "e", (0.0, 0.5)),
        ("serif-tc", "cns", "，", "p", (0.25, 0.25)),
        ("serif-tc", "cns", "。", "e", (0.25, 0.25)),
        ("serif-tc", "cns", "「", "O", (0.5, 0.0)),
        ("serif-sc", "gb", "”", "C", (0.0, 0.5)),
        ("kai-sc", "gb", "，", "p", (0.0, 0.5)),
        ("kai-sc", "gb", "“", "O", (0.0, 0.0)),
        ("kai-tc", "cns", "。", "e", (0.25, 0.25)),
    ],
)
def test_bundled_faces(face, style, ch, code, blanks):
    m = face_model(face, style).mark(ch, code)
    assert (m.left, m.right) == blanks


def test_em_dash_gets_one_em_so_a_pair_is_two():
    assert face_model("serif-sc", "gb").table["—"] == 1.0
