"""One composite (Type0, CID-keyed) font per face and document: the pure part.

ReportLab embeds a TrueType face as simple fonts of 256 codes each, numbered in
drawing order, so a 12-character line of Chinese touches about six of them (Job A:
6,940 runs became 41,450 ``Tf … TJ`` pieces). Here a face is one font whose codes are
its glyph ids (two bytes, ``Identity-H``; CIDs are glyph ids, ``CIDToGIDMap
/Identity``): a run is one ``TJ``, and the embedded program is the whole face with
only the used glyphs' outlines (``ttf_prune.keep_glyphs``), which page PDFs cut
again to their own glyphs. The PDF objects are made by
:mod:`.reportlab_adapter` (ReportLab's document internals live there).
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from typing import Any

from .ttf_prune import keep_glyphs

# Tables a CIDFontType2 program needs (ISO 32000-1 §9.9); cmap is not used with
# CIDToGIDMap /Identity, and the layout tables serve no PDF viewer.
PROGRAM_TABLES = frozenset({b"head", b"hhea", b"maxp", b"loca", b"glyf", b"hmtx", b"cvt ",
                            b"fpgm", b"prep", b"post", b"OS/2", b"name"})


@dataclass
class CidFace:
    """A face as one composite font in one document: its resource ``name`` and the
    glyphs drawn so far (glyph id → the first code point drawn with it)."""

    key: str
    name: str  # resource name without the slash, e.g. "EP1"
    face: Any  # ReportLab's TTFontFace: charToGlyph, charWidths, metrics, the file
    used: dict[int, int] = field(default_factory=dict)

    def glyphs(self, text: str) -> list[int]:
        """Glyph ids of ``text`` (0, .notdef, for a character the face lacks), noted
        as used."""
        to_glyph = self.face.charToGlyph
        used = self.used
        out = []
        for ch in text:
            cp = ord(ch)
            gid = to_glyph.get(cp, 0)
            if gid not in used:
                used[gid] = cp
            out.append(gid)
        return out

    def width(self, gid: int) -> float:
        """Advance of glyph ``gid`` in 1/1000 em, as ReportLab's ``getCharWidth``
        gives it for the glyph's character (what the text placement assumed)."""
        return self.face.getCharWidth(self.used.get(gid, -1)) if gid else float(
            self.face.defaultWidth)

    def base_font(self) -> str:
        """``ABCDEF+PostScriptName``: the subset tag follows from the glyphs used, so
        the same document gives the same name."""
        digest = hashlib.sha256(struct.pack(f">{len(self.used)}H", *sorted(self.used)))
        tag = "".join(chr(ord("A") + b % 26) for b in digest.digest()[:6])
        return f"{tag}+{self.face.name.decode('latin-1')}"

    def w_array(self) -> list:
        """The ``/W`` array: runs of consecutive glyph ids with their widths."""
        out: list = []
        run_start, run_widths = -2, []
        for gid in sorted(self.used):
            if gid == run_start + len(run_widths):
                run_widths.append(self.width(gid))
                continue
            if run_widths:
                out += [run_start, run_widths]
            run_start, run_widths = gid, [self.width(gid)]
        if run_widths:
            out += [run_start, run_widths]
        return out

    def to_unicode(self) -> str:
        """The ToUnicode CMap: each glyph id to its character (UTF-16BE, surrogate
        pairs above U+FFFF), in blocks of at most 100 (PDF limit)."""
        entries = [f"<{gid:04X}> <{chr(cp).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
                   for gid, cp in sorted(self.used.items()) if gid]
        body: list[str] = []
        for start in range(0, len(entries), 100):
            block = entries[start:start + 100]
            body += [f"{len(block)} beginbfchar", *block, "endbfchar"]
        return "\n".join([
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
            *body, "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
        ])

    def program(self) -> bytes:
        """The embedded TrueType program: the face with only the used outlines."""
        data = bytes(self.face._ttf_data)
        kept = keep_glyphs(data, set(self.used), only=PROGRAM_TABLES, post3=True)
        return kept if kept is not None else data


def tj(gids: list[int], kerns: tuple[str, ...], offset: int = 0) -> str:
    """One TJ array of two-byte glyph codes, cut where an adjustment goes."""
    parts: list[str] = []
    begin = 0
    for i in range(len(gids)):
        kern = kerns[offset + i]
        if kern:
            if i > begin:
                parts.append("<" + struct.pack(f">{i - begin}H", *gids[begin:i]).hex() + ">")
            parts.append(kern)
            begin = i
    parts.append("<" + struct.pack(f">{len(gids) - begin}H", *gids[begin:]).hex() + ">")
    return f"[{' '.join(parts)}] TJ"
