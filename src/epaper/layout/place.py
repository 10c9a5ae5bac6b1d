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
from .block import Piece, natural_lines, photo_cells, photo_dpi, shape
from .config import LayoutConfig

BEAM = 40
#: Cost per grid cell of text sent on to another page: low when the desk asked for
#: the jump (continue_on), high otherwise, prohibitive when no later page exists.
PLANNED_JUMP = 0.35
UNPLANNED_JUMP = 2.0
OVERSET = 8.0
#: Cost per cell of an article that gets no block at all on this page.
MOVED = 6.0
#: Cost per cell of a ragged foot (columns ending at different lines): the holes
#: would sit inside blocks, where they look worse than an even band of air.
RAGGED = 1.5
#: Cost per cell of a hole left under a block's columns when the next block sits
#: lower: holes are worse than air shared out at the foot of the page.
GAP = 2.0
#: Fixed cost of a jump the desk did not ask for (readers dislike turning pages).
JUMP_FIXED = 60.0
#: The fewest body lines worth starting an article with, below its head.
MIN_BODY = 4
#: Block heights (shares of the page) tried for an article the desk lets jump.
_FRACTIONS = tuple(f / 100 for f in range(35, 90, 5))
#: Body lines (share of the page's lines) a block shows before it jumps: a front-page
#: lead that is all head and photo, with the story elsewhere, cheats the reader.
JUMP_BODY_SHARE = 0.2
#: The fewest lines of text worth sending to another page.
MIN_REST = 8
#: Cost per photo cell of a photo printed below rules.photo_dpi / rules.photo_min_dpi.
SOFT_PHOTO = 0.5
BLURRED_PHOTO = 0.9
#: Cost per line a column of a block lacks below rules.min_column_lines.
SHALLOW = 1.5


@dataclass(frozen=True)
class JumpCost:
    """What sending text of a piece to a later page costs."""

    per_cell: float  # PLANNED_JUMP, UNPLANNED_JUMP or OVERSET
    ideal: int | None = None  # cells the target page has room for, when known

    @property
    def planned(self) -> bool:
        """True when the desk asked for this jump."""
        return self.per_cell <= PLANNED_JUMP

    def of(self, short: int) -> float:
        """Cost of ``short`` cells sent on."""
        if not short:
            return 0.0
        if self.planned and self.ideal is not None:
            # Text that the target page lacks, or cannot take, is empty space somewhere.
            return abs(short - self.ideal) * 0.8
        return short * self.per_cell + (0.0 if self.planned else JUMP_FIXED)


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
    fixed: bool = False  # a manual height: never grown


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
    return list(range(1, cols + 1))


def _photo_options(piece: Piece, span: int, cfg: LayoutConfig) -> list[int]:
    """Photo widths (columns) worth trying at ``span``, widest first.

    Sizes that print at ``rules.photo_dpi`` or sharper (the widest, a middle one and
    the narrowest, or one column when none is that sharp); the two next wider sizes
    too, which cost extra (:func:`_soft_cost`, more below ``rules.photo_min_dpi``)
    and so win only when they fill room that text cannot."""
    if piece.continuation or not piece.prep.photos:
        return [span]
    rules = cfg.rules
    dpis = {k: photo_dpi(piece, k, cfg) for k in range(1, span + 1)}
    good = [k for k, d in dpis.items() if d >= rules.photo_dpi]
    opts = {good[-1], good[len(good) // 2], good[0]} if good else {1}
    wider = [k for k in dpis if k > max(opts)][:2]
    return sorted(opts | set(wider), reverse=True)


def _soft_cost(piece: Piece, photo_cols: int, cells: int, cfg: LayoutConfig) -> float:
    """Extra cost of photos printed softer than ``rules.photo_dpi``: per photo cell,
    less than an empty cell (a soft photo beats a hole) but enough that text or a
    sharper size wins whenever either can fill the room."""
    dpi = photo_dpi(piece, photo_cols, cfg)
    if dpi >= cfg.rules.photo_dpi:
        return 0.0
    return cells * (SOFT_PHOTO if dpi >= cfg.rules.photo_min_dpi else BLURRED_PHOTO)


def _heights(natural: int, avail: int, rows: int, top: int, minimum: int,
             jumpable: bool, span: int) -> list[int]:
    """Block heights worth trying: all of it, or (jumping) as much as leaves enough.

    ``minimum`` is the head and photos plus MIN_BODY lines; a block that jumps must
    show a fifth of the page's lines of body before it sends readers elsewhere."""
    def rest_ok(h: int) -> bool:
        return (natural - h) * span >= MIN_REST and \
            h >= minimum - MIN_BODY + max(MIN_BODY, round(rows * JUMP_BODY_SHARE))

    out = [natural] if natural <= avail else []
    if natural > avail and avail >= minimum and rest_ok(avail):
        out.append(avail)
    if jumpable:  # a planned jump may also stop short to leave room for others
        out += [h for h in (round(rows * f) - top for f in _FRACTIONS)
                if minimum <= h < min(natural, avail) and rest_ok(h)]
    return out


def arrange(pieces: list[Piece], manual: dict[int, Placement], cfg: LayoutConfig,
            rows: int, jump_cost: list[JumpCost]) -> Arrangement:
    """Choose blocks for ``pieces`` (in order) on an area of ``rows`` grid lines.

    ``jump_cost[i]`` prices text of piece i sent to a later page."""
    cols = cfg.grid.columns
    states = [_State(tuple([0] * cols), (), 0.0)]
    # Manual placements win: they take their places before the engine fills around them.
    order = sorted(manual) + [i for i in range(len(pieces)) if i not in manual]
    # Crowded pages (a broadsheet's briefs) get a narrower beam to stay fast.
    beam = BEAM if len(pieces) <= 8 else BEAM // 2
    for index in order:
        piece = pieces[index]
        lead = index == 0 and not piece.continuation and not manual
        choices = _choices(index, piece, cfg, lead)
        nxt: dict[tuple, _State] = {}
        for st in states:
            for new in _options(st, index, choices, manual.get(index), cfg, rows, lead,
                                jump_cost[index]):
                key = (new.sky, new.moved)
                if key not in nxt or new.cost < nxt[key].cost:
                    nxt[key] = new
        states = sorted(nxt.values(), key=lambda s: (_rank(s), s.sky, s.moved))[:beam]
    best = min(states, key=lambda s: (_final(s, rows), s.sky, s.moved))
    return Arrangement(best.spots, best.moved, _final(best, rows))


@dataclass(frozen=True)
class _Choices:
    """What a piece may become, measured once per page: (span, photo columns,
    natural lines, fewest lines worth placing, photo cells, cost of soft photos) and
    its flow in one column."""

    sizes: tuple[tuple[int, int, int, int, int, float], ...]
    total: int
    piece: Piece


def _choices(index: int, piece: Piece, cfg: LayoutConfig, lead: bool) -> _Choices:
    sizes = []
    for span in _spans(index, piece, cfg.grid.columns, lead):
        for pc in _photo_options(piece, span, cfg):
            natural = natural_lines(piece, span, pc, cfg)
            sh = shape(piece, span, pc, cfg)
            minimum = min(natural, max(sh.tops) + MIN_BODY)
            sizes.append((span, pc, natural, minimum, photo_cells(sh),
                          _soft_cost(piece, pc, photo_cells(sh), cfg)))
    return _Choices(_deep_enough(sizes, cfg, piece), piece.prep.flow_lines, piece)


def _deep_enough(sizes: list[tuple[int, int, int, int, int, float]], cfg: LayoutConfig,
                 piece: Piece) -> tuple[tuple[int, int, int, int, int, float], ...]:
    """Sizes priced for columns shallower than ``rules.min_column_lines``.

    A short item set wide gives a few lines per column under a long head; each line
    a column lacks costs SHALLOW, so the item goes narrower unless a hole beside it
    (costlier) is the only alternative: the wide, shallow strip across the page is
    kept for that case."""
    least = cfg.rules.min_column_lines
    out = []
    for span, pc, natural, minimum, cells, extra in sizes:
        tops = shape(piece, span, pc, cfg).tops
        lack = 0 if span == 1 else max(0, least - (natural - min(tops)))
        out.append((span, pc, natural, minimum, cells, extra + SHALLOW * lack * span))
    return tuple(out)


def _rank(st: _State) -> float:
    """How promising a partial state looks: its cost, a ragged skyline (holes ahead)
    and, slightly, the area used (the same text in fewer cells wastes less)."""
    deepest = max(st.sky)
    return st.cost + 0.3 * sum(deepest - h for h in st.sky) + 0.05 * sum(st.sky)


def _final(st: _State, rows: int) -> float:
    """A finished state's cost: its own, the empty cells left, a ragged foot."""
    deepest = max(st.sky)
    ragged = sum(deepest - h for h in st.sky)
    return st.cost + sum(rows - h for h in st.sky) + RAGGED * ragged


def _options(st: _State, index: int, choices: _Choices, placement: Placement | None,
             cfg: LayoutConfig, rows: int, lead: bool, jump_cost: JumpCost):
    """Every next state from ``st`` with the piece placed (or left out)."""
    cols = cfg.grid.columns
    if placement is not None:
        piece = choices.piece
        col = max(0, min(cols - 1, placement.column - 1))
        span = max(1, min(cols - col, placement.span))
        top = max(st.sky[col:col + span])
        pc = _photo_options(piece, span, cfg)[0]
        natural = natural_lines(piece, span, pc, cfg)
        lines = placement.height or natural
        lines = max(1, min(lines, rows - top))
        if top < rows:
            spot = Spot(index, col, span, top, lines, pc, natural, bool(placement.height))
            yield _advance(st, spot, jump_cost)
            return
    produced = False
    starts_of: dict[int, list[int]] = {}
    share = cfg.rules.photo_share
    for span, pc, natural, minimum, cells, soft in choices.sizes:
        if span not in starts_of:
            starts_of[span] = [0] if lead else _starts(st.sky, span)
        smallest = min(p for s, p, *_ in choices.sizes if s == span)
        for col in starts_of[span]:
            top = max(st.sky[col:col + span])
            if lead and top:
                continue
            avail = rows - top
            for lines in _heights(natural, avail, rows, top, minimum,
                                  jump_cost.planned, span):
                # Photos take at most a share of the block; the text matters more.
                if cells > share * span * lines and pc != smallest:
                    continue
                spot = Spot(index, col, span, top, lines, pc, natural)
                produced = True
                yield _advance(st, spot, jump_cost, soft)
    if not produced or not lead:
        yield _State(st.sky, st.spots, st.cost + MOVED * choices.total, st.moved + (index,))


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


def _advance(st: _State, spot: Spot, jump_cost: JumpCost, extra: float = 0.0) -> _State:
    cols = spot.column + spot.span
    gap = sum(spot.top - h for h in st.sky[spot.column:cols])
    short = max(0, spot.natural - spot.lines) * spot.span
    sky = st.sky[:spot.column] + tuple([spot.top + spot.lines] * spot.span) + st.sky[cols:]
    cost = st.cost + GAP * gap + jump_cost.of(short) + extra
    return _State(sky, st.spots + (spot,), cost, st.moved)


def stretch(spots: tuple[Spot, ...], cols: int, rows: int) -> tuple[Spot, ...]:
    """Let blocks grow down into empty cells directly below them, bottom blocks first.

    The room is shared with the blocks stacked right above in the same columns, so
    a stack of short items beside a tall one each gets a little air instead of the
    lowest getting a hole."""
    out = list(spots)
    changed = True
    while changed:
        changed = False
        order = sorted(range(len(out)), key=lambda i: -(out[i].top + out[i].lines))
        for i in order:
            s = out[i]
            if s.fixed:
                continue
            bottom = s.top + s.lines
            limit = rows
            for j, o in enumerate(out):
                if j == i:
                    continue
                if o.column < s.column + s.span and s.column < o.column + o.span \
                        and o.top >= bottom:
                    limit = min(limit, o.top)
            if limit > bottom:
                _share(out, _stack(out, i), limit - bottom)
                changed = True
                break
    return tuple(out)


def _stack(out: list[Spot], i: int) -> list[int]:
    """Block ``i`` and the blocks stacked right above it in the same columns, top first."""
    chain = [i]
    while True:
        s = out[chain[0]]
        above = [j for j, o in enumerate(out) if o.column == s.column and o.span == s.span
                 and o.top + o.lines == s.top and not o.fixed]
        if len(above) != 1:
            return chain
        chain.insert(0, above[0])


def _share(out: list[Spot], chain: list[int], spare: int) -> None:
    """Grow the blocks of ``chain`` (top first) by ``spare`` lines, shared evenly."""
    base, extra = divmod(spare, len(chain))
    shift = 0
    for k, j in enumerate(chain):
        s = out[j]
        grow = base + (1 if k < extra else 0)
        out[j] = Spot(s.piece, s.column, s.span, s.top + shift, s.lines + grow, s.photo_cols,
                      s.natural, s.fixed)
        shift += grow


def distribute(spots: tuple[Spot, ...], rows: int) -> tuple[Spot, ...]:
    """Share the lines left under the lowest block among the page's horizontal bands.

    A page with less text than room gets its air spread evenly (blocks then grow
    their photos and give their heads air) instead of one hole at the foot."""
    if not spots:
        return spots
    bottom = max(s.top + s.lines for s in spots)
    spare = rows - bottom
    if spare <= 0:
        return spots
    edges = sorted({s.top + s.lines for s in spots})
    cuts = [y for y in edges if not any(s.top < y < s.top + s.lines for s in spots)]
    base, extra = divmod(spare, len(cuts))
    shares = [base + (1 if i < extra else 0) for i in range(len(cuts))]
    out = []
    for s in spots:
        band = next(i for i, c in enumerate(cuts) if s.top < c)
        shift = sum(shares[:band])
        grow = shares[band] if s.top + s.lines == cuts[band] and not s.fixed else 0
        out.append(Spot(s.piece, s.column, s.span, s.top + shift, s.lines + grow,
                        s.photo_cols, s.natural, s.fixed))
    return tuple(out)
