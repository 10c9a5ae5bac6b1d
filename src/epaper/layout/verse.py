"""Verse in the body flow: one grid line per verse line, set flush at an indent and
not justified; a line too long for the column wraps with a hanging indent.

Each verse line (with its wrapped continuation) is one flow unit, so a column may
break between verse lines but never inside one; a stanza after the first is set off
by a blank grid line, as is a poem from the prose above it (dropped at the top of
a column, as any unit's pad is).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Verse
from .config import LayoutConfig
from .text import Segment, SetLine, set_text

#: Left indent of every verse line, em: verse stands in from the prose around it.
VERSE_INDENT = 2.0
#: Further indent of a wrapped line's continuation (the hanging indent), em.
HANG = 2.0


def verse_line(text: str, measure: float, cfg: LayoutConfig, lang: str) -> list[SetLine]:
    """The set lines of one verse line: the first at VERSE_INDENT, continuations at
    VERSE_INDENT + HANG; none is justified (each is set as a last line)."""
    style = cfg.style("body")
    first = set_text([Segment(text, "body")], measure - VERSE_INDENT, style, lang,
                     kind="headline")
    if len(first) <= 1:
        return [replace(line, indent=line.indent + VERSE_INDENT, last=True)
                for line in first]
    head = first[0]
    rest = text[len(head.text):].lstrip()
    # The continuation is set again at the narrower measure it really has.
    tail = set_text([Segment(rest, "body")], measure - VERSE_INDENT - HANG, style, lang,
                    kind="headline") if rest else ()
    out = [replace(head, indent=head.indent + VERSE_INDENT, last=True)]
    out += [replace(line, indent=line.indent + VERSE_INDENT + HANG, last=True)
            for line in tail]
    return out


def verse_units(block: Verse, measure: float, cfg: LayoutConfig, lang: str,
                at_start: bool) -> list:
    """Flow units of a stanza, set off from what precedes it by a blank line unless
    it opens the body (``at_start``)."""
    from .prepare import Unit  # prepare imports this module

    units = []
    for n, text in enumerate(block.lines):
        lines = verse_line(text, measure, cfg, lang)
        pad = 1 if n == 0 and not at_start else 0
        units.append(Unit("verse", tuple(lines), pad=pad))
    return units
