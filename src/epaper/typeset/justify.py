"""Line adjustment (cjk-typesetting.md §4.4, §5): set one Span's advances.

Edges first: a full-width mark at the line end loses the blank after its ink
(½ em in GB, ¼ em for centred zh-Hant marks), an opening bracket at the start loses
its left blank (the line's origin moves left), and no Han–Western space stays at an
edge. Then the line is shrunk (§5.2) or expanded (§5.3) to the measure, each step
treating all its places alike; the last line of a paragraph is only shrunk.
"""

from __future__ import annotations

from bisect import bisect_left

from .breaker import EPS, Span
from .diagnostics import warn
from .line import Line, make_line
from .prepare import STEP, Prepared

MIN_WORD_SPACE = 0.25  # §5.2 (2)
MAX_WORD_SPACE = 0.5  # §5.3 (1)
MIN_HAN_WESTERN = 0.125  # §5.2 (6)
MAX_HAN_WESTERN = 1 / 3  # §5.3 (2)


def set_lines(
    p: Prepared, spans: list[Span], indent: float, allow_stop: bool, justify: bool
) -> list[Line]:
    """Set each span as a Line: edge rules, then shrink or (``justify``) expand to
    the measure. ``indent`` is the first line's indent; the others start at 0."""
    adv, cut, text, pfaces = p.adv, p.cut, p.text, p.faces
    lines: list[Line] = []
    append = lines.append
    # Lines of one face and equal length share one (immutable) faces tuple.
    same_face: dict[int, tuple[str, ...]] = {}
    base = indent
    for sp in spans:
        s, e, avail, shift, hang, last = sp
        la = adv[s:e]
        c = cut[e - 1]
        if c:
            la[-1] -= c
        if hang:
            la[-1] = 0.0  # the hanging mark's face sits just outside the measure
        width = sum(la)
        delta = avail + shift - width
        if delta < -EPS or (delta > EPS and justify and not last):
            width = _adjust(p, sp, la, delta, allow_stop)
        if pfaces is None:
            faces = same_face.get(e - s)
            if faces is None:
                faces = same_face[e - s] = (p.face,) * (e - s)
        else:
            faces = tuple(pfaces[s:e])
        append(make_line(text[s:e], tuple(la), width, base - shift, faces))
        base = 0.0
    return lines


def _adjust(p: Prepared, sp: Span, la: list[float], delta: float, allow_stop: bool) -> float:
    """Shrink (``delta`` < 0) or expand the line's advances ``la`` in place by
    ``delta``; return the new width."""
    s, e, avail, shift, hang, _ = sp
    if delta < 0:
        delta = _shrink(p, la, s, e, -delta, allow_stop, hang)
        if delta > EPS:
            warn(f"typeset: {p.text[s:e]!r} overflows the measure by {delta:.2f} em")
        return sum(la)
    _expand(p, la, s, e - 1 if hang else e, delta)
    # Float rounding only: keep width exactly on the measure.
    la[-2 if hang and len(la) > 1 else -1] += avail + shift - sum(la)
    return sum(la)


def _shrink(
    p: Prepared, la: list[float], s: int, e: int, need: float, allow_stop: bool, hang: bool
) -> float:
    """§5.2 steps (2)–(7); step (1), the line-end mark, is already applied."""
    adv = p.adv
    # Places per step present in the line: (positions in the line, capacities).
    steps: dict[int, tuple[list[int], list[float]]] = {}
    if p.spaces:
        sp = p.spaces
        idx: list[int] = []
        caps: list[float] = []
        for i in sp[bisect_left(sp, s) : bisect_left(sp, e)]:
            if adv[i] > MIN_WORD_SPACE:
                idx.append(i - s)
                caps.append(adv[i] - MIN_WORD_SPACE)
        if idx:
            steps[2] = (idx, caps)
    mk = p.marks
    if mk:
        lo = bisect_left(mk, s)
        hi = bisect_left(mk, e, lo)
        if lo < hi:
            cls, lb_get, rb_get = p.cls, p.lb.get, p.rb.get
            end = e - 1 if not hang else e - 2
            get = steps.get
            for k in range(lo, hi):
                i = mk[k]
                st = STEP[cls[i]]
                if st == 7 and not allow_stop:
                    continue
                left = lb_get(i, 0.0)
                if left and i > s:
                    places = get(st)
                    if places is None:
                        places = steps[st] = ([], [])
                    # The left blank lives in the previous advance, which a narrow
                    # Latin letter may not have room for.
                    a = la[i - 1 - s]
                    places[0].append(i - 1 - s)
                    places[1].append(left if left < a else (a if a > 0.0 else 0.0))
                if i < end:
                    right = rb_get(i, 0.0)
                    if right:
                        places = get(st)
                        if places is None:
                            places = steps[st] = ([], [])
                        places[0].append(i - s)
                        places[1].append(right)
    if p.hl_gaps and p.hl > MIN_HAN_WESTERN:
        hg = p.hl_gaps
        gaps = [i - s for i in hg[bisect_left(hg, s) : bisect_left(hg, e - 1)]]
        if gaps:
            steps[6] = (gaps, [p.hl - MIN_HAN_WESTERN] * len(gaps))
    for st in sorted(steps) if len(steps) > 1 else steps:
        idx, caps = steps[st]
        # Take need from the step's places in proportion to their capacities
        # (inlined _apply: one call per shrunk line saved).
        cap = sum(caps)
        if cap <= EPS:
            continue
        ratio = min(need, cap) / cap
        taken = 0.0
        for i, c in zip(idx, caps, strict=True):
            d = c * ratio
            a = la[i]
            if d > a:  # an earlier step may have used it up
                d = a if a > 0.0 else 0.0
            la[i] = a - d
            taken += d
        need -= taken
        if need <= EPS:
            return 0.0
    return need


def _expand(p: Prepared, la: list[float], s: int, e: int, need: float) -> None:
    """§5.3: word spaces to ½ em, Han–Western spaces to ⅓ em, then every gap that
    may stretch, equally. ``e`` is the end of the stretchable part of the line."""
    adv = p.adv
    if p.spaces:
        sp = p.spaces
        places = [
            (i - s, MAX_WORD_SPACE - adv[i])
            for i in sp[bisect_left(sp, s) : bisect_left(sp, e - 1)]
            if adv[i] < MAX_WORD_SPACE
        ]
        need = _grow(la, places, need)
    hg = p.hl_gaps
    if need > EPS and hg and p.hl < MAX_HAN_WESTERN:
        a, b = bisect_left(hg, s), bisect_left(hg, e - 1)
        cap = (MAX_HAN_WESTERN - p.hl) * (b - a)
        if cap > EPS:
            # Every Han–Western space has the same room to grow: share equally.
            give = min(need, cap)
            x = give / (b - a)
            for i in hg[a:b]:
                la[i - s] += x
            need -= give
    if need <= EPS:
        return
    g = (e - 1 - s) - p.noexp.count(1, s, e - 1) if e - s >= 2 else 0  # p.gaps(s, e)
    if g:
        # x after each gap that may stretch (noexp 0), nothing after the others.
        # (A plain loop: measured faster than map() or a comprehension here.)
        x = need / g
        for i, f in enumerate(p.noexp[s : e - 1]):
            if not f:
                la[i] += x
        return
    if e - s >= 2:
        # Nothing may stretch (a line of one long token and punctuation): spread it
        # over every gap rather than leave a justified line short.
        warn(f"typeset: {p.text[s:e]!r} has no stretchable gap; letter-spacing it")
        x = need / (e - 1 - s)
        la[: e - 1 - s] = [a + x for a in la[: e - 1 - s]]
    else:
        la[-1] += need  # a single unit: the rest stays blank at the line end


def _grow(la: list[float], places: list[tuple[int, float]], need: float) -> float:
    """Add up to each place's capacity, in proportion; return what is left to add."""
    cap = sum(c for _, c in places)
    if cap <= EPS or need <= EPS:
        return need
    give = min(need, cap)
    ratio = give / cap
    for i, c in places:
        la[i] += c * ratio
    return need - give
