"""Space a page's copy cannot fill: booked as a framed ad position (廣告位), never left white.

When every lever of every block (head size and lines, photo size, air, blank lines
under the columns) is spent and the page's copy still covers less than its text
area, a desk does not print a white hole: it books the rest for an advertisement or
a filler (補白) and says so. The placement gets the same choice as one more piece,
read last (so it lands at the foot or the right of the page), at any span and at
least MIN_BOOK lines tall, priced per cell (FILL) between a blank line and a hole,
as is a position booked under a block that is given more lines than its copy can
take (:meth:`.options.Leaf.realize`). It is taken
only where the page would otherwise show a hole, and never instead of a lever the
copy still has. The report names its size so the desk can book it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..display import Box, Item, Rect, TextRun
from .config import LayoutConfig
from .elastic import FILL, MIN_BOOK, Elastic, convex
from .options import Leaf
from .text import fit_one_line, runs_for_line

#: Label of the position, by script.
LABEL = {"zh-Hant": "廣告位", "zh-Hans": "广告位"}


@dataclass(frozen=True)
class Filler:
    """A booked position: grid column and span, first line and lines (text area)."""

    column: int
    span: int
    top: int
    lines: int


@lru_cache(maxsize=64)
def filler_options(columns: int, rows: int) -> tuple[tuple[int, Leaf], ...]:
    """The booked position's cost at every span and height (a piece for the placement).
    One object per page size, so the placement's memo knows it from one trial of a
    page to the next."""
    out = []
    if rows < MIN_BOOK:
        return ()
    for span in range(1, columns + 1):
        exact = tuple(FILL * span * h for h in range(MIN_BOOK, rows + 1))
        elastic: Elastic = convex(MIN_BOOK, list(exact), span)
        out.append((span, Leaf(span, MIN_BOOK, exact, (None,) * len(exact), elastic)))
    return tuple(out)


def filler_items(spot: Filler, zone: int, cfg: LayoutConfig, lang: str) -> list[Item]:
    """The framed position with its label and size, centred (what the plant's ad desk
    fills; in the e-paper it shows what was booked)."""
    g = cfg.grid
    rect = filler_rect(spot, zone, cfg)
    inset = g.pitch / 2
    box = Box(rect.x, rect.y + inset, rect.w, rect.h - 2 * inset, stroke_width=0.5)
    mm = 72 / 25.4
    text = (f"{LABEL.get(lang, LABEL['zh-Hans'])}　"
            f"{round(rect.w / mm)}×{round((rect.h - 2 * inset) / mm)}毫米")
    style = cfg.style("caption")
    size, line = fit_one_line(text, style, lang, rect.w - 2 * g.body_size, "filler")
    middle = zone + spot.top + spot.lines // 2
    items: list[Item] = [box]
    items.extend(runs_for_line(line, rect.x + g.body_size, g.baseline(middle, size), size,
                               rect.w - 2 * g.body_size, "center", ""))
    return [i for i in items if not isinstance(i, TextRun) or i.text.strip()]


def filler_rect(spot: Filler, zone: int, cfg: LayoutConfig) -> Rect:
    """The position's rectangle on the page, in points."""
    g = cfg.grid
    return Rect(round(g.column_x(spot.column), 3), round(g.line_y(zone + spot.top), 3),
                round(g.span_width(spot.span), 3), round(spot.lines * g.pitch, 3))
