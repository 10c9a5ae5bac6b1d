"""The sample issue laid out by the engine: a newspaper, not just passing checks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from epaper.assemble import assemble
from epaper.display import Box, Image, TextRun
from epaper.ingest import load_issue
from epaper.layout import layout_issue
from epaper.layout.config import load_layout

from .helpers import article_text

SAMPLE = Path(__file__).resolve().parents[2] / "issues" / "2023-01-10"


@pytest.fixture(scope="module")
def sample():
    if not SAMPLE.is_dir():
        pytest.skip("the sample issue is absent")
    plan = assemble(load_issue(SAMPLE))
    return plan, layout_issue(plan)


def test_front_page_leads_with_the_seed_story_and_its_photos(sample):
    plan, lay = sample
    page = lay.pages[0]
    lead = page.report.blocks[0]
    assert lead.article_id == "police-day"
    assert (lead.column, lead.top) == (0, 0) and lead.span >= 3
    # the paper's two photos are not available: two framed placeholder boxes inside
    # the lead's block, each with its caption under it
    rect = next(r for r in page.regions if r.article_id == "police-day").rects[0]
    boxes = [it for it in page.items if isinstance(it, Box) and it.fill is not None
             and rect.x <= it.x < rect.x + rect.w and rect.y <= it.y < rect.y + rect.h]
    assert len(boxes) == 2
    assert not [it for it in page.items if isinstance(it, Image)
                and it.article_id == "police-day"]
    captions = "".join(it.text for it in page.items if isinstance(it, TextRun)
                       and it.article_id == "police-day" and it.role == "caption")
    assert "110接線員在接警" in captions
    assert any(it.role == "masthead" for it in page.items if isinstance(it, TextRun))


def test_every_page_is_filled_on_the_grid(sample):
    plan, lay = sample
    g = load_layout(plan.issue.layout).grid
    for page in lay.pages:
        assert page.report.fill_ratio >= 0.85, (page.number, page.report.fill_ratio)
        assert not page.report.overset
        for it in page.items:
            if isinstance(it, TextRun) and it.role == "body":
                k = (it.y - g.baseline(0)) / g.pitch
                assert abs(k - round(k)) < 1e-3


def test_every_character_of_every_article_is_printed_once(sample):
    plan, lay = sample
    for page in plan.pages:
        for placed in page.articles:
            art = placed.article
            expected = "".join(art.text_chars().split())
            assert Counter(article_text(lay.pages, art.id)) == Counter(expected), art.id


def test_the_seed_story_jumps_to_the_page_it_names(sample):
    plan, lay = sample
    view = next(v for v in lay.articles if v.article_id == "police-day")
    assert view.pages[0] == 1 and view.continued_on == 2
    jumps = ["".join(it.text for it in p.items if isinstance(it, TextRun)
                     and it.role == "jump" and it.article_id == "police-day")
             for p in lay.pages[:2]]
    assert jumps == ["（下轉第2版）", "（上接第1版）"]
