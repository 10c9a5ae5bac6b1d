"""Page placement: the pieces of a page become non-overlapping blocks on the grid.

A beam search over a skyline (the first free grid line of every column): each piece,
in priority order, is tried at a few spans, photo widths, columns and heights; a
state's cost counts grid cells left empty and text pushed to a later page. The lead
story goes on top across most columns; manual placements are taken as given.
Everything here is whole numbers of columns and grid lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Placement
from .block import Piece, natural_lines, shape
from .config import LayoutConfig

BEAM = 24
#: Cost per grid cell of text sent on to another page: low when the desk asked for
#: the jump (continue_on), high otherwise, prohibitive when no later page exists.
PLANNED_JUMP = 0.35
UNPLANNED_JUMP = 2.0
OVERSET = 8.0
#: Cost per cell of an article that gets no block at all on this page.
MOVED = 6.0
#: Fixed cost of a jump the desk did not ask for (readers dislike turning pages).
JUMP_FIXED = 60.0
#: The fewest body lines worth starting an article with, below its head.
MIN_BODY = 4
#: The fewest lines of text worth sending to another page.
MIN_REST = 8


@dataclass(frozen=True)
class Spot:
    """A piece's block on the page (0-based column and line of the article area)."""

    piece: int  # index into the page's pieces
    column: int
    span: int
    top: int
    lines: int
    photo_cols: int
    natural: int  # lines it would need to show everything from its start


@dataclass(frozen=True)
class _State:
    sky: tuple[int, ...]
    spots: tuple[Spot, ...]
    cost: float
    moved: tuple[int, ...] = ()


@dataclass(frozen=True)
class Arrangement:
    """The chosen blocks and the pieces that found no room on the page."""

    spots: tuple[Spot, ...]
    moved: tuple[int, ...]  # piece indexes left out entirely
    cost: float


def _spans(index: int, piece: Piece, cols: int, lead: bool) -> list[int]:
    if lead:
        low = max(1, -(-cols * 3 // 5))
        return list(range(cols, low - 1, -1))
    if piece.continuation:
        return list(range(1, min(cols, 3) + 1))
    return list(range(1, cols + 1))


def _photo_options(piece: Piece, span: int) -> list[int]:
    if piece.continuation or not piece.prep.photos:
        return [span]
    opts = {span, max(1, span - 1), max(1, -(-span // 2))}
    if len(piece.prep.photos) > 1:
        opts.add(span)
    return sorted(opts, reverse=True)


def _heights(natural: int, avail: int, rows: int, top: int, minimum: int,
             jumpable: bool, span: int) -> list[int]:
    """Block heights worth trying: all of it, or (jumping) as much as leaves enough."""
    def rest_ok(h: int) -> bool:
        return (natural - h) * span >= MIN_REST

    out = [natural] if natural <= avail else []
    if natural > avail and avail >= minimum and rest_ok(avail):
        out.append(avail)
    if jumpable:  # a planned jump may also stop short to leave room for others
        out += [h for h in (round(rows * f) - top for f in (0.45, 0.55, 0.65, 0.75))
                if minimum <= h < min(natural, avail) and rest_ok(h)]
    return out


def arrange(pieces: list[Piece], manual: dict[int, Placement], cfg: LayoutConfig,
            rows: int, jump_cost: list[float]) -> Arrangement:
    """Choose blocks for ``pieces`` (in order) on an area of ``rows`` grid lines.

    ``jump_cost[i]`` is the cost per cell of text of piece i sent to a later page."""
    cols = cfg.grid.columns
    states = [_State(tuple([0] * cols), (), 0.0)]
    for index, piece in enumerate(pieces):
        lead = index == 0 and not piece.continuation and index not in manual
        nxt: dict[tuple, _State] = {}
        for st in states:
            for new in _options(st, index, piece, manual.get(index), cfg, rows, lead,
                                jump_cost[index]):
                key = (new.sky, new.moved)
                if key not in nxt or new.cost < nxt[key].cost:
                    nxt[key] = new
        states = sorted(nxt.values(), key=lambda s: (s.cost, s.sky, s.moved))[:BEAM]
    best = min(states, key=lambda s: (s.cost + sum(rows - h for h in s.sky), s.sky, s.moved))
    return Arrangement(best.spots, best.moved, best.cost + sum(rows - h for h in best.sky))


def _options(st: _State, index: int, piece: Piece, placement: Placement | None,
             cfg: LayoutConfig, rows: int, lead: bool, jump_cost: float):
    """Every next state from ``st`` with ``piece`` placed (or left out)."""
    cols = cfg.grid.columns
    total = piece.prep.flow_lines
    if placement is not None:
        col = max(0, min(cols - 1, placement.column - 1))
        span = max(1, min(cols - col, placement.span))
        top = max(st.sky[col:col + span])
        pc = _photo_options(piece, span)[0]
        natural = natural_lines(piece, span, pc, cfg)
        lines = placement.height or natural
        lines = max(1, min(lines, rows - top))
        if top < rows:
            spot = Spot(index, col, span, top, lines, pc, natural)
            yield _advance(st, spot, jump_cost)
            return
    produced = False
    for span in _spans(index, piece, cols, lead):
        starts = [0] if lead else _starts(st.sky, span)
        for pc in _photo_options(piece, span):
            natural = natural_lines(piece, span, pc, cfg)
            minimum = min(natural, max(shape(piece, span, pc, cfg).tops) + MIN_BODY)
            for col in starts:
                top = max(st.sky[col:col + span])
                if lead and top:
                    continue
                avail = rows - top
                for lines in _heights(natural, avail, rows, top, minimum,
                                      jump_cost <= PLANNED_JUMP, span):
                    spot = Spot(index, col, span, top, lines, pc, natural)
                    produced = True
                    yield _advance(st, spot, jump_cost)
    if not produced or not lead:
        yield _State(st.sky, st.spots, st.cost + MOVED * total, st.moved + (index,))


def _starts(sky: tuple[int, ...], span: int) -> list[int]:
    """Columns where a block may start: skyline steps, and flush right."""
    cols = len(sky)
    out = set()
    for c in range(cols - span + 1):
        if c == 0 or sky[c] != sky[c - 1] or c + span == cols:
            out.add(c)
        elif c + span < cols and sky[c + span] != sky[c + span - 1]:
            out.add(c)
    return sorted(out)


def _advance(st: _State, spot: Spot, jump_cost: float) -> _State:
    cols = spot.column + spot.span
    gap = sum(spot.top - h for h in st.sky[spot.column:cols])
    short = max(0, spot.natural - spot.lines) * spot.span
    sky = st.sky[:spot.column] + tuple([spot.top + spot.lines] * spot.span) + st.sky[cols:]
    cost = st.cost + gap + short * jump_cost
    if short and jump_cost > PLANNED_JUMP:
        cost += JUMP_FIXED
    return _State(sky, st.spots + (spot,), cost, st.moved)


def stretch(spots: tuple[Spot, ...], cols: int, rows: int) -> tuple[Spot, ...]:
    """Let blocks grow down into empty cells directly below them, bottom blocks first."""
    out = list(spots)
    changed = True
    while changed:
        changed = False
        order = sorted(range(len(out)), key=lambda i: -(out[i].top + out[i].lines))
        for i in order:
            s = out[i]
            bottom = s.top + s.lines
            limit = rows
            for j, o in enumerate(out):
                if j == i:
                    continue
                if o.column < s.column + s.span and s.column < o.column + o.span \
                        and o.top >= bottom:
                    limit = min(limit, o.top)
            if limit > bottom:
                out[i] = Spot(s.piece, s.column, s.span, s.top, limit - s.top, s.photo_cols,
                              s.natural)
                changed = True
    return tuple(out)
