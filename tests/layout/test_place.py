"""Placement in pictures: a page of N columns drawn as letters, one per grid cell.

Each test lays out synthetic articles on the small 4-column, 22-line text area of
``helpers.SMALL_LAYOUT`` and compares the blocks with the expected picture (the
first letter of each article id; ``.`` is a cell no block covers)."""

from __future__ import annotations

import textwrap

import pytest

from epaper.layout import layout_drafts
from epaper.layout.place import Spot, distribute, stretch
from epaper.model import Placement

from .helpers import article, plan, small_layout

CFG = small_layout()


def pictures(pages, **kw) -> list[str]:
    """The blocks of every page of the plan, drawn as letters."""
    drafts = layout_drafts(plan(pages, **kw), CFG)
    rows = CFG.grid.lines - CFG.header_lines
    out = []
    for d in drafts:
        grid = [["."] * CFG.grid.columns for _ in range(rows)]
        for b in d.report.blocks:
            for c in range(b.column, b.column + b.span):
                for r in range(b.top, b.top + b.lines):
                    assert grid[r][c] == ".", f"overlap at column {c}, line {r}"
                    grid[r][c] = b.article_id[0].upper()
        out.append("\n".join("".join(row) for row in grid))
    return out


def expect(picture: str) -> str:
    return textwrap.dedent(picture).strip()


def test_lead_on_top_then_short_items_narrow_beside_the_others():
    # b and c (7 lines) set 4 wide would show 2 lines a column: they go 1 column wide.
    pages = [[article("a", [120, 100], priority=1), article("b", [70]), article("c", [70]),
              article("d", [110, 90])]]
    assert pictures(pages) == [expect("""
        AAAB
        AAAB
        AAAB
        AAAB
        AAAB
        AAAB
        AAAB
        AAAB
        AAAB
        AAAB
        AAAB
        DDDC
        DDDC
        DDDC
        DDDC
        DDDC
        DDDC
        DDDC
        DDDC
        DDDC
        DDDC
        DDDC
    """)]


def test_short_items_stand_beside_each_other():
    pages = [[article("a", [150, 100], priority=1), article("b", [50, 40]),
              article("c", [45, 40]), article("d", [40, 45]), article("e", [30, 30])]]
    assert pictures(pages) == [expect("""
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        DCBB
        DCBB
        DCBB
        DCBB
        DCBB
        DCBB
        DCBB
        DCEE
        DCEE
        DCEE
        DCEE
        DCEE
        DCEE
    """)]


def test_manual_placement_wins():
    pages = [[article("a", [120, 100], priority=1), article("b", [80, 60]),
              article("c", [90, 70])]]
    got = pictures(pages, placements={"c": Placement(column=1, span=1)})
    assert got == [expect("""
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CAAA
        CBBB
        CBBB
        CBBB
        CBBB
        CBBB
        CBBB
        CBBB
        CBBB
        CBBB
        CBBB
    """)]


def test_manual_height_is_kept():
    pages = [[article("a", [60, 40], priority=1), article("b", [80, 60])]]
    got = pictures(pages, placements={"a": Placement(column=2, span=3, height=6)})
    rows = got[0].splitlines()
    assert [row[1:] for row in rows].count("AAA") == 6
    assert rows[0][1:] == "AAA"


def test_a_long_lead_jumps_to_the_page_it_names():
    pages = [[article("a", [300, 250, 250], priority=1), article("b", [80, 60]),
              article("c", [60, 50])],
             [article("d", [100, 50], priority=1)]]
    got = pictures(pages, continue_on={"a": 2})
    assert got == [expect("""
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        CCBB
        CCBB
        CCBB
        CCBB
        CCBB
        CCBB
        CCBB
        CCBB
        CCBB
        CCBB
        CCBB
    """), expect("""
        DDDD
        DDDD
        DDDD
        DDDD
        DDDD
        DDDD
        DDDD
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
        AAAA
    """)]


def test_air_is_shared_between_bands_and_blocks_grow_into_holes():
    spots = (Spot(0, 0, 4, 0, 5, 4, 5), Spot(1, 0, 2, 5, 4, 2, 4), Spot(2, 2, 2, 5, 2, 2, 2))
    shared = distribute(spots, 15)
    assert [(s.top, s.lines) for s in shared] == [(0, 8), (8, 7), (8, 2)]
    grown = stretch(shared, 4, 15)
    assert [(s.top, s.lines) for s in grown] == [(0, 8), (8, 7), (8, 7)]


def test_room_below_a_stack_of_short_items_is_shared_by_the_stack():
    # Three items stacked in column 4 beside a tall block: the 6 lines under the
    # lowest are shared (2 each), not left as one hole at its foot.
    spots = (Spot(0, 0, 3, 0, 20, 3, 20), Spot(1, 3, 1, 0, 5, 1, 5),
             Spot(2, 3, 1, 5, 4, 1, 4), Spot(3, 3, 1, 9, 5, 1, 5))
    grown = stretch(spots, 4, 20)
    assert [(s.top, s.lines) for s in grown] == [(0, 20), (0, 7), (7, 6), (13, 7)]


def test_head_air_is_at_most_two_lines_and_the_rest_stays_under_the_text():
    from epaper.display import TextRun
    from epaper.layout.block import Piece, compose, natural_lines, shape
    from epaper.layout.prepare import prepare

    piece = Piece(prepare(article("h", [60, 40], priority=3), CFG))
    natural = natural_lines(piece, 2, 2, CFG)
    block = compose(piece, 0, 2, 0, natural + 8, 2, CFG)  # eight lines to spare
    head = shape(piece, 2, 2, CFG).head.height
    g = CFG.grid
    first = min(it.y for it in block.items if isinstance(it, TextRun) and it.role == "body")
    assert first == pytest.approx(g.baseline(head + CFG.rules.head_air_lines), abs=0.01)


def test_a_short_item_is_never_set_shallower_than_the_template_asks_when_it_can_go_narrow():
    pages = [[article("a", [150, 100], priority=1), article("b", [50, 40]),
              article("c", [120, 100])]]
    drafts = layout_drafts(plan(pages), CFG)
    least = CFG.rules.min_column_lines
    for b in drafts[0].report.blocks:
        if b.span > 1:
            # head of one line; the rest is body, at least `least` lines a column
            assert b.lines - 1 >= least, b
