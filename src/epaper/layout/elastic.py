"""Elastic heights: what a block, or a rectangle of blocks, costs at each height.

A rectangle of ``width`` columns can take any height from ``lo`` lines up; its cost
at ``lo + k`` is ``costs[k]``, and beyond the last entry every further line is a
hole across its width (HOLE per cell). The functions are convex (the cheap ways to
use a line come first: bigger photos, a bigger head, air, then blank, then holes),
so stacking two rectangles (the same width, heights added) is a min-plus
convolution done by merging slopes, and setting two side by side (the same height,
widths added) is a sum: both linear in the lengths. This is the "shape function" of
guillotine layout (Gange, Marriott & Stuckey, "Optimal guillotine layout", DocEng
2012), with costs instead of a single best height.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from operator import add

#: Cost of one grid cell of white beyond a block's designed slack: a hole on the page.
#: Three times a blank line under balanced columns (1 per cell), so the placement
#: spends every other lever before it opens one.
HOLE = 3.0
#: Cost of one grid cell booked for an ad (廣告位, :mod:`.filler`) under a block or
#: in a position of its own: dearer than a blank cell (1), so every lever of the copy
#: goes first, and cheaper than a hole: the midpoint of the two.
FILL = 2.0
#: Fewest lines of a booked position. White of fewer lines is no hole by the desk
#: check (five 13.5 pt lines are 24 mm, under the 25 mm hole) and no ad is that small.
MIN_BOOK = 5
INF = float("inf")


#: Most lines any page has (the tail tables below cover this many lines past a
#: rectangle's designed height).
MAX_LINES = 512
_TAILS: dict[int, tuple[float, ...]] = {}


def tail(width: int) -> tuple[float, ...]:
    """beyond(width, e) for every e below MAX_LINES, built once per width (the
    placement asks for these millions of times)."""
    found = _TAILS.get(width)
    if found is None:
        found = _TAILS[width] = tuple(beyond(width, e) for e in range(MAX_LINES))
    return found


def beyond(width: int, extra: int) -> float:
    """Cost of ``extra`` lines past a rectangle's designed height: blank white (a hole
    when it is large) for a few lines, a booked position from MIN_BOOK lines on."""
    if extra >= MIN_BOOK:
        return width * FILL * extra
    return width * HOLE * extra


@dataclass(frozen=True, slots=True, eq=False)
class Elastic:
    """Cost by height of a rectangle ``width`` columns wide (convex in the height).

    Compared and hashed by identity: the placement keys its memo with them."""

    lo: int
    costs: tuple[float, ...]
    width: int
    # Worked out on first use: the placement asks for them many times per rectangle.
    _best: tuple[float, int] | None = field(default=None, init=False, repr=False)
    _slopes: tuple[float, ...] | None = field(default=None, init=False, repr=False)
    _drop: float | None = field(default=None, init=False, repr=False)

    @property
    def hi(self) -> int:
        """Tallest height with a designed (hole-free) cost."""
        return self.lo + len(self.costs) - 1

    def at(self, h: int) -> float:
        """Cost at height ``h`` (infinite below ``lo``; holes beyond ``hi``)."""
        k = h - self.lo
        if k < 0:
            return INF
        n = len(self.costs)
        if k < n:
            return self.costs[k]
        return self.costs[-1] + tail(self.width)[k - n + 1]

    @property
    def best(self) -> tuple[float, int]:
        """The least cost and the height it is reached at (the lowest such)."""
        found = self._best
        if found is None:
            c = min(self.costs)
            found = (c, self.lo + self.costs.index(c))
            object.__setattr__(self, "_best", found)
        return found

    @property
    def drop(self) -> float:
        """The sum of the negative slopes (how far the costs can fall from the first)."""
        found = self._drop
        if found is None:
            found = sum(s for s in self.slopes if s < 0)
            object.__setattr__(self, "_drop", found)
        return found

    @property
    def slopes(self) -> tuple[float, ...]:
        """Cost of each line added from ``lo`` on (non-decreasing: convex)."""
        found = self._slopes
        if found is None:
            c = self.costs
            found = tuple([b - a for a, b in zip(c, c[1:], strict=False)])
            object.__setattr__(self, "_slopes", found)
        return found

    def span(self, lo: int, hi: int) -> list[float]:
        """Costs at heights ``lo`` … ``hi`` (``lo`` ≥ self.lo), holes included."""
        a = lo - self.lo
        n = len(self.costs)
        out = list(self.costs[a:hi - self.lo + 1])
        if hi - self.lo >= n:
            last = self.costs[-1]
            start = max(n, a)
            more = tail(self.width)[start - n + 1:hi - self.lo - n + 2]
            out.extend([last + t for t in more])
        return out


def convex(lo: int, costs: list[float], width: int) -> Elastic:
    """The lower convex envelope of exact per-height costs (``inf`` where a height
    cannot be made), extended by holes: what the placement composes with. The block
    itself is later made with its exact cheapest configuration at the chosen height."""
    pts = [(lo + k, c) for k, c in enumerate(costs) if c < INF]
    hole = width * HOLE
    hull: list[tuple[int, float]] = []
    for p in pts:
        while len(hull) >= 2 and _cross(hull[-2], hull[-1], p) <= 0:
            hull.pop()
        hull.append(p)
    out = [hull[0][1]]
    for (x0, y0), (x1, y1) in zip(hull, hull[1:], strict=False):
        slope = min((y1 - y0) / (x1 - x0), hole)
        out.extend(y0 + slope * (x - x0) for x in range(x0 + 1, x1 + 1))
    # The envelope's slopes must stay below the hole rate to remain convex.
    for k in range(1, len(out)):
        out[k] = min(out[k], out[k - 1] + hole)
    return Elastic(hull[0][0], tuple(out), width)


def _cross(o: tuple[int, float], a: tuple[int, float], b: tuple[int, float]) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def stack(top: Elastic, bottom: Elastic, limit: int) -> Elastic:
    """Two rectangles of one width, one above the other: heights add. Entries above
    ``limit`` lines are dropped (no page is taller)."""
    slopes = sorted(top.slopes + bottom.slopes)
    lo = top.lo + bottom.lo
    keep = max(0, min(len(slopes), limit - lo))
    costs = tuple(accumulate(slopes[:keep], initial=top.costs[0] + bottom.costs[0]))
    return Elastic(lo, costs, top.width)


def beside(left: Elastic, right: Elastic) -> Elastic:
    """Two rectangles of one height side by side: widths add, costs add."""
    lo = max(left.lo, right.lo)
    hi = max(left.hi, right.hi, lo)
    costs = tuple(map(add, left.span(lo, hi), right.span(lo, hi)))
    return Elastic(lo, costs, left.width + right.width)
