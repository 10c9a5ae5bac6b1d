"""The typesetter's result: one set line of text with exact advances."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of a line in one face; ``x`` is its origin in em from the line's
    origin (``Line.indent`` not included)."""

    face: str
    x: float
    text: str
    advances: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a paragraph, in em of the text size.

    ``text`` holds the source characters of the line in order (a space where the
    line broke is dropped). ``advances[i]`` is the distance from character i's
    origin to the next one's, so compression, Han–Western space and justification
    live only here; ``width`` is their sum. ``indent`` is where the first
    character's origin sits from the start of the measure: the first-line indent,
    minus the left blank of an opening bracket set flush at the line start (so it
    may be −0.5). ``faces`` names the face of each character (a fallback face where
    the requested one lacks the glyph, ``fonts.MISSING`` where no face has it).

    Justified lines satisfy ``indent + width == measure`` (within 0.01 em).
    """

    text: str
    advances: tuple[float, ...]
    width: float
    indent: float
    faces: tuple[str, ...]

    def runs(self) -> tuple[Run, ...]:
        """Split the line where the face changes (one TextRun each for layout)."""
        out: list[Run] = []
        faces, adv = self.faces, self.advances
        start, x, n = 0, 0.0, len(self.text)
        for i in range(1, n + 1):
            if i == n or faces[i] != faces[start]:
                seg = adv[start:i]
                out.append(Run(faces[start], x, self.text[start:i], seg))
                x += sum(seg)
                start = i
        return tuple(out)


_new = object.__new__
_set_text = Line.text.__set__  # type: ignore[attr-defined]
_set_advances = Line.advances.__set__  # type: ignore[attr-defined]
_set_width = Line.width.__set__  # type: ignore[attr-defined]
_set_indent = Line.indent.__set__  # type: ignore[attr-defined]
_set_faces = Line.faces.__set__  # type: ignore[attr-defined]


def make_line(
    text: str, advances: tuple[float, ...], width: float, indent: float, faces: tuple[str, ...]
) -> Line:
    """``Line(...)`` for the typesetter's hot loop: fills the slots directly, which
    costs about two thirds of the frozen dataclass's ``__init__`` (one line per
    dozen characters, so it shows in the benchmark). Same object, same fields."""
    line = _new(Line)
    _set_text(line, text)
    _set_advances(line, advances)
    _set_width(line, width)
    _set_indent(line, indent)
    _set_faces(line, faces)
    return line
