"""Line values: faces per character, fallback faces, runs for the layout engine."""

from __future__ import annotations

import dataclasses

import pytest

from epaper import fonts
from epaper.typeset import set_paragraph


def test_line_is_frozen_and_faces_match_text():
    (line,) = set_paragraph("中文", 10, indent=0)
    assert line.faces == ("serif-sc", "serif-sc")
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.width = 0  # type: ignore[misc]


def test_fallback_face_for_a_character_the_face_lacks():
    ch = "們"
    assert not fonts.has_glyph("serif-sc", ch) and fonts.has_glyph("serif-tc", ch)
    (line,) = set_paragraph(f"我{ch}好", 10, indent=0)
    assert line.faces == ("serif-sc", "serif-tc", "serif-sc")
    runs = line.runs()
    assert [r.face for r in runs] == ["serif-sc", "serif-tc", "serif-sc"]
    assert runs[2].x == pytest.approx(sum(line.advances[:2]))


def test_missing_character_gets_one_em_and_the_missing_face():
    (line,) = set_paragraph("中\ue000文", 10, indent=0)
    assert line.faces[1] == fonts.MISSING
    assert line.advances[1] == 1.0


def test_requested_face_is_used():
    (line,) = set_paragraph("中文", 10, kind="headline", font="sans-bold-sc")
    assert set(line.faces) == {"sans-bold-sc"}
    assert line.runs()[0].text == "中文"
