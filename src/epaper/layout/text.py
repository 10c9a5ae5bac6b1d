"""From text to positioned TextRuns: calls the typesetter, splits runs by face and role.

Every width handed to :func:`epaper.typeset.set_paragraph` is in em of the text's
own size; the typesetter's advances (em) become points here (em × size).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..display import BLACK, Color, TextRun
from ..typeset import set_paragraph
from ..typeset.diagnostics import collect
from .config import Style
from .overlong import set_breakable


@dataclass(frozen=True)
class Segment:
    """A stretch of one paragraph with its own role and, optionally, its own face."""

    text: str
    role: str
    face: str | None = None  # overrides the style's face for these characters


@dataclass(frozen=True)
class SetLine:
    """One typeset line: characters, advances in em, and per-character face and role."""

    text: str
    advances: tuple[float, ...]  # em
    faces: tuple[str, ...]
    roles: tuple[str, ...]
    indent: float  # em
    last: bool  # last line of its paragraph

    @property
    def width(self) -> float:
        """Set width in em, indent included."""
        return self.indent + sum(self.advances)


@contextmanager
def typeset_warnings() -> Iterator[list[str]]:
    """Collect what the typesetter warns about (a number wider than the column, a line
    left loose) while setting text, as data (:func:`epaper.typeset.diagnostics.collect`),
    so the caller reports it with the file and line it came from."""
    with collect() as messages:
        yield messages


def set_text(segments: tuple[Segment, ...] | list[Segment], measure: float, style: Style,
             lang: str, *, kind: str = "body", indent: float = 0.0) -> tuple[SetLine, ...]:
    """Break one paragraph made of ``segments`` into lines of ``measure`` em."""
    text = "".join(s.text for s in segments)
    if not text:
        return ()
    face = style.face_key(lang)
    lines = set_breakable(text, measure, indent, face, lambda t: set_paragraph(
        t, measure, lang=lang, kind=kind, indent=indent, font=face))
    roles: list[str] = []
    overrides: list[str | None] = []
    for seg in segments:
        roles.extend([seg.role] * len(seg.text))
        overrides.extend([seg.face] * len(seg.text))
    out = []
    pos = 0
    for n, line in enumerate(lines):
        chars = line.text
        count = len(chars)
        # The typesetter never rewrites characters, so positions map one to one.
        start = text.find(chars, pos) if chars else pos
        if start < 0:
            start = pos
        faces = tuple(getattr(line, "faces", None) or (face,) * count)
        faces = tuple(overrides[start + i] or faces[i] for i in range(count))
        out.append(SetLine(text=chars, advances=tuple(line.advances), faces=faces,
                           roles=tuple(roles[start:start + count]),
                           indent=float(getattr(line, "indent", 0.0) or 0.0),
                           last=n == len(lines) - 1))
        pos = start + count
    return tuple(out)


def fit_one_line(text: str, style: Style, lang: str, max_width: float, role: str,
                 size: float | None = None, min_size: float = 6.0) -> tuple[float, SetLine]:
    """The largest size ≤ ``size`` at which ``text`` sets on one line of ``max_width`` pt."""
    s = size or style.size
    while True:
        lines = set_text([Segment(text, role)], max_width / s, style, lang, kind="headline")
        if len(lines) <= 1 or s <= min_size:
            return s, lines[0] if lines else SetLine("", (), (), (), 0.0, True)
        s = max(min_size, s - 0.5)


def runs_for_line(line: SetLine, x: float, baseline: float, size: float, width: float,
                  align: str, article_id: str = "", color: Color = BLACK) -> list[TextRun]:
    """TextRuns for one set line placed in a box ``width`` pt wide starting at ``x``.

    One run per change of face or role, so renderers switch fonts exactly where the
    typesetter fell back to another face."""
    set_width = line.width * size
    if align == "center":
        x0 = x + (width - set_width) / 2
    elif align == "end":
        x0 = x + width - set_width
    else:  # start, justify: the typesetter already filled the measure
        x0 = x
    x0 += line.indent * size
    runs: list[TextRun] = []
    i = 0
    while i < len(line.text):
        j = i + 1
        while (j < len(line.text) and line.faces[j] == line.faces[i]
               and line.roles[j] == line.roles[i]):
            j += 1
        adv = tuple(a * size for a in line.advances[i:j])
        runs.append(TextRun(x=round(x0, 3), y=round(baseline, 3), font=line.faces[i],
                            size=size, text=line.text[i:j],
                            advances=tuple(round(a, 4) for a in adv), color=color,
                            role=line.roles[i], article_id=article_id))
        x0 += sum(adv)
        i = j
    return runs
