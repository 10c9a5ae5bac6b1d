"""Tables in the body flow: rows on the grid, tabular figures, numbers to the end of
their cells, a bold header over a rule, a bold 表 caption, rules above and below.

A row is one set line: its cells' characters with a blank (one space character)
between cells whose advance carries the column gap and the alignment padding, so
the line keeps the :class:`SetLine` contract (one advance per character, text
extraction reads the cells in order, separated by a space). Digits get one common
advance, the widest digit's, so figures line up (tabular figures) whatever the face.

The body is set once at the column measure, so a table wider than a column cannot
widen its block here; it is then set row by row as wrapped lines (cells separated
by an ideographic space, continuation lines indented) and reported at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import fonts
from ..model import Table
from .config import LayoutConfig
from .text import Segment, SetLine, set_text

#: Narrowest and widest blank between two columns, em.
MIN_GAP = 0.5
MAX_GAP = 2.0
#: A table of at most this many rows is one flow unit: it never breaks across
#: columns (a longer one breaks between rows, its head kept with its first row).
KEEP_ROWS = 8
#: Indent of a row's continuation lines when a too-wide table is set row by row, em.
ROW_HANG = 1.0


@dataclass(frozen=True)
class UnitRule:
    """A horizontal rule a flow unit draws: at the top edge of its grid ``line``
    (0 = the unit's first line; ``len(lines)`` = its bottom edge), from ``start`` to
    ``end`` em (body size) from the column's left edge."""

    line: int
    start: float
    end: float


def _tabular(line: SetLine, face: str) -> SetLine:
    """``line`` with every ASCII digit set at the widest digit's advance."""
    wide = max(fonts.advance(face, d) for d in "0123456789")
    advances = tuple(wide if ch.isdigit() else a
                     for ch, a in zip(line.text, line.advances, strict=True))
    return replace(line, advances=advances)


def _cell(text: str, cfg: LayoutConfig, lang: str, bold: bool) -> SetLine:
    style = cfg.style("subhead" if bold else "body")
    face = style.face_key(lang)
    lines = set_text([Segment(text, "body", face=face)], 10_000.0, cfg.style("body"), lang,
                     kind="headline") if text else ()
    if not lines:
        return SetLine("", (), (), (), 0.0, True)
    return _tabular(lines[0], face)


def _row_line(cells: list[SetLine], widths: list[float], align: tuple[str, ...],
              gap: float, left: float) -> SetLine:
    """One row: cells placed in their columns (``left`` em from the column edge)."""
    text: list[str] = []
    advances: list[float] = []
    faces: list[str] = []
    roles: list[str] = []
    indent = left
    pending = 0.0  # blank owed before the next character
    for j, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        spare = width - cell.width
        how = align[j] if j < len(align) else "start"
        before = spare if how == "end" else spare / 2 if how == "center" else 0.0
        if j:
            pending += gap + before
            text.append(" ")
            advances.append(pending)
            faces.append(cell.faces[0] if cell.faces else (faces[-1] if faces else ""))
            roles.append("body")
        else:
            indent += before
        text.extend(cell.text)
        advances.extend(cell.advances)
        faces.extend(cell.faces)
        roles.extend(cell.roles)
        pending = spare - before
    return SetLine("".join(text), tuple(advances), tuple(faces), tuple(roles), indent, True)


def table_units(block: Table, measure: float, cfg: LayoutConfig, lang: str, where: str,
                at_start: bool) -> tuple[list, list[str]]:
    """Flow units of ``block`` at ``measure`` em, and warnings (``where``: its
    ``path:line`` prefix)."""
    from .prepare import Unit  # prepare imports this module

    header = list(block.header) if any(block.header) else []
    width = len(block.header) or (len(block.rows[0]) if block.rows else 0)
    if not width:
        return [], []
    grid = [[_cell(c, cfg, lang, bold=True) for c in header]] if header else []
    grid += [[_cell(c, cfg, lang, bold=False) for c in row] for row in block.rows]
    widths = [max(r[j].width for r in grid) for j in range(width)]
    natural = sum(widths) + MIN_GAP * (width - 1)
    caption = _caption(block, measure, cfg, lang)
    if natural > measure:
        return _row_by_row(block, measure, cfg, lang, caption, at_start), [
            f"{where}: table is {natural:.1f} em wide, the column {measure:.0f} em: set "
            f"row by row (split it, or drop columns)"]
    gap = min(MAX_GAP, (measure - sum(widths)) / (width - 1)) if width > 1 else 0.0
    total = sum(widths) + gap * (width - 1)
    left = (measure - total) / 2
    lines = [_row_line(r, widths, block.align, gap, left) for r in grid]
    start, end = left, left + total
    head_lines = list(caption)
    rules = [UnitRule(len(head_lines), start, end)]
    if header:
        head_lines.append(lines.pop(0))
        rules.append(UnitRule(len(head_lines), start, end))
    units = []
    first_rows = lines if len(lines) <= KEEP_ROWS else lines[:1]
    lines = lines[len(first_rows) - 1:]
    units.append(Unit("table", tuple(head_lines + first_rows), pad=0 if at_start else 1,
                      keep_next=len(lines) > 1, rules=tuple(rules)))
    for line in lines[1:]:
        units.append(Unit("table", (line,)))
    last = units[-1]
    # The closing rule, then a blank line so the prose below does not touch it.
    units[-1] = replace(last, lines=last.lines + (SetLine("", (), (), (), 0.0, True),),
                        rules=last.rules + (UnitRule(len(last.lines), start, end),))
    return units, []


def _caption(block: Table, measure: float, cfg: LayoutConfig, lang: str) -> list[SetLine]:
    """The 表 caption, bold, centred over the column."""
    if not block.caption:
        return []
    face = cfg.style("subhead").face_key(lang)
    lines = set_text([Segment(block.caption, "body", face=face)], measure, cfg.style("body"),
                     lang, kind="headline")
    return [replace(line, indent=line.indent + max(0.0, (measure - line.width) / 2))
            for line in lines]


def _row_by_row(block: Table, measure: float, cfg: LayoutConfig, lang: str,
                caption: list[SetLine], at_start: bool) -> list:
    """A table too wide for the column: each row a short wrapped paragraph."""
    from .prepare import Unit

    body = cfg.style("body")
    bold = cfg.style("subhead").face_key(lang)
    units = []
    rows = ([block.header] if any(block.header) else []) + list(block.rows)
    for n, row in enumerate(rows):
        face = bold if n == 0 and any(block.header) else None
        text = "\u3000".join(c for c in row if c)
        first = set_text([Segment(text, "body", face=face)], measure, body, lang,
                         kind="headline")
        lines = list(first[:1])
        rest = text[len(first[0].text):].lstrip("\u3000") if first else ""
        if rest:
            tail = set_text([Segment(rest, "body", face=face)], measure - ROW_HANG, body,
                            lang, kind="headline")
            lines += [replace(t, indent=t.indent + ROW_HANG) for t in tail]
        lead = caption if n == 0 else []
        units.append(Unit("table", tuple(lead + lines),
                          pad=1 if n == 0 and not at_start else 0))
    return units
