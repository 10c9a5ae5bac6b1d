"""Empty the glyphs a page does not show from an embedded TrueType subset.

The issue PDF's font subsets hold up to 256 glyphs each, numbered in drawing order
over the whole issue, so a page PDF cut from it would carry glyphs of every other
page (the 12-page 1998 day: 8.5 MB of page PDFs instead of 3.7 MB). Keeping glyph
numbers and every other table as they are, :func:`prune` rewrites ``glyf`` and
``loca`` so that only the glyphs a page's text uses (plus .notdef and composite
components) keep their outlines; the widths, cmap and codes stay valid, so the page
draws the same. Only fonts as ReportLab writes them are pruned (a format 6 cmap);
anything else is left whole.
"""

from __future__ import annotations

import struct

# Composite glyph flags (OpenType glyf table).
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_XY_SCALE = 0x0040
_HAVE_2X2 = 0x0080


def _tables(font: bytes) -> dict[bytes, tuple[int, int]]:
    """tag → (offset, length) from the table directory."""
    (count,) = struct.unpack_from(">H", font, 4)
    out = {}
    for i in range(count):
        tag, _check, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * i)
        out[tag] = (offset, length)
    return out


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}L", padded)) & 0xFFFFFFFF


def code_glyphs(font: bytes) -> list[int] | None:
    """Glyph id per one-byte code, from a format 6 cmap (ReportLab's); None otherwise."""
    tables = _tables(font)
    if b"cmap" not in tables:
        return None
    base, _ = tables[b"cmap"]
    (count,) = struct.unpack_from(">H", font, base + 2)
    for i in range(count):
        _platform, _encoding, offset = struct.unpack_from(">HHL", font, base + 4 + 8 * i)
        sub = base + offset
        (fmt,) = struct.unpack_from(">H", font, sub)
        if fmt == 6:
            first, entries = struct.unpack_from(">HH", font, sub + 6)
            glyphs = list(struct.unpack_from(f">{entries}H", font, sub + 10))
            return [0] * first + glyphs
    return None


def _components(glyph: bytes) -> list[int]:
    """Glyph ids a composite glyph is built from ([] for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    out, pos, flags = [], 10, _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        flags, gid = struct.unpack_from(">HH", glyph, pos)
        out.append(gid)
        pos += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        pos += 2 if flags & _HAVE_SCALE else 4 if flags & _HAVE_XY_SCALE else (
            8 if flags & _HAVE_2X2 else 0)
    return out


def prune(font: bytes, codes: set[int]) -> bytes | None:
    """``font`` with outlines kept only for the glyphs of ``codes``; None when the
    font is not one this module understands, or is damaged (then embed it whole)."""
    try:
        return _prune(font, codes)
    except (struct.error, IndexError, ValueError):
        return None


def _prune(font: bytes, codes: set[int]) -> bytes | None:
    per_code = code_glyphs(font)
    tables = _tables(font)
    if per_code is None or not {b"glyf", b"loca", b"head"} <= tables.keys():
        return None
    head_at, _ = tables[b"head"]
    (long_loca,) = struct.unpack_from(">h", font, head_at + 50)
    loca_at, loca_len = tables[b"loca"]
    glyf_at, _ = tables[b"glyf"]
    if long_loca:
        offsets = list(struct.unpack_from(f">{loca_len // 4}L", font, loca_at))
    else:
        offsets = [2 * o for o in struct.unpack_from(f">{loca_len // 2}H", font, loca_at)]
    count = len(offsets) - 1

    def glyph(gid: int) -> bytes:
        return font[glyf_at + offsets[gid]:glyf_at + offsets[gid + 1]]

    keep = {0} | {per_code[c] for c in codes if c < len(per_code)}
    todo = list(keep)
    while todo:
        for part in _components(glyph(todo.pop())):
            if part < count and part not in keep:
                keep.add(part)
                todo.append(part)
    glyf, new_offsets, pos = [], [], 0
    for gid in range(count):
        new_offsets.append(pos)
        if gid in keep:
            data = glyph(gid)
            data += b"\0" * (-len(data) % 4)
            glyf.append(data)
            pos += len(data)
    new_offsets.append(pos)
    loca = (struct.pack(f">{len(new_offsets)}L", *new_offsets) if long_loca else
            struct.pack(f">{len(new_offsets)}H", *(o // 2 for o in new_offsets)))
    return _assemble(font, tables, {b"glyf": b"".join(glyf), b"loca": loca})


def _assemble(font: bytes, tables: dict[bytes, tuple[int, int]],
              replaced: dict[bytes, bytes]) -> bytes:
    """The font with some tables replaced: directory sorted by tag, tables 4-byte
    aligned, checksums and head.checkSumAdjustment recomputed."""
    tags = sorted(tables)
    data = {t: replaced.get(t, font[tables[t][0]:tables[t][0] + tables[t][1]]) for t in tags}
    head = bytearray(data[b"head"])
    head[8:12] = b"\0\0\0\0"
    data[b"head"] = bytes(head)
    (version,) = struct.unpack_from(">L", font, 0)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">LHHHH", version, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)
    offset = 12 + 16 * count
    directory, body = [], []
    for tag in tags:
        table = data[tag]
        directory.append(struct.pack(">4sLLL", tag, _checksum(table), offset, len(table)))
        padded = table + b"\0" * (-len(table) % 4)
        body.append(padded)
        offset += len(padded)
    out = bytearray(header + b"".join(directory) + b"".join(body))
    adjust = (0xB1B0AFBA - _checksum(bytes(out))) & 0xFFFFFFFF
    head_offset = 12 + 16 * count + sum(len(b) for b in body[:tags.index(b"head")])
    out[head_offset + 8:head_offset + 12] = struct.pack(">L", adjust)
    return bytes(out)
