"""Vector colour for the print PDF: ReportLab's RGB operators rewritten after drawing.

The drawing code sets every colour as RGB (``r g b rg`` fill, ``r g b RG`` stroke).
For print, a neutral colour becomes DeviceGray (``v g``), which the CMYK output intent
prints on the K plate alone: black text and rules are never rich black. Any other
colour becomes DeviceCMYK (``c m y k k``), converted from sRGB with the print
profile (perceptual). Our text is written as hex strings, so the operator pattern
cannot match inside text (the same argument as :mod:`.pdf_pages`).
"""

from __future__ import annotations

import re
from functools import cache

from PIL import Image

from .icc import PrintCondition
from .photo_cmyk import to_print

_NUMBER = rb"(-?\d*\.?\d+)"
_RGB_OP = re.compile(rb"(?<![\w.])" + _NUMBER + rb"\s+" + _NUMBER + rb"\s+" + _NUMBER
                     + rb"\s+(rg|RG)\b")
# Colour components are written with 4 decimals at most: more would only add bytes.
_PLACES = 4


def _num(value: float) -> bytes:
    text = f"{value:.{_PLACES}f}".rstrip("0").rstrip(".")
    return (text or "0").encode("ascii")


@cache
def rgb_to_print(r: float, g: float, b: float, condition: PrintCondition | None = None
                 ) -> tuple[float, ...]:
    """The print colour of an RGB colour (components 0–1): one grey level when
    neutral, else C, M, Y, K through ``condition``'s profile (default: shipped)."""
    if r == g == b:
        return (r,)
    pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (r, g, b)))
    return tuple(v / 255 for v in to_print(pixel, None, condition).getpixel((0, 0)))


def _replace(match: re.Match[bytes], condition: PrintCondition | None) -> bytes:
    r, g, b = (float(match.group(i)) for i in (1, 2, 3))
    stroke = match.group(4) == b"RG"
    colour = rgb_to_print(r, g, b, condition)
    if len(colour) == 1:
        return _num(colour[0]) + (b" G" if stroke else b" g")
    return b" ".join(_num(v) for v in colour) + (b" K" if stroke else b" k")


def to_print_colours(content: bytes, condition: PrintCondition | None = None) -> bytes:
    """``content`` (a decoded content stream) with every RGB colour operator in the
    print colour spaces of ``condition`` (default: the shipped profile)."""
    return _RGB_OP.sub(lambda match: _replace(match, condition), content)


def rgb_operators(content: bytes) -> int:
    """How many RGB colour operators ``content`` holds (the preflight counts them)."""
    return len(_RGB_OP.findall(content))
