"""Line breaking of body text (cjk-typesetting.md §3).

Greedy, one line at a time, working per line rather than per character: the prefix
sums of the natural advances and ``bisect`` find where the measure falls, then only
the few characters around it are checked against the break flags.

For each line (§3.2): if the character after the measure cannot start a line, *push
in* (pull it up to the next opportunity) when the line's shrink can absorb it,
otherwise *push out* (break at the last opportunity and expand). A line that would
need more than ``max_gap_em`` per gap is re-broken by moving one unit down from the
previous line (§3.4), and an orphaned last line takes one more (§3.5).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from .classes import HANGABLE
from .config import TypesetConfig
from .diagnostics import warn
from .prepare import CONTENT, Prepared

EPS = 1e-9
_PUNCT_BEFORE_HANG = frozenset(b"peECZOKMSI,.:;q!)")


class Span(NamedTuple):
    """One line to set: characters [start, end), the available width, the left blank
    its opening bracket gives up (``shift``), whether its last mark hangs, and
    whether it is the paragraph's last line (set solid, not justified)."""

    start: int
    end: int
    avail: float
    shift: float
    hang: bool = False
    last: bool = False


_NOT_CONTENT = bytes(c for c in range(256) if c not in CONTENT)
# Builds a Span from a tuple without the keyword-handling NamedTuple constructor.
_new_span = tuple.__new__


class Breaker:
    """Breaks one prepared paragraph into Spans."""

    __slots__ = ("p", "measure", "indent", "max_gap", "try_gap", "allow_stop", "hanging",
                 "flush_first", "min_last", "flush")

    def __init__(
        self,
        p: Prepared,
        measure: float,
        indent: float,
        cfg: TypesetConfig,
        *,
        hanging: bool,
        flush: bool = True,
    ) -> None:
        """``hanging``: hang marks (the caller rules it out for zh-Hant); ``flush``:
        opening brackets at line starts give up their blank (body text)."""
        self.p = p
        self.measure = measure
        self.indent = indent
        self.max_gap = cfg.max_gap_em
        # Lines looser than this are worth trying to improve (§3.2: prefer the
        # smallest maximum adjustment); looser than max_gap they must be (§3.4).
        self.try_gap = cfg.max_gap_em / 2
        self.allow_stop = cfg.allow_stop_compression
        self.hanging = hanging
        self.flush_first = cfg.flush_first_line_opener
        self.min_last = cfg.min_last_line_chars
        self.flush = flush

    # -- measuring ------------------------------------------------------------
    def trim(self, s: int, e: int) -> int:
        """End of [s, e) without trailing spaces (one character is always kept)."""
        cls = self.p.cls
        while e > s + 1 and cls[e - 1] == 32:
            e -= 1
        return e

    def _frame(self, s: int, first: bool) -> tuple[float, float]:
        avail = self.measure - (self.indent if first else 0.0)
        flush = self.flush and (not first or self.flush_first)
        shift = self.p.start_shift(s) if flush else 0.0
        return avail, shift

    def per_gap(self, s: int, e: int, avail: float, shift: float) -> float:
        """Extra space per stretchable gap if [s, e) is justified to ``avail``."""
        p = self.p
        e = self.trim(s, e)
        slack = avail - p.width(s, e, shift)
        if slack <= EPS:
            return 0.0
        g = p.gaps(s, e)
        return slack / g if g else float("inf")

    def _fits_shrunk(self, s: int, e: int, avail: float, shift: float) -> bool:
        p = self.p
        e = self.trim(s, e)
        excess = p.width(s, e, shift) - avail
        return excess <= EPS or excess <= p.shrink(s, e, self.allow_stop) + EPS

    def _fit(self, s: int, avail: float, shift: float) -> int:
        """Largest e > s with width(s, e) <= avail (s + 1 if nothing fits)."""
        p = self.p
        n, pre, cut = p.n, p.pre, p.cut
        limit = pre[s] + avail + shift + EPS
        e = bisect_right(pre, limit, s + 1) - 1
        # A negative end cut (a pair-compressed blank that returns when the pair is
        # split at the line end) makes a line wider than its prefix: step back.
        while e > s + 1 and pre[e] - pre[s] - cut[e - 1] > avail + shift + EPS:
            e -= 1
        # The edge of the line gives some width back (half-width end mark): check
        # whether one or two more characters still fit.
        if e < n and pre[e + 1] - cut[e] <= limit:
            e += 1
            if e < n and pre[e + 1] - cut[e] <= limit:
                e += 1
        return e if e > s else s + 1

    def _prev_opp(self, b: int, s: int) -> int:
        nobrk = self.p.nobrk
        while b > s and nobrk[b]:
            b -= 1
        return b

    def _next_opp(self, b: int) -> int:
        nobrk, n = self.p.nobrk, self.p.n
        while b < n and nobrk[b]:
            b += 1
        return b

    # -- one line ------------------------------------------------------------
    def choose(self, s: int, avail: float, shift: float) -> tuple[int, bool]:
        """Where the line starting at ``s`` breaks: (break position, hangs)."""
        p = self.p
        n = p.n
        fit = self._fit(s, avail, shift)
        if fit >= n:
            return n, False
        if n - fit <= 3 and self._fits_shrunk(s, n, avail, shift):
            return n, False  # the rest fits when shrunk: no near-empty last line
        nobrk = p.nobrk
        if not nobrk[fit]:
            # Breaking at the measure is allowed. Only a loose line (§3.4) tries
            # pushing in the next unit instead.
            if avail - (p.pre[fit] - p.pre[s] - shift - p.end_cut(fit - 1)) <= self.max_gap:
                return fit, False
            b2 = self._next_opp(fit + 1)
            if self.per_gap(s, fit, avail, shift) > self.max_gap and self._fits_shrunk(
                s, b2, avail, shift
            ):
                return b2, False
            return fit, False
        # The character at the measure cannot start a line.
        b = self._prev_opp(fit, s)
        b2 = self._next_opp(fit + 1)
        if self.hanging and self._can_hang(fit):
            return fit + 1, True
        if b == s or self._fits_shrunk(s, b2, avail, shift):
            return b2, False  # push in (or an overlong unit: nothing else exists)
        return b, False  # push out

    def _can_hang(self, i: int) -> bool:
        p = self.p
        return (
            p.text[i] in HANGABLE
            and p.cls[i - 1] not in _PUNCT_BEFORE_HANG
            and (i + 1 >= p.n or not p.nobrk[i + 1])
        )

    # -- the paragraph --------------------------------------------------------
    def run(self) -> list[Span]:
        """Break the whole paragraph."""
        p = self.p
        n, cls, pre, cut, nobrk, noexp = p.n, p.cls, p.pre, p.cut, p.nobrk, p.noexp
        try_gap, max_gap = self.try_gap, self.max_gap
        spans: list[Span] = []
        append = spans.append
        flush = self.flush
        s = 0
        while s < n:
            if spans:
                avail = self.measure
                shift = p.start_shift(s) if flush and cls[s] == 79 else 0.0
                gap_ok = try_gap  # looser lines try borrowing from the line above
            else:
                avail, shift = self._frame(s, True)
                gap_ok = max_gap  # the first line has no line above
            # Most lines are decided here from the prefix sums, without the general
            # path's calls (which would choose the same break): the rest of the
            # paragraph fits, or the measure falls on a break opportunity, the next
            # character does not fit even with its end blank cut, and the line
            # needs at most gap_ok em per gap.
            limit = pre[s] + avail + shift + EPS
            fit = bisect_right(pre, limit, s + 1) - 1
            if fit >= n:
                if cls[n - 1] != 32:
                    append(_new_span(Span, (s, n, avail, shift, False, True)))
                    break
            elif (
                fit > s
                and n - fit > 3
                and not nobrk[fit]
                and cls[fit - 1] != 32
                and pre[fit + 1] - cut[fit] > limit
            ):
                slack = avail - (pre[fit] - pre[s] - shift - cut[fit - 1])
                if slack < -EPS:
                    pass  # the returning blank overflows: the general path decides
                elif slack <= gap_ok or slack <= gap_ok * (
                    (fit - 1 - s) - noexp.count(1, s, fit - 1)
                ):
                    append(_new_span(Span, (s, fit, avail, shift, False, False)))
                    s = fit
                    continue
            e, hang = self.choose(s, avail, shift)
            et = e if cls[e - 1] != 32 else self.trim(s, e)
            if (
                e < n
                and spans
                and not hang
                and avail - (pre[et] - pre[s] - shift - cut[et - 1]) > try_gap
            ):
                pg = self.per_gap(s, e, avail, shift)
                if pg > try_gap:
                    e = self._loosen(spans, s, e, pg)
                    s = self.skip_spaces(spans[-1].end)
                    avail, shift = self._frame(s, False)
                    et = self.trim(s, e)
            append(Span(s, et, avail, shift, hang, e >= n))
            s = e
            if s < n and cls[s] == 32:
                s = self.skip_spaces(s)
        if len(spans) >= 2:
            self._fix_orphan(spans)
        return spans

    def skip_spaces(self, i: int) -> int:
        """First position at or after ``i`` that is not a space."""
        cls, n = self.p.cls, self.p.n
        while i < n and cls[i] == 32:
            i += 1
        return i

    def _span(self, s: int, e: int, avail: float, shift: float, hang: bool, last: bool) -> Span:
        return Span(s, self.trim(s, e), avail, shift, hang, last)

    def _loosen(self, spans: list[Span], s: int, e: int, pg: float) -> int:
        """§3.4: move up to three units from the previous line down to this one
        while that makes the worse of the two lines looser than before."""
        prev = spans[-1]
        best: tuple[float, Span, int] | None = None
        b = s
        for _ in range(3):
            b = self._prev_opp(self.trim(prev.start, b) - 1, prev.start)
            if b <= prev.start:
                break
            pg_prev = self.per_gap(prev.start, b, prev.avail, prev.shift)
            if pg_prev > self.max_gap:
                break
            ns = self.skip_spaces(b)
            avail, shift = self._frame(ns, False)
            e2, _ = self.choose(ns, avail, shift)
            pg2 = self.per_gap(ns, e2, avail, shift) if e2 < self.p.n else 0.0
            worst = max(pg_prev, pg2)
            if worst < pg and (best is None or worst < best[0]):
                best = (worst, self._span(prev.start, b, prev.avail, prev.shift, False, False), e2)
            if pg2 <= self.try_gap:
                break
        if best is None:
            if pg > self.max_gap:
                self._warn_loose(s, e, pg)
            return e
        spans[-1] = best[1]
        return best[2]

    def _warn_loose(self, s: int, e: int, pg: float) -> None:
        warn(f"typeset: line {self.p.text[s:e]!r} needs {pg:.2f} em per gap "
             f"(limit {self.max_gap:.2f} em)")

    def _fix_orphan(self, spans: list[Span]) -> None:
        """§3.5: the last line keeps at least ``min_last`` non-punctuation chars.

        Move the last break back one unit; if the line above would get too loose,
        move the break above it back as well (up to three lines up)."""
        p = self.p
        for _ in range(3):
            last = spans[-1]
            # Count the content characters: delete the others, in C.
            if len(p.cls[last.start : last.end].translate(None, _NOT_CONTENT)) >= self.min_last:
                return
            for depth in range(1, min(3, len(spans) - 1) + 1):
                fixed = self._shift_down(spans, depth)
                if fixed is not None:
                    spans[-len(fixed) :] = fixed
                    break
            else:
                return

    def _shift_down(self, spans: list[Span], depth: int) -> list[Span] | None:
        """Move each of the last ``depth`` breaks back by one unit, if every line
        changed stays within the looseness limit and fits; None otherwise."""
        p = self.p
        first = len(spans) - depth - 1
        out: list[Span] = []
        start = spans[first].start
        for k in range(first, len(spans) - 1):
            old = spans[k]
            nxt = spans[k + 1].start
            b = self._prev_opp(self.trim(old.start, nxt) - 1, start)
            if b <= start:
                return None
            avail, shift = self._frame(start, k == 0)
            if not self._fits_shrunk(start, b, avail, shift):
                return None
            if self.per_gap(start, b, avail, shift) > self.max_gap:
                return None
            out.append(self._span(start, b, avail, shift, False, False))
            start = self.skip_spaces(b)
        avail, shift = self._frame(start, False)
        if not self._fits_shrunk(start, p.n, avail, shift):
            return None
        out.append(self._span(start, p.n, avail, shift, False, True))
        return out
