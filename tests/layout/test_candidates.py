"""The guillotine's choice of rectangles (layout/candidates.py) without making most of
them is exactly the choice made by making every one and taking the first of equals."""

from __future__ import annotations

import random

from epaper.layout.candidates import (
    STRETCH_PROBE,
    Above,
    Beside,
    Node,
    cheapest_at,
    keep,
    ready,
)
from epaper.layout.elastic import beside, convex, stack

ROWS = 60


def _leaf(rng: random.Random, width: int) -> Node:
    lo = rng.randint(3, 25)
    costs = [rng.choice((0.0, 0.5, 1.0, 2.5)) * width * k + rng.randint(-4, 12) / 2
             for k in range(rng.randint(1, 15))]
    return ready([Node(convex(lo, costs, width))])[0]


def _rect(rng: random.Random, width: int, depth: int = 0) -> Node:
    """A leaf, or two rectangles stacked or side by side (their costs beyond a side's
    designed height are not convex: holes, then a booked position)."""
    if depth > 2 or rng.random() < 0.4:
        return _leaf(rng, width)
    if width > 1 and rng.random() < 0.5:
        w1 = rng.randint(1, width - 1)
        a, b = _rect(rng, w1, depth + 1), _rect(rng, width - w1, depth + 1)
        return ready([Node(beside(a.elastic, b.elastic), first=a, second=b, vertical=True)])[0]
    a, b = _rect(rng, width, depth + 1), _rect(rng, width, depth + 1)
    return ready([Node(stack(a.elastic, b.elastic, ROWS), first=a, second=b)])[0]


def _reference(nodes: list[Node]) -> list[Node]:
    if len(nodes) <= 1:
        return nodes
    cheapest = min(nodes, key=lambda nd: nd.elastic.best[0])
    compact = min(nodes, key=lambda nd: (nd.elastic.lo, nd.elastic.costs[0]))
    probe = cheapest.elastic.best[1] + STRETCH_PROBE
    stretchy = min(nodes, key=lambda nd: nd.elastic.at(probe))
    out: list[Node] = []
    for nd in (cheapest, compact, stretchy):
        if all(nd is not o for o in out):
            out.append(nd)
    return out


def test_kept_rectangles_are_those_of_making_every_candidate():
    rng = random.Random(10)
    for _ in range(400):
        width = rng.randint(2, 6)
        cands = []
        for _ in range(rng.randint(1, 20)):
            if rng.random() < 0.5:
                w1 = rng.randint(1, width - 1)
                cands.append(Beside(_rect(rng, w1), _rect(rng, width - w1)))
            else:
                a, b = _rect(rng, width), _rect(rng, width)
                if a.elastic.lo + b.elastic.lo <= ROWS:
                    cands.append(Above(a, b, ROWS))
        got = keep(cands)
        # Every candidate made (the same objects keep() made or would make).
        nodes = [c.build() for c in cands]
        assert [id(n) for n in got] == [id(n) for n in _reference(nodes)]
        if cands:
            h = rng.randint(20, ROWS)
            first = min(nodes, key=lambda nd: nd.elastic.at(h))
            assert cheapest_at(cands, h) is first
            for c, nd in zip(cands, nodes, strict=True):
                assert c.at(h) == nd.elastic.at(h)
                assert c.compact() == (nd.elastic.lo, nd.elastic.costs[0])
                assert c.bound <= nd.elastic.best[0]
