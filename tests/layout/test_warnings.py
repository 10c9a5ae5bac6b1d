"""Typesetter warnings reach the page report with the paragraph's file and line."""

from __future__ import annotations

import logging
from dataclasses import replace

from epaper.layout import finalize, layout_drafts
from epaper.layout.config import load_layout
from epaper.model import Paragraph, SourcePos

from .helpers import article, plan


def test_a_number_wider_than_the_column_is_reported_at_its_line(caplog):
    art = article("table", [200, 150], priority=1)
    stock = Paragraph("上證指數" + "302442.432434.564460.282331.06" + "點。",
                      SourcePos("issues/x/articles/table.md", 17))
    art = replace(art, body=art.body + (stock,))
    p = plan([[art]])
    cfg = load_layout("tabloid")
    with caplog.at_level(logging.WARNING):
        page = finalize(p, cfg, layout_drafts(p, cfg)).pages[0]
    # broken at a safe point (layout/overlong.py), each break reported at its line
    located = [w for w in page.warnings if "wider than the column: broken after" in w]
    assert located and located[0].startswith("issues/x/articles/table.md:17: article table:")
    assert not [w for w in page.warnings if "overflows the measure" in w]
    # reported through the page, not as an unlocated log line on stderr
    assert not [r for r in caplog.records if "wider than" in r.getMessage()]
