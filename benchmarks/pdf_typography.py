"""Typography figures read back from a Job A PDF, the same way for every system.

PDFium (pypdfium2) gives each character's origin, font size and loose box (the box
its advance spans). Body characters are those at the job's body size; a line is the
body characters of one column on one baseline (columns from the job's grid). Then:

* bad starts / bad ends: lines starting with a mark that may not start a line
  (。，、」… cjk-typesetting.md §2) or ending with one that may not end it (「（“…);
* ragged: lines that end more than 0.5 em short of the column's right edge although
  the next line continues the paragraph (next baseline of the same column, starting
  at the left edge, not indented): a justified line left unjustified;
* loose: lines with more than 0.5 em of extra space between two Han characters;
* split numbers: a line ending in a digit whose next line starts with one;
* on grid: the share of body baselines at the most common position modulo the pitch
  (±0.1 pt): 1.0 means every body line sits on one baseline grid.
"""

from __future__ import annotations

import ctypes
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

# Dashes may start a line (clreq allows it; they must only not be split).
NO_START = set("、。，．,.：；？！:;?!）)」』〕】》〉”’］｝…‥〜～ー・·々ゝゞヽヾ％%")
NO_END = set("（(「『〔【《〈“‘［｛")


@dataclass(frozen=True)
class Typography:
    """The figures of one PDF."""

    lines: int
    bad_start: int
    bad_end: int
    ragged: int
    loose: int
    split_numbers: int
    on_grid: float


@dataclass(frozen=True)
class _Char:
    ch: str
    index: int  # in the page's text: characters next to each other have consecutive ones
    x: float  # origin
    right: float  # end of its advance box
    y: float  # baseline, from the page top


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _page_chars(page: Any) -> list[tuple[float, _Char]]:
    """(nominal font size, character) for every visible character of the page. The
    nominal size is in the PDF's own units (WeasyPrint's are CSS pixels), so body text
    is recognised as the most common size, not by its value."""
    import pypdfium2.raw as raw

    height = page.get_height()
    text = page.get_textpage()
    out = []
    x, y = ctypes.c_double(), ctypes.c_double()
    rect = raw.FS_RECTF()
    for i in range(text.count_chars()):
        ch = chr(raw.FPDFText_GetUnicode(text, i))
        if ch.isspace():
            continue
        raw.FPDFText_GetCharOrigin(text, i, ctypes.byref(x), ctypes.byref(y))
        raw.FPDFText_GetLooseCharBox(text, i, ctypes.byref(rect))
        out.append((round(raw.FPDFText_GetFontSize(text, i), 2),
                    _Char(ch, i, x.value, rect.right, height - y.value)))
    return out


def measure(path: Any, *, left: float, col_w: float, gutter_w: float, columns: int,
            size: float, pitch: float) -> Typography:
    """The figures of the PDF at ``path`` laid out on the given column grid."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    lines: list[list[_Char]] = []
    ends: list[float] = []  # column right edge per line
    starts: list[float] = []  # column left edge per line
    try:
        pages = [_page_chars(page) for page in doc]
        sizes = Counter(s for chars in pages for s, _ in chars)
        body = sizes.most_common(1)[0][0] if sizes else 0.0
        for chars in pages:
            by_line: dict[tuple[int, float], list[_Char]] = defaultdict(list)
            for s, c in chars:
                if s != body:
                    continue
                col = min(columns - 1, max(0, int((c.x - left + gutter_w / 2)
                                                  // (col_w + gutter_w))))
                by_line[(col, round(c.y, 1))].append(c)
            for (col, _), chars in sorted(by_line.items()):
                lines.append(sorted(chars, key=lambda c: c.x))
                starts.append(left + col * (col_w + gutter_w))
                ends.append(starts[-1] + col_w)
    finally:
        doc.close()
    bad_start = sum(1 for ln in lines if ln[0].ch in NO_START)
    bad_end = sum(1 for ln in lines if ln[-1].ch in NO_END)
    ragged = loose = split = 0
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        # The paragraph goes on in the next line: the same column, the next baseline
        # (not below a headline or another block) and not indented.
        continues = (nxt is not None and starts[i + 1] == starts[i]
                     and 0 < nxt[0].y - ln[0].y < 1.5 * pitch
                     and nxt[0].x - starts[i + 1] < 0.5 * size)
        if continues and ends[i] - ln[-1].right > 0.5 * size:
            ragged += 1
        if continues and ln[-1].ch.isdigit() and nxt[0].ch.isdigit():
            split += 1
        gaps = [b.x - a.x - size for a, b in zip(ln, ln[1:], strict=False)
                if _is_han(a.ch) and _is_han(b.ch) and b.index == a.index + 1]
        if gaps and max(gaps) > 0.5 * size:
            loose += 1
    phases = Counter(round(ln[0].y % pitch, 1) for ln in lines)
    on_grid = 0.0
    if phases:
        mode = phases.most_common(1)[0][0]
        near = sum(n for p, n in phases.items()
                   if min(abs(p - mode), pitch - abs(p - mode)) <= 0.1 + 1e-9)
        on_grid = near / len(lines)
    return Typography(len(lines), bad_start, bad_end, ragged, loose, split, on_grid)
