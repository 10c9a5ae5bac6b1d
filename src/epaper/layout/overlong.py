"""Overlong runs: a number, Latin word or URL wider than the column, broken at safe
points before the typesetter sees it, so nothing ever overprints the next column.

The typesetter keeps a run of Latin letters and digits whole (cjk-typesetting.md §2,
class W); a run wider than the measure would overflow it. Here such a run gets
break opportunities (U+200B, which the typesetter already treats as one): after
``/ . - _ ? & = , :`` (URL and figure separators), else after a thousands group of a
digit string (counted from its end, as 1 234 567 is grouped), else, for a word with
no such place, where the line is full. No hyphen is added. The inserted breaks are
taken out of the set lines again, so every character is printed exactly once, and
each break is reported through the typesetter's warnings (which
:func:`epaper.layout.text.typeset_warnings` turns into ``path:line`` messages).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .. import fonts
from ..typeset.diagnostics import warn

ZWSP = "\u200b"
#: Characters after which a run may break (URL paths, hosts, figures).
SAFE_AFTER = frozenset("/.-_?&=,:;·")
#: Room kept for the Han–Latin spaces the typesetter may add around a run, in em.
EDGE_ROOM = 0.5
#: Breaks reported one by one per run; the rest are counted in one message.
REPORTED_BREAKS = 5



@dataclass(frozen=True)
class PlainLine:
    """A set line with the inserted breaks taken out (the attributes set_text reads)."""

    text: str
    advances: tuple[float, ...]
    faces: tuple[str, ...]
    indent: float


def _is_run_char(ch: str) -> bool:
    """A character the typesetter keeps inside a Latin/figure run: printable ASCII,
    other non-CJK letters and digits, and the middle dot the archives use as a
    decimal point (1239·90)."""
    if "!" <= ch <= "~" or ch == "·":
        return True
    return (unicodedata.category(ch)[0] in "LN"
            and unicodedata.east_asian_width(ch) not in ("W", "F"))


def _break_points(text: str, start: int, end: int, limit: float, face: str) -> list[int]:
    """Indexes (into ``text``) before which the run ``text[start:end]`` breaks."""
    # Digits left in the digit string after each position: a group ends where a
    # multiple of three remain.
    left = [0] * (end - start)
    count = 0
    for i in range(end - 1, start - 1, -1):
        count = count + 1 if text[i].isdigit() else 0
        left[i - start] = count - 1 if count else -1
    cuts: list[int] = []
    line_start = start
    width = 0.0
    safe = -1
    for i in range(start, end):
        w = fonts.advance(face, text[i])
        if width + w > limit and i > line_start:
            cut = safe if safe > line_start else i
            cuts.append(cut)
            width = sum(fonts.advance(face, c) for c in text[cut:i])
            line_start = cut
            safe = -1
        width += w
        rest = left[i - start]
        if text[i] in SAFE_AFTER or (rest > 0 and rest % 3 == 0):
            safe = i + 1
    return cuts


def breakable(text: str, measure: float, face: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with U+200B inserted inside every run wider than ``measure`` em, and
    the indexes (in the returned text) of the inserted characters."""
    limit = max(1.0, measure - EDGE_ROOM)
    out: list[str] = []
    inserted: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        if not _is_run_char(text[i]):
            out.append(text[i])
            i += 1
            continue
        j = i
        while j < n and _is_run_char(text[j]):
            j += 1
        width = sum(fonts.advance(face, c) for c in text[i:j])
        cuts = set(_break_points(text, i, j, limit, face)) if width > limit else set()
        for k in range(i, j):
            if k in cuts:
                inserted.append(len(out))
                out.append(ZWSP)
            out.append(text[k])
        if cuts:
            _report(text[i:j], sorted(cuts), i)
        i = j
    return "".join(out), tuple(inserted)


def _report(run: str, cuts: list[int], offset: int) -> None:
    shown = run if len(run) <= 24 else run[:12] + "…" + run[-8:]
    for cut in cuts[:REPORTED_BREAKS]:
        before = run[max(0, cut - offset - 6):cut - offset]
        warn(f"a run of {len(run)} characters ({shown!r}) is wider than the column: "
             f"broken after {before!r} (no hyphen)")
    if len(cuts) > REPORTED_BREAKS:
        warn(f"a run of {len(run)} characters ({shown!r}): "
             f"{len(cuts) - REPORTED_BREAKS} more breaks")


def strip_inserted(lines: Sequence, text: str, inserted: tuple[int, ...]) -> list[PlainLine]:
    """The typesetter's ``lines`` of ``text`` without the characters at ``inserted``."""
    drop = set(inserted)
    out = []
    pos = 0
    for line in lines:
        start = text.find(line.text, pos) if line.text else pos
        start = pos if start < 0 else start
        faces = tuple(getattr(line, "faces", None) or ())
        keep = [k for k in range(len(line.text)) if start + k not in drop]
        out.append(PlainLine(text="".join(line.text[k] for k in keep),
                             advances=tuple(line.advances[k] for k in keep),
                             faces=tuple(faces[k] for k in keep) if faces else (),
                             indent=float(getattr(line, "indent", 0.0) or 0.0)))
        pos = start + len(line.text)
    return out


def set_breakable(text: str, measure: float, indent: float, face: str,
                  set_lines: Callable[[str], Sequence]) -> Sequence:
    """Set ``text`` with ``set_lines`` (the typesetter at ``measure`` em), breaking
    overlong runs first; the lines returned carry exactly the characters of ``text``."""
    if not any(_is_run_char(c) for c in text):
        return set_lines(text)
    marked, inserted = breakable(text, measure - indent, face)
    if not inserted:
        return set_lines(text)
    return strip_inserted(set_lines(marked), marked, inserted)
