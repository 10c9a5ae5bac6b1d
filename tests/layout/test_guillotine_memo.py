"""The placement's shared memo only saves time: a page arranged after other pages (or
after itself with one piece fewer) comes out as it does in a fresh process."""

from __future__ import annotations

import random

from epaper.layout import guillotine
from epaper.layout.elastic import convex
from epaper.layout.guillotine import arrange
from epaper.layout.options import Leaf

COLUMNS, ROWS = 4, 40


def _piece(rng: random.Random) -> tuple[tuple[int, Leaf], ...]:
    cells = rng.randint(20, 90)
    out = []
    for span in range(1, COLUMNS + 1):
        lo = max(3, cells // span)
        costs = [rng.randint(0, 6) / 2 + span * k for k in range(rng.randint(2, 12))]
        elastic = convex(lo, costs, span)
        out.append((span, Leaf(span, lo, tuple(costs), (None,) * len(costs), elastic)))
    return tuple(out)


def test_a_run_solved_as_the_whole_page_does_not_answer_it_as_a_part():
    rng = random.Random(7)
    differed = 0
    for _ in range(60):
        pieces = [_piece(rng) for _ in range(rng.randint(2, 5))]
        extra = _piece(rng)
        weights = [float(rng.randint(20, 90)) for _ in range(len(pieces) + 1)]
        guillotine._RUNS.clear()
        fresh = arrange(pieces + [extra], COLUMNS, ROWS, weights)
        guillotine._RUNS.clear()
        alone = arrange(pieces, COLUMNS, ROWS, weights[:-1])  # the page before a jump …
        after = arrange(pieces + [extra], COLUMNS, ROWS, weights)  # … and with it
        assert after == fresh
        differed += alone is not None and fresh is not None and alone.cost != fresh.cost
    assert differed  # the two arrangements are really different problems
