"""The desk check of a laid-out page: white holes in its text area.

A layout desk sends no page with a white area of 25 × 25 mm or more that nothing
explains. The check is made on the display list as printed: ink is every text run's
em box, every photo and box; a block's head zone (its head with the air around it,
designed white) counts as used; rules do not count, since a rule through white
leaves it white. The text area is rasterised at RESOLUTION and an empty square of
the hole size is searched with bit-parallel erosion (each grid row is one Python
integer), then the squares are grouped into holes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..display import Box, Hole, Image, Item, Rect, TextRun

MM = 72 / 25.4
#: Side of the smallest white square that is a hole.
HOLE_MM = 25.0
#: Points per cell of the raster: fine enough that a hole is never missed by more
#: than a cell and a half, coarse enough to check a broadsheet page in milliseconds.
RESOLUTION = 1.5
#: Share of a text run's size above and below its baseline (the em box).
ASCENT, DESCENT = 0.88, 0.12


def find_holes(items: Iterable[Item], area: Rect, used: Iterable[Rect] = ()) -> tuple[Hole, ...]:
    """White areas of at least HOLE_MM square inside ``area`` (points), ``used`` being
    designed white that counts as filled (head zones)."""
    cols = max(1, math.ceil(area.w / RESOLUTION))
    nrows = max(1, math.ceil(area.h / RESOLUTION))
    full = (1 << cols) - 1
    ink = [0] * nrows

    def mark(x: float, y: float, w: float, h: float) -> None:
        c0 = max(0, math.floor((x - area.x) / RESOLUTION))
        c1 = min(cols, math.ceil((x + w - area.x) / RESOLUTION))
        r0 = max(0, math.floor((y - area.y) / RESOLUTION))
        r1 = min(nrows, math.ceil((y + h - area.y) / RESOLUTION))
        if c1 <= c0 or r1 <= r0:
            return
        bits = ((1 << (c1 - c0)) - 1) << c0
        for r in range(r0, r1):
            ink[r] |= bits

    for it in items:
        if isinstance(it, TextRun):
            mark(it.x, it.y - ASCENT * it.size, sum(it.advances), it.size)
        elif isinstance(it, (Image, Box)):
            mark(it.x, it.y, it.w, it.h)
    for r in used:
        mark(r.x, r.y, r.w, r.h)
    # The hole side in cells, rounded down: a hole is never missed, and a square at
    # most a cell short of HOLE_MM may be reported.
    side = max(1, math.floor(HOLE_MM * MM / RESOLUTION))
    if side > cols or side > nrows:
        return ()
    empty = [(~row) & full for row in ink]
    wide = [_erode(e, side) for e in empty]
    corners = _erode_rows(wide, side)
    return _group(corners, side, area)


def _erode(x: int, n: int) -> int:
    """Bit i set where bits i … i+n-1 of ``x`` are all set."""
    have = 1
    while have < n and x:
        step = min(have, n - have)
        x &= x >> step
        have += step
    return x


def _erode_rows(rows: list[int], n: int) -> list[int]:
    """Row r set where rows r … r+n-1 are all set (bitwise, per column)."""
    out = list(rows)
    have = 1
    while have < n:
        step = min(have, n - have)
        out = [out[r] & out[r + step] if r + step < len(out) else 0
               for r in range(len(out))]
        have += step
    return out


def _runs(x: int) -> list[tuple[int, int]]:
    out = []
    i = 0
    while x:
        if x & 1:
            j = i
            while x & 1:
                x >>= 1
                j += 1
            out.append((i, j))
            i = j
        else:
            low = (x & -x).bit_length() - 1
            x >>= low
            i += low
    return out


def _group(corners: list[int], side: int, area: Rect) -> tuple[Hole, ...]:
    """Connected sets of square corners, each reported as the box its squares cover."""
    parent: list[int] = []
    boxes: list[list[int]] = []  # c0, c1, r0, r1 of each component (corner cells)

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    previous: list[tuple[int, int, int]] = []
    for r, row in enumerate(corners):
        current = []
        for c0, c1 in _runs(row):
            k = len(parent)
            parent.append(k)
            boxes.append([c0, c1, r, r + 1])
            for p0, p1, pk in previous:
                if p0 < c1 and c0 < p1:
                    a, b = find(k), find(pk)
                    if a != b:
                        parent[b] = a
                        ba, bb = boxes[a], boxes[b]
                        boxes[a] = [min(ba[0], bb[0]), max(ba[1], bb[1]),
                                    min(ba[2], bb[2]), max(ba[3], bb[3])]
            current.append((c0, c1, k))
        previous = current
    out = []
    for k in range(len(parent)):
        if find(k) != k:
            continue
        c0, c1, r0, r1 = boxes[k]
        x = area.x + c0 * RESOLUTION
        y = area.y + r0 * RESOLUTION
        w = (c1 - c0 + side - 1) * RESOLUTION
        h = (r1 - r0 + side - 1) * RESOLUTION
        out.append(Hole(round(x / MM, 1), round(y / MM, 1), round(w / MM, 1),
                        round(h / MM, 1)))
    return tuple(sorted(out, key=lambda hl: (hl.y, hl.x)))
