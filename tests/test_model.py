"""The issue model: reading order of an article's characters, lookups, positions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from epaper.errors import InputError, Problem
from epaper.model import Article, Paragraph, Photo, SourcePos, Subhead


def test_text_chars_in_reading_order():
    art = Article(id="a", title="主", kicker="引", subtitle="副", editor_note="按",
                  byline="文", body=(Paragraph("正文"), Subhead(("小", "標"))),
                  photos=(Photo(Path("p.jpg"), caption="圖說"),))
    assert art.text_chars() == "引主副按文正文小標圖說"


def test_model_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Article(id="a", title="t").title = "u"  # type: ignore[misc]


def test_source_pos_and_problem_format():
    assert str(SourcePos("a.md", 3)) == "a.md:3" and str(SourcePos("a.md")) == "a.md"
    assert str(Problem("a.md", 3, "bad")) == "a.md:3: bad"
    assert str(Problem("a.md", 0, "odd", severity="warning")) == "a.md: warning: odd"


def test_input_error_carries_every_problem():
    err = InputError([Problem("a", 1, "x"), Problem("b", 2, "y")])
    assert len(err.problems) == 2 and str(err) == "a:1: x\nb:2: y"
