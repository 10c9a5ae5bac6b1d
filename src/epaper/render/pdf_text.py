"""Drawing one TextRun on a ReportLab canvas with exact per-character advances.

A run becomes one text object: per face a ``Tm`` to its start and ``TJ`` arrays whose
numbers move each glyph from where its font's own width would leave it to where the
typesetter put it, so compression and justification come out exactly. The glyph
codes and subsets are ReportLab's (``TTFont.splitString``), so subsetting, embedding
and the ToUnicode maps that make the text extractable stay ReportLab's machinery.

What to draw (faces, positions, adjustments) depends only on the run, not on the
document (:func:`plan`); only the subset codes are per document, and each page is drawn
once per build (the page PDFs are cut from the issue PDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .. import fonts
from ..display import TextRun
from .reportlab_adapter import subset_codes

EM_DASH = "\u2014"
TWO_EM_DASH = "\u2e3a"  # ⸺: drawn as the —— pair where the face lacks it (§1.6)
MIDLINE_ELLIPSIS = "\u22ef"  # ⋯: drawn as … where the face lacks it (§1.6)
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Glyph:
    """One thing to draw: ``text`` in ``face`` at x, ``width`` points wide;
    ``stretch`` means scale horizontally so the ink fills ``width``."""

    face: str
    text: str
    x: float
    width: float
    stretch: bool = False


@dataclass(frozen=True)
class Segment:
    """Consecutive glyphs of one face shown by one ``TJ`` from ``x`` on the baseline.

    ``kerns[i]`` is the formatted TJ number placed before character ``i`` ("" for
    none); ``scale`` is the horizontal scaling in per cent (100 unless stretched)."""

    face: str
    text: str
    x: float
    kerns: tuple[str, ...]
    scale: float = 100.0


@dataclass(frozen=True)
class RunPlan:
    """A run ready to draw: its segments and the missing-glyph boxes."""

    segments: tuple[Segment, ...]
    boxes: tuple[Glyph, ...]


@cache
def font_name(face: str) -> str:
    """The ReportLab name of a bundled face, registered on first use."""
    return fonts.register(face)


@lru_cache(maxsize=65536)
def _width(face: str, ch: str) -> float:
    """The glyph's advance in 1/1000 em exactly as written into the subset's /Widths
    (ReportLab maps no-break space to space and unknown characters to .notdef)."""
    face_obj = pdfmetrics.getFont(font_name(face)).face
    return face_obj.getCharWidth(32 if ch == "\u00a0" else ord(ch))


def _natural(face: str, ch: str) -> float:
    """The glyph's own advance in em, as the PDF viewer will apply it."""
    return pdfmetrics.getFont(font_name(face)).stringWidth(ch, 1.0)


def num(value: float, places: int = 3) -> str:
    """``value`` with at most ``places`` decimals, no trailing zeros, never "-0"."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _glyphs_for(key: str, ch: str, x: float, adv: float) -> list[Glyph]:
    """Resolve ``ch`` to a face and apply the §1.6 substitutions."""
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


@lru_cache(maxsize=65536)
def _resolved(key: str, ch: str, adv: float) -> tuple[Glyph, ...]:
    """What ``ch`` in face ``key`` becomes, placed at x = 0 (most characters of a
    page repeat with the same advance: resolve each once)."""
    return tuple(_glyphs_for(key, ch, 0.0, adv))


@cache
def _plain_chars(key: str) -> frozenset[str]:
    """Characters face ``key`` draws itself with nothing substituted or stretched:
    :func:`_glyphs_for` gives exactly one glyph in ``key`` for them."""
    if key == fonts.MISSING:
        return frozenset()
    # The advance table holds the face's characters plus the ignorable marks (advance
    # 0): set algebra over it, not a call per character (14,000 of them).
    table = fonts.advance_table(key)
    ignorable = [ch for ch, width in table.items() if width == 0.0 and fonts.is_ignorable(ch)]
    return frozenset(table).difference(ignorable, (EM_DASH,))


@cache
def _widths(key: str) -> dict[str, float]:
    """Per-face memo of :func:`_width`, filled as characters are met."""
    return {}


def plan(run: TextRun) -> RunPlan:
    """Group ``run``'s glyphs into segments with their TJ adjustments.

    Adjustments are rounded to 0.1 thousandth of the size, and each is computed from
    where the previous rounded ones really left the pen, so rounding never adds up
    along a line."""
    size = run.size
    per_point = 1000 / size if size > 0 else 0.0  # a zero-size run needs no adjusting
    segments: list[Segment] = []
    boxes: list[Glyph] = []
    face = ""
    text: list[str] = []
    kerns: list[str] = []
    start = pen = 0.0

    def close() -> None:
        if text:
            segments.append(Segment(face, "".join(text), start, tuple(kerns)))
            text.clear()
            kerns.clear()

    x = run.x
    key = run.font
    plain = _plain_chars(key)
    widths = _widths(key)
    for ch, adv in zip(run.text, run.advances, strict=True):
        if ch in plain:
            # The common case, inlined (cProfile: plan was most of the PDF time): the
            # run's own face has the character and nothing is substituted.
            if face != key or not text:
                close()
                face = key
                start = pen = float(num(x))
                kerns.append("")
            else:
                units = round((pen - x) * per_point, 1)  # positive: move left
                if units:
                    kern = f"{units:.1f}"
                    kerns.append(kern[:-2] if kern.endswith(".0") else kern)
                    pen -= units * size / 1000
                else:
                    kerns.append("")
            text.append(ch)
            width = widths.get(ch)
            if width is None:
                width = widths[ch] = _width(key, ch)
            pen += width * size / 1000
            x += adv
            continue
        for glyph in _resolved(key, ch, adv):
            gx = x + glyph.x
            if glyph.face == fonts.MISSING:
                boxes.append(Glyph(glyph.face, glyph.text, gx, glyph.width))
            elif glyph.stretch:
                close()
                segments.append(_stretched(Glyph(glyph.face, glyph.text, gx, glyph.width,
                                                 True), size))
            else:
                if glyph.face != face or not text:
                    close()
                    face = glyph.face
                    start = pen = float(num(gx))
                    kerns.append("")
                else:
                    units = round((pen - gx) * per_point, 1)  # positive: move left
                    if units:
                        kern = f"{units:.1f}"
                        kerns.append(kern[:-2] if kern.endswith(".0") else kern)
                        pen -= units * size / 1000
                    else:
                        kerns.append("")
                text.append(glyph.text)
                pen += _width(face, glyph.text) * size / 1000
        x += adv
    close()
    return RunPlan(tuple(segments), tuple(boxes))


def _stretched(glyph: Glyph, size: float) -> Segment:
    """Scale the glyph horizontally so its ink spans exactly its advance: two em
    dashes then meet as one unbroken line (cjk-typesetting.md §1.6)."""
    box = fonts.ink_box(glyph.face, glyph.text)
    natural = _natural(glyph.face, glyph.text)
    ink_left, ink_width = (box[0], box[2] - box[0]) if box and box[2] > box[0] else (
        0.0, natural)
    scale = glyph.width / (ink_width * size) if ink_width > 0 else 1.0
    return Segment(glyph.face, glyph.text, glyph.x - ink_left * size * scale, ("",),
                   scale * 100)


def draw_run(canvas: Canvas, run: TextRun, page_height: float,
             used: dict[str, set[int]] | None = None) -> None:
    """Draw ``run`` (top-left coordinates) on ``canvas`` (bottom-left); add the glyph
    codes it shows, per subset font name, to ``used``."""
    y = num(page_height - run.y)
    canvas.setFillColorRGB(*run.color)
    run_plan = plan(run)
    if run_plan.segments:
        canvas.addLiteral(text_object(canvas, run_plan, run.size, y, used))
    if run_plan.boxes:
        canvas.setStrokeColorRGB(*run.color)
        for glyph in run_plan.boxes:
            _draw_missing_box(canvas, glyph, run.size, page_height - run.y)


def text_object(canvas: Canvas, run_plan: RunPlan, size: float, y: str,
                used: dict[str, set[int]] | None = None) -> str:
    """The ``BT … ET`` operators for ``run_plan`` in ``canvas``'s document, with the
    subset codes ReportLab assigns there (registering the subsets it uses)."""
    size_text = num(size)
    out = ["BT"]
    current = ""
    for seg in run_plan.segments:
        font = pdfmetrics.getFont(font_name(seg.face))
        if seg.scale != 100.0:
            out.append(f"{num(seg.scale)} Tz")
        out.append(f"1 0 0 1 {num(seg.x)} {y} Tm")
        index = 0
        for name, codes in subset_codes(canvas, font, seg.text):
            if used is not None:
                used.setdefault(name, set()).update(codes)
            if name != current:
                out.append(f"{name} {size_text} Tf")
                current = name
            out.append(_tj(codes, seg.kerns, index))
            index += len(codes)
        if seg.scale != 100.0:
            out.append("100 Tz")
    out.append("ET")
    return "\n".join(out)


def _tj(codes: bytes, kerns: tuple[str, ...], offset: int) -> str:
    """One TJ array: the codes (one byte per character, as hex strings: C-speed and
    no escaping) cut where an adjustment goes."""
    parts: list[str] = []
    begin = 0
    for i in range(len(codes)):
        kern = kerns[offset + i]
        if kern:
            if i > begin:
                parts.append(f"<{codes[begin:i].hex()}>")
            parts.append(kern)
            begin = i
    parts.append(f"<{codes[begin:].hex()}>")
    return f"[{' '.join(parts)}] TJ"


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
