"""What one article's block can be at a given span: its cost at every height.

The copy-fitting levers of a desk, as configurations of one block (docs/layouts.md):
the 主題 size and lines within the article's rank, the photos' width and size
(never softer than ``rules.photo_min_dpi``), air around the head (at most
``rules.head_air_lines``) and, last, blank lines under the balanced columns (at most
BLANK_LINES: more would be a hole). For each height the cheapest configuration is
kept; the placement composes the convex envelope (:mod:`.elastic`) and the block is
then made with the exact cheapest configuration at the height it gets.

Costs are in grid cells of white: an empty cell costs 1 (BLANK); everything else is
priced against it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from .block import Piece, Realization, body_depth, flow_index, photo_dpi, photo_extent
from .config import LayoutConfig
from .elastic import HOLE, INF, MIN_BOOK, Elastic, convex
from .headgroup import HeadVariant, continuation_head, head_variants
from .heads import SizeRange

#: A blank cell under a block's balanced columns.
BLANK = 1.0
#: Most blank lines under a block's columns. On the 13.5 pt broadsheet grid five
#: lines of white are a 25 mm hole; a column may end a line above its neighbour and
#: a paragraph's short last line or the right-aligned 【編輯】 line adds white beside
#: it, so two blank lines are what stays clear of the hole size on every template.
BLANK_LINES = 2
#: A cell of air around the head: designed white, so cheaper than blank, but white.
AIR = 0.4
#: Air beyond rules.head_air_lines (at most EXTRA_AIR_LINES more): only when nothing
#: else fills, dearer than blank, cheaper than a hole (a loose head beats white).
AIR_BEYOND = 1.5
EXTRA_AIR_LINES = 2
#: Per column, a 主題 in one line more than headline.max_title_lines.
EXTRA_TITLE_LINE = 1.5
#: Per photo cell beyond rules.photo_share of the block (up to PHOTO_SHARE_STRETCH
#: times it). The template's share is a rule ("at most"), so the stretch is 1: a page
#: short of copy books space (:mod:`.filler`) rather than blowing a photo up.
PHOTO_OVER_SHARE = 1.0
PHOTO_SHARE_STRETCH = 1.0
#: Per point and column of 主題 below the size the template gives the span and
#: priority: a head 4 pt smaller across 4 columns costs about 5 blank cells.
HEAD_SHRINK = 0.3
#: Per point and column above it (room to spare reads better as a bigger head than
#: as white), within the rank's cap.
HEAD_GROW = 0.05
#: A 主題 broken inside a word (only when no size fits it between words).
INSIDE_WORD = 100.0
#: Per cell a photo grows beyond its natural size (photos are content: nearly free),
#: and per cell it is cut below it.
PHOTO_GROW = 0.15
PHOTO_SHRINK = 0.5
#: Per photo cell printed softer than rules.photo_dpi (but sharper than
#: rules.photo_min_dpi): less than a blank cell, so a soft photo beats white.
SOFT_PHOTO = 0.5
#: Per photo cell when no width reaches rules.photo_min_dpi (the only way it prints).
BLURRED_PHOTO = 2.0
#: Per line a column of body text lacks below rules.min_column_lines: a short item
#: set wide under a long head reads as a strip.
SHALLOW = 1.5
#: Photo sizes tried below the natural one (lines; never under MIN_PHOTO_LINES).
SHRINK_LINES = 6
#: Share of a photo item's (no body) block its photos may take.
PHOTO_ITEM_SHARE = 1.0


@dataclass(frozen=True, eq=False)
class Leaf:
    """One piece at one span: exact cost and cheapest realization per height from
    ``lo``; ``elastic`` is their convex envelope for the placement. Compared and
    hashed by identity (one object per piece, span and rank, from a cache)."""

    width: int
    lo: int
    exact: tuple[float, ...]
    real: tuple[Realization | None, ...]
    elastic: Elastic

    def realize(self, h: int) -> Realization:
        """The cheapest way to be ``h`` lines tall. Past the tallest designed height
        the rest stays blank, or, from MIN_BOOK lines on, is booked for an ad at the
        block's foot (the cost :func:`.elastic.beyond` gave the placement)."""
        top = len(self.real) - 1
        k = min(h - self.lo, top)
        for i in range(k, -1, -1):
            r = self.real[i]
            if r is not None:
                extra = h - (self.lo + i)
                if h - self.lo > top and extra >= MIN_BOOK:
                    return replace(r, booked=extra)
                return r
        raise ValueError(f"no realization at {h} lines (lowest is {self.lo})")


@dataclass(frozen=True)
class _PhotoOption:
    cols: int
    grow: int
    per_row: int
    tops: tuple[int, ...]
    cost: float
    cells: int


def preferred_size(cfg: LayoutConfig, span: int, priority: int, rank: SizeRange) -> float:
    """The 主題 size the template gives ``span`` and ``priority``, within ``rank``."""
    if rank.fixed:
        return rank.cap
    return min(rank.cap, max(rank.floor, cfg.headline.title_size(span, priority)))


def _photo_cols(piece: Piece, span: int, cfg: LayoutConfig) -> list[tuple[int, float]]:
    """(photo columns, cost per photo cell) worth trying at ``span``: widths printing
    at rules.photo_dpi or sharper (widest, middle, narrowest), the two next wider
    (soft: SOFT_PHOTO), never below rules.photo_min_dpi unless nothing reaches it."""
    rules = cfg.rules
    dpis = {k: photo_dpi(piece, k, cfg) for k in range(1, span + 1)}
    good = [k for k, d in dpis.items() if d >= rules.photo_dpi]
    soft = [k for k, d in dpis.items() if rules.photo_min_dpi <= d < rules.photo_dpi]
    out: dict[int, float] = {}
    if good:
        for k in {good[-1], good[len(good) // 2], good[0]}:
            out[k] = 0.0
    for k in soft[:2]:
        out[k] = SOFT_PHOTO
    if not out:
        out[1] = BLURRED_PHOTO
    return sorted(out.items(), reverse=True)


def _rows(widths: list[tuple[int, float]], count: int) -> list[tuple[int, float, int]]:
    """(photo columns, cost per cell, photos a row) to try: one photo a column, and,
    for several photos over four or more columns, half as many a row (each twice as
    wide, in twice the rows: a picture page's grid, not a strip of stamps)."""
    out = []
    for cols, per_cell in widths:
        out.append((cols, per_cell, 0))
        if count >= 3 and cols >= 4:
            out.append((cols, per_cell, max(2, math.ceil(min(cols, count) / 2))))
    return out


def _photo_options(piece: Piece, span: int, cfg: LayoutConfig) -> tuple[_PhotoOption, ...]:
    """The photo arrangements worth trying at ``span``. They depend only on the
    article and whether the piece is a continuation (which shows no photos), not on
    where its text is split, so every split the copy-fit plan tries shares them."""
    return _photo_options_of(photo_key(piece), span, cfg)


def photo_key(piece: Piece) -> Piece:
    """The piece as far as its photos go: its article, continuation or not."""
    return Piece(piece.prep, from_page=1) if piece.continuation else Piece(piece.prep)


@lru_cache(maxsize=16384)
def _photo_options_of(piece: Piece, span: int, cfg: LayoutConfig
                      ) -> tuple[_PhotoOption, ...]:
    if piece.continuation or not piece.prep.photos:
        return (_PhotoOption(0, 0, 0, (0,) * span, 0.0, 0),)
    out = []
    widths = _photo_cols(piece, span, cfg)
    if not piece.prep.units:
        # A photo item has nothing but its photos: they fill the block's width (a
        # narrower row would leave the other columns empty), or the span is refused.
        full = [(c, cost) for c, cost in widths if c == span]
        if not full and photo_dpi(piece, span, cfg) >= cfg.rules.photo_min_dpi:
            full = [(span, SOFT_PHOTO)]
        widths = full if full or span > 1 else widths
    count = len(piece.prep.photos)
    # Only the shapes' extents are needed here (photo_shape makes the few a block is
    # composed with).
    for cols, per_cell, per_row in _rows(widths, count):
        natural = photo_extent(piece, span, cols, cfg, 0, per_row)[1]
        last = None
        for grow in range(-SHRINK_LINES, 41):
            tops, cells = photo_extent(piece, span, cols, cfg, grow, per_row)
            if tops == last:
                if grow > 0:
                    break  # the photos reached their 4:3 / resolution limit
                continue
            last = tops
            delta = cells - natural
            cost = per_cell * cells + (PHOTO_GROW * delta if delta > 0
                                       else PHOTO_SHRINK * -delta)
            out.append(_PhotoOption(cols, grow, per_row, tops, cost, cells))
    return tuple(out)


@lru_cache(maxsize=16384)
def leaf(piece: Piece, span: int, cfg: LayoutConfig, rank: SizeRange, limit: int) -> Leaf | None:
    """Cost of ``piece`` at ``span`` for every height up to ``limit`` lines (None when
    even its smallest configuration is taller)."""
    rules = cfg.rules
    heads: list[tuple[HeadVariant | None, int, float]] = []
    if piece.continuation:
        heads.append((None, continuation_head(piece.prep, span, cfg).height, 0.0))
    else:
        pref = preferred_size(cfg, span, piece.prep.article.priority, rank)
        most_lines = cfg.headline.max_title_lines
        for v in head_variants(piece.prep, span, cfg, rank):
            diff = v.size - pref
            cost = (HEAD_GROW * diff if diff > 0 else HEAD_SHRINK * -diff) * span
            cost += EXTRA_TITLE_LINE * span * max(0, len(v.title.lines) - most_lines)
            heads.append((v, v.height, cost + (INSIDE_WORD if v.title.inside_word else 0)))
    item = not piece.prep.units or piece.prep.article.kind == "photo"
    share = PHOTO_ITEM_SHARE if item else rules.photo_share
    # The photo share is a rule and a hole is a fault: a configuration that keeps the
    # share without white beside its photos first; then one that breaks the share
    # (a photo page whose numbered captions left a line of body); white only last.
    table: dict[int, tuple[float, Realization]] = {}
    for clean in (True, False):
        for most in dict.fromkeys((share, PHOTO_ITEM_SHARE)):
            table = _heights(piece, span, cfg, heads, most, limit, clean)
            if table:
                break
        if table:
            break
    if not table:
        return None
    lo = min(table)
    hi = max(table)
    exact = [INF] * (hi - lo + 1)
    real: list[Realization | None] = [None] * (hi - lo + 1)
    for h, (cost, r) in table.items():
        exact[h - lo] = cost
        real[h - lo] = r
    return Leaf(span, lo, tuple(exact), tuple(real), convex(lo, exact, span))


def _heights(piece: Piece, span: int, cfg: LayoutConfig,
             heads: list[tuple[HeadVariant | None, int, float]], share: float, limit: int,
             clean: bool) -> dict[int, tuple[float, Realization]]:
    """The cheapest configuration of ``piece`` at ``span`` for each height it can take,
    its photos within ``share`` of the block; with ``clean``, none whose photo row
    leaves a hole's worth of white beside the text."""
    rules = cfg.rules
    most_air = 1 if piece.continuation else rules.head_air_lines
    least = rules.min_column_lines
    table: dict[int, tuple[float, HeadVariant | None, _PhotoOption, int]] = {}
    ix, end = flow_index(piece.prep), len(piece.units)
    text = ix.heights[end] - ix.heights[piece.start] if piece.start < end else 0
    # The cheapest air and blank lines for every number of spare lines k (per column;
    # the same for every configuration, so worked out once; ties keep the least air).
    spare: list[tuple[float, int]] = []
    for air in range(most_air + EXTRA_AIR_LINES + 1):
        air_cost = AIR * min(air, most_air) + AIR_BEYOND * max(0, air - most_air)
        for blank in range(BLANK_LINES + 1):
            k = air + blank
            extra = air_cost + BLANK * blank
            if k == len(spare):
                spare.append((extra, air))
            elif extra < spare[k][0] - 1e-9:
                spare[k] = (extra, air)
    # Per column of the span: the same products for every configuration.
    spread = [(extra * span, air) for extra, air in spare]
    for opt in _photo_options(piece, span, cfg):
        depth = body_depth(piece, opt.tops)
        body = depth - min(opt.tops)
        lack = 0 if span == 1 or not piece.prep.units else max(0, least - body)
        # White under the photo row not taken by text. A line per column is the
        # ragged foot of balanced columns; more stands beside a photo row deeper than
        # the text, where it is a hole. (White under a caption shorter than its row
        # neighbours' is a line or two per photo, and not counted.)
        white = max(0, sum(depth - t for t in opt.tops) - text - span)
        if clean and white >= MIN_BOOK:
            continue
        shape_cost = opt.cost + SHALLOW * lack * span + HOLE * white
        for head, height, head_cost in heads:
            natural = height + depth
            if natural > limit:
                continue
            room = share * span * (natural + most_air + BLANK_LINES)
            if opt.cells and opt.cells > PHOTO_SHARE_STRETCH * room:
                continue  # photos may take only a share of the block
            base = head_cost + shape_cost + PHOTO_OVER_SHARE * max(0.0, opt.cells - room)
            for k, (extra, air) in enumerate(spread):
                h = natural + k
                if h > limit:
                    break
                cost = base + extra
                old = table.get(h)
                if old is None or cost < old[0] - 1e-9:
                    table[h] = (cost, head, opt, air)
    # Realizations are made for the winners only (most configurations are beaten).
    return {h: (cost, Realization(head, opt.cols, opt.grow, air, photo_row=opt.per_row))
            for h, (cost, head, opt, air) in table.items()}


def spans_for(piece: Piece, columns: int, lead: bool, manual_span: int | None) -> range:
    """Spans a piece may take: a manual placement's, a lead's (at least three fifths of
    the page: a front story in two columns is not a lead), or any; never more columns
    than the piece has body lines (a column would stand empty) unless nothing else
    is allowed."""
    if manual_span:
        s = max(1, min(columns, manual_span))
        return range(s, s + 1)
    least = max(1, math.ceil(columns * 3 / 5)) if lead else 1
    most = columns
    if piece.prep.units and not piece.prep.photos:
        lines = sum(len(u.lines) for u in piece.units[piece.start:])
        most = max(least, min(columns, lines))
    return range(least, most + 1)
