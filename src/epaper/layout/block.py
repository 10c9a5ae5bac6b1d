"""Article blocks (模塊): an article (or the rest of one) composed at n columns.

A block is whole columns wide and whole grid lines tall: the head across the block,
then a row of photos over the first columns, then the body flow, balanced. Its items
are emitted in reading order, so text extraction gives the article back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..display import Box, Image, Item, PlacedBlock, Rect
from .config import LayoutConfig
from .flow import Flow, balance, natural_depth, unevenness
from .photos import PhotoInfo, crop_for, effective_dpi
from .prepare import Head, Prepared, head_for, photo_lines
from .text import Segment, SetLine, runs_for_line, set_text

#: Tallest frame (height / width) a photo gets at its natural size: portraits are
#: cropped toward square, as picture desks do, so they do not eat a page.
MAX_ASPECT = 0.9
#: Body lines a block keeps under its photos when a manual height is short.
MIN_LINES = 2
#: Tallest frame a photo grows to when its block has room to spare (4:3 upright).
MAX_GROWN_ASPECT = 4 / 3


@dataclass(frozen=True)
class Piece:
    """What one block shows: an article from unit ``start``; a continuation when > 0."""

    prep: Prepared
    start: int = 0
    from_page: int = 0  # page the previous part sits on (continuations)

    @property
    def continuation(self) -> bool:
        """True for the rest of a jumped article."""
        return self.start > 0 or self.from_page > 0

    @property
    def article_id(self) -> str:
        """The article's id."""
        return self.prep.article.id


@dataclass(frozen=True)
class PhotoSlot:
    """A photo in a block: photo index, column offset, span, first line, image lines."""

    index: int
    column: int
    span: int
    top: int
    lines: int
    caption: tuple[SetLine, ...]


@dataclass(frozen=True)
class Shape:
    """A block's geometry before the body flows: head, photos, first free line per column."""

    head: Head
    photos: tuple[PhotoSlot, ...]
    tops: tuple[int, ...]


@dataclass(frozen=True)
class JumpSlot:
    """A jump line to write in the finalize step, once page numbers are settled."""

    kind: str  # "to" (下轉第N版) or "from" (上接第N版)
    article_id: str
    x: float
    y: float  # baseline
    width: float
    align: str


@dataclass(frozen=True)
class Block:
    """A composed block: items in reading order and what it covered."""

    article_id: str
    items: tuple[Item | JumpSlot, ...]
    placed: PlacedBlock
    rect: Rect
    end: int  # first unit not shown (== number of units when the article ends here)
    used_cells: int
    warnings: tuple[str, ...] = ()


def _caption(prep: Prepared, index: int, width: float, cfg: LayoutConfig) -> tuple[SetLine, ...]:
    photo = prep.article.photos[index]
    segs = [Segment(photo.caption, "caption")] if photo.caption else []
    if photo.credit:
        segs.append(Segment(("　" if segs else "") + photo.credit, "credit"))
    style = cfg.style("caption")
    return set_text(segs, width / style.size, style, prep.lang) if segs else ()


def _row_spans(k: int, n: int) -> list[int]:
    """Columns each of ``n`` photos in a row over ``k`` columns gets."""
    base, extra = divmod(k, n)
    return [base + (1 if j < extra else 0) for j in range(n)]


def _max_lines(info: PhotoInfo, width: float, pitch: float, dpi: float) -> int:
    """Most image lines a frame ``width`` pt wide may take: no taller than 4:3, and
    (when the photo is sharp enough to begin with) cropped no further than ``dpi``."""
    tallest = MAX_GROWN_ASPECT * width
    if info.ok:
        natural = min(info.aspect, MAX_ASPECT) * width
        # A frame taller than the photo cuts its sides: 72·H/h dpi across the width.
        tallest = min(tallest, max(natural, 72.0 * info.height / dpi))
    return max(2, math.floor(tallest / pitch + 0.45))


@lru_cache(maxsize=4096)
def shape(piece: Piece, span: int, photo_cols: int, cfg: LayoutConfig, grow: int = 0) -> Shape:
    """Head and photo rows of ``piece`` at ``span`` columns; photos over ``photo_cols``.

    ``grow`` adds image lines to each photo row (room to spare, within the 4:3 and
    resolution limits of :func:`_max_lines`); a negative ``grow`` shrinks the photos
    to fit a short manual height."""
    g = cfg.grid
    head = head_for(piece.prep, span, cfg, piece.continuation)
    tops = [head.height] * span
    slots: list[PhotoSlot] = []
    photos = piece.prep.photos if not piece.continuation else ()
    k = max(1, min(photo_cols, span))
    rows = [list(range(i, min(i + k, len(photos)))) for i in range(0, len(photos), k)]
    top = head.height
    for row in rows:
        spans = _row_spans(k, len(row))
        natural = [min(photos[i].aspect, MAX_ASPECT) * g.span_width(s)
                   for i, s in zip(row, spans, strict=True)]
        lines = photo_lines(sum(natural) / len(natural), 1.0, g.pitch)
        if grow > 0:
            most = min(_max_lines(photos[i], g.span_width(s), g.pitch, cfg.rules.photo_dpi)
                       for i, s in zip(row, spans, strict=True))
            lines = max(lines, min(lines + grow, most))
        else:
            lines = max(2, lines + grow)
        col = 0
        caps = []
        for i, s in zip(row, spans, strict=True):
            cap = _caption(piece.prep, i, g.span_width(s), cfg)
            caps.append((i, col, s, cap))
            col += s
        depth = lines + max(len(c[3]) for c in caps)
        for i, col, s, cap in caps:
            slots.append(PhotoSlot(i, col, s, top, lines, cap))
        for c in range(k):
            tops[c] = top + depth
        top += depth
    return Shape(head, tuple(slots), tuple(tops))


def photo_cells(sh: Shape) -> int:
    """Grid cells the photos of a shape take, captions included."""
    return sum((slot.lines + len(slot.caption)) * slot.span for slot in sh.photos)


def photo_dpi(piece: Piece, photo_cols: int, cfg: LayoutConfig) -> float:
    """The lowest effective resolution of the piece's photos set over ``photo_cols``."""
    photos = piece.prep.photos
    if piece.continuation or not photos:
        return math.inf
    k = max(1, photo_cols)
    low = math.inf
    for i in range(0, len(photos), k):
        row = photos[i:i + k]
        for info, s in zip(row, _row_spans(k, len(row)), strict=True):
            if info.ok:
                low = min(low, 72.0 * info.width / cfg.grid.span_width(s))
    return low


@lru_cache(maxsize=8192)
def natural_lines(piece: Piece, span: int, photo_cols: int, cfg: LayoutConfig) -> int:
    """Height in grid lines of ``piece`` composed at ``span`` with everything shown."""
    sh = shape(piece, span, photo_cols, cfg)
    return natural_depth(piece.prep.units, piece.start, sh.tops)


def _grow_to(piece: Piece, span: int, photo_cols: int, cfg: LayoutConfig, lines: int
             ) -> tuple[Shape, Flow, int]:
    """Shape, flow and head air (grid lines) for a block of ``lines``.

    Room to spare goes first to air around the head (at most ``head_air_lines``),
    then to the photos, which grow within their limits (4:3, resolution, a share of
    the block's area); the rest stays under the balanced columns."""
    units = piece.prep.units
    sh = shape(piece, span, photo_cols, cfg)
    shrink = 0
    while sh.photos and max(sh.tops) > lines - MIN_LINES and shrink > -40:
        shrink -= 1  # a manual height shorter than the photos: smaller photos
        sh = shape(piece, span, photo_cols, cfg, shrink)
    flow = balance(units, piece.start, sh.tops, lines, reserve_last=1)
    if flow.end < len(units):
        return sh, flow, 0
    most = 1 if piece.continuation else cfg.rules.head_air_lines
    air = min(most, max(0, lines - max(flow.depth, max(sh.tops))))
    if air:
        sh = Shape(sh.head, sh.photos, tuple(t + air for t in sh.tops))
        flow = balance(units, piece.start, sh.tops, lines, reserve_last=1)
    # Photos grow as far as the text still fits and their limits allow, preferring
    # sizes whose columns end level (a subhead kept from a foot can leave one short).
    best = (max(1, unevenness(flow)), 0, sh, flow)
    tops = sh.tops
    cap = cfg.rules.photo_share * span * lines
    for grow in range(1, 40 if sh.photos else 1):
        grown = shape(piece, span, photo_cols, cfg, grow)
        sh2 = Shape(grown.head, grown.photos, tuple(t + air for t in grown.tops))
        if sh2.tops == tops or photo_cells(sh2) > cap:
            break
        tops = sh2.tops
        flow2 = balance(units, piece.start, sh2.tops, lines, reserve_last=1)
        if flow2.end < len(units) or flow2.depth > lines:
            break
        key = (max(1, unevenness(flow2)), -grow, sh2, flow2)
        if key[:2] < best[:2]:
            best = key
    return best[2], best[3], air


def compose(piece: Piece, column: int, span: int, top: int, lines: int, photo_cols: int,
            cfg: LayoutConfig) -> Block:
    """Compose ``piece`` into the block at grid ``column``/``top``, ``span`` × ``lines``."""
    g = cfg.grid
    prep = piece.prep
    aid = piece.article_id
    sh, flow, air = _grow_to(piece, span, photo_cols, cfg, lines)
    x0 = g.column_x(column)
    y0 = g.line_y(top)
    width = g.span_width(span)
    shift = air * g.pitch / 2
    items: list[Item | JumpSlot] = []
    warnings: list[str] = [] if piece.continuation else list(prep.warnings)
    head = sh.head
    if max(sh.tops) > lines:
        art = prep.article
        where = f"{art.source}: " if str(art.source) else ""
        warnings.append(f"{where}article {art.id}: a block of {lines} lines is too short "
                        f"for its head and photos ({max(sh.tops)} lines); they overrun it")
    if piece.continuation:
        items.append(JumpSlot("from", aid, x0, g.baseline(top, cfg.style("jump").size),
                              width, "start"))
    for box in (head.summary_box, head.note_box):
        if box:
            first, n = box
            items.append(Box(x0, y0 + (first + 0.5) * g.pitch + shift, width,
                             (n - 1) * g.pitch, stroke_width=0.6))
    for hl in head.lines:
        style_align = hl.align
        x, w = x0, width
        if style_align == "note" or hl.role == "summary":
            x, w = x0 + g.body_size, width - 2 * g.body_size
            style_align = "justify"
        items.extend(runs_for_line(hl.line, x, y0 + hl.dy + shift, hl.size, w, style_align,
                                   aid))
    # The head's air is designed white space, like its padding: it counts as used.
    used = (head.height + air) * span
    for slot in sh.photos:
        items.extend(_photo(piece, slot, x0, top + air, cfg, warnings))
        used += (slot.lines + len(slot.caption)) * slot.span
    styles = {r: cfg.style(r) for r in ("body", "byline", "subhead", "editor")}
    for c, col in enumerate(flow.columns):
        cx = g.column_x(column + c)
        for index, row in col:
            unit = prep.units[index]
            style = styles[unit.role]
            align = {"body": "justify", "subhead": style.align, "byline": style.align,
                     "editor": "end"}[unit.role]
            for i, line in enumerate(unit.lines):
                y = g.baseline(top + row + i, style.size)
                items.extend(runs_for_line(line, cx, y, style.size, g.column_width, align, aid))
            used += unit.height if row > sh.tops[c] else len(unit.lines)
    if flow.end < len(prep.units):
        last = column + span - 1
        items.append(JumpSlot("to", aid, g.column_x(last),
                              g.baseline(top + lines - 1, cfg.style("jump").size),
                              g.column_width, "end"))
        used += 1
    rect = Rect(round(x0, 3), round(y0, 3), round(width, 3), round(lines * g.pitch, 3))
    return Block(aid, tuple(items), PlacedBlock(aid, column, span, top, lines), rect,
                 flow.end, min(used, span * lines), tuple(warnings))


def _photo(piece: Piece, slot: PhotoSlot, x0: float, top: int, cfg: LayoutConfig,
           warnings: list[str]) -> list[Item]:
    g = cfg.grid
    info = piece.prep.photos[slot.index]
    photo = piece.prep.article.photos[slot.index]
    x = x0 + slot.column * (g.column_width + g.gutter)
    y = g.line_y(top + slot.top) + 0.15 * g.pitch
    w = g.span_width(slot.span)
    h = slot.lines * g.pitch - 0.45 * g.pitch
    where = str(photo.source) if str(photo.source) else photo.file.name
    out: list[Item] = []
    if info.ok:
        crop = crop_for(info, w, h)
        out.append(Image(round(x, 3), round(y, 3), round(w, 3), round(h, 3), info.src, crop,
                         article_id=piece.article_id))
        dpi = effective_dpi(crop, w)
        if dpi < cfg.rules.photo_dpi:
            warnings.append(f"{where}: photo {photo.file.name} prints at {dpi:.0f} dpi "
                            f"({w / 72 * 25.4:.0f} mm wide), below {cfg.rules.photo_dpi:.0f} dpi")
    else:
        out.append(Box(round(x, 3), round(y, 3), round(w, 3), round(h, 3), stroke_width=0.8,
                       fill=(0.9, 0.9, 0.9)))
        style = cfg.style("caption")
        label = "圖片缺失" if piece.prep.lang == "zh-Hant" else "图片缺失"
        lines = set_text([Segment(f"{label}：{photo.file.name}", "placeholder")],
                         w / style.size, style, piece.prep.lang, kind="headline")
        for i, line in enumerate(lines[:2]):
            out.extend(runs_for_line(line, x, y + h / 2 + i * g.pitch, style.size, w, "center",
                                     piece.article_id))
        if not photo.missing:  # a declared missing photo was reported by ingest already
            warnings.append(f"{where}: {info.problem}: {photo.file.name}; "
                            f"a placeholder is printed")
    style = cfg.style("caption")
    for i, line in enumerate(slot.caption):
        yb = g.baseline(top + slot.top + slot.lines + i, style.size)
        out.extend(runs_for_line(line, x, yb, style.size, w, "justify" if not line.last
                                 else "start", piece.article_id))
    return out
