"""Drawing one TextRun on a ReportLab canvas with exact per-character advances.

Characters whose advance equals the font's own width are grouped into one string
(one ``Tj``); every other character starts a new segment at its absolute x, so
compression and justification come out exactly as the typesetter computed them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .. import fonts
from ..display import TextRun

EM_DASH = "\u2014"
TWO_EM_DASH = "\u2e3a"  # ⸺: drawn as the —— pair where the face lacks it (§1.6)
MIDLINE_ELLIPSIS = "\u22ef"  # ⋯: drawn as … where the face lacks it (§1.6)
ELLIPSIS = "\u2026"
_EPS = 0.01  # points: closer than this counts as "already there"


@dataclass(frozen=True)
class Glyph:
    """One thing to draw: ``text`` in ``face`` at x, ``width`` points wide;
    ``stretch`` means scale horizontally so the ink fills ``width``."""

    face: str
    text: str
    x: float
    width: float
    stretch: bool = False


@cache
def font_name(face: str) -> str:
    """The ReportLab name of a bundled face, registered on first use."""
    return fonts.register(face)


@lru_cache(maxsize=65536)
def _natural(face: str, ch: str) -> float:
    """The glyph's own advance in em, as the PDF viewer will apply it."""
    return pdfmetrics.getFont(font_name(face)).stringWidth(ch, 1.0)


def glyphs(run: TextRun) -> list[Glyph]:
    """Resolve each character of ``run`` to a face and apply the §1.6 substitutions."""
    out: list[Glyph] = []
    x = run.x
    for ch, adv in zip(run.text, run.advances, strict=True):
        out.extend(_glyphs_for(run.font, ch, x, adv))
        x += adv
    return out


def _glyphs_for(key: str, ch: str, x: float, adv: float) -> list[Glyph]:
    if fonts.is_ignorable(ch):
        return []  # zero-width marks: drawing one would show .notdef
    if key == fonts.MISSING:
        return [Glyph(fonts.MISSING, ch, x, adv)]
    face = fonts.resolve_face(key, ch)
    if face == fonts.MISSING and ch == TWO_EM_DASH:
        dash = fonts.resolve_face(key, EM_DASH)
        if dash != fonts.MISSING:
            return [Glyph(dash, EM_DASH, x, adv / 2, True),
                    Glyph(dash, EM_DASH, x + adv / 2, adv / 2, True)]
    if face == fonts.MISSING and ch == MIDLINE_ELLIPSIS:
        dots = fonts.resolve_face(key, ELLIPSIS)
        if dots != fonts.MISSING:
            return [Glyph(dots, ELLIPSIS, x, adv)]
    if ch.isspace() and face == fonts.MISSING:
        return []  # a space needs no glyph; its advance is the gap
    return [Glyph(face, ch, x, adv, stretch=ch == EM_DASH)]


def draw_run(canvas: Canvas, run: TextRun, page_height: float) -> None:
    """Draw ``run`` (top-left coordinates) on ``canvas`` (bottom-left)."""
    y = page_height - run.y
    canvas.setFillColorRGB(*run.color)
    canvas.setStrokeColorRGB(*run.color)
    text = canvas.beginText()
    pending: list[Glyph] = []
    current_face = ""

    def flush() -> None:
        nonlocal pending, current_face
        if not pending:
            return
        first = pending[0]
        if first.face != current_face:
            text.setFont(font_name(first.face), run.size)
            current_face = first.face
        text.setTextOrigin(first.x, y)
        text.textOut("".join(g.text for g in pending))
        pending = []

    boxes: list[Glyph] = []
    for glyph in glyphs(run):
        if glyph.face == fonts.MISSING:
            boxes.append(glyph)
            continue
        if glyph.stretch:
            flush()
            current_face = _draw_stretched(text, glyph, run.size, y, current_face)
            continue
        if pending and (glyph.face != pending[-1].face
                        or abs(glyph.x - _expected_x(pending, run.size)) > _EPS):
            flush()
        pending.append(glyph)
    flush()
    canvas.drawText(text)
    for glyph in boxes:
        _draw_missing_box(canvas, glyph, run.size, y)


def _expected_x(pending: list[Glyph], size: float) -> float:
    """Where the viewer will put the next character after ``pending`` as one string."""
    first = pending[0]
    return first.x + sum(_natural(g.face, g.text) for g in pending) * size


def _draw_stretched(text, glyph: Glyph, size: float, y: float, current_face: str) -> str:
    """Scale the glyph horizontally so its ink spans exactly its advance: two em
    dashes then meet as one unbroken line (cjk-typesetting.md §1.6)."""
    if glyph.face != current_face:
        text.setFont(font_name(glyph.face), size)
    box = fonts.ink_box(glyph.face, glyph.text)
    natural = _natural(glyph.face, glyph.text)
    ink_left, ink_width = (box[0], box[2] - box[0]) if box and box[2] > box[0] else (0.0,
                                                                                    natural)
    scale = glyph.width / (ink_width * size) if ink_width > 0 else 1.0
    text.setHorizScale(scale * 100)
    text.setTextOrigin(glyph.x - ink_left * size * scale, y)
    text.textOut(glyph.text)
    text.setHorizScale(100)
    return glyph.face


def _draw_missing_box(canvas: Canvas, glyph: Glyph, size: float, y: float) -> None:
    """A hollow box where no bundled font has the character: visible, never silent."""
    if glyph.text.isspace():
        return
    side = min(glyph.width, size) * 0.8
    left = glyph.x + (glyph.width - side) / 2
    bottom = y - size * 0.12
    canvas.saveState()
    canvas.setLineWidth(max(size * 0.05, 0.3))
    canvas.rect(left, bottom, side, side, stroke=1, fill=0)
    canvas.restoreState()
