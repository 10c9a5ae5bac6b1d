"""The per-page PDFs, cut from the issue PDF instead of drawn again.

Each page is drawn once, into the issue PDF; ``pages/NN.pdf`` copies that page's
objects (content stream, font subsets, photos) with pikepdf (qpdf), which copies
objects without re-encoding them. Before this every page was drawn twice and every
font subset built twice (cProfile: writing PDFs was 57 % of a build; see
docs/performance.md).

A page PDF keeps only the fonts and images its content stream names: ReportLab gives
every page one shared resource dictionary with all of the issue's subsets. The fonts
are the issue's subsets (up to 256 glyphs each, numbered in drawing order over the
whole issue); the glyphs the page does not show are emptied (:mod:`.ttf_prune`), so a
page PDF is about as small as one drawn on its own.

Output is byte-identical for the same issue PDF: qpdf writes objects in a fixed
order and the file identifier is derived from the content (``deterministic_id``).
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any  # pikepdf is imported late: its objects are typed Any here

from .pdf_tree import add_structure
from .ttf_prune import prune

# Names a content stream uses: "/F2+1 9.5 Tf" selects a font, "/FormXob.… Do" paints an
# image. Our text is written as hex strings, so these patterns cannot match inside text.
_FONT_USE = re.compile(rb"/([^\s/\[\]<>()]+)\s+[-\d.]+\s+Tf\b")
_XOBJECT_USE = re.compile(rb"/([^\s/\[\]<>()]+)\s+Do\b")
# Share of a subset's glyphs a page must show for its font to be copied whole.
MOSTLY_USED = 0.75
# A font selection or a hex string, in content order: the codes shown in each font.
_TEXT_TOKENS = re.compile(rb"/([^\s/\[\]<>()]+)\s+[-\d.]+\s+Tf\b|<([0-9a-fA-F]*)>")


@dataclass(frozen=True)
class Bookmark:
    """One outline entry of a page: level 0 is the page (fit whole page), level 1 an
    article at ``left``, ``top`` (PDF points, bottom-left origin)."""

    title: str
    level: int
    left: float = 0.0
    top: float = 0.0


@dataclass(frozen=True)
class PageFile:
    """Where page ``index`` (0-based) of the issue PDF goes, with its metadata."""

    index: int
    path: Path
    title: str
    label: str
    bookmarks: tuple[Bookmark, ...] = ()
    # Glyph codes the page shows per subset font name, as the renderer recorded them;
    # None: read them from the content stream.
    used: dict[str, set[int]] | None = None
    # The issue's structure tree (pdf_tags.Element) and language: the page PDF gets
    # the part of it on this page; None: untagged.
    structure: Any = None
    lang: str = ""


def split_pages(issue_pdf: Path, targets: Sequence[PageFile]) -> list[Path]:
    """Write each target's page of ``issue_pdf`` as a one-page PDF; return the paths.

    Each file is written to a temporary name and moved into place, so a failure
    never leaves a half-written page PDF."""
    import pikepdf  # deferred: only builds that write page PDFs need qpdf

    written: list[Path] = []
    with pikepdf.open(issue_pdf) as src:
        for target in targets:
            written.append(_write_one(pikepdf, src, target))
    return written


def _write_one(pikepdf: Any, src: Any, target: PageFile) -> Path:
    path = Path(target.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with pikepdf.new() as dst:
            # Prune in the source (opened in memory, never saved) before copying, so
            # the other pages' subsets are not copied only to be dropped.
            _keep_used_resources(pikepdf, src.pages[target.index])
            dst.pages.append(src.pages[target.index])
            _prune_fonts(pikepdf, dst.pages[0], target.used)
            if target.structure is not None:
                add_structure(pikepdf, dst, target.structure, target.lang,
                              {target.index: 0})
            info = {key: value for key, value in src.docinfo.items()}
            info["/Title"] = pikepdf.String(target.title)
            dst.docinfo = dst.make_indirect(pikepdf.Dictionary(info))
            for key in ("/Lang", "/PageMode"):
                if key in src.Root:
                    dst.Root[key] = src.Root[key]
            dst.Root.PageLabels = pikepdf.Dictionary(
                Nums=pikepdf.Array([0, pikepdf.Dictionary(P=pikepdf.String(target.label))]))
            _outline(pikepdf, dst, target.bookmarks)
            save_as_drawn(pikepdf, dst, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def save_as_drawn(pikepdf: Any, pdf: Any, path: Path, **options: Any) -> None:
    """Save ``pdf`` with its streams as ReportLab compressed them (decoding and
    deflating fonts and photos again was most of a split's time) and no object
    streams, so the dictionaries stay plain text for simple tools; same bytes for the
    same objects."""
    pdf.save(path, deterministic_id=True, compress_streams=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.disable, **options)


def _content_bytes(pikepdf: Any, page: Any) -> bytes:
    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def _keep_used_resources(pikepdf: Any, page: Any) -> None:
    """Give the page its own /Font and /XObject dictionaries holding only what its
    content stream names (the shared dictionary lists the whole issue's)."""
    content = _content_bytes(pikepdf, page)
    resources = page.obj.get("/Resources")
    if resources is None:
        return
    own = pikepdf.Dictionary({key: value for key, value in resources.items()})
    for key, pattern in (("/Font", _FONT_USE), ("/XObject", _XOBJECT_USE)):
        if key not in resources:
            continue
        used = {"/" + name.decode("latin-1") for name in pattern.findall(content)}
        table = resources[key]
        kept = {name: table[name] for name in sorted(table.keys()) if name in used}
        if kept:
            own[key] = pikepdf.Dictionary(kept)
        else:
            del own[key]
    page.obj.Resources = own


def used_codes(content: bytes) -> dict[str, set[int]] | None:
    """Font resource name → the one-byte codes the content shows in it; None when the
    content has text this reader does not follow (literal strings: ours are all hex)."""
    if b"(" in content:
        return None
    hexes: dict[str, list[bytes]] = {}
    current: list[bytes] | None = None
    for match in _TEXT_TOKENS.finditer(content):
        if match.group(1) is not None:
            current = hexes.setdefault("/" + match.group(1).decode("latin-1"), [])
        elif current is not None:
            current.append(match.group(2))
    return {name: set(bytes.fromhex(b"".join(parts).decode("ascii")))
            for name, parts in hexes.items()}


def _prune_fonts(pikepdf: Any, page: Any, used: dict[str, set[int]] | None) -> None:
    """Empty the glyphs this page does not show from its (copied) font subsets."""
    if used is None:
        used = used_codes(_content_bytes(pikepdf, page))
    resources = page.obj.get("/Resources")
    if used is None or resources is None or "/Font" not in resources:
        return
    for name, font in resources.Font.items():
        descriptor = font.get("/FontDescriptor")
        stream = descriptor.get("/FontFile2") if descriptor is not None else None
        if stream is None:
            continue
        codes = used.get(name, set())
        entries = int(font.get("/LastChar", 255)) - int(font.get("/FirstChar", 0)) + 1
        if len(codes) >= MOSTLY_USED * entries:
            continue  # little to empty; not worth inflating and deflating the font again
        pruned = prune(stream.read_bytes(), codes)
        if pruned is not None:
            # Level 1: a sixth of level 6's time here, and the emptied glyphs were
            # most of what there was to compress.
            stream.write(zlib.compress(pruned, 1), filter=pikepdf.Name.FlateDecode)
            stream.Length1 = len(pruned)


def _outline(pikepdf: Any, dst: Any, bookmarks: Sequence[Bookmark]) -> None:
    if not bookmarks:
        return
    with dst.open_outline() as outline:
        parent = None
        for mark in bookmarks:
            if mark.level == 0:
                parent = pikepdf.OutlineItem(mark.title, 0)
                outline.root.append(parent)
            else:
                item = pikepdf.OutlineItem(mark.title, 0, pikepdf.PageLocation.XYZ,
                                           left=mark.left, top=mark.top)
                (parent.children if parent is not None else outline.root).append(item)
