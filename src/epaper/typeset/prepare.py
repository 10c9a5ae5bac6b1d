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
from itertools import accumulate, compress

from epaper import fonts

from . import classes, keys, tokens
from .config import TypesetConfig
from .metrics import NO_MARK, FaceModel, MarkTuple, advance, face_model

_MARKS = re.compile(rb"[MOCZpeE]")
_WESTERN_RUN = re.compile(rb"[LD]+")
_HANLIKE = classes.HANLIKE
_SIGNS = frozenset(b"+$")
_SPACE = re.compile(rb" ")
_QE_RUN = re.compile("[？！]+")  # §4.6 runs
# Characters that count for the orphan rule (§3.5): not punctuation, not spaces.
CONTENT = frozenset(b"?JLDFX")
# Shrink step of §5.2 per class code (marks only), and the marks of step (7).
STEP: list[int] = [classes.SHRINK_STEP.get(c, 0) for c in range(256)]
STOPS = frozenset(c for c, st in classes.SHRINK_STEP.items() if st == 7)


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
        "marks",
        "lb",
        "rb",
        "carry",
        "hl",
        "hl_gaps",
        "spaces",
        "faces",
        "face",
        "tracking",
        "cut",
    )

    def __init__(self) -> None:
        self.lb: dict[int, float] = {}
        self.rb: dict[int, float] = {}
        self.carry: dict[int, float] = {}

    def end_cut(self, last: int) -> float:
        """Width removed when the line ends at character ``last`` (§4.4, §6.1)."""
        return self.cut[last]

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
        return (e - 1 - s) - self.noexp.count(1, s, e - 1)

    def shrink(self, s: int, e: int, allow_stop: bool) -> float:
        """Total shrink available in line [s, e) after its edges are set (§5.2)."""
        total = 0.0
        marks = self.marks
        if marks:
            lb, rb, cls = self.lb, self.rb, self.cls
            for k in range(bisect_left(marks, s), bisect_left(marks, e)):
                i = marks[k]
                if cls[i] in STOPS and not allow_stop:
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


def prepare(text: str, face: str, style: str, level: str, cfg: TypesetConfig) -> Prepared:
    """Analyse ``text`` (no newlines) for face ``face``: see module docstring."""
    p = Prepared()
    model = face_model(face, style)
    fast = keys.lookup(text, face, style)
    p.faces = None
    if fast is not None:
        cls0, adv, kb = fast
    else:
        cls0, kb = classes.classify(text), None
        try:
            adv = list(map(model.table.__getitem__, text))
        except KeyError:  # a character the face lacks: take it from a fallback face
            adv = list(map(model.table.get, text))  # type: ignore[arg-type]
            p.faces = _fallback(text, face, adv)  # type: ignore[arg-type]
    units = tokens.analyse(cls0, level)
    cls = units.cls
    n = len(text)
    hl, tracking = cfg.han_latin_space_em, cfg.tracking
    p.text, p.n, p.cls, p.face, p.tracking, p.hl = text, n, cls, face, tracking, hl
    p.nobrk, p.noexp = units.nobrk, units.noexp
    p.adv = adv
    _punctuation(p, model, cfg.pair_compression, kb, cfg.combine_question_exclamation)
    p.hl_gaps = []
    if b"L" in cls or b"D" in cls:
        _han_western(p, hl)
    if b" " in cls:
        hs = frozenset(p.hl_gaps)
        p.spaces = [m.start() for m in _SPACE.finditer(cls) if m.start() not in hs]
    else:
        p.spaces = []
    if tracking:
        p.adv = adv = [a + tracking for a in adv]
    p.pre = [0.0, *accumulate(adv)]
    # What a line ending at i gives back: the mark's trailing blank, the blank of
    # the next mark that pair compression took from this advance, Han-Western space.
    # A list, not a dict: the breaker reads it once or twice per line.
    cut = [tracking] * n
    for i, c in p.rb.items():
        cut[i] += c
    for i, c in p.carry.items():
        cut[i] -= c
    for i in p.hl_gaps:
        cut[i] += hl
    p.cut = cut
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


def _punctuation(
    p: Prepared, model: FaceModel, pair_compression: float, kb: bytes | None, combine: bool
) -> None:
    """Blank model per mark, fixed frames, adjacent-pair compression (§4.1, §4.3)."""
    kt = keys.key_table(p.face, model.style) if kb is not None else None
    if kt is not None and kb is not None and 1 not in kb.translate(kt.padded):
        # Each character's key names its blank model and no mark changes its frame
        # for good (the usual case): find the marks that have a blank (zh-Hant ？！
        # have none) and build their tables with C-level passes, about twice as
        # fast as a Python step per mark. lb keeps zero entries (readers use get()).
        mask = kb.translate(kt.has_blank)
        p.marks = marks = list(compress(range(p.n), mask))
        pairs: list[int] = []
        if marks:
            mk = bytes(compress(kb, mask))
            p.lb = dict(zip(marks, map(kt.left.__getitem__, mk), strict=True))
            p.rb = dict(zip(marks, map(kt.right.__getitem__, mk), strict=True))
            i = mask.find(b"\x01\x01")
            while i >= 0:
                pairs.append(i)
                i = mask.find(b"\x01\x01", i + 1)
        if combine:
            pairs = _combine_question_exclamation(p, pairs)
        if pairs:
            _compress_pairs(p, pairs, pair_compression)
        return
    _punctuation_per_mark(p, model, pair_compression, combine)


def _punctuation_per_mark(
    p: Prepared, model: FaceModel, pair_compression: float, combine: bool
) -> None:
    """The general path of ``_punctuation``: each mark's model looked up by its
    character, in the face that draws it (a fallback face may differ)."""
    cls, text, adv = p.cls, p.text, p.adv
    lb, rb = p.lb, p.rb
    marks: list[int] = []
    p.marks = marks
    faces = p.faces
    face = p.face
    pos = [m.start() for m in _MARKS.finditer(cls)]
    if not pos:
        return
    if faces is None:
        blanks = model.blanks
        found = [blanks.get(text[i]) or model.blank(text[i], cls[i]) for i in pos]
    else:
        found = [_mark_in_face(faces[i], face, model, text[i], cls[i]) for i in pos]
    for i, t in zip(pos, found, strict=True):
        if t is NO_MARK:
            continue
        pad_left, pad_right, left, right, _ = t
        if pad_left and i > 0:
            adv[i - 1] += pad_left
        if pad_right:
            adv[i] += pad_right
        if left or right:
            marks.append(i)
            if left:
                lb[i] = left
            rb[i] = right
    pairs = [i for i, j in zip(marks, marks[1:], strict=False) if j == i + 1]
    if combine:
        pairs = _combine_question_exclamation(p, pairs)
    _compress_pairs(p, pairs, pair_compression)


def _combine_question_exclamation(p: Prepared, pairs: list[int]) -> list[int]:
    """§4.6: a run of two ？！ marks takes 1 em, a run of three 2 em.

    The marks' inks are spaced evenly in that box, read from their ink boxes (Noto
    SC draws ？ in the left half, Noto TC centres it), so they never overlap each
    other or their neighbours. The box starts where the first mark's frame did: the
    previous character's advance moves the first mark (no line may break there).
    The marks lose their blanks (nothing left to compress). Returns ``pairs``
    without the pairs that touch a combined mark. A run of four or more, a run
    opening the paragraph, or marks too wide for the box are left as they are."""
    text, adv = p.text, p.adv
    gone: set[int] = set()
    for m in _QE_RUN.finditer(text):
        a, b = m.span()
        if not a or not 2 <= b - a <= 3:
            continue
        faces = p.faces[a:b] if p.faces is not None else [p.face] * (b - a)
        inks = [
            fonts.ink_box(f, text[i]) if f != fonts.MISSING else None
            for i, f in zip(range(a, b), faces, strict=True)
        ]
        if any(ink is None for ink in inks):
            continue
        box = float(b - a - 1)
        xs = [(ink[0], ink[2]) for ink in inks]  # type: ignore[index]
        g = (box - sum(x1 - x0 for x0, x1 in xs)) / (b - a + 1)
        if g < 0:
            continue
        origins, x = [], g
        for x0, x1 in xs:
            origins.append(x - x0)
            x += x1 - x0 + g
        adv[a - 1] += origins[0]
        for j in range(b - a - 1):
            adv[a + j] = origins[j + 1] - origins[j]
        adv[b - 1] = box - origins[-1]
        gone.update(range(a, b))
    if not gone:
        return pairs
    p.marks = [i for i in p.marks if i not in gone]
    for i in gone:
        p.lb.pop(i, None)
        p.rb.pop(i, None)
    return [i for i in pairs if i not in gone and i + 1 not in gone]


def _compress_pairs(p: Prepared, pairs: list[int], pair: float) -> None:
    """Adjacent marks (§4.3) at ``pairs`` (i, i + 1): remove up to ½ em (1 em at pair
    compression 1.0) of the blank between the two faces, the left mark's right
    blank first."""
    budget_total = 2.0 - pair
    adv, lb, rb = p.adv, p.lb, p.rb
    for i in pairs:
        j = i + 1
        take_r = min(rb[i], budget_total)
        # The right mark's left blank comes out of the left mark's advance, which a
        # narrow frame (a zh-Hant interpunct opening a paragraph, its left pad lost)
        # may not have room for: an advance never goes negative.
        take_l = max(min(lb.get(j, 0.0), budget_total - take_r, adv[i] - take_r), 0.0)
        if take_r:
            rb[i] -= take_r
        if take_l:
            lb[j] -= take_l
            p.carry[i] = take_l
        adv[i] -= take_r + take_l


def _mark_in_face(k: str, face: str, model: FaceModel, ch: str, code: int) -> MarkTuple:
    """A mark's model in the face it is drawn in (a fallback face may differ)."""
    if k == face:
        return model.blank(ch, code)
    if k == fonts.MISSING:
        return NO_MARK
    return face_model(k, model.style).blank(ch, code)


def _han_western(p: Prepared, hl: float) -> None:
    """¼ em between Han and Western letters or digits (§6.1), kept in the left
    character's advance; a source space there becomes that space."""
    cls, adv = p.cls, p.adv
    n = p.n
    gaps: list[int] = []
    han = _HANLIKE
    # Runs of letters/digits are few; look at their two neighbours (and a sign
    # or $ before a number, or a single space between) instead of every gap.
    for m in _WESTERN_RUN.finditer(cls):
        a, b = m.span()
        if a:
            c = cls[a - 1]
            if c in han:
                gaps.append(a - 1)
            elif c in _SIGNS and cls[a] == 68 and a >= 2 and cls[a - 2] in han:
                gaps.append(a - 2)
            elif c == 32 and a >= 2 and cls[a - 2] in han:
                gaps.append(-(a - 1) - 1)  # the space itself: marked negative
        if b < n:
            c = cls[b]
            if c in han:
                gaps.append(b - 1)
            elif c == 32 and b + 1 < n and cls[b + 1] in han:
                gaps.append(-b - 1)
    out: list[int] = []
    for g in gaps:
        if g >= 0:
            adv[g] += hl
            out.append(g)
        else:
            i = -g - 1
            adv[i] = hl
            out.append(i)
    out.sort()
    p.hl_gaps = out
