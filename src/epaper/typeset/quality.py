"""How evenly lines are spaced: the inter-character expansion of a set line.

A reader sees a justified line as letter-spaced ("grey", loose) when the space
between its Han characters grows. The measure used in issue 17, and read the same
way from other engines' PDFs, is the median of the extra space between adjacent Han
characters of a line: the median, so that one wide gap next to a Latin word does
not count as spacing out the whole line.
"""

from __future__ import annotations

from statistics import median

from epaper import fonts

from .classes import classify
from .line import Line

_HAN = ord("?")  # class code of Han (and other ideographic) characters


def han_expansion(line: Line) -> float:
    """Median extra space in em between adjacent Han characters of ``line`` (the
    advance less the character's natural advance in its face); 0 when the line has
    no two adjacent Han characters."""
    codes = classify(line.text)
    extra = [
        line.advances[i] - fonts.advance(line.faces[i], line.text[i])
        for i in range(len(line.text) - 1)
        if codes[i] == _HAN and codes[i + 1] == _HAN and line.faces[i] != fonts.MISSING
    ]
    return median(extra) if extra else 0.0


def spaced_shares(paragraphs: list[list[Line]], thresholds: tuple[float, ...]) -> list[float]:
    """For each threshold, the share of all lines (last lines included) whose
    ``han_expansion`` exceeds it."""
    exp = [han_expansion(ln) for lines in paragraphs for ln in lines]
    if not exp:
        return [0.0 for _ in thresholds]
    return [sum(x > t + 1e-9 for x in exp) / len(exp) for t in thresholds]
