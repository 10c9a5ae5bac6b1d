"""The rectangles a run of the guillotine programme keeps, chosen without making most.

For a run of pieces at a width, :mod:`.guillotine` considers every cut: each pair
of kept rectangles of the two parts, one above the other (:func:`.elastic.stack`)
or side by side (:func:`.elastic.beside`). Of these candidates a run keeps three:
the cheapest (least cost at any height), the most compact (lowest height, then its
cost) and the one that stretches best (least cost STRETCH_PROBE lines above the
cheapest's best height); for the whole page, the cheapest at the page's height.

Making a candidate's cost list is the expensive part, and most candidates are none
of the three. So a candidate is first known by what its two sides give cheaply:
its lowest height and the cost there (exact), and a lower bound of every cost it
has (side by side: the sum of the two sides' least costs; one above the other:
the sum of their first costs and of every negative slope). Candidates are then examined in order
of that bound, and the search stops where the bound exceeds the best value found:
no later one can equal it. The choice is exactly the one made by examining every
candidate in order (ties go to the earliest), with the same floating-point sums,
so layouts do not change.
"""

from __future__ import annotations

from .elastic import INF, Elastic, beside, stack, tail

#: Rectangles kept per run of pieces and width: the cheapest, the most compact and
#: the one that stretches best (a parent may need any of the three).
KEEP = 3
#: Heights above a rectangle's cheapest at which stretching is compared.
STRETCH_PROBE = 6
#: Relative slack of a stacked pair's lower bound: its costs are sums of sorted
#: slopes, whose rounding may put them a few ulps below the exact sum; a
#: millionth is far beyond any such error and still prunes.
STACK_SLACK = 1e-6


class Node:
    """A rectangle of the layout: a piece (``piece`` ≥ 0) or a cut of two rectangles
    (``vertical``: side by side, else one above the other). A plain class with slots,
    not a dataclass: the programme makes hundreds of thousands, and never changes
    one once made."""

    __slots__ = ("elastic", "piece", "first", "second", "vertical", "least", "floor")

    def __init__(self, elastic: Elastic, piece: int = -1, first: Node | None = None,
                 second: Node | None = None, vertical: bool = False) -> None:
        self.elastic = elastic
        self.piece = piece
        self.first = first
        self.second = second
        self.vertical = vertical
        #: Its least cost, and its first cost plus every negative slope: the bounds
        #: of the candidates it is a side of, set by :func:`ready` when a run keeps
        #: it (most nodes made are never a side).
        self.least = 0.0
        self.floor = 0.0


def ready(nodes: list[Node]) -> list[Node]:
    """Set the bounds of nodes a run keeps (they become sides of candidates)."""
    for nd in nodes:
        e = nd.elastic
        nd.least = e.best[0]
        nd.floor = e.costs[0] + e.drop
    return nodes


class Beside:
    """Two rectangles side by side, not made yet: their costs at a height are the
    sums :func:`.elastic.beside` would make, had from the two sides."""

    __slots__ = ("a", "b", "lo", "bound", "node")

    def __init__(self, a: Node, b: Node) -> None:
        la, lb = a.elastic.lo, b.elastic.lo
        self.a, self.b = a, b
        self.lo = la if la > lb else lb
        # Each side costs at least its least at every height (holes beyond its
        # designed height add), and rounded addition keeps the order: exact.
        self.bound = a.least + b.least
        self.node: Node | None = None

    def compact(self) -> tuple[int, float]:
        """Lowest height and the cost there."""
        return self.lo, self.at(self.lo)

    def at(self, h: int) -> float:
        """What ``beside(a, b).at(h)`` gives."""
        lo = self.lo
        if h < lo:
            return INF
        ea, eb = self.a.elastic, self.b.elastic
        # beside's top designed height, max(ea.hi, eb.hi, lo): each side's reaches
        # its own lo, so the larger of the two is never below lo.
        hi = max(ea.lo + len(ea.costs), eb.lo + len(eb.costs)) - 1
        if h <= hi:
            return ea.at(h) + eb.at(h)
        return (ea.at(hi) + eb.at(hi)) + tail(ea.width + eb.width)[h - hi]

    def build(self) -> Node:
        """The rectangle, made once."""
        if self.node is None:
            self.node = Node(beside(self.a.elastic, self.b.elastic), first=self.a,
                             second=self.b, vertical=True)
        return self.node


class Above:
    """Rectangle ``a`` above ``b``, not made yet (at most ``limit`` lines)."""

    __slots__ = ("a", "b", "limit", "lo", "bound", "node")

    def __init__(self, a: Node, b: Node, limit: int) -> None:
        self.a, self.b, self.limit = a, b, limit
        self.lo = a.elastic.lo + b.elastic.lo
        # stack adds the two sides' slopes in sorted order from the sum of their
        # first costs, so no cost it makes is below that sum plus every negative
        # slope (its sides need not be convex: a hole's cost beyond a side's
        # designed height is not), give or take the rounding of the sums.
        least = a.floor + b.floor
        self.bound = least - STACK_SLACK * (1.0 + abs(least))
        self.node: Node | None = None

    def compact(self) -> tuple[int, float]:
        """Lowest height and the cost there (the first entry :func:`.stack` makes)."""
        return self.lo, self.a.elastic.costs[0] + self.b.elastic.costs[0]

    def at(self, h: int) -> float:
        """The stacked rectangle's cost at ``h`` (made for this)."""
        if h < self.lo:
            return INF
        return self.build().elastic.at(h)

    def build(self) -> Node:
        """The rectangle, made once."""
        if self.node is None:
            self.node = Node(stack(self.a.elastic, self.b.elastic, self.limit),
                             first=self.a, second=self.b)
        return self.node


Candidate = Beside | Above


def _first_least(cands: list[Candidate], order: list[int], value) -> int:
    """The index of the first candidate with the least ``value`` (a function of a
    candidate never below its bound), examining them in ``order`` (of bound)."""
    best, found = INF, -1
    for k in order:
        c = cands[k]
        if c.bound > best:
            break  # this one and all after it are dearer than the best found
        v = value(c)
        if v < best or (v == best and (found < 0 or k < found)):
            best, found = v, k
    return found if found >= 0 else 0


def keep(cands: list[Candidate]) -> list[Node]:
    """The cheapest, the most compact and the best stretching of the candidates (the
    first of equals, in the candidates' order), made."""
    if len(cands) <= 1:
        return [c.build() for c in cands]
    bounds = [c.bound for c in cands]
    order = sorted(range(len(cands)), key=bounds.__getitem__)
    cheapest = cands[_first_least(cands, order, lambda c: c.build().elastic.best[0])]
    # The most compact: least (lo, cost at lo), the cost asked only at the least lo.
    low = min(c.lo for c in cands)
    compact = min((c for c in cands if c.lo == low), key=lambda c: c.compact())
    node = cheapest.build()
    probe = node.elastic.best[1] + STRETCH_PROBE
    stretchy = cands[_first_least(cands, order, lambda c: c.at(probe))]
    out: list[Node] = []
    for nd in (node, compact.build(), stretchy.build()):
        if all(nd is not o for o in out):
            out.append(nd)
    return out[:KEEP]


def cheapest_at(cands: list[Candidate], h: int) -> Node:
    """The first candidate with the least cost at height ``h``, made."""
    bounds = [c.bound for c in cands]
    order = sorted(range(len(cands)), key=bounds.__getitem__)
    return cands[_first_least(cands, order, lambda c: c.at(h))].build()
