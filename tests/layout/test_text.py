"""TextRuns from typeset lines: points from em, one run per face or role change."""

from __future__ import annotations

import pytest

from epaper import fonts
from epaper.layout.config import load_layout
from epaper.layout.text import Segment, runs_for_line, set_text


def test_runs_split_where_the_face_falls_back_and_keep_every_character():
    body = load_layout("tabloid").style("body")
    text = "金屬𬬻元素與鸊鷉同在"  # 𬬻 only in the SC faces, 鸊鷉 in none
    (line,) = set_text([Segment(text, "body")], 20, body, "zh-Hant")
    runs = runs_for_line(line, 10.0, 100.0, 9.0, 180.0, "start", "a")
    assert "".join(r.text for r in runs) == text
    faces = [(r.text, r.font) for r in runs]
    assert ("𬬻", "serif-sc") in faces
    assert ("鸊鷉", fonts.MISSING) in faces
    assert all(r.article_id == "a" and r.role == "body" for r in runs)
    # Advances are em × size and runs follow one another without gaps.
    for a, b in zip(runs, runs[1:], strict=False):
        assert b.x == pytest.approx(a.x + sum(a.advances), abs=1e-2)
    assert sum(sum(r.advances) for r in runs) == pytest.approx(sum(line.advances) * 9.0,
                                                               abs=1e-2)


def test_segments_carry_their_role_and_face():
    note = load_layout("tabloid").style("editor_note")
    segs = [Segment("編者按", "note_label", "sans-bold-tc"), Segment("　", "note_label"),
            Segment("寒冬臘月盛夏酷暑", "editor_note")]
    (line,) = set_text(segs, 30, note, "zh-Hant")
    runs = runs_for_line(line, 0.0, 0.0, 9.0, 270.0, "start")
    assert [(r.text, r.role, r.font) for r in runs] == [
        ("編者按", "note_label", "sans-bold-tc"), ("　", "note_label", "kai-tc"),
        ("寒冬臘月盛夏酷暑", "editor_note", "kai-tc")]


@pytest.mark.parametrize("align, x", [("start", 0.0), ("center", 36.0), ("end", 72.0)])
def test_alignment_in_the_box(align, x):
    title = load_layout("tabloid").style("title")
    (line,) = set_text([Segment("標題", "title")], 10, title, "zh-Hant", kind="headline")
    runs = runs_for_line(line, 0.0, 0.0, 18.0, 108.0, align)
    assert runs[0].x == pytest.approx(x)
