"""Placement in pictures: the cases a layout desk cares about, on the small 4-column,
22-line text area of ``helpers.SMALL_LAYOUT``. Each grid cell is drawn as the first
letter of the article whose block covers it, ``+`` where the page books space its
copy cannot fill (廣告位), ``.`` where nothing is (a hole).

The pictures were checked by eye for what a desk asks (every article on its page,
the lead on top across most of the page, short items narrow, no white) and are kept
so that a change in the placement shows as a changed picture."""

from __future__ import annotations

import re
import textwrap

import pytest
from PIL import Image as PILImage

from epaper.display import TextRun
from epaper.layout import CopyFitError, finalize, layout_drafts

from .helpers import article, photo, plan, small_layout

CFG = small_layout()
ROWS = CFG.grid.lines - CFG.header_lines


def pictures(p) -> list[str]:
    """Every page of the plan as rows of letters."""
    lay = finalize(p, CFG, layout_drafts(p, CFG))
    g = CFG.grid
    out = []
    for page in lay.pages:
        grid = [["."] * g.columns for _ in range(ROWS)]
        for b in page.report.blocks:
            for c in range(b.column, b.column + b.span):
                for r in range(b.top, b.top + b.lines):
                    assert grid[r][c] == ".", f"overlap at column {c}, line {r}"
                    grid[r][c] = b.article_id[0]
        for rect in page.report.booked:
            first = round((rect.y - g.line_y(CFG.header_lines)) / g.pitch)
            for r in range(first, first + round(rect.h / g.pitch)):
                for c in range(g.columns):
                    x = g.column_x(c)
                    if rect.x - 0.01 <= x < rect.x + rect.w - 0.01:
                        assert grid[r][c] == ".", f"booked over a block at {c}, {r}"
                        grid[r][c] = "+"
        out.append("\n".join("".join(row) for row in grid))
        assert not page.report.holes, page.report.holes
    return out


def expect(picture: str) -> str:
    return textwrap.dedent(picture).strip()


def _photo_file(tmp_path):
    path = tmp_path / "lead.jpg"
    PILImage.new("RGB", (1200, 900), (120, 140, 160)).save(path, quality=80)
    return path


def test_a_lead_with_a_photo_and_four_shorts(tmp_path):
    lead = article("L", [150, 100], priority=1, photos=[photo(_photo_file(tmp_path))])
    shorts = [article(aid, [40, 30], priority=3) for aid in "abcd"]
    [page] = pictures(plan([[lead, *shorts]]))
    rows = page.splitlines()
    # The lead on top, across at least three fifths of the page; every short on it.
    assert rows[0].count("L") >= 3
    assert set("Labcd") <= set(page)
    assert page == expect(PICTURES["lead_and_four_shorts"])


def test_twenty_briefs_all_on_their_page():
    briefs = [article(f"{chr(ord('a') + i)}", [12], priority=5) for i in range(20)]
    [page] = pictures(plan([briefs]))
    assert set(page) - set(".+\n") == {chr(ord("a") + i) for i in range(20)}
    assert page == expect(PICTURES["twenty_briefs"])


def test_an_article_longer_than_its_page_jumps_once_to_the_page_it_names():
    long = article("X", [300] * 4, priority=1, continue_on=2)
    other = article("y", [80, 60], priority=2)
    first, second = pictures(plan([[long], [other]]))
    assert set(first) - set("+\n") == {"X"}
    assert "X" in second and "y" in second
    assert (first, second) == (expect(PICTURES["long_first"]),
                               expect(PICTURES["long_second"]))


def test_an_article_longer_than_the_whole_issue_fails_with_the_copy_fit_report():
    with pytest.raises(CopyFitError) as err:
        pictures(plan([[article("X", [400] * 8, priority=1)]]))
    [problem] = err.value.problems
    assert "cut article X by" in problem.message


PICTURES = {
    "lead_and_four_shorts": """
        LLLL
        LLLL
        LLLL
        LLLL
        LLLL
        LLLL
        LLLL
        LLLL
        LLLL
        LLLL
        LLLL
        abcd
        abcd
        abcd
        abcd
        abcd
        abcd
        abcd
        abcd
        abcd
        abcd
        abcd
    """,
    "twenty_briefs": """
        aaae
        aaae
        bcde
        bcde
        bcde
        fghi
        fghi
        fghi
        jklm
        jklm
        jklm
        jkln
        jkln
        jkln
        jkln
        opqr
        opqr
        opqr
        opst
        opst
        opst
        opst
    """,
    "long_first": """
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
    """,
    "short_of_copy": """
        aaaa
        aaaa
        aaaa
        aaaa
        aaaa
        aaaa
        aaaa
        aaaa
        bbbb
        bbbb
        bbbb
        bbbb
        bbbb
        bbbb
        bbbb
        bbbb
        bbbb
        ++++
        ++++
        ++++
        ++++
        ++++
    """,
    "long_second": """
        yyyy
        yyyy
        yyyy
        yyyy
        yyyy
        yyyy
        yyyy
        yyyy
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
        XXXX
    """,
}


def test_a_page_short_of_copy_books_the_rest_and_says_so():
    # Two short items cannot fill the page with any lever: the rest is booked as a
    # framed ad position (廣告位), named in a warning with its size, never left white.
    p = plan([[article("a", [60, 40], priority=1), article("b", [50], priority=3)]])
    [page] = pictures(p)
    assert "+" in page and "." not in page
    lay = finalize(p, CFG, layout_drafts(p, CFG))
    [warning] = [w for w in lay.pages[0].warnings if "booked position" in w]
    assert "book an ad or add" in warning
    boxes = [it for it in lay.pages[0].items if type(it).__name__ == "Box"]
    assert len(boxes) >= len(lay.pages[0].report.booked) >= 1
    assert page == expect(PICTURES["short_of_copy"])


def test_an_empty_page_is_booked_whole():
    p = plan([[article("a", [300, 300], priority=1)], []])
    _, empty = pictures(p)
    assert set(empty) == {"+", "\n"}


def test_a_page_that_needs_two_cuts_names_both_and_allowed_prints_both():
    # Cutting the longest article to its first lines is not enough: the report names
    # every cut the page needs, and --allow-overset marks each in print.
    p = plan([[article("A", [300] * 6, priority=1), article("B", [300] * 5, priority=2)]])
    with pytest.raises(CopyFitError) as err:
        layout_drafts(p, CFG)
    named = {m.group(1) for m in (re.search(r"cut article (\S+) by", e.message)
                                  for e in err.value.problems) if m}
    assert named == {"A", "B"}
    lay = finalize(p, CFG, layout_drafts(p, CFG, allow_overset=True))
    marks = [it for it in lay.pages[0].items
             if isinstance(it, TextRun) and "未完" in it.text]
    assert {m.article_id for m in marks} == {"A", "B"}
