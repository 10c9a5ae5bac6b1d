"""Total-fit line breaking of body text (cjk-typesetting.md §3.3, after Knuth–Plass).

The paragraph is broken as a whole: a dynamic programme over its break
opportunities (the same ``nobrk`` flags as first-fit, so the rules of §2–§3.1 hold
by construction) picks the set of lines with the least total demerits.

Each line's badness follows the spec's order of adjustment (§5): shrinking
punctuation and Western spaces (§5.2) and stretching word and Han–Western spaces
(§5.3 (1)–(2)) are cheap; inter-character expansion (§5.3 (3)) is dear and grows
with the square of the space added per gap. Extra demerits go to a line that must
letter-space, to two loose or two tight lines in a row, to a break between a number
and the word after it, and to a last line of one or two characters (fewer than
``min_last_line_chars`` is not allowed at all, §3.5).

The work is bounded per line: from each line start only a window of candidate
breaks around the point where the measure falls is tried (the last opportunity
that fits, ``MAX_PUSH_IN`` after it, and one more before it where that line stays
about as tight as the grey threshold, ``FAR_X``, or within two lines of the
paragraph's end), and the search (Dijkstra: demerits only grow) expands the
cheapest partial paragraph first and stops when the paragraph's end is the
cheapest; the cheapest successor of a line start is expanded at once when nothing
in the queue is cheaper. On the sample issue at 12 em that is 1.3 line starts and
4.4 candidate lines (2.6 evaluated) per line set. A line that needs more than
``max_gap_em`` per gap stays possible, at a price that makes it the last resort
(§3.4). When no set of lines exists in the window (a unit wider than the measure,
or an orphan that cannot be avoided), the caller falls back to first-fit.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from heapq import heappop, heappush
from itertools import accumulate, repeat
from operator import add, gt, sub

from .breaker import EPS, Breaker, Span, _new_span
from .prepare import CONTENT, STOPS, Prepared

# Candidate breaks per line start (the window): the last opportunity where the line
# fits (push out, §3.2b, when the measure falls inside a unit), the next two after
# it (push in, paid for by shrinking, §3.2a), and one more before it (a far push
# out): within two lines of the paragraph's end always (what the orphan rule, §3.5,
# needs), elsewhere when this line stays about as tight as issue 17's grey
# threshold (FAR_X em a gap, counted over all its gaps: a lower bound of its
# letter-spacing, cheap to test). Measured (2026-12-07) at 12 em, with the flush
# first-line bracket: the far push out everywhere takes the sample's lines above
# 0.10 em from 19 to 18 and pd1998's from 934 to 819 (above 0.25 em 68 -> 39), for
# about 6 % of the whole call; limited by FAR_X = 0.12, 18 and 799 (68 -> 52) for
# 2-3 %. Earlier (2026-12-06): six push-ins and eight push-outs everywhere
# set the same lines as a window of two and two; one push-in instead of two left
# 0.3 point more lines above 0.05 em at 20 em.
MAX_PUSH_IN = 2  # (the candidate code below looks at exactly two)
MAX_PUSH_OUT = 2  # (and at exactly one before the fit)
FAR_X = 0.12

# Demerits. The scale: a line letter-spaced by 0.1 em per gap costs 100 + 40.
# Inter-character expansion x (em per gap): 100 * (x / 0.1)**2, so 0.05 em costs 25,
# and two lines at 0.05 em (50) are better than one at 0.1 and one solid (100):
# the square spreads the space out, as Knuth-Plass's badness does.
X_UNIT = 0.1
X_WEIGHT = 100.0
X_SCALE = X_WEIGHT / (X_UNIT * X_UNIT)  # so that the square is x * x * X_SCALE
# A line that must letter-space at all (§5.3 (3), the dearest adjustment): what a
# reader sees as a grey line. Worth more than any cheap adjustment below.
LETTER_SPACE = 40.0
# Beyond 0.1 em per gap (a tenth of a character) a reader sees the line as grey
# (issue 17's measure): as much again as the square already charges there. Measured
# (2026-12-06) on the sample issue at 12 em: 1.65 % -> 1.47 % of lines above 0.10 em,
# the share above 0.05 em unchanged; 300 or 1000 set the same lines. Counting grey
# lines first (3000: dearer than any square up to max_gap) reaches the sample's
# proved least, 16 lines (tools/grey_minimum.py), but only with lines at 0.29 and
# 0.41 em, and on pd1998 at 12 em it adds 47 lines above 0.25 em to remove 108
# above 0.10 em (2026-12-07): even spacing stays first.
GREY_X = 0.1 + 1e-9
GREY_LINE = 100.0
# Shrink (§5.2) and cheap stretch (§5.3 (1)-(2)), by the share of the line's
# capacity used: using all of it costs as much as 0.045 em of letter-spacing.
# Compressing a comma to half width is ordinary Chinese setting (§4.3 does it to
# every adjacent pair), so it must cost less than any letter-spacing.
SHRINK_WEIGHT = 20.0
CHEAP_WEIGHT = 20.0
# Two loose (letter-spaced) or two tight (more than half their shrink used) lines
# in a row read as a grey or black band.
LOOSE_PAIR = 50.0
TIGHT_PAIR = 10.0
TIGHT_RATIO = 0.5
# A break between a number and the measure word after it (2022|年, 5209|起): the
# number stranded at a line end reads badly, but less badly than letter-spacing.
NUMBER_SPLIT = 30.0
# A last line of one or two characters (when the orphan rule allows it at all).
SHORT_LAST = 30.0
# A line looser than max_gap_em per gap, or with nowhere to put the space: allowed
# only when nothing else fits (§3.4), so it outweighs any number of good lines.
HOPELESS = 1e6

_TIGHT, _DECENT, _LOOSE = 0, 1, 2
_DIGIT = ord("D")
_HAN = ord("?")
_SPACE = 32
_OPEN = 79
_NOT_CONTENT = bytes(c for c in range(256) if c not in CONTENT)


class _Capacity:
    """What a line can shrink at its marks (§5.2), from prefix sums over the
    paragraph's few marks (built in C-level passes over them only; a query is two
    bisections), and, when the paragraph has word spaces (rare in Chinese), what
    they can shrink and widen (§5.2 (2), §5.3 (1))."""

    __slots__ = ("marks", "m_pre", "lb", "rb", "hl", "hl_shrink", "hl_cheap",
                 "spaces", "sp_shrink", "sp_cheap")

    def __init__(self, p: Prepared, allow_stop: bool) -> None:
        marks = p.marks
        lb, rb = p.lb, p.rb
        if marks and not allow_stop:
            cls = p.cls
            marks = [i for i in marks if cls[i] not in STOPS]
            lb = {i: lb.get(i, 0.0) for i in marks}
            rb = {i: rb.get(i, 0.0) for i in marks}
        if marks:
            adv = p.adv
            lefts = list(map(lb.get, marks, repeat(0.0)))
            if marks[0] == 0 or any(
                map(gt, lefts, map(adv.__getitem__, map(sub, marks, repeat(1))))
            ):
                # A left blank lives in the previous advance, which a narrow Latin
                # letter may not have room for (as in Prepared.shrink).
                lb = dict(lb)
                for k, i in enumerate(marks):
                    a = min(lefts[k], max(adv[i - 1], 0.0)) if i else 0.0
                    lefts[k] = lb[i] = a
            self.m_pre = [0.0, *accumulate(map(add, lefts, map(rb.get, marks, repeat(0.0))))]
        else:
            self.m_pre = [0.0]
        self.marks, self.lb, self.rb = marks, lb, rb
        self.hl = p.hl_gaps
        self.hl_shrink = max(p.hl - 0.125, 0.0)  # §5.2 (6): to ⅛ em
        self.hl_cheap = max(1 / 3 - p.hl, 0.0)  # §5.3 (2): to ⅓ em
        self.spaces = sp = p.spaces
        if sp:
            adv = p.adv
            self.sp_shrink = [0.0, *accumulate(max(adv[i] - 0.25, 0.0) for i in sp)]  # §5.2 (2)
            self.sp_cheap = [0.0, *accumulate(max(0.5 - adv[i], 0.0) for i in sp)]  # §5.3 (1)

    def shrink_extra(self, s: int, e: int) -> float:
        """Shrink of [s, e) at Han–Western spaces ([s, e - 1)) and word spaces."""
        total = 0.0
        hl = self.hl
        if hl:
            total = (bisect_left(hl, e - 1) - bisect_left(hl, s)) * self.hl_shrink
        sp = self.spaces
        if sp:
            total += self.sp_shrink[bisect_left(sp, e)] - self.sp_shrink[bisect_left(sp, s)]
        return total

    def cheap(self, s: int, e: int) -> float:
        """Room to widen word spaces and Han–Western spaces in [s, e - 1) (§5.3)."""
        total = 0.0
        hl = self.hl
        if hl:
            total = (bisect_left(hl, e - 1) - bisect_left(hl, s)) * self.hl_cheap
        sp = self.spaces
        if sp:
            total += self.sp_cheap[bisect_left(sp, e - 1)] - self.sp_cheap[bisect_left(sp, s)]
        return total


def total_fit(br: Breaker) -> list[Span] | None:
    """The paragraph's lines with the least total demerits, or None when no set of
    lines exists within the candidate window (the caller then uses first-fit) or
    the paragraph fits on one line.

    One long loop on purpose: it runs for every candidate line of every body
    paragraph, and a helper call or an attribute lookup per candidate shows in the
    benchmark (docs/typeset.md, Speed)."""
    p = br.p
    n = p.n
    pre, cut, nobrk, cls = p.pre, p.cut, p.nobrk, p.cls
    measure = br.measure
    first_avail = measure - br.indent
    if pre[n] - cut[n - 1] <= first_avail + EPS:
        return None  # one line: nothing to choose
    # What lines can shrink: nearly every paragraph of more than one line has a
    # candidate that must (a push in), so it is built at once.
    cap = _Capacity(p, br.allow_stop)
    marks, m_pre = cap.marks, cap.m_pre
    count_noexp = p.noexp.count
    any_cheap = bool(p.spaces) or (bool(p.hl_gaps) and p.hl < 1 / 3)
    lb_get, rb_get = cap.lb.get, cap.rb.get
    spaces, hl = p.spaces, p.hl_gaps
    # Rare in Chinese: knowing their absence spares a lookup per line or candidate
    # (indexing bytes is not specialised by the interpreter, indexing lists is).
    has_space = _SPACE in cls
    has_open = _OPEN in cls
    has_digit = _DIGIT in cls
    hl_n = len(hl)
    hl_shrink = max(p.hl - 0.125, 0.0)  # §5.2 (6): to ⅛ em
    extra = bool(spaces) or bool(hl)
    hl_cheap = max(1 / 3 - p.hl, 0.0)  # §5.3 (2): to ⅓ em
    max_gap = br.max_gap
    min_last = br.min_last
    flush_first = br.flush_first
    start_shift = p.start_shift
    find, rfind = nobrk.find, nobrk.rfind
    # Within two lines of the end the far push out is always tried (§3.5 needs it).
    near_end = pre[n] - 2.0 * measure
    # Whole em of the measure: where the line would end if every character were 1 em.
    first_whole, measure_whole = int(first_avail), int(measure)

    inf = float("inf")
    # Per break position: least demerits to reach it, the break before it, and the
    # fitness class of the line ending there.
    best = [inf] * (n + 1)
    back = [-1] * (n + 1)
    # Lists, not bytearrays: the interpreter specialises list indexing (3.11+).
    fitness = [_DECENT] * (n + 1)
    best[0] = 0.0
    done = [0] * (n + 1)
    # Entries (demerits, break), cheapest first (Dijkstra: every line costs >= 0).
    heap: list[tuple[float, int]] = [(0.0, 0)]
    while heap:
        d0, b = heappop(heap)
        if done[b]:
            continue
        done[b] = 1
        # Expand b, then go on with its cheapest successor while that is the
        # cheapest entry of all (saves a push and a pop per line).
        while b != n:
            s = b
            if has_space:
                while cls[s] == _SPACE:
                    s += 1
            if b == 0:
                avail, whole = first_avail, first_whole
                shift = start_shift(s) if flush_first and cls[s] == _OPEN else 0.0
            else:
                avail, whole = measure, measure_whole
                shift = start_shift(s) if has_open and cls[s] == _OPEN else 0.0
            base = pre[s] + shift  # the width of [s, e) is pre[e] - base - cut[e - 1]
            limit = base + avail + EPS
            # The last position that fits (as bisect_right(pre, limit, s + 1) - 1):
            # most characters are 1 em, so look where that puts it first.
            g = s + whole
            if g >= n:
                fit = n if pre[n] <= limit else bisect_right(pre, limit, s + 1, n) - 1
            elif pre[g] <= limit:
                if pre[g + 1] > limit:
                    fit = g
                else:
                    fit = bisect_right(pre, limit, g + 1) - 1
            elif g - 1 > s and pre[g - 1] <= limit:
                fit = g - 1
            else:
                fit = bisect_right(pre, limit, s + 1, g) - 1
            # The line end gives a blank back (a half-width end mark): one or two
            # more characters may fit without shrinking.
            if fit < n and pre[fit + 1] - cut[fit] <= limit:
                fit += 1
                if fit < n and pre[fit + 1] - cut[fit] <= limit:
                    fit += 1
            # Candidates: the last opportunity at or before the fit (the line as
            # long as it fits; a push out when the measure falls inside a unit),
            # the one before it (a far push out), then the two after it (push in,
            # paid for by shrinking). Most characters are opportunities: the flag
            # is tested before find/rfind.
            f0 = (fit + 1 if not nobrk[fit + 1] else find(_ZERO, fit + 1)) if fit < n else n
            e = fit if not nobrk[fit] else rfind(_ZERO, s + 1, fit)
            if e > s:
                o = e - 1 if not nobrk[e - 1] else rfind(_ZERO, s + 1, e - 1)
                if (
                    o > s
                    and pre[e] <= near_end
                    and avail - (pre[o] - base - cut[o - 1]) > FAR_X * (o - 1 - s)
                ):
                    o = -1
                if f0 < n:
                    f1 = f0 + 1 if not nobrk[f0 + 1] else find(_ZERO, f0 + 1)
                    cands: tuple[int, ...] = (o, e, f0, f1) if o > s else (e, f0, f1)
                elif fit >= n:
                    cands = (o, e) if o > s else (e,)
                else:
                    cands = (o, e, f0) if o > s else (e, f0)
            elif fit >= n:
                cands = ()
            elif f0 < n:
                cands = (f0, f0 + 1 if not nobrk[f0 + 1] else find(_ZERO, f0 + 1))
            else:
                cands = (f0,)
            f_prev = fitness[b]
            chain = -1
            d_chain = 0.0
            j1 = -1  # first mark of the line, looked up when a line must shrink
            hj = -1  # first Han–Western gap of the line, looked up when needed
            for e in cands:
                et = e
                if has_space and cls[et - 1] == _SPACE:
                    while et > s + 1 and cls[et - 1] == _SPACE:
                        et -= 1
                slack = avail - (pre[et] - base - cut[et - 1])
                if slack < -EPS:
                    if j1 < 0:
                        j1 = bisect_left(marks, s)
                    j2 = bisect_left(marks, et, j1)
                    sh = m_pre[j2] - m_pre[j1]
                    if j2 > j1:
                        if marks[j1] == s:
                            sh -= lb_get(s, 0.0)
                        if marks[j2 - 1] == et - 1:
                            sh -= rb_get(et - 1, 0.0)
                    if extra:
                        if spaces:
                            sh += cap.shrink_extra(s, et)
                        else:
                            # Han–Western gaps in [s, et - 1), from the first one at
                            # or after s (looked up once per line start).
                            if hj < 0:
                                hj = bisect_left(hl, s)
                            if hj < hl_n and hl[hj] < et - 1:
                                sh += (bisect_left(hl, et - 1, hj) - hj) * hl_shrink
                    if -slack > sh + EPS:
                        if e > fit:
                            break  # a longer line needs more still
                        continue
                    ratio = -slack / sh
                    bad = SHRINK_WEIGHT * ratio * ratio
                    fit_class = _TIGHT if ratio > TIGHT_RATIO else _DECENT
                elif slack <= EPS or e == n:
                    bad = 0.0  # the last line is set solid
                    fit_class = _DECENT
                else:
                    cheap = 0.0
                    if any_cheap:
                        if spaces:
                            cheap = cap.cheap(s, et)
                        else:
                            if hj < 0:
                                hj = bisect_left(hl, s)
                            if hj < hl_n and hl[hj] < et - 1:
                                cheap = (bisect_left(hl, et - 1, hj) - hj) * hl_cheap
                    if slack <= cheap + EPS:
                        ratio = slack / cheap
                        bad = CHEAP_WEIGHT * ratio * ratio
                        fit_class = _DECENT
                    else:
                        g = (et - 1 - s) - count_noexp(1, s, et - 1)
                        x = (slack - cheap) / g if g else inf
                        bad = (CHEAP_WEIGHT if cheap else 0.0) + LETTER_SPACE
                        if x > max_gap:
                            bad += HOPELESS * (1.0 + min(x, 10.0))
                        else:
                            bad += x * x * X_SCALE
                            if x > GREY_X:
                                bad += GREY_LINE
                        fit_class = _LOOSE
                if e == n:
                    if b:
                        content = len(cls[s:et].translate(None, _NOT_CONTENT))
                        if content < min_last:
                            continue
                        if content <= 2:
                            bad += SHORT_LAST
                elif has_digit and cls[e - 1] == _DIGIT and cls[e] == _HAN:
                    # A break between a number and the Han character after it (2022|年).
                    bad += NUMBER_SPLIT
                if fit_class != _DECENT and fit_class == f_prev:
                    bad += LOOSE_PAIR if fit_class == _LOOSE else TIGHT_PAIR
                d = d0 + bad
                old = best[e]
                # Ties go to the later line start, so earlier lines hold more (as
                # first-fit sets them). A node already expanded keeps its path.
                if d <= old + 1e-9 and (d < old - 1e-9 or (b > back[e] and not done[e])):
                    best[e] = d
                    back[e] = b
                    fitness[e] = fit_class
                    # Keep the cheapest candidate out of the heap: it is likely
                    # the next to expand.
                    if chain < 0:
                        chain, d_chain = e, d
                    elif d < d_chain or (d == d_chain and e < chain):
                        heappush(heap, (d_chain, chain))
                        chain, d_chain = e, d
                    else:
                        heappush(heap, (d, e))
            if chain < 0:
                break
            if heap and (d_chain, chain) > heap[0]:
                heappush(heap, (d_chain, chain))
                break
            # The cheapest candidate is the cheapest entry of all: expand it now
            # (what popping it would do).
            b, d0 = chain, d_chain
            done[b] = 1
        if b == n and done[n]:
            break
    if best[n] == inf:
        return None
    return _spans(br, back, best)


_ZERO = b"\x00"


def _spans(br: Breaker, back: list[int], best: list[float]) -> list[Span]:
    """The chosen lines, from the last break back to the first."""
    p = br.p
    n, cls, start_shift = p.n, p.cls, p.start_shift
    breaks: list[int] = []
    e = n
    while e > 0:
        breaks.append(e)
        e = back[e]
    breaks.reverse()
    spans: list[Span] = []
    append = spans.append
    measure = br.measure
    has_space = _SPACE in cls
    # A line looser than max_gap costs HOPELESS: only then look for it line by line.
    hopeless = best[n] >= HOPELESS
    new = _new_span
    avail = measure - br.indent
    b = 0
    for e in breaks:
        s = b
        et = e
        if has_space:
            while cls[s] == _SPACE:
                s += 1
            while et > s + 1 and cls[et - 1] == _SPACE:
                et -= 1
        if cls[s] != _OPEN or (b == 0 and not br.flush_first):
            shift = 0.0
        else:
            shift = start_shift(s)
        if hopeless and best[e] - best[b] >= HOPELESS and e < n:
            br._warn_loose(s, et, br.per_gap(s, et, avail, shift))
        append(new(Span, (s, et, avail, shift, False, e >= n)))
        avail = measure
        b = e
    return spans
