"""Headline breaking (cjk-typesetting.md §8.1): balanced, never justified.

A headline segment (the editor's newlines already split off) that does not fit on one
line is set in as few lines as the greedy breaker needs, with the breaks chosen to
make the lines as even as possible. Among breaks, a space is preferred (common in
zh-Hant headlines), then a position after a pause or closing mark; §2 rules hold.
"""

from __future__ import annotations

from .breaker import EPS, Breaker, Span
from .prepare import Prepared

# Cost added per break, by what precedes it (§8.1 preference order).
PENALTY_SPACE = 0.0
PENALTY_PUNCT = 0.02
PENALTY_OTHER = 0.08
_AFTER_PUNCT = frozenset(b"peECZ,.:;q!)")


def headline_spans(p: Prepared, measure: float, breaker: Breaker) -> list[Span]:
    """Break a headline segment into balanced lines of at most ``measure`` em."""
    n = p.n
    if p.width(0, n, 0.0) <= measure + EPS:
        return [Span(0, n, measure, 0.0, last=True)]
    greedy = breaker.run()
    k = len(greedy)
    if k < 2:
        return [Span(sp.start, sp.end, measure, 0.0, last=True) for sp in greedy]
    best = _balanced(p, measure, k, breaker)
    if best is None:
        return [Span(sp.start, sp.end, measure, 0.0, last=True) for sp in greedy]
    return best


def _balanced(p: Prepared, measure: float, k: int, br: Breaker) -> list[Span] | None:
    """Exactly k lines minimising squared deviation from the mean width plus break
    penalties (dynamic programming over break opportunities)."""
    n = p.n
    nodes = [0, *(b for b in range(1, n) if not p.nobrk[b]), n]
    target = p.width(0, n, 0.0) / k
    cls = p.cls

    def line(a: int, b: int) -> tuple[int, int, float]:
        s = br.skip_spaces(a)
        e = br.trim(s, b)
        return s, e, p.width(s, e, 0.0)

    def penalty(b: int) -> float:
        if b >= n:
            return 0.0
        c = cls[b - 1]
        if c == 32:
            return PENALTY_SPACE
        return PENALTY_PUNCT if c in _AFTER_PUNCT else PENALTY_OTHER

    inf = float("inf")
    m = len(nodes)
    # cost[j][i]: best cost of setting text up to nodes[i] in j lines.
    cost = [[inf] * m for _ in range(k + 1)]
    back = [[-1] * m for _ in range(k + 1)]
    cost[0][0] = 0.0
    for j in range(1, k + 1):
        for i in range(1, m):
            for h in range(i - 1, -1, -1):
                if cost[j - 1][h] == inf:
                    continue
                s, e, w = line(nodes[h], nodes[i])
                if e <= s:
                    continue  # nothing but spaces
                if w > measure + EPS:
                    break  # earlier starts only make the line longer
                c = cost[j - 1][h] + ((w - target) / measure) ** 2 + penalty(nodes[i])
                if c < cost[j][i]:
                    cost[j][i] = c
                    back[j][i] = h
    if cost[k][m - 1] == inf:
        return None
    ends: list[int] = []
    i = m - 1
    for j in range(k, 0, -1):
        ends.append(nodes[i])
        i = back[j][i]
    ends.reverse()
    spans: list[Span] = []
    start = 0
    for b in ends:
        s, e, _ = line(start, b)
        spans.append(Span(s, e, measure, 0.0, last=True))
        start = b
    return spans
