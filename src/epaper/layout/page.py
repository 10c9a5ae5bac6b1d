"""One page: furniture, blocks placed on the grid, rules between them, the report.

A page is laid out from the copy-fit plan alone (:class:`PageWork`: its pieces, the
part of each the plan gives it and where the rest continues), so pages are
independent of each other; jump lines stay :class:`JumpSlot` until finalize.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from ..display import ArticleEntry, Item, PageReport, PlacedBlock, Rect, Region, Rule
from ..plan import PagePlan
from .block import Block, JumpSlot, Piece, compose
from .config import MM, LayoutConfig
from .elastic import INF, MIN_BOOK, Elastic
from .filler import Filler, filler_items, filler_options, filler_rect
from .furniture import masthead, page_header
from .guillotine import Arrangement, Options, arrange
from .heads import SizeRange, size_range
from .options import Leaf, leaf, spans_for


@dataclass(frozen=True)
class PageWork:
    """A page as the copy-fit plan leaves it: its pieces in reading order (its own
    articles by priority, then the continuations sent to it), per piece the page its
    rest continues on (0: none) and a manual span/height from issue.yaml."""

    plan: PagePlan
    pieces: tuple[Piece, ...]
    targets: tuple[int, ...]
    spans: tuple[int | None, ...]
    heights: tuple[int | None, ...]

    @property
    def front(self) -> bool:
        """True for page 1 (the masthead page)."""
        return self.plan.masthead is not None


@dataclass(frozen=True)
class PageDraft:
    """A laid-out page whose jump lines still wait for page numbers."""

    number: int
    section: str
    items: tuple[Item | JumpSlot, ...]
    blocks: tuple[Block, ...]
    entries: tuple[ArticleEntry, ...]
    regions: tuple[Region, ...]
    report: PageReport
    warnings: tuple[str, ...]


def rows_of(work: PageWork, cfg: LayoutConfig) -> int:
    """Grid lines of the page's text area (below the 報頭 or 報眉 zone)."""
    zone = cfg.masthead_lines if work.front else cfg.header_lines
    return cfg.grid.lines - zone


def rank_of(work: PageWork, index: int, cfg: LayoutConfig) -> SizeRange:
    """The 主題 sizes piece ``index`` may take: a lead's, or a lesser story's."""
    hl = cfg.headline
    piece = work.pieces[index]
    lead = index == 0 and not piece.continuation
    return size_range(work.front, lead, hl.title_sizes, hl.lead_bonus, hl.min_title)


def leaves_of(work: PageWork, cfg: LayoutConfig) -> list[Options]:
    """Every piece's costs at every span it may take."""
    rows = rows_of(work, cfg)
    return [piece_options(piece, cfg, rank_of(work, i, cfg),
                          i == 0 and not piece.continuation, work.spans[i],
                          work.heights[i], rows)
            for i, piece in enumerate(work.pieces)]


@lru_cache(maxsize=8192)
def piece_options(piece: Piece, cfg: LayoutConfig, rank: SizeRange, lead: bool,
                  span: int | None, height: int | None, rows: int) -> Options:
    """The spans ``piece`` may take on a page of ``rows`` lines, with their costs (one
    object per arguments: the placement's memo keys on it)."""
    out = []
    for w in spans_for(piece, cfg.grid.columns, lead, span):
        lf = leaf(piece, w, cfg, rank, rows)
        if lf is not None and height:
            lf = _fixed_height(lf, height)
        if lf is not None:
            out.append((w, lf))
    return tuple(out)


def _fixed_height(lf: Leaf, height: int) -> Leaf | None:
    """A leaf held to a manual height (None when the piece cannot be that tall)."""
    k = height - lf.lo
    if k < 0:
        return None
    k = min(k, len(lf.exact) - 1)
    if lf.exact[k] == INF:
        return None
    exact = (lf.exact[k],)
    return Leaf(lf.width, height, exact, (lf.real[k],), Elastic(height, exact, lf.width))


def fit(work: PageWork, cfg: LayoutConfig) -> Arrangement | None:
    """The page's cheapest arrangement, or None when its copy cannot fit (cached:
    the copy-fit plan asks first, the page layout then takes the same answer)."""
    # The page a jumping piece continues on does not change the arrangement (its
    # jump line is there either way), so the cache keys on whether a piece jumps:
    # the copy-fit plan tries a split before it names the target page.
    if any(t > 1 for t in work.targets):
        work = replace(work, targets=tuple(1 if t else 0 for t in work.targets))
    return _fit(work, cfg)


@lru_cache(maxsize=256)
def _fit(work: PageWork, cfg: LayoutConfig) -> Arrangement | None:
    options = leaves_of(work, cfg)
    if any(not opts for opts in options):
        return None
    weights = [min(w * lf.elastic.best[1] for w, lf in opts) for opts in options]
    rows = rows_of(work, cfg)
    best = arrange(options, cfg.grid.columns, rows, weights)
    if best is not None and options and hole_cells(best, options) == 0:
        return best
    if best is None and sum(min(w * lf.lo for w, lf in o) for o in options) > \
            cfg.grid.columns * rows:
        return None  # more copy than the page: no booking helps
    # The copy leaves white the blocks cannot take up: offer a booked position too
    # (read last); it is used only where it costs less than the hole it replaces.
    extra = filler_options(cfg.grid.columns, rows)
    booked = arrange([*options, extra], cfg.grid.columns, rows, [*weights, 0.0]) \
        if extra else None
    if booked is not None and (best is None or not options
                               or booked.cost < best.cost - 1e-9):
        return booked
    return best


def hole_cells(arrangement: Arrangement, options: list[Options]) -> int:
    """Grid cells of the arrangement beyond its blocks' designed heights (white)."""
    out = 0
    for spot in arrangement.spots:
        if spot.piece >= len(options):
            continue
        lf = dict(options[spot.piece])[spot.span]
        extra = spot.lines - (lf.lo + len(lf.exact) - 1)
        if 0 < extra < MIN_BOOK:  # from MIN_BOOK lines on, the foot is booked
            out += extra * spot.span
    return out


def layout_page(work: PageWork, cfg: LayoutConfig) -> PageDraft:
    """Lay out ``work``'s page. The plan guarantees the copy fits (:func:`fit`)."""
    page = work.plan
    g = cfg.grid
    lang = page.lang
    zone = cfg.masthead_lines if work.front else cfg.header_lines
    rows = rows_of(work, cfg)
    items: list[Item | JumpSlot] = []
    if page.masthead:
        items += masthead(page.masthead, page.teasers, cfg, lang)
    else:
        items += page_header(page.header, cfg, lang)
    arrangement = fit(work, cfg)
    if arrangement is None:
        raise ValueError(f"第{page.number}版: the copy-fit plan gave this page more copy "
                         f"than it holds")
    leaves = leaves_of(work, cfg)
    blocks: list[Block] = []
    warnings: list[str] = []
    fillers: list[Filler] = []
    for spot in arrangement.spots:
        if spot.piece >= len(work.pieces):
            fillers.append(Filler(spot.column, spot.span, spot.top, spot.lines))
            items.extend(filler_items(fillers[-1], zone, cfg, lang))
            continue
        piece = work.pieces[spot.piece]
        real = dict(leaves[spot.piece])[spot.span].realize(spot.lines)
        block = compose(piece, spot.column, spot.span, zone + spot.top, spot.lines, real, cfg)
        if real.booked:
            fillers.append(Filler(spot.column, spot.span, spot.top + spot.lines - real.booked,
                                  real.booked))
            items.extend(filler_items(fillers[-1], zone, cfg, lang))
        for foot in block.feet:
            fillers.append(Filler(foot.column, foot.span, foot.top - zone, foot.lines))
            items.extend(filler_items(fillers[-1], zone, cfg, lang))
        placed = PlacedBlock(block.article_id, spot.column, spot.span, spot.top,
                             spot.lines - real.booked)
        block = replace(block, placed=placed)
        blocks.append(block)
        items.extend(block.items)
        warnings.extend(block.warnings)
    items.extend(_rules(blocks, cfg))
    entries, regions = _index(blocks, work.pieces)
    used = sum(b.used_cells for b in blocks)
    total = g.columns * rows
    booked = sum(f.span * f.lines for f in fillers)
    for f in fillers:
        r = filler_rect(f, zone, cfg)
        warnings.append(
            f"第{page.number}版: the copy fills the page only with a booked position of "
            f"{r.w / MM:.0f} × {r.h / MM:.0f} mm at column {f.column + 1}, line "
            f"{f.top + 1} (廣告位): book an ad or add {f.span * f.lines * g.chars_per_column}"
            f" characters of copy")
    report = PageReport(total_cells=total, empty_cells=max(0, total - used - booked),
                        blocks=tuple(b.placed for b in blocks),
                        booked=tuple(filler_rect(f, zone, cfg) for f in fillers))
    return PageDraft(page.number, page.section, tuple(items), tuple(blocks), entries,
                     regions, report, tuple(warnings))


def _rules(blocks: list[Block], cfg: LayoutConfig) -> list[Item]:
    """Thin rules between blocks: across each block's top, down the gutters between."""
    g = cfg.grid
    out: list[Item] = []
    zone_top = min((b.rect.y for b in blocks), default=0.0)
    for b in blocks:
        if b.rect.y > zone_top + 0.01:
            out.append(Rule(b.rect.x, b.rect.y, b.rect.x + b.rect.w, b.rect.y, width=0.5))
    for gutter in range(g.columns - 1):
        spans = []
        for b in blocks:
            p = b.placed
            if p.column + p.span - 1 == gutter or p.column == gutter + 1:
                spans.append((b.rect.y, b.rect.y + b.rect.h))
        spans.sort()
        merged: list[list[float]] = []
        for a, z in spans:
            if merged and a <= merged[-1][1] + 0.01:
                merged[-1][1] = max(merged[-1][1], z)
            else:
                merged.append([a, z])
        x = g.column_x(gutter + 1) - g.gutter / 2
        for a, z in merged:
            out.append(Rule(x, a + 0.25 * g.pitch, x, z - 0.25 * g.pitch, width=0.5))
    return out


def _index(blocks: list[Block], pieces: tuple[Piece, ...]
           ) -> tuple[tuple[ArticleEntry, ...], tuple[Region, ...]]:
    entries: list[ArticleEntry] = []
    rects: dict[str, list[Rect]] = {}
    order: list[str] = []
    by_id = {p.article_id: p for p in pieces}
    for b in blocks:
        piece = by_id[b.article_id]
        if b.article_id not in rects:
            order.append(b.article_id)
            rects[b.article_id] = []
            entries.append(ArticleEntry(b.article_id, piece.prep.article.title,
                                        piece.continuation))
        rects[b.article_id].append(b.rect)
    return tuple(entries), tuple(Region(a, tuple(rects[a])) for a in order)
