"""``--verify``: compare a fresh rebuild with ``OUT`` file by file.

For a PDF that differs, the first differing page is found from the raw bytes: the
first differing byte lies in some object ``N 0 obj``; a page's own objects (its page
dictionary and content streams) name the page, anything else (fonts, metadata, the
cross-reference table) is reported as shared by the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_OBJ = re.compile(rb"(\d+) 0 obj\b")
_PAGE_OBJ = re.compile(rb"(\d+) 0 obj\s*<<(?:(?!endobj).)*?/Type\s*/Page\b(?!s)", re.S)
_KIDS = re.compile(rb"/Type\s*/Pages\b(?:(?!endobj).)*?/Kids\s*\[([^\]]*)\]", re.S)
_REF = re.compile(rb"(\d+) 0 R")


@dataclass(frozen=True)
class Difference:
    """One file that differs between ``OUT`` and the fresh build."""

    path: str  # relative to OUT, with / separators
    what: str  # "differs", "missing in OUT", "only in OUT"
    detail: str = ""  # for PDFs: "first differing page 3", ...

    def __str__(self) -> str:
        return f"{self.path}: {self.what}" + (f" ({self.detail})" if self.detail else "")


def _files(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def compare_trees(expected: Path, actual: Path, prefix: str) -> list[Difference]:
    """Differences between ``actual`` (OUT's folder) and ``expected`` (the fresh
    build), each path shown as ``prefix/<relative path>``."""
    want, have = _files(expected), _files(actual)
    found = []
    for name in sorted(set(want) | set(have)):
        shown = f"{prefix}/{name}" if prefix else name
        if name not in have:
            found.append(Difference(shown, "missing in OUT"))
        elif name not in want:
            found.append(Difference(shown, "only in OUT"))
        else:
            found.extend(compare_files(want[name], have[name], shown))
    return found


def compare_files(expected: Path, actual: Path, shown: str) -> list[Difference]:
    """[] when the two files hold the same bytes, else one :class:`Difference`."""
    a, b = expected.read_bytes(), actual.read_bytes()
    if a == b:
        return []
    detail = f"{len(b)} bytes, expected {len(a)}" if len(a) != len(b) else ""
    if shown.endswith(".pdf"):
        detail = pdf_difference(a, b)
    return [Difference(shown, "differs", detail)]


def first_difference(a: bytes, b: bytes) -> int:
    """Offset of the first byte where ``a`` and ``b`` differ (or where one ends)."""
    size, chunk, start = min(len(a), len(b)), 1 << 16, 0
    while start < size and a[start:start + chunk] == b[start:start + chunk]:
        start += chunk  # slices compare in C; only the differing chunk goes byte by byte
    for i in range(start, min(start + chunk, size)):
        if a[i] != b[i]:
            return i
    return size


def pdf_difference(expected: bytes, actual: bytes) -> str:
    """Where two PDFs first differ, in page terms when a page's own object differs."""
    offset = first_difference(expected, actual)
    owners = page_owners(expected)
    starts = [(m.start(), int(m.group(1))) for m in _OBJ.finditer(expected)]
    number = next((n for start, n in reversed(starts) if start <= offset), None)
    if number is None:
        return f"byte {offset}, in the header"
    if number in owners:
        return f"first differing page {owners[number]}, byte {offset}"
    return f"byte {offset}, in object {number}, not a page's own content (fonts, metadata)"


def page_owners(pdf: bytes) -> dict[int, int]:
    """Object number -> page number (1-based) for each page dictionary and the content
    streams it names, pages in the order of the page tree's /Kids."""
    pages: dict[int, bytes] = {}
    for match in _PAGE_OBJ.finditer(pdf):
        end = pdf.find(b"endobj", match.end())
        pages[int(match.group(1))] = pdf[match.start():end]
    order = []
    for kids in _KIDS.finditer(pdf):
        order.extend(int(n) for n in _REF.findall(kids.group(1)) if int(n) in pages)
    if not order:
        order = sorted(pages)
    owners = {}
    for index, number in enumerate(order, start=1):
        owners[number] = index
        body = pages[number]
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        if contents:
            for ref in _REF.findall(contents.group(1)):
                owners.setdefault(int(ref), index)
    return owners
