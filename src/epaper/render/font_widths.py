"""Make an embedded TrueType subset's advance widths agree with the PDF's /Widths.

PDF/A (ISO 19005-2, 6.2.11.5) requires the widths in a font dictionary to match the
embedded program. Viewers place glyphs by /Widths, and the renderer's TJ adjustments
are computed from them, so where the two disagree (seen: one glyph of the Kai face
whose subset width ReportLab writes as 1000 while the program says 976.56) the
program's ``hmtx`` advance is set to the dictionary's: what is drawn does not move.
Patched in place with ``struct`` (glyph outlines, numbering and every other table
stay as they are), then the table and font checksums are recomputed.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from .ttf_prune import _checksum, _tables, code_glyphs

TOLERANCE = 1.0  # thousandths of an em: veraPDF's allowance for rounding
_HEAD_ADJUSTMENT = 8  # offset of checkSumAdjustment in the head table
_MAGIC = 0xB1B0AFBA  # OpenType: checkSumAdjustment = magic - checksum of the font


def align_widths(font: bytes, first_char: int, widths: Sequence[float]) -> bytes | None:
    """``font`` with each code's advance set to its /Widths entry (``widths[code -
    first_char]``, in 1/1000 em) where they differ; None when nothing differs or the
    font is not one this module understands (then it is left as it is)."""
    try:
        return _align(font, first_char, widths)
    except (struct.error, IndexError, KeyError, ValueError):
        return None


def _align(font: bytes, first_char: int, widths: Sequence[float]) -> bytes | None:
    tables = _tables(font)
    glyphs = code_glyphs(font)
    if glyphs is None:
        return None
    head, _ = tables[b"head"]
    (units,) = struct.unpack_from(">H", font, head + 18)
    hhea, _ = tables[b"hhea"]
    (metrics,) = struct.unpack_from(">H", font, hhea + 34)
    hmtx, hmtx_length = tables[b"hmtx"]
    data = bytearray(font)
    changed = False
    for index, width in enumerate(widths):
        code = first_char + index
        if code >= len(glyphs):
            break
        glyph = glyphs[code]
        if glyph >= metrics:
            continue  # shares the last advance: cannot be changed alone
        (advance,) = struct.unpack_from(">H", data, hmtx + 4 * glyph)
        if abs(advance * 1000 / units - float(width)) > TOLERANCE:
            struct.pack_into(">H", data, hmtx + 4 * glyph, round(float(width) * units / 1000))
            changed = True
    if not changed:
        return None
    _fix_checksums(data, tables, b"hmtx", hmtx, hmtx_length)
    return bytes(data)


def _fix_checksums(data: bytearray, tables: dict[bytes, tuple[int, int]], tag: bytes,
                   offset: int, length: int) -> None:
    (count,) = struct.unpack_from(">H", data, 4)
    for i in range(count):
        entry = 12 + 16 * i
        if bytes(data[entry:entry + 4]) == tag:
            table = bytes(data[offset:offset + length])
            struct.pack_into(">L", data, entry + 4, _checksum(table))
    head, _ = tables[b"head"]
    struct.pack_into(">L", data, head + _HEAD_ADJUSTMENT, 0)
    adjustment = (_MAGIC - _checksum(bytes(data))) & 0xFFFFFFFF
    struct.pack_into(">L", data, head + _HEAD_ADJUSTMENT, adjustment)
