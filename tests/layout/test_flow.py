"""Body flow: columns end level, subheads never alone at a foot, overflow is kept."""

from __future__ import annotations

import pytest

from epaper.layout.flow import balance, fill, natural_depth
from epaper.layout.prepare import Unit
from epaper.layout.text import SetLine


def _line(text: str = "字", last: bool = False) -> SetLine:
    return SetLine(text, (1.0,) * len(text), ("serif-tc",) * len(text),
                   ("body",) * len(text), 0.0, last)


def _body(n: int) -> list[Unit]:
    return [Unit("body", (_line(),)) for _ in range(n)]


def _sub() -> Unit:
    return Unit("subhead", (_line(), _line()), pad=1, keep_next=True)


@pytest.mark.parametrize("lines, span", [(10, 3), (31, 4), (7, 2), (5, 5), (40, 1)])
def test_balanced_columns_end_within_one_line(lines, span):
    units = tuple(_body(lines))
    flow = balance(units, 0, (0,) * span, 100)
    assert flow.end == len(units)
    used = [b for b, col in zip(flow.bottoms, flow.columns, strict=True) if col]
    assert max(used) - min(used) <= 1
    assert max(flow.bottoms) == -(-lines // span)  # as shallow as it can be


def test_columns_under_a_photo_start_lower_and_still_end_level():
    units = tuple(_body(30))
    flow = balance(units, 0, (6, 6, 0), 100)
    assert max(flow.bottoms) - min(flow.bottoms) <= 1
    assert flow.columns[0][0] == (0, 6)


def test_subhead_moves_to_the_next_column_rather_than_stand_at_the_foot():
    units = tuple(_body(4) + [_sub()] + _body(6))
    flow = fill(units, 0, (0, 0), (6, 10))
    first = [i for i, _ in flow.columns[0]]
    assert 4 not in first  # the subhead and two lines do not fit under four lines
    assert flow.columns[1][0] == (4, 0)  # at a column top its blank line is dropped


def test_overflow_fills_to_the_foot_and_keeps_the_jump_line_free():
    units = tuple(_body(50))
    flow = balance(units, 0, (0, 0), 10, reserve_last=1)
    assert flow.end == 19
    assert flow.bottoms == (10, 9)


def test_natural_depth_is_the_smallest_that_fits():
    units = tuple(_body(9) + [_sub()] + _body(9))
    depth = natural_depth(units, 0, (2, 2, 2))
    assert fill(units, 0, (2, 2, 2), (depth,) * 3).end == len(units)
    assert fill(units, 0, (2, 2, 2), (depth - 1,) * 3).end < len(units)


def test_a_short_last_line_never_opens_a_column_alone():
    paragraph = [Unit("body", (_line("字" * 10),)) for _ in range(4)]
    units = tuple(paragraph + [Unit("body", (_line("字。", last=True),))] + _body(3))
    flow = fill(units, 0, (0, 0), (4, 10))
    assert [i for i, _ in flow.columns[1]][:2] == [3, 4]  # the line before came along
    assert flow.bottoms[0] == 3


def test_a_column_left_short_by_a_subhead_is_levelled_by_ending_earlier():
    # 7 lines, a subhead, 2 lines, a subhead, 4 lines in three columns: equal depths
    # leave the middle column 3 lines short (feet 7, 4, 6); ending the first column
    # one line early carries a body line over and the feet come level.
    units = tuple(_body(7) + [_sub()] + _body(2) + [_sub()] + _body(4))
    flow = balance(units, 0, (0, 0, 0), 100)
    assert flow.end == len(units)
    assert max(flow.bottoms) - min(flow.bottoms) <= 1
    for col in flow.columns:  # no subhead at the foot of a column
        assert units[col[-1][0]].role != "subhead"


def test_text_that_jumps_keeps_no_hole_at_a_foot_before_a_subhead():
    # Column 1 has 4 lines left when a two-line subhead comes: with two body lines
    # kept under it (5 lines) they would stay blank; a jumping flow cannot level the
    # columns otherwise, so the subhead stands at the foot over one body line.
    units = tuple(_body(6) + [_sub()] + _body(30))
    flow = balance(units, 0, (0, 0), 10, reserve_last=1)
    assert flow.end < len(units)
    assert flow.bottoms[0] == 10
    last = flow.columns[0][-2:]
    assert [units[i].role for i, _ in last] == ["subhead", "body"]


def test_the_depth_search_fills_as_fill_does():
    """natural_depth passes runs of plain lines by bisection (flow._fill_end); on
    random bodies (paragraph ends, short last lines, subheads, padded rows) and
    columns it ends where fill ends, for every prefix a jump may show."""
    import random

    from epaper.layout.flow import FlowIndex, _fill_end

    rng = random.Random(10)
    for _ in range(2000):
        units: list[Unit] = []
        for _ in range(rng.randint(0, 40)):
            kind = rng.random()
            if kind < 0.08:
                units.append(_sub())
            elif kind < 0.12:
                units.append(Unit("table", (_line(),) * rng.randint(1, 3), pad=1))
            elif kind < 0.25:
                units.append(Unit("body", (_line("字" * rng.randint(1, 3), last=True),)))
            else:
                units.append(Unit("body", (_line("字" * 10),)))
        full = tuple(units)
        ix = FlowIndex.of(full)
        span = rng.randint(1, 5)
        tops = tuple(rng.choice((0, 0, 3, 8)) for _ in range(span))
        limits = tuple(t + rng.randint(-1, 12) for t in tops)
        n = rng.randint(len(full) // 2, len(full))
        start = rng.randint(0, min(n, 3))
        assert _fill_end(ix, n, start, tops, limits) == fill(full[:n], start, tops,
                                                              limits).end
