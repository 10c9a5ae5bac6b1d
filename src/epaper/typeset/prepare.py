"""One paragraph made ready for breaking: classes, flags, natural advances.

Natural advances already include what does not depend on where lines break
(cjk-typesetting.md §3.2: compression before the prohibition rules): adjacent
punctuation compressed to 1.5 em (§4.3), fixed interpunct frames, Han–Western
space (§6.1) and tracking. What depends on the break (line-end half-width marks,
flush opening brackets, no Han–Western space at an edge) is undone per line, from
the sparse tables kept here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from epaper import fonts

from . import classes, tokens
from .metrics import FaceModel, advance, face_model

_MARKS = re.compile(rb"[MOCZpeE]")
_HAN_WESTERN = re.compile(rb"(?<=[?J])(?=[LD]|[+$]D)|(?<=[LD])(?=[?J])")
_HAN_SPACE_WESTERN = re.compile(rb"(?<=[?J]) (?=[LD])|(?<=[LD]) (?=[?J])")
_SPACE = re.compile(rb" ")
# Characters that count for the orphan rule (§3.5): not punctuation, not spaces.
CONTENT = frozenset(b"?JLDFX")


class Prepared:
    """A paragraph's analysis (internal to the typesetter; read by breaker/justify)."""

    __slots__ = (
        "text",
        "n",
        "cls",
        "adv",
        "pre",
        "nobrk",
        "noexp",
        "noexp_cum",
        "marks",
        "lb",
        "rb",
        "step",
        "carry",
        "hl",
        "hl_gaps",
        "hl_set",
        "spaces",
        "faces",
        "face",
        "tracking",
    )

    def __init__(self) -> None:
        self.lb: dict[int, float] = {}
        self.rb: dict[int, float] = {}
        self.step: dict[int, int] = {}
        self.carry: dict[int, float] = {}

    def end_cut(self, last: int) -> float:
        """Width removed when the line ends at character ``last`` (§4.4, §6.1)."""
        cut = self.rb.get(last, 0.0) - self.carry.get(last, 0.0) + self.tracking
        if last in self.hl_set:
            cut += self.hl
        return cut

    def start_shift(self, s: int) -> float:
        """Left blank an opening bracket at line start gives up (§4.4)."""
        if self.cls[s] != 79:  # "O"
            return 0.0
        return self.lb.get(s, 0.0) + self.carry.get(s - 1, 0.0)

    def width(self, s: int, e: int, shift: float) -> float:
        """Set width of characters [s, e) as one line, before justification."""
        return self.pre[e] - self.pre[s] - shift - self.end_cut(e - 1)

    def gaps(self, s: int, e: int) -> int:
        """Number of gaps in [s, e) that justification may widen (§5.3)."""
        if e - s < 2:
            return 0
        return (e - 1 - s) - (self.noexp_cum[e - 1] - self.noexp_cum[s])

    def shrink(self, s: int, e: int, allow_stop: bool) -> float:
        """Total shrink available in line [s, e) after its edges are set (§5.2)."""
        total = 0.0
        marks = self.marks
        if marks:
            lb, rb, step = self.lb, self.rb, self.step
            for k in range(bisect_left(marks, s), bisect_left(marks, e)):
                i = marks[k]
                if step[i] == 7 and not allow_stop:
                    continue
                if i > s:
                    total += min(lb.get(i, 0.0), max(self.adv[i - 1], 0.0))
                if i < e - 1:
                    total += rb.get(i, 0.0)
        if self.spaces:
            adv = self.adv
            sp = self.spaces
            for k in range(bisect_left(sp, s), bisect_left(sp, e)):
                total += max(adv[sp[k]] - 0.25, 0.0)
        if self.hl_gaps:
            hg = self.hl_gaps
            total += (bisect_left(hg, e - 1) - bisect_left(hg, s)) * max(self.hl - 0.125, 0.0)
        return total


def prepare(
    text: str,
    face: str,
    style: str,
    level: str,
    pair_compression: float,
    hl: float,
    tracking: float,
) -> Prepared:
    """Analyse ``text`` (no newlines) for face ``face``: see module docstring."""
    p = Prepared()
    model = face_model(face, style)
    units = tokens.analyse(classes.classify(text), level)
    cls = units.cls
    n = len(text)
    p.text, p.n, p.cls, p.face, p.tracking, p.hl = text, n, cls, face, tracking, hl
    p.nobrk, p.noexp = units.nobrk, units.noexp
    adv: list[float] = list(map(model.table.get, text))  # type: ignore[arg-type]
    p.faces = None
    if None in adv:
        p.faces = _fallback(text, face, adv)
    p.adv = adv
    _punctuation(p, model, pair_compression)
    p.hl_gaps = []
    if b"L" in cls or b"D" in cls:
        _han_western(p, hl)
    p.hl_set = frozenset(p.hl_gaps)
    hs = p.hl_set
    p.spaces = (
        [m.start() for m in _SPACE.finditer(cls) if m.start() not in hs] if (b" " in cls) else []
    )
    if tracking:
        p.adv = adv = [a + tracking for a in adv]
    p.pre = [0.0, *accumulate(adv)]
    p.noexp_cum = [0, *accumulate(p.noexp)]
    return p


def _fallback(text: str, face: str, adv: list[float | None]) -> list[str]:
    """Faces per character: ``face``, or a fallback face where it lacks a glyph."""
    faces = [face] * len(text)
    for i, a in enumerate(adv):
        if a is None:
            k = fonts.resolve_face(face, text[i])
            faces[i] = k
            adv[i] = advance(k, text[i])
    return faces


def _punctuation(p: Prepared, model: FaceModel, pair_compression: float) -> None:
    """Blank model per mark, fixed frames, adjacent-pair compression (§4.1, §4.3)."""
    cls, text, adv = p.cls, p.text, p.adv
    lb, rb, step = p.lb, p.rb, p.step
    marks: list[int] = []
    faces = p.faces
    for m in _MARKS.finditer(cls):
        i = m.start()
        code = chr(cls[i])
        if faces is not None and faces[i] != p.face:
            k = faces[i]
            mm = face_model(k, model.style).mark(text[i], code) if k != fonts.MISSING else None
        else:
            mm = model.mark(text[i], code)
        if mm is None:
            continue
        if mm.pad_left and i > 0:
            adv[i - 1] += mm.pad_left
        if mm.pad_right:
            adv[i] += mm.pad_right
        if mm.left or mm.right:
            marks.append(i)
            lb[i] = mm.left
            rb[i] = mm.right
            step[i] = classes.SHRINK_STEP[cls[i]]
    p.marks = marks
    # Adjacent marks (§4.3): remove up to ½ em (1 em at pair_compression 1.0) of the
    # blank between the two faces, the left mark's right blank first.
    budget_total = 2.0 - pair_compression
    for k in range(len(marks) - 1):
        i = marks[k]
        if marks[k + 1] != i + 1:
            continue
        take_r = min(rb[i], budget_total)
        take_l = min(lb[i + 1], budget_total - take_r)
        if take_r:
            rb[i] -= take_r
        if take_l:
            lb[i + 1] -= take_l
            p.carry[i] = take_l
        adv[i] -= take_r + take_l


def _han_western(p: Prepared, hl: float) -> None:
    """¼ em between Han and Western letters or digits (§6.1), kept in the left
    character's advance; a source space there becomes that space."""
    cls, adv = p.cls, p.adv
    gaps: list[int] = []
    for m in _HAN_WESTERN.finditer(cls):
        i = m.start() - 1
        adv[i] += hl
        gaps.append(i)
    if b" " in cls:
        for m in _HAN_SPACE_WESTERN.finditer(cls):
            i = m.start()
            adv[i] = hl
            gaps.append(i)
        gaps.sort()
    p.hl_gaps = gaps
