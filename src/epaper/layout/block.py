"""Article blocks (模塊): an article (or part of one) composed in n columns × h lines.

A block is whole columns wide and whole grid lines tall: the head across the block,
then a row of photos over the first columns, then the body flow, balanced. How the
block fills its height (head size, photo size, air, blank) is a :class:`Realization`
chosen by the placement (:mod:`.options`); composing only carries it out. Items are
emitted in reading order, so text extraction gives the article back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..display import Box, Image, Item, PlacedBlock, Rect, Rule
from .config import LayoutConfig
from .document import document_style
from .elastic import MIN_BOOK
from .flow import Flow, FlowIndex, balance, feather, natural_depth_in
from .headgroup import Head, HeadVariant, build_head, continuation_head
from .photos import PhotoInfo, crop_for, effective_dpi
from .prepare import Prepared, Unit, photo_lines
from .text import Segment, SetLine, runs_for_line, set_text

#: Tallest frame (height / width) a photo gets at its natural size: portraits are
#: cropped toward square, as picture desks do, so they do not eat a page.
MAX_ASPECT = 0.9
#: Tallest frame a photo grows to when its block has room to spare (4:3 upright).
MAX_GROWN_ASPECT = 4 / 3
#: Unit roles set ragged right by design (verse lines, table rows).
RAGGED_ROLES = frozenset({"verse", "table"})
#: Fewest image lines of a photo frame (a smaller one is a stamp, not a photo).
MIN_PHOTO_LINES = 3


@dataclass(frozen=True)
class Piece:
    """What one block shows: units ``start`` .. ``stop`` of an article.

    ``stop`` is None when the article runs to its end here; otherwise the rest jumps
    (the plan decided where). ``from_page`` > 0 marks a continuation."""

    prep: Prepared
    start: int = 0
    stop: int | None = None
    from_page: int = 0
    cut: bool = False  # the rest is cut (--allow-overset): 「（未完）」 instead of 下轉

    @property
    def continuation(self) -> bool:
        """True for the rest of a jumped article."""
        return self.start > 0 or self.from_page > 0

    @property
    def jumps(self) -> bool:
        """True when the article continues on another page after this block."""
        return self.stop is not None and self.stop < len(self.prep.units)

    @property
    def units(self) -> tuple[Unit, ...]:
        """The article's units up to ``stop`` (flow indexes start at ``start``)."""
        units = self.prep.units
        return units if self.stop is None else units[:self.stop]

    @property
    def article_id(self) -> str:
        """The article's id."""
        return self.prep.article.id


@dataclass(frozen=True)
class PhotoSlot:
    """A photo in a block: photo index, column offset, span, first line (below the
    head), image lines and the caption lines under it."""

    index: int
    column: int
    span: int
    top: int
    lines: int
    caption: tuple[SetLine, ...]


@dataclass(frozen=True)
class PhotoShape:
    """The photo rows of a block, from the head's foot: slots and the first free line
    of each column below them."""

    slots: tuple[PhotoSlot, ...]
    tops: tuple[int, ...]

    @property
    def cells(self) -> int:
        """Grid cells the photos take, captions included."""
        return sum((s.lines + len(s.caption)) * s.span for s in self.slots)


@dataclass(frozen=True)
class Realization:
    """How a block fills its lines: the head variant (None for a continuation's
    short head), photos over ``photo_cols`` grown by ``photo_grow`` lines, ``air``
    lines shared above and below the head; the rest of the block is blank."""

    head: HeadVariant | None
    photo_cols: int = 0
    photo_grow: int = 0
    air: int = 0
    photo_row: int = 0  # photos a row (0: one a column)
    #: Lines at the block's foot booked for an ad (:mod:`.filler`): the block was
    #: given more lines than any configuration of its copy takes.
    booked: int = 0


@dataclass(frozen=True)
class JumpSlot:
    """A jump line to write in the finalize step, once page numbers are settled."""

    kind: str  # "to" (下轉第N版), "from" (上接第N版) or "cut" (（未完）)
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
    end: int  # first unit not shown
    used_cells: int
    head_lines: int = 0  # grid lines of the head with its air (designed white)
    warnings: tuple[str, ...] = ()
    head: Head | None = None
    #: Lines whose white is part of their design (verse and table rows, ragged
    #: right by nature), in points: the desk check counts them as used.
    designed: tuple[Rect, ...] = ()
    #: Column feet left white that feathering could not take (too few paragraphs):
    #: the page books them (:mod:`.filler`).
    feet: tuple[WhiteFoot, ...] = ()


@dataclass(frozen=True)
class WhiteFoot:
    """White at the foot of ``span`` neighbouring columns of a block: grid column,
    span, first line (of the page's grid, zone included) and lines."""

    column: int
    span: int
    top: int
    lines: int


def _white_feet(flow: Flow, column: int, top: int, lines: int, keep_last: bool
                ) -> tuple[WhiteFoot, ...]:
    """Runs of neighbouring columns whose text ends MIN_BOOK or more lines above the
    block's foot (with a paragraph's short last line above them, four white lines
    already make a hole), each booked from its lowest foot down, one line of air
    kept."""
    out: list[WhiteFoot] = []
    last = len(flow.bottoms) - 1
    run: list[int] = []

    def close() -> None:
        if run:
            foot = max(flow.bottoms[c] for c in run) + 1
            if lines - foot >= MIN_BOOK - 1:
                out.append(WhiteFoot(column + run[0], len(run), top + foot, lines - foot))
            run.clear()

    for c, bottom in enumerate(flow.bottoms):
        if lines - bottom >= MIN_BOOK and not (keep_last and c == last) and bottom > 0:
            run.append(c)
        else:
            close()
    close()
    return tuple(out)


@lru_cache(maxsize=16384)
def _caption(prep: Prepared, index: int, width: float, cfg: LayoutConfig) -> tuple[SetLine, ...]:
    photo = prep.article.photos[index]
    segs = [Segment(photo.caption, "caption")] if photo.caption else []
    if photo.credit:
        segs.append(Segment(("　" if segs else "") + photo.credit, "credit"))
    style = cfg.style("caption")
    return set_text(segs, width / style.size, style, prep.lang) if segs else ()


def row_spans(k: int, n: int) -> list[int]:
    """Columns each of ``n`` photos in a row over ``k`` columns gets."""
    base, extra = divmod(k, n)
    return [base + (1 if j < extra else 0) for j in range(n)]


def grow_limit(info: PhotoInfo, width: float, pitch: float, dpi: float) -> int:
    """Most image lines a frame ``width`` pt wide may take: no taller than 4:3, and
    (when the photo has pixels) cropped no further than ``dpi`` across its width."""
    tallest = MAX_GROWN_ASPECT * width
    if info.ok:
        natural = min(info.aspect, MAX_ASPECT) * width
        # A frame taller than the photo cuts its sides: 72·H/h dpi across the width.
        tallest = min(tallest, max(natural, 72.0 * info.height / dpi))
    return max(MIN_PHOTO_LINES, math.floor(tallest / pitch + 0.45))


@lru_cache(maxsize=8192)
def photo_shape(piece: Piece, span: int, photo_cols: int, cfg: LayoutConfig,
                grow: int = 0, per_row: int = 0) -> PhotoShape:
    """Photos of ``piece`` in rows over the first ``photo_cols`` columns of ``span``,
    ``per_row`` photos a row (0: one a column), each row's frames ``grow`` lines
    taller (or shorter) than their natural size, within :func:`grow_limit` and never
    under MIN_PHOTO_LINES."""
    photos = piece.prep.photos if not piece.continuation else ()
    if not photos or photo_cols <= 0:
        return PhotoShape((), (0,) * span)
    k = max(1, min(photo_cols, span))
    n = max(1, min(per_row, k)) if per_row else k
    tops = [0] * span
    slots: list[PhotoSlot] = []
    top = 0
    for row in _photo_rows(piece.prep, k, n, cfg):
        lines = _grown(row, grow)
        for i, c0, s, cap, most in row.slots:
            own = _frame_lines(lines, row.longest, len(cap), most)
            slots.append(PhotoSlot(i, c0, s, top, own, cap))
        top += lines + row.longest
        for c in range(k):
            tops[c] = top
    return PhotoShape(tuple(slots), tuple(tops))


def photo_extent(piece: Piece, span: int, photo_cols: int, cfg: LayoutConfig,
                 grow: int = 0, per_row: int = 0) -> tuple[tuple[int, ...], int]:
    """:func:`photo_shape`'s ``tops`` and ``cells``, the same sums, without making its
    slots: the option search tries dozens of sizes per arrangement and keeps few."""
    photos = piece.prep.photos if not piece.continuation else ()
    if not photos or photo_cols <= 0:
        return (0,) * span, 0
    k = max(1, min(photo_cols, span))
    n = max(1, min(per_row, k)) if per_row else k
    top = 0
    cells = 0
    for row in _photo_rows(piece.prep, k, n, cfg):
        lines = _grown(row, grow)
        for _i, _c0, s, cap, most in row.slots:
            cells += (_frame_lines(lines, row.longest, len(cap), most) + len(cap)) * s
        top += lines + row.longest
    return (top,) * k + (0,) * (span - k), cells


def _grown(row: _PhotoRow, grow: int) -> int:
    """The row's image lines ``grow`` lines taller (within its crop limit) or
    shorter (never under MIN_PHOTO_LINES)."""
    if grow > 0:
        return max(row.lines, min(row.lines + grow, row.most))
    return max(MIN_PHOTO_LINES, row.lines + grow)


def _frame_lines(lines: int, longest: int, caption: int, most: int | None) -> int:
    """Image lines of one frame in a row of ``lines``-line images: a frame over a
    shorter caption grows by the difference (within its crop limit ``most``), so the
    row's captions end level and leave no white under the short ones; a placeholder
    (``most`` None) has no pixels to crop."""
    if most is None:
        most = lines + longest
    return lines + max(0, min(longest - caption, most - lines))


class _RowPhoto(NamedTuple):
    """A photo of a row before it is grown: its index, column offset in the row,
    span, caption lines and most image lines (None: a placeholder, no pixels)."""

    index: int
    column: int
    span: int
    caption: tuple[SetLine, ...]
    most: int | None


@dataclass(frozen=True)
class _PhotoRow:
    """A row of photos before it is grown: natural image lines, the most any of its
    frames may take (:func:`grow_limit`), the longest caption, its photos."""

    lines: int
    most: int
    longest: int
    slots: tuple[_RowPhoto, ...]


@lru_cache(maxsize=4096)
def _photo_rows(prep: Prepared, k: int, n: int, cfg: LayoutConfig) -> tuple[_PhotoRow, ...]:
    """The rows of ``prep``'s photos over ``k`` columns, ``n`` a row: what does not
    depend on how much they grow (worked out once for every size tried)."""
    g = cfg.grid
    photos = prep.photos
    out = []
    for first in range(0, len(photos), n):
        row = list(range(first, min(first + n, len(photos))))
        spans = row_spans(k, len(row))
        natural = [min(photos[i].aspect, MAX_ASPECT) * g.span_width(s)
                   for i, s in zip(row, spans, strict=True)]
        lines = max(MIN_PHOTO_LINES, photo_lines(sum(natural) / len(natural), 1.0, g.pitch))
        most = min(grow_limit(photos[i], g.span_width(s), g.pitch, cfg.rules.photo_dpi)
                   for i, s in zip(row, spans, strict=True))
        col = 0
        slots = []
        for i, s in zip(row, spans, strict=True):
            cap = _caption(prep, i, g.span_width(s), cfg)
            own = grow_limit(photos[i], g.span_width(s), g.pitch, cfg.rules.photo_dpi)
            slots.append(_RowPhoto(i, col, s, cap, own if photos[i].ok else None))
            col += s
        longest = max(len(c.caption) for c in slots)
        out.append(_PhotoRow(lines, most, longest, tuple(slots)))
    return tuple(out)


def photo_dpi(piece: Piece, photo_cols: int, cfg: LayoutConfig) -> float:
    """The lowest effective resolution of the piece's photos set over ``photo_cols``
    (infinite for placeholders, which have no pixels to lose)."""
    photos = piece.prep.photos
    if piece.continuation or not photos:
        return math.inf
    k = max(1, photo_cols)
    low = math.inf
    for i in range(0, len(photos), k):
        row = photos[i:i + k]
        for info, s in zip(row, row_spans(k, len(row)), strict=True):
            if info.ok:
                low = min(low, 72.0 * info.width / cfg.grid.span_width(s))
    return low


@lru_cache(maxsize=16384)
@lru_cache(maxsize=65536)
def body_depth(piece: Piece, tops: tuple[int, ...]) -> int:
    """Fewest lines from the head's foot that hold the piece's units with the columns
    starting at ``tops`` (a jumping piece keeps the last line of its last column for
    the 下轉 line)."""
    # Never shallower than its photos: text that fits beside a tall photo row does
    # not make the row shorter.
    depth = natural_depth_in(flow_index(piece.prep), len(piece.units), piece.start, tops,
                             reserve_last=int(piece.jumps))
    return max(depth, max(tops, default=0))


@lru_cache(maxsize=4096)
def flow_index(prep: Prepared) -> FlowIndex:
    """The article's body units indexed for the depth search (every split the copy-fit
    plan tries shows a prefix of them)."""
    return FlowIndex.of(prep.units)


def head_of(piece: Piece, span: int, cfg: LayoutConfig, real: Realization) -> Head:
    """The head a realization sets (a continuation's short head when it has none)."""
    if real.head is None:
        return continuation_head(piece.prep, span, cfg)
    return build_head(piece.prep, span, cfg, real.head)


def compose(piece: Piece, column: int, span: int, top: int, lines: int, real: Realization,
            cfg: LayoutConfig) -> Block:
    """Compose ``piece`` into the block at grid ``column``/``top``, ``span`` × ``lines``,
    as ``real`` says."""
    g = cfg.grid
    prep = piece.prep
    aid = piece.article_id
    units = piece.units
    booked = real.booked
    lines -= booked  # the foot is booked for an ad (drawn by the page)
    head = head_of(piece, span, cfg, real)
    photos = photo_shape(piece, span, real.photo_cols, cfg, real.photo_grow,
                         real.photo_row)
    air = real.air
    offset = head.height + air
    tops = tuple(offset + t for t in photos.tops)
    flow = balance(units, piece.start, tops, lines, reserve_last=int(piece.jumps))
    flow = feather(flow, units, piece.start, lines, keep_last=piece.jumps)
    x0 = g.column_x(column)
    y0 = g.line_y(top)
    width = g.span_width(span)
    shift = air * g.pitch / 2  # half the air above the head, half below
    items: list[Item | JumpSlot] = []
    warnings: list[str] = [] if piece.continuation else list(prep.warnings)
    art = prep.article
    where = f"{art.source}: " if str(art.source) else ""
    if flow.end < len(units) or max(tops) > lines:
        warnings.append(f"{where}article {art.id}: a block of {lines} lines cannot hold "
                        f"what was planned for it; {len(units) - flow.end} units are lost")
    if piece.continuation:
        items.append(JumpSlot("from", aid, x0, g.baseline(top, cfg.style("jump").size),
                              width, "start"))
    for box in (head.summary_box, head.note_box):
        if box:
            first, n = box
            items.append(Box(x0, y0 + (first + 0.5) * g.pitch + shift, width,
                             (n - 1) * g.pitch, stroke_width=0.6))
    for hl in head.lines:
        align = hl.align
        x, w = x0, width
        if align == "note" or hl.role == "summary":
            x, w = x0 + g.body_size, width - 2 * g.body_size
            align = "justify"
        items.extend(runs_for_line(hl.line, x, y0 + hl.dy + shift, hl.size, w, align, aid))
    used = offset * span
    for slot in photos.slots:
        items.extend(_photo(piece, slot, x0, top + offset, cfg, warnings))
        used += (slot.lines + len(slot.caption)) * slot.span
    styles = {r: cfg.style(r) for r in ("body", "byline", "subhead", "editor")}
    styles["document"] = document_style(cfg)  # layout/document.py
    aligns = {"body": "justify", "subhead": styles["subhead"].align,
              "byline": styles["byline"].align, "editor": "end"}
    designed: list[Rect] = []
    feet = _white_feet(flow, column, top, lines, keep_last=piece.jumps)
    for c, col in enumerate(flow.columns):
        cx = g.column_x(column + c)
        for index, row in col:
            unit = units[index]
            if unit.role in RAGGED_ROLES:
                designed.append(Rect(cx, g.line_y(top + row), g.column_width,
                                     len(unit.lines) * g.pitch))
            style = styles.get(unit.role, styles["body"])
            align = aligns.get(unit.role, "justify")
            for i, line in enumerate(unit.lines):
                y = g.baseline(top + row + i, style.size)
                items.extend(runs_for_line(line, cx, y, style.size, g.column_width, align,
                                           aid))
            for rule in unit.rules:  # a table's rules (layout/table.py)
                y = round(g.line_y(top + row + rule.line), 3)
                items.append(Rule(round(cx + rule.start * g.body_size, 3), y,
                                  round(cx + rule.end * g.body_size, 3), y, width=0.5))
            used += unit.height if row > tops[c] else len(unit.lines)
    if piece.jumps:
        # Right under the last column's text, which kept that line free.
        row = min(lines - 1, flow.bottoms[-1]) if flow.bottoms else lines - 1
        items.append(JumpSlot("cut" if piece.cut else "to", aid,
                              g.column_x(column + span - 1),
                              g.baseline(top + row, cfg.style("jump").size),
                              g.column_width, "end"))
        used += 1
    rect = Rect(round(x0, 3), round(y0, 3), round(width, 3), round(lines * g.pitch, 3))
    return Block(aid, tuple(items), PlacedBlock(aid, column, span, top, lines), rect,
                 flow.end, min(used, span * lines), head_lines=offset if head.lines else 0,
                 warnings=tuple(warnings), head=head, designed=tuple(designed),
                 feet=feet)


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
        name = photo.file.name if photo.file.name else ""
        text = f"{label}：{name}" if name else label
        lines = set_text([Segment(text, "placeholder")], w / style.size, style,
                         piece.prep.lang, kind="headline")
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
