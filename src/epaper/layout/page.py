"""One page: furniture, blocks placed on the grid, rules between them, the report.

Pages are laid out independently; what does not fit leaves as :class:`Remaining`
pieces for a later page, and jump lines stay :class:`JumpSlot` until finalize.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..display import ArticleEntry, Item, PageReport, PlacedBlock, Rect, Region, Rule
from ..plan import PagePlan
from .block import Block, JumpSlot, Piece, compose
from .config import LayoutConfig
from .furniture import masthead, page_header
from .place import (
    OVERSET,
    PLANNED_JUMP,
    UNPLANNED_JUMP,
    JumpCost,
    arrange,
    distribute,
    stretch,
)
from .prepare import prepare


@dataclass(frozen=True)
class Remaining:
    """Text that did not fit: the piece to continue and the page it should go to."""

    piece: Piece
    target: int  # page number (0: no later page, so it is overset)
    moved: bool = False  # nothing of it was placed here


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
    remaining: tuple[Remaining, ...]
    warnings: tuple[str, ...]


def _chars(piece: Piece) -> int:
    """Characters of the article (spaces aside) that ``piece`` would print."""
    if not piece.continuation:
        return len("".join(piece.prep.article.text_chars().split()))
    units = piece.prep.units[piece.start:]
    return sum(len("".join(line.text.split())) for u in units for line in u.lines
               if u.role != "editor")


def layout_page(page: PagePlan, incoming: tuple[Piece, ...], cfg: LayoutConfig,
                later: tuple[int, ...], room: dict[str, int] | None = None) -> PageDraft:
    """Lay out ``page`` with its own articles and the continuations sent to it.

    ``room`` gives, per article id, how many cells the page its jump goes to could
    take (learnt from a first pass), so a planned jump sends about that much."""
    room = room or {}
    g = cfg.grid
    lang = page.lang
    zone = cfg.masthead_lines if page.masthead else cfg.header_lines
    rows = g.lines - zone
    own = sorted(page.articles, key=lambda p: p.article.priority)
    pieces = [Piece(prepare(p.article, cfg)) for p in own] + list(incoming)
    manual = {i: p.placement for i, p in enumerate(own) if p.placement is not None}
    targets = []
    costs = []
    for i in range(len(pieces)):
        wanted = own[i].continue_on if i < len(own) else None
        target = _target(wanted, page.number, later)
        targets.append(target)
        if not target:
            costs.append(JumpCost(OVERSET))
        elif wanted and target == wanted:
            costs.append(JumpCost(PLANNED_JUMP, room.get(pieces[i].article_id)))
        else:
            costs.append(JumpCost(UNPLANNED_JUMP))
    arrangement = arrange(pieces, manual, cfg, rows, costs)
    spots = stretch(distribute(arrangement.spots, rows), g.columns, rows)
    items: list[Item | JumpSlot] = []
    if page.masthead:
        items += masthead(page.masthead, page.teasers, cfg, lang)
    else:
        items += page_header(page.header, cfg, lang)
    blocks: list[Block] = []
    warnings: list[str] = []
    remaining: list[Remaining] = []
    overset: list[str] = []
    for spot in sorted(spots, key=lambda s: s.piece):
        piece = pieces[spot.piece]
        block = compose(piece, spot.column, spot.span, zone + spot.top, spot.lines,
                        spot.photo_cols, cfg)
        report_block = PlacedBlock(block.article_id, spot.column, spot.span, spot.top,
                                   spot.lines)
        block = Block(block.article_id, block.items, report_block, block.rect, block.end,
                      block.used_cells, block.warnings)
        blocks.append(block)
        items.extend(block.items)
        warnings.extend(block.warnings)
        if block.end < len(piece.prep.units):
            rest = Piece(piece.prep, block.end, page.number)
            _leave(rest, targets[spot.piece], remaining, overset, warnings, page.number,
                   moved=False)
    for index in arrangement.moved:
        piece = pieces[index]
        _leave(piece, targets[index], remaining, overset, warnings, page.number, moved=True)
    items.extend(_rules(blocks, cfg))
    entries, regions = _index(blocks, pieces)
    used = sum(b.used_cells for b in blocks)
    total = g.columns * rows
    report = PageReport(total_cells=total, empty_cells=max(0, total - used),
                        blocks=tuple(b.placed for b in blocks), overset=tuple(overset))
    return PageDraft(page.number, page.section, tuple(items), tuple(blocks), entries,
                     regions, report, tuple(remaining), tuple(warnings))


def _target(wanted: int | None, number: int, later: tuple[int, ...]) -> int:
    """The page a jump from page ``number`` goes to (0 when there is none)."""
    if wanted and wanted in later:
        return wanted
    return later[0] if later else 0


def _leave(piece: Piece, target: int, remaining: list[Remaining], overset: list[str],
           warnings: list[str], number: int, *, moved: bool) -> None:
    art = piece.prep.article
    where = f"{art.source}: " if str(art.source) else ""
    if target:
        remaining.append(Remaining(piece, target, moved))
        if moved:
            warnings.append(f"{where}article {art.id} found no room on 第{number}版; "
                            f"moved to 第{target}版")
        return
    message = (f"{where}article {art.id}: {_chars(piece)} characters do not fit on "
               f"第{number}版 and there is no later page (overset)")
    overset.append(message)
    warnings.append(message)


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


def _index(blocks: list[Block], pieces: list[Piece]
           ) -> tuple[tuple[ArticleEntry, ...], tuple[Region, ...]]:
    entries: list[ArticleEntry] = []
    rects: dict[str, list[Rect]] = {}
    order: list[str] = []
    for b in blocks:
        piece = next(p for p in pieces if p.article_id == b.article_id)
        if b.article_id not in rects:
            order.append(b.article_id)
            rects[b.article_id] = []
            entries.append(ArticleEntry(b.article_id, piece.prep.article.title,
                                        piece.continuation))
        rects[b.article_id].append(b.rect)
    return tuple(entries), tuple(Region(a, tuple(rects[a])) for a in order)
