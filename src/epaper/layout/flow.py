"""Flow the body units of a block through its columns, balanced so columns end level.

Pure integer work on grid lines: a column is a list of (unit index, first line) pairs.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import product

from .prepare import Unit

#: Body lines a subhead needs below it in the same column (never alone at the foot).
KEEP_LINES = 2
#: Widest block whose column feet are searched one by one when they end ragged.
MAX_SEARCH_SPAN = 5


@dataclass(frozen=True)
class Flow:
    """Where the units went: per column, (unit index, grid line of its first text line)."""

    columns: tuple[tuple[tuple[int, int], ...], ...]
    end: int  # index of the first unit not placed (== len(units) when all fit)
    bottoms: tuple[int, ...]  # first free grid line per column

    @property
    def depth(self) -> int:
        """Grid lines down to the lowest column foot."""
        return max(self.bottoms) if self.bottoms else 0


def fill(units: tuple[Unit, ...], start: int, tops: tuple[int, ...],
         limits: tuple[int, ...], keep: int = KEEP_LINES) -> Flow:
    """Fill columns in order from unit ``start``; column c holds lines tops[c]..limits[c]-1.

    A subhead goes at a column's foot only with ``keep`` body lines under it."""
    i = start
    cols = []
    bottoms = []
    n = len(units)
    for top, limit in zip(tops, limits, strict=True):
        y = top
        placed = []
        while i < n:
            h = _takes(units, i, n, y, top, limit, keep)
            if h < 0:
                break
            placed.append((i, y + h - len(units[i].lines)))  # after its pad
            y += h
            i += 1
        if i < n and len(placed) > 1 and _widow(units, i) and placed[-1][0] == i - 1:
            # A paragraph's last one or two characters never open a column alone
            # (cjk-typesetting.md §7.4): the line before goes with them.
            placed.pop()
            y -= len(units[i - 1].lines)
            i -= 1
        cols.append(tuple(placed))
        bottoms.append(y)
    return Flow(tuple(cols), i, tuple(bottoms))


def _widow(units: tuple[Unit, ...], i: int) -> bool:
    """True when unit ``i`` is a paragraph's short last line and follows its own text."""
    unit, before = units[i], units[i - 1]
    if unit.role != "body" or before.role != "body" or before.lines[-1].last:
        return False
    line = unit.lines[0]
    return line.last and len("".join(line.text.split())) <= 2


def balance(units: tuple[Unit, ...], start: int, tops: tuple[int, ...], height: int,
            reserve_last: int = 0) -> Flow:
    """The level flow of units from ``start`` in columns of ``height`` lines.

    Finds the shallowest depth E at which everything fits, then lets the last columns
    end one line higher where that still fits, so column feet differ by at most one
    line. The last column keeps ``reserve_last`` lines free under its text (a jumping
    article's 下轉 line). When nothing fits within ``height``, columns are filled to
    the foot."""
    n_units = len(units)
    span = len(tops)

    def lim(limits: tuple[int, ...]) -> tuple[int, ...]:
        return limits[:-1] + (limits[-1] - reserve_last,)

    full = lim(tuple([height] * span))
    flow = fill(units, start, tops, full)
    if flow.end < n_units:
        limits = full
        strict = fill(units, start, tops, limits)
        # Text that jumps cannot move lines between columns to level them: where a
        # subhead would leave a hole at a foot, it stands there over one body line.
        loose = fill(units, start, tops, limits, keep=1)
        if _holes(loose, limits) < _holes(strict, limits) and loose.end >= strict.end:
            return loose
        return strict
    total = _remaining(units, start)
    lower = max(min(tops), -(-(sum(tops) + total + reserve_last) // span))
    depth = height
    for e in range(max(lower, 0), height + 1):
        trial = fill(units, start, tops, lim(tuple([e] * span)))
        if trial.end == n_units:
            depth = e
            flow = trial
            break
    # A subhead that may not stand at a foot can leave a column short; a line or two
    # more depth, or shorter last columns, often brings the feet level again.
    best = (unevenness(flow), depth, 0, flow)
    for e in range(depth, min(depth + 3, height) + 1):
        for short in range(span - 1, -1, -1):
            trial = fill(units, start, tops, lim(tuple([e] * (span - short) + [e - 1] * short)))
            if trial.end == n_units:
                key = (unevenness(trial), e, -short, trial)
                if key[:3] < best[:3]:
                    best = key
        if best[0] <= 1:
            break
    if best[0] > 1 and span <= MAX_SEARCH_SPAN:
        # Still ragged: let any column end one or two lines early, so a subhead moves
        # to the next column's top with a body line or two, and the feet level again.
        depth = best[1]
        for limits in product(*[(depth, depth - 1, depth - 2)] * span):
            trial = fill(units, start, tops, lim(limits))
            if trial.end == n_units and all(trial.columns):
                key = (unevenness(trial), max(trial.bottoms), 0, trial)
                if key[:2] < best[:2]:
                    best = key
    return best[3]


def _holes(flow: Flow, limits: tuple[int, ...]) -> int:
    """Blank lines of at least three at the feet of the columns of a full flow."""
    return sum(gap for gap in (lim - b for b, lim in zip(flow.bottoms, limits, strict=True))
               if gap >= 3)


def unevenness(flow: Flow) -> int:
    """How far apart the feet of the columns are, in grid lines. An empty column's
    foot is its top: a column left empty is the widest hole a block can have."""
    return max(flow.bottoms) - min(flow.bottoms) if flow.bottoms else 0


@dataclass(frozen=True)
class FlowIndex:
    """Sums over a body's units, worked out once per article, so the depth search
    (:func:`natural_depth_in`) passes a run of plain lines in one step: ``lines[k]``
    is the text lines of units before k, ``heights[k]`` the same with their pads,
    and ``special[k]`` the first unit from k on with a pad or a keep rule (the
    length of ``units`` when none)."""

    units: tuple[Unit, ...]
    lines: tuple[int, ...]
    heights: tuple[int, ...]
    special: tuple[int, ...]

    @staticmethod
    def of(units: tuple[Unit, ...]) -> FlowIndex:
        """The index of ``units``."""
        lines = [0]
        heights = [0]
        for u in units:
            lines.append(lines[-1] + len(u.lines))
            heights.append(heights[-1] + u.height)
        special = [len(units)] * (len(units) + 1)
        for k in range(len(units) - 1, -1, -1):
            u = units[k]
            special[k] = k if u.pad or u.keep_next else special[k + 1]
        return FlowIndex(units, tuple(lines), tuple(heights), tuple(special))


def _takes(units: tuple[Unit, ...], i: int, n: int, y: int, top: int, limit: int,
           keep: int) -> int:
    """Grid lines unit ``i`` takes placed at line ``y`` of a column from ``top`` to
    ``limit`` (its pad above it, unless it opens the column), or -1 when it does not
    fit there: too tall, or a keep rule (a subhead with fewer than ``keep`` lines
    under it at the foot) sends it to the next column."""
    unit = units[i]
    h = (unit.pad if y > top else 0) + len(unit.lines)
    if y + h > limit:
        return -1
    if unit.keep_next and i + 1 < n and y > top:
        need = sum(len(units[j].lines) for j in range(i + 1, min(n, i + 1 + keep)))
        if y + h + min(need, keep) > limit:
            return -1
    return h


def _fill_end(ix: FlowIndex, n: int, start: int, tops: tuple[int, ...],
              limits: tuple[int, ...]) -> int:
    """``fill(ix.units[:n], start, tops, limits).end``, taking runs of plain lines
    (no pad, no keep rule) a column at a time by bisection over their sums."""
    units, cum, special = ix.units, ix.lines, ix.special
    i = start
    for top, limit in zip(tops, limits, strict=True):
        y = top
        placed = 0
        while i < n:
            s = special[i]
            if s != i:
                # Plain lines i .. stop - 1: as many as the column's room holds.
                stop = s if s < n else n
                m = bisect_right(cum, cum[i] + (limit - y), i, stop + 1) - 1
                if m > i:
                    placed += m - i
                    y += cum[m] - cum[i]
                    i = m
                if i < stop:
                    break
                continue
            h = _takes(units, i, n, y, top, limit, KEEP_LINES)
            if h < 0:
                break
            placed += 1
            y += h
            i += 1
        if i < n and placed > 1 and _widow(units, i):
            i -= 1  # the widow rule of fill: the line before goes with it
    return i


def natural_depth(units: tuple[Unit, ...], start: int, tops: tuple[int, ...],
                  cap: int = 10_000, reserve_last: int = 0) -> int:
    """The fewest grid lines (from the block top) that hold every unit from ``start``,
    the last column keeping ``reserve_last`` lines free."""
    return natural_depth_in(FlowIndex.of(units), len(units), start, tops, cap, reserve_last)


def natural_depth_in(ix: FlowIndex, n: int, start: int, tops: tuple[int, ...],
                     cap: int = 10_000, reserve_last: int = 0) -> int:
    """:func:`natural_depth` of the first ``n`` units of an indexed body (a piece that
    jumps shows a prefix of its article's units)."""
    total = ix.heights[n] - ix.heights[start] if start < n else 0
    span = len(tops)
    if start >= n:
        # A photo item (no units): its photos alone set the depth, the deepest
        # column of them, not the average over the span.
        return max(max(tops), 0)
    e = max(max(min(tops), 0), -(-(sum(tops) + total + reserve_last) // span))

    def fits(depth: int) -> bool:
        limits = tuple([depth] * (span - 1) + [depth - reserve_last])
        return _fill_end(ix, n, start, tops, limits) == n

    if e >= cap or fits(e):
        return min(e, cap)
    # More depth never holds less, so search: double the step until it fits, then
    # halve back to the least depth that does.
    lo, step = e, 1
    while lo + step < cap and not fits(lo + step):
        lo, step = lo + step, step * 2
    hi = min(cap, lo + step)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _remaining(units: tuple[Unit, ...], start: int) -> int:
    """Grid lines of the units from ``start`` in one column."""
    return sum(u.height for u in units[start:])


#: Blank lines a column may keep at its foot before its paragraphs are spaced out.
FOOT_WHITE = 2


def feather(flow: Flow, units: tuple[Unit, ...], start: int, height: int,
            keep_last: bool = False) -> Flow:
    """Spread the white at the foot of a short column between its paragraphs.

    A column that ends more than FOOT_WHITE lines above the block's foot (a subhead
    that may not stand at the foot, a keep rule, a paragraph too long to split)
    would show a white band there; a desk spaces the column's paragraphs out by
    whole lines instead (vertical justification on the grid), so baselines stay on
    the grid and no band forms. One line goes before each chosen paragraph start or
    subhead, evenly down the column, until at most one line of white remains.
    ``keep_last`` leaves the last column alone (it keeps the 下轉 line's place)."""
    columns = []
    bottoms = []
    last_column = len(flow.columns) - 1
    for c, col in enumerate(flow.columns):
        foot = flow.bottoms[c]
        gap = height - foot
        if gap <= FOOT_WHITE or len(col) < 2 or (keep_last and c == last_column):
            columns.append(col)
            bottoms.append(foot)
            continue
        starts = [k for k in range(1, len(col)) if _opens(units, col[k][0], start)]
        add = min(gap - 1, len(starts))
        if add <= 0:
            columns.append(col)
            bottoms.append(foot)
            continue
        chosen = {starts[(2 * j + 1) * len(starts) // (2 * add)] for j in range(add)}
        shift = 0
        moved = []
        for k, (index, row) in enumerate(col):
            if k in chosen:
                shift += 1
            moved.append((index, row + shift))
        columns.append(tuple(moved))
        bottoms.append(foot + shift)
    return Flow(tuple(columns), flow.end, tuple(bottoms))


def _opens(units: tuple[Unit, ...], i: int, start: int) -> bool:
    """True when unit ``i`` opens a paragraph or is a subhead (a place for a line of
    space that splits nothing)."""
    unit = units[i]
    if unit.role == "subhead":
        return True
    if unit.role != "body" or i <= start:
        return False
    before = units[i - 1]
    return before.role != "body" or before.lines[-1].last
