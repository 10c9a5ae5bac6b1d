"""Placement as an optimisation: the optimal guillotine layout of a page.

After Gange, Marriott & Stuckey, "Optimal guillotine layout" (DocEng 2012): a page is
cut, edge to edge, into two rectangles, each cut again or holding one article; the
pieces keep their reading order (the first piece is top-left, a left or upper part
is read before the right or lower one). A dynamic programme over contiguous runs of
pieces and widths in columns finds, for each run and width, rectangles that hold
exactly those pieces with their cost at every height (:mod:`.elastic`); the page is
the run of all pieces at the page's width, taken at the page's height. Hard
constraints: every piece is on the page, every block holds all of its copy (or the
part the plan gives it), blocks are whole columns and lines and fill the page.
White beyond the blocks' designed slack is priced as a hole and reported.

Kept small enough for pure Python: a side-by-side cut is tried at the widths that
split the page in proportion to the two parts' copy (± SPLIT_SLACK columns), and each
run keeps its KEEP cheapest distinct rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass

from .candidates import Above, Beside, Candidate, Node, cheapest_at, keep, ready
from .elastic import INF
from .options import Leaf

#: Columns tried on either side of the width that splits a run's copy in proportion.
SPLIT_SLACK = 1


@dataclass(frozen=True)
class Spot:
    """A piece's block in grid units of the text area (0-based)."""

    piece: int
    column: int
    span: int
    top: int
    lines: int


@dataclass(frozen=True)
class Arrangement:
    """The chosen blocks and the cost of the page at its height."""

    spots: tuple[Spot, ...]
    cost: float


#: Runs already solved, shared by every arrangement of a build: the copy-fit plan
#: tries a page many times with one article's split changed, and every run of
#: pieces that does not hold it is solved once. Keys hold the ids of the pieces'
#: option tuples, whose objects each entry keeps alive (so an id is never reused
#: while its entry exists).
_RUNS: dict[tuple, tuple[list[Node], tuple]] = {}
#: Entries kept before the memo starts afresh (bounds a long rebuild's memory).
MAX_RUNS = 200_000

Options = tuple[tuple[int, Leaf], ...]


def arrange(options: list[Options], columns: int, rows: int,
            weights: list[float]) -> Arrangement | None:
    """The cheapest guillotine layout of the pieces (in order) on ``columns`` × ``rows``.

    ``options[i]`` lists the spans piece i may take with its costs; ``weights[i]``
    is its copy in grid cells (to split side-by-side cuts). None when no layout holds
    every piece (more copy than the page)."""
    n = len(options)
    if n == 0:
        return Arrangement((), 0.0)
    if len(_RUNS) > MAX_RUNS:
        _RUNS.clear()
    leaves = [dict(o) for o in options]
    ids = [id(o) for o in options]
    least = [_least_area(leaves[i], columns) for i in range(n)]
    prefix_least = [0.0]
    prefix_weight = [0.0]
    for i in range(n):
        prefix_least.append(prefix_least[-1] + least[i])
        prefix_weight.append(prefix_weight[-1] + weights[i])
    # This call's runs by (first, last, width): most lookups are repeats within one
    # arrangement, which need not build the shared memo's long key.
    local: dict[tuple[int, int, int], list[Node]] = {}
    get = local.get

    def solve(i: int, j: int, w: int) -> list[Node]:
        here = local.get((i, j, w))
        if here is not None:
            return here
        # The whole page keeps one rectangle only (below), so its entry must not
        # answer the same run met as a part of a larger arrangement (the page plus
        # a continuation or a booked position): the flag keeps the memo pure, and a
        # layout independent of what was laid out before it.
        whole = i == 0 and j == n - 1 and w == columns
        key = (i, w, rows, whole, *ids[i:j + 1])
        found = _RUNS.get(key)
        if found is not None:
            local[(i, j, w)] = found[0]
            return found[0]
        out: list[Node] = []
        if i == j:
            lf = leaves[i].get(w)
            if lf is not None:
                out = [Node(lf.elastic, piece=i)]
        elif prefix_least[j + 1] - prefix_least[i] <= w * rows:
            # Candidates are made only when kept (or examined: :mod:`.candidates`).
            cands: list[Candidate] = []
            for k in range(i, j):
                tops = get((i, k, w))
                if tops is None:
                    tops = solve(i, k, w)
                if tops:
                    bottoms = get((k + 1, j, w))
                    if bottoms is None:
                        bottoms = solve(k + 1, j, w)
                    for a in tops:
                        below = rows - a.elastic.lo  # no page is taller
                        for b in bottoms:
                            if b.elastic.lo <= below:
                                cands.append(Above(a, b, rows))
                if w > 1:
                    left = prefix_weight[k + 1] - prefix_weight[i]
                    right = prefix_weight[j + 1] - prefix_weight[k + 1]
                    mid = round(w * left / (left + right)) if left + right else w // 2
                    widths = set(range(max(1, mid - SPLIT_SLACK),
                                       min(w - 1, mid + SPLIT_SLACK) + 1))
                    # A side that is one piece may take any of its own spans (a
                    # lead's, a manual one) even far from the proportional split.
                    if k == i:
                        widths.update(s for s in leaves[i] if s < w)
                    if k + 1 == j:
                        widths.update(w - s for s in leaves[j] if s < w)
                    for w1 in sorted(widths):
                        lefts = get((i, k, w1))
                        if lefts is None:
                            lefts = solve(i, k, w1)
                        if not lefts:
                            continue
                        rights = get((k + 1, j, w - w1))
                        if rights is None:
                            rights = solve(k + 1, j, w - w1)
                        for a in lefts:
                            for b in rights:
                                cands.append(Beside(a, b))
            # The whole page is taken at exactly ``rows`` lines: there the cheapest at
            # that height is the only one worth keeping (the others are kept for a
            # parent that may give them another height).
            if whole:
                out = [cheapest_at(cands, rows)] if cands else []
            else:
                out = keep(cands)
        ready(out)
        _RUNS[key] = (out, tuple(options[i:j + 1]))
        local[(i, j, w)] = out
        return out

    roots = solve(0, n - 1, columns)
    if not roots:
        return None
    best = min(roots, key=lambda nd: nd.elastic.at(rows))
    cost = best.elastic.at(rows)
    if cost == INF:
        return None
    spots: list[Spot] = []
    _place(best, 0, 0, columns, rows, spots)
    return Arrangement(tuple(sorted(spots, key=lambda s: s.piece)), cost)


def _least_area(options: dict[int, Leaf], columns: int) -> float:
    """The fewest cells the piece can take at any span (a lower bound for pruning)."""
    return min((w * lf.lo for w, lf in options.items() if w <= columns), default=INF)


def _place(node: Node, column: int, top: int, width: int, height: int,
           out: list[Spot]) -> None:
    """Give every piece under ``node`` its rectangle inside the given one."""
    if node.piece >= 0:
        out.append(Spot(node.piece, column, width, top, height))
        return
    a, b = node.first, node.second
    assert a is not None and b is not None
    if node.vertical:
        w1 = a.elastic.width
        _place(a, column, top, w1, height, out)
        _place(b, column + w1, top, width - w1, height, out)
        return
    best_h, best_cost = a.elastic.lo, INF
    for h1 in range(a.elastic.lo, height - b.elastic.lo + 1):
        cost = a.elastic.at(h1) + b.elastic.at(height - h1)
        if cost < best_cost - 1e-9:
            best_h, best_cost = h1, cost
    _place(a, column, top, width, best_h, out)
    _place(b, column, top + best_h, width, height - best_h, out)
