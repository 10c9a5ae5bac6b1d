"""Everything epaper needs from ReportLab beyond its public drawing API, in one place.

ReportLab is the PDF writer; three things it does not offer publicly are done here,
and ``tests/render/test_reportlab_adapter.py`` fails loudly when an upgrade breaks one:

1. **Precomputed faces.** ReportLab's ``TTFont`` parses the TrueType file on every
   registration (cmap, hmtx and loca in pure Python: 0.09–0.14 s per bundled face,
   most of a small build's fixed cost). ``fonts/<key>.rlface`` holds the parsed state
   (written by :func:`write_face_table` from ``tools/build_fonts.py``, ``make fonts``);
   :func:`register` restores it in a few milliseconds. The table names the ReportLab
   release it was made with; with another release the font is parsed as before (slow,
   still right) and the test says to run ``make fonts``.
2. **ToUnicode above U+FFFF.** ReportLab 5.1 writes the code point itself instead of
   a UTF-16 surrogate pair, so text extraction of 𬬻 U+2CB3B fails; its module-level
   ``makeToUnicodeCMap`` is replaced before the first font is registered.
3. **Subset codes.** Glyph codes and subset font names are per document; ReportLab's
   own text code reaches them through the canvas's document (:func:`subset_codes`).
"""

from __future__ import annotations

import json
import mmap
import zlib
from array import array
from functools import cache
from pathlib import Path
from typing import Any

from .. import fonts

RL_PREFIX = "epaper-"
TABLE_MAGIC = b"epaper-rlface 1\n"
# Attributes not stored: the file's bytes (mapped from the .ttf itself), ReportLab's
# scale function (a closure, rebuilt from unitsPerEm exactly as ReportLab builds it)
# and glyphToChar (derived from charToGlyph when asked for).
_NOT_STORED = frozenset({"_ttf_data", "_pdfScale", "glyphToChar"})


def reportlab_release() -> str:
    """Major.minor of the installed ReportLab: the tables are valid within a release."""
    import reportlab

    return ".".join(reportlab.Version.split(".")[:2])


# --- 1. precomputed faces ---------------------------------------------------------

def face_table_path(key: str) -> Path:
    """Where the precomputed ReportLab face of ``key`` lives."""
    return fonts.FONTS_DIR / f"{key}.rlface"


def _encode(value: Any, blobs: list[bytes], offset: list[int]) -> Any:
    """A JSON-able description of ``value``; big integer/float tables go to ``blobs``
    as typed arrays (C-speed to load) and are referenced by offset."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    def put(typecode: str, items: list) -> dict[str, Any]:
        data = array(typecode, items).tobytes()
        ref = {"array": typecode, "at": offset[0], "n": len(items)}
        blobs.append(data)
        offset[0] += len(data)
        return ref

    def column(items: list) -> dict[str, Any]:
        if all(type(v) is int for v in items):
            return {"ints": put("q", items)}
        return {"floats": put("d", [float(v) for v in items]),
                "is_int": put("b", [type(v) is int for v in items])}

    if isinstance(value, TTFNameBytes):
        return {"name": bytes(value).hex(), "ustr": value.ustr}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v, blobs, offset) for v in value]}
    if isinstance(value, list):
        if value and all(type(v) is int for v in value):
            return {"list": put("q", value)}
        if value and all(type(v) is tuple and len(v) == 2
                         and all(type(x) in (int, float) for x in v) for v in value):
            # hmetrics: (advance, lsb) per glyph; ReportLab leaves the advance of
            # glyphs past numberOfHMetrics scaled (a float), so keep each number's type.
            return {"pair_columns": [column([v[i] for v in value]) for i in (0, 1)]}
        return [_encode(v, blobs, offset) for v in value]
    if isinstance(value, dict):
        if value and all(type(k) is int for k in value):
            keys = put("q", list(value))
            vals = list(value.values())
            if all(type(v) is int for v in vals):
                return {"int_dict": keys, "values": put("q", vals)}
            if all(type(v) is float for v in vals):
                return {"int_dict": keys, "floats": put("d", vals)}
            if all(type(v) is list and all(type(x) is int for x in v) for v in vals):
                return {"int_dict": keys, "lengths": put("q", [len(v) for v in vals]),
                        "flat": put("q", [x for v in vals for x in v])}
        if all(isinstance(k, str) for k in value):
            return {"dict": {k: _encode(v, blobs, offset) for k, v in value.items()}}
    raise TypeError(f"cannot store {type(value).__name__} in a face table")


def _column(desc: dict[str, Any], get: Any) -> list:
    """A column of numbers, each with the type it was stored with."""
    if "ints" in desc:
        return get(desc["ints"]).tolist()
    values = get(desc["floats"]).tolist()
    return [int(v) if is_int else v
            for v, is_int in zip(values, get(desc["is_int"]).tolist(), strict=True)]


def _decode(desc: Any, blob: bytes) -> Any:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    def get(ref: dict[str, Any]) -> array:
        out = array(ref["array"])
        out.frombytes(blob[ref["at"]:ref["at"] + ref["n"] * out.itemsize])
        return out

    if not isinstance(desc, dict):
        return [_decode(v, blob) for v in desc] if isinstance(desc, list) else desc
    if "name" in desc:
        return TTFNameBytes(bytes.fromhex(desc["name"]))
    if "bytes" in desc:
        return bytes.fromhex(desc["bytes"])
    if "tuple" in desc:
        return tuple(_decode(v, blob) for v in desc["tuple"])
    if "list" in desc:
        return get(desc["list"]).tolist()
    if "pair_columns" in desc:
        return list(zip(*(_column(c, get) for c in desc["pair_columns"]), strict=True))
    if "int_dict" in desc:
        keys = get(desc["int_dict"]).tolist()
        if "values" in desc:
            return dict(zip(keys, get(desc["values"]).tolist(), strict=True))
        if "floats" in desc:
            return dict(zip(keys, get(desc["floats"]).tolist(), strict=True))
        flat, out, at = get(desc["flat"]).tolist(), {}, 0
        for key, length in zip(keys, get(desc["lengths"]).tolist(), strict=True):
            out[key] = flat[at:at + length]
            at += length
        return out
    return {k: _decode(v, blob) for k, v in desc["dict"].items()}


def face_table(ttf: Path) -> bytes:
    """The precomputed state of ReportLab's parse of ``ttf`` (deterministic bytes)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    face = TTFontFace(str(ttf))
    blobs: list[bytes] = []
    offset = [0]
    attrs = {name: _encode(value, blobs, offset)
             for name, value in sorted(vars(face).items())
             if name not in _NOT_STORED and name != "filename"}
    # glyphToChar is derived from charToGlyph when asked for; store where ReportLab's
    # differs (it aliases the no-break space and the space after building it).
    derived = _glyph_to_char(face.charToGlyph)
    patch = {str(g): chars for g, chars in face.glyphToChar.items() if derived.get(g) != chars}
    patch.update({str(g): None for g in derived if g not in face.glyphToChar})
    head = {"reportlab": reportlab_release(), "file": ttf.name, "size": ttf.stat().st_size,
            "attrs": attrs, "g2c_patch": patch}
    body = json.dumps(head, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    return TABLE_MAGIC + zlib.compress(body + b"".join(blobs), 9)


def write_face_table(ttf: Path, out: Path) -> Path:
    """Write :func:`face_table` of ``ttf`` to ``out``; return ``out``."""
    out.write_bytes(face_table(ttf))
    return out


def load_face(ttf: Path, table: Path) -> Any | None:
    """A ReportLab ``TTFontFace`` for ``ttf`` restored from ``table``, or None when the
    table is absent, damaged, for another ReportLab release or another font file."""
    try:
        raw = table.read_bytes()
        if not raw.startswith(TABLE_MAGIC):
            return None
        data = zlib.decompress(raw[len(TABLE_MAGIC):])
        newline = data.index(b"\n")
        head = json.loads(data[:newline])
        if (head["reportlab"] != reportlab_release() or head["file"] != ttf.name
                or head["size"] != ttf.stat().st_size):
            return None
        attrs = {k: _decode(v, data[newline + 1:]) for k, v in head["attrs"].items()}
        # Mapped, not read: ReportLab only slices it, and a build touches the glyphs
        # it subsets, not the 4-6 MB of each file (resident memory, and read time).
        with ttf.open("rb") as handle:
            ttf_data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, KeyError, zlib.error):
        return None
    cls = _face_class()
    face = cls.__new__(cls)  # skip the parse: that is the point
    vars(face).update(attrs)
    vars(face)["_g2c_patch"] = head.get("g2c_patch", {})
    face.filename = str(ttf)
    face._ttf_data = ttf_data
    upm = face.unitsPerEm
    if upm == 1000:  # the scale function exactly as TTFontFile.extractInfo makes it
        face._pdfScale = lambda x: x
    else:
        mult = 1000 / upm
        face._pdfScale = lambda x: x * mult
    return face


def _glyph_to_char(char_to_glyph: dict[int, int]) -> dict[int, list[int]]:
    """glyph → its characters, in charToGlyph's order (as ReportLab builds it)."""
    table: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph.items():
        table.setdefault(glyph, []).append(char)
    return table


@cache
def _face_class() -> type:
    from reportlab.pdfbase.ttfonts import TTFontFace

    class PrecomputedFace(TTFontFace):
        """A ``TTFontFace`` restored from a table. ``glyphToChar`` (glyph → characters,
        a list per glyph: a quarter of a face's memory) serves only ReportLab's
        HarfBuzz shaping, which epaper does not use: it is built if ever asked for."""

        @property
        def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 (ReportLab's name)
            table = vars(self).get("_glyph_to_char")
            if table is None:
                table = _glyph_to_char(self.charToGlyph)
                for glyph, chars in vars(self).get("_g2c_patch", {}).items():
                    if chars is None:
                        table.pop(int(glyph), None)
                    else:
                        table[int(glyph)] = chars
                vars(self)["_glyph_to_char"] = table
            return table

    return PrecomputedFace


# --- 2. ToUnicode above U+FFFF ----------------------------------------------------

def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ToUnicode CMap with UTF-16BE values (surrogate pairs above U+FFFF).

    Replaces ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap``, which writes code points
    above U+FFFF as they are. Entries go in blocks of at most 100 (PDF limit)."""
    entries = [
        f"<{i:02X}> <{chr(v).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for i, v in enumerate(subset)
    ]
    body: list[str] = []
    for start in range(0, len(entries), 100):
        block = entries[start:start + 100]
        body += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        *body, "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


def install_tounicode_fix() -> None:
    """Replace ReportLab's ToUnicode CMap writer (idempotent)."""
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap


# --- registration -----------------------------------------------------------------

def register(key: str) -> str:
    """Register bundled face ``key`` with ReportLab once; return its ReportLab name.

    Only faces a build draws are registered (renderers call this on first use)."""
    fonts.face_info(key)  # KeyError for an unknown key, before touching ReportLab
    install_tounicode_fix()
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = RL_PREFIX + key
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    ttf = fonts.face_info(key).file
    face = load_face(ttf, face_table_path(key))
    font = TTFont(name, str(ttf)) if face is None else _font_with_face(name, face)
    pdfmetrics.registerFont(font)
    return name


def _font_with_face(name: str, face: Any) -> Any:
    """What ``TTFont(name, file)`` makes, around an already loaded face (the test
    compares the two attribute by attribute)."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    font = ttfonts.TTFont.__new__(ttfonts.TTFont)
    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


# --- 3. subset codes --------------------------------------------------------------

def subset_codes(canvas: Any, font: Any, text: str) -> list[tuple[str, bytes]]:
    """``text`` as (subset font name, one-byte codes) pieces in ``canvas``'s document,
    registering the subsets it uses there."""
    doc = canvas._doc  # ReportLab's drawString does the same
    return [(font.getSubsetInternalName(subset, doc), codes)
            for subset, codes in font.splitString(text, doc)]
