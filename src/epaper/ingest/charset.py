"""Characters no bundled font has: a warning naming the file and line, never a loss."""

from __future__ import annotations

from .. import fonts
from .problems import Problems


def report_missing(text: str, lang: str, path: object, line: int,
                   problems: Problems) -> None:
    """Warn about characters of ``text`` that no bundled face covers (they print as a
    hollow box); one warning per call, listing each character once."""
    if not text:
        return
    chars: list[str] = []
    for index in fonts.find_missing(text, fonts.body_face(lang)):
        if text[index] not in chars:
            chars.append(text[index])
    if chars:
        shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in chars)
        problems.warn(path, line, f"no bundled font has {shown}: printed as a box")
