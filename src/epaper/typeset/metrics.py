"""Natural advances and the punctuation blank model, read from the actual font.

cjk-typesetting.md §4.1: a full-width mark is a ½ em face plus ½ em of adjustable
blank, and where the blank sits MUST come from the glyph's ink box in the font, not
from the code point (Noto SC puts ，。 bottom-left, Noto TC centres them, WenKai's
curly quotes are 0.35 em proportional glyphs with no blank at all). ``mark_metrics``
derives each mark's blank from its ink; ``FaceModel`` caches the result per face and
punctuation style (font facts, not typesetting results: nothing here depends on the
text being set).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from epaper import fonts

from .classes import SHRINK_STEP

# Ink may overshoot the half-em line by this much and still count as inside it.
INK_TOLERANCE = 0.03
# Glyphs narrower than this are proportional (Latin-style) forms: no blank model.
FULL_WIDTH_MIN = 0.75
# §1.6: a U+2014 pair occupies exactly 2 em; the renderer stretches each dash to
# 1 em (Noto's is 0.89 em), so the typesetter gives it a 1 em advance.
EM_DASH_ADVANCE = 1.0


@dataclass(frozen=True, slots=True)
class MarkMetrics:
    """How one punctuation mark sits in its frame, in em.

    ``pad_left``/``pad_right`` change the mark's frame for good (added to the
    previous character's advance and to its own; negative removes), as for the
    GB interpunct, fixed at ½ em. ``left``/``right`` are the adjustable blanks that
    pair compression, line edges and shrinking may remove.
    """

    pad_left: float = 0.0
    pad_right: float = 0.0
    left: float = 0.0
    right: float = 0.0


NO_BLANK = MarkMetrics()


def _quarter_blanks(x0: float, x1: float, adv: float) -> tuple[float, float]:
    """Blank left and right of the ink in ¼ em steps (0, ¼ or ½)."""
    tol = INK_TOLERANCE
    left = 0.5 if x0 >= 0.5 - tol else 0.25 if x0 >= 0.25 - tol else 0.0
    right = 0.5 if x1 <= adv - 0.5 + tol else 0.25 if x1 <= adv - 0.25 + tol else 0.0
    return left, right


def mark_metrics(
    ch: str, code: str, adv: float, ink: tuple[float, float, float, float] | None, style: str
) -> MarkMetrics:
    """Derive the blank model of mark ``ch`` (class ``code``) from its ink box (§4.1).

    ``code`` is the class code of classes.py (O, C, Z, p, e, E, M). In style
    ``none`` every mark keeps its full frame. In ``cns`` ？！ are fixed (§4.2).
    """
    if style == "none" or ink is None:
        return NO_BLANK
    x0, x1 = ink[0], ink[2]
    if code == "M":
        # GB: ½ em fixed; CNS: 1 em, centred, may shrink to ½ em (§4.1, §5.2 (3)).
        target = 0.5 if style == "gb" else 1.0
        pad = (target - adv) / 2
        if pad < 0:  # narrow the frame, but never into the ink
            pad = -min(-pad, max(x0, 0.0), max(adv - x1, 0.0))
        blank = 0.25 if style == "cns" and x0 + pad >= 0.25 - INK_TOLERANCE else 0.0
        if style == "cns" and x1 + pad > target - 0.25 + INK_TOLERANCE:
            blank = 0.0
        return MarkMetrics(pad, pad, blank, blank)
    if adv < FULL_WIDTH_MIN:
        return NO_BLANK
    if style == "cns" and ch in "？！":
        return NO_BLANK
    left, right = _quarter_blanks(x0, x1, adv)
    if left + right > 0.5:  # the face is ½ em: keep the blank on the mark's own side
        if code == "O":
            right = 0.5 - left
        else:
            left = 0.5 - right
    if not (left or right):
        return NO_BLANK
    return MarkMetrics(0.0, 0.0, left, right)


# A mark's model as the hot loop reads it: (pad_left, pad_right, left, right, shrink
# step); NO_MARK for marks with neither pads nor blanks.
MarkTuple = tuple[float, float, float, float, int]
NO_MARK: MarkTuple = (0.0, 0.0, 0.0, 0.0, 0)


class FaceModel:
    """Advances and mark blanks of one face in one punctuation style (cached)."""

    __slots__ = ("key", "style", "table", "_marks", "blanks")

    def __init__(self, key: str, style: str) -> None:
        self.key = key
        self.style = style
        table = fonts.advance_table(key)
        if table.get("—", EM_DASH_ADVANCE) != EM_DASH_ADVANCE:
            table = dict(table)
            table["—"] = EM_DASH_ADVANCE
        self.table: dict[str, float] = table
        self._marks: dict[str, MarkMetrics] = {}
        self.blanks: dict[str, MarkTuple] = {}

    def mark(self, ch: str, code: str) -> MarkMetrics:
        """Blank model of mark ``ch`` of class ``code`` in this face."""
        m = self._marks.get(ch)
        if m is None:
            adv = self.table.get(ch, 1.0)
            m = mark_metrics(ch, code, adv, fonts.ink_box(self.key, ch), self.style)
            self._marks[ch] = m
        return m

    def blank(self, ch: str, code: int) -> MarkTuple:
        """``mark`` as a tuple with the shrink step of §5.2, cached per character."""
        t = self.blanks.get(ch)
        if t is None:
            m = self.mark(ch, chr(code))
            if m == NO_BLANK:
                t = NO_MARK
            else:
                t = (m.pad_left, m.pad_right, m.left, m.right, SHRINK_STEP[code])
            self.blanks[ch] = t
        return t


@cache
def face_model(key: str, style: str) -> FaceModel:
    """The FaceModel of face ``key`` in punctuation ``style`` (one per process)."""
    return FaceModel(key, style)


def advance(key: str, ch: str) -> float:
    """Advance of ``ch`` in face ``key`` (``fonts.MISSING``: 1 em), dash rule applied."""
    if ch == "—":
        return EM_DASH_ADVANCE
    return fonts.advance(key, ch)
