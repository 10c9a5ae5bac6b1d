"""The bundled CJK faces: coverage, widths, ink boxes, fallback and ReportLab setup.

Eight faces live in ``fonts/`` (built by ``tools/build_fonts.py``); every module names
them by these keys:

=================  ===============================  =========================
key                face                             use
=================  ===============================  =========================
``serif-sc``       Noto Serif CJK SC Regular        Song body (zh-Hans)
``serif-tc``       Noto Serif CJK TC Regular        Ming body (zh-Hant)
``serif-bold-sc``  Noto Serif CJK SC Bold           Song headlines
``serif-bold-tc``  Noto Serif CJK TC Bold           Ming headlines
``sans-bold-sc``   Noto Sans CJK SC Bold            Hei headlines
``sans-bold-tc``   Noto Sans CJK TC Bold            Hei headlines
``kai-sc``         Epaper Kai SC (LXGW WenKai)      Kai notes (zh-Hans)
``kai-tc``         AR PL UKai TW                    Kai notes (zh-Hant)
=================  ===============================  =========================

SC faces cover all of GB 2312, the 通用规范汉字表 (8105) and symbols; TC faces all of
Big5 and symbols, except ``kai-tc`` which keeps Big5 level 1 (常用字) only and falls
back to the other faces. Latin and digits use the faces' own proportional glyphs.

Metrics come from ``fonts/<key>.metrics.json`` (precomputed, a few ms to load per
face, loaded on first use). Ink boxes of punctuation and symbols are precomputed too;
those of hanzi are read lazily with fontTools and cached per process.

Zero-width marks (variation selectors U+FE00–FE0F and U+E0100–E01EF, U+200B–U+200D
ZWSP/ZWNJ/ZWJ, U+2060 word joiner, U+FEFF) are *ignorable*: advance 0 in every face
(also in ``advance_table``), never missing, and ``resolve_face`` keeps them in the face
asked for, so they stay with the preceding character's run. Renderers should not draw
them (ReportLab would draw .notdef where the face has no glyph). Any other character no
face has resolves to ``MISSING`` (advance 1.0 em) and is reported by ``find_missing``;
control characters such as ``"\\n"`` count as missing, so pass text without them.

ReportLab notes for renderers:

* Call ``register(key)`` before drawing; it returns the ReportLab font name. Only the
  faces a build draws get registered, each restored from ``fonts/<key>.rlface`` (see
  :mod:`epaper.render.reportlab_adapter`, which also fixes ReportLab's ToUnicode maps
  for characters above U+FFFF).
* Create canvases with ``initialFontName=register("serif-sc")`` (or another bundled
  face), otherwise the PDF references the non-embedded Helvetica, and with
  ``invariant=1`` for byte-identical output.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

MISSING = "missing"

FACE_KEYS: tuple[str, ...] = (
    "serif-sc",
    "serif-tc",
    "serif-bold-sc",
    "serif-bold-tc",
    "sans-bold-sc",
    "sans-bold-tc",
    "kai-sc",
    "kai-tc",
)

FONTS_DIR = Path(
    os.environ.get("EPAPER_FONTS_DIR") or Path(__file__).resolve().parents[2] / "fonts"
)

# Style similarity for fallback: a missing headline glyph is better taken from the
# other headline face than from the body face.
_STYLE_ORDER: dict[str, tuple[str, ...]] = {
    "serif": ("serif", "serif-bold", "sans-bold", "kai"),
    "serif-bold": ("serif-bold", "sans-bold", "serif", "kai"),
    "sans-bold": ("sans-bold", "serif-bold", "serif", "kai"),
    "kai": ("kai", "serif", "serif-bold", "sans-bold"),
}


def is_ignorable(ch: str) -> bool:
    """True for zero-width marks that take no space and attach to any face."""
    cp = ord(ch)
    return (
        0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or 0x200B <= cp <= 0x200D
        or cp in (0x2060, 0xFEFF)
    )


_IGNORABLE: tuple[str, ...] = tuple(
    chr(c)
    for r in (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0), range(0x200B, 0x200E))
    for c in r
) + ("\u2060", "\ufeff")


@dataclass(frozen=True)
class FaceInfo:
    """Facts about one bundled face (from its metrics file, built with the font)."""

    key: str
    file: Path
    family: str
    weight: int
    script: str  # "SC" or "TC"
    coverage: int  # number of code points the font maps
    sha256: str
    units_per_em: int
    ascent: float  # em above the baseline (OS/2 sTypoAscender)
    descent: float  # em below the baseline, positive (−OS/2 sTypoDescender)


class _Face:
    """Loaded metrics of one face (internal)."""

    __slots__ = ("info", "advances", "chars", "ink", "upm")

    def __init__(self, data: dict[str, Any]) -> None:
        upm = data["units_per_em"]
        self.upm = upm
        self.info = FaceInfo(
            key=data["key"],
            file=FONTS_DIR / data["file"],
            family=data["family"],
            weight=data["weight"],
            script=data["script"],
            coverage=data["coverage"],
            sha256=data["sha256"],
            units_per_em=upm,
            ascent=data["ascent"] / upm,
            descent=data["descent"] / upm,
        )
        chars = [chr(c) for c in accumulate(data["codepoints"])]
        widths: list[float] = []
        for units, count in data["advances"]:
            widths.extend([units / upm] * count)
        self.chars = frozenset(chars)
        table = dict(zip(chars, widths, strict=True))
        table.update(dict.fromkeys(_IGNORABLE, 0.0))
        self.advances = table
        self.ink: dict[str, tuple[float, float, float, float]] = {
            chr(int(c)): (b[0] / upm, b[1] / upm, b[2] / upm, b[3] / upm)
            for c, b in data["ink"].items()
        }


_FACE_INDEX = frozenset(FACE_KEYS)


def _check_key(key: str) -> None:
    if key not in _FACE_INDEX:
        raise KeyError(f"unknown face key {key!r}; expected one of {FACE_KEYS}")


@cache
def _face(key: str) -> _Face:
    _check_key(key)
    path = FONTS_DIR / f"{key}.metrics.json"
    return _Face(json.loads(path.read_text(encoding="utf-8")))


def face_info(key: str) -> FaceInfo:
    """Return the facts about face ``key`` (file, family, weight, script, metrics)."""
    return _face(key).info


def is_traditional(lang: str) -> bool:
    """True when a language tag means Traditional Chinese.

    The script subtag decides (``zh-Hant-TW``, ``zh-Hans``); without one, the regions
    TW, HK and MO mean traditional and everything else simplified (as Typst's
    ``cjk_punct_style``)."""
    parts = lang.replace("_", "-").lower().split("-")
    if "hant" in parts:
        return True
    if "hans" in parts:
        return False
    return bool({"tw", "hk", "mo"} & set(parts))


def body_face(lang: str) -> str:
    """Body face for a language tag: ``zh-Hans`` → serif-sc, ``zh-Hant`` → serif-tc."""
    return "serif-tc" if is_traditional(lang) else "serif-sc"


def has_glyph(key: str, ch: str) -> bool:
    """True if face ``key`` maps character ``ch`` (False for ``MISSING``)."""
    if key == MISSING:
        return False
    return ch in _face(key).chars


def advance(key: str, ch: str) -> float:
    """Advance width of ``ch`` in em; 0 for ignorable marks, 1.0 for ``MISSING``.

    A character the face does not map also gets 1.0 (the box a fallback would fill);
    call ``resolve_face`` first to get the face that really has it.
    """
    if key == MISSING:
        return 0.0 if is_ignorable(ch) else 1.0
    return _face(key).advances.get(ch, 1.0)


def advance_table(key: str) -> dict[str, float]:
    """Map char → advance in em for every char the face maps, plus ignorable marks.

    The dict is shared (do not modify it); index it directly in hot loops.
    """
    return _face(key).advances


@cache
def _glyf(key: str) -> tuple[Any, dict[int, str]]:
    """fontTools glyf table and cmap of a face, loaded once per process."""
    from fontTools.ttLib import TTFont  # lazy: only hanzi ink boxes need it

    font = TTFont(_face(key).info.file, lazy=True)
    return font["glyf"], font.getBestCmap()


@cache
def _hanzi_ink(key: str, ch: str) -> tuple[float, float, float, float] | None:
    glyf, cmap = _glyf(key)
    name = cmap.get(ord(ch))
    if name is None:
        return None
    g = glyf[name]
    if not g.numberOfContours:
        return None
    g.recalcBounds(glyf)
    upm = _face(key).upm
    return (g.xMin / upm, g.yMin / upm, g.xMax / upm, g.yMax / upm)


def _is_hanzi(cp: int) -> bool:
    # Same ranges as tools/build_fonts.py: these ink boxes are not precomputed.
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
    )


def ink_box(key: str, ch: str) -> tuple[float, float, float, float] | None:
    """Ink bounds ``(x0, y0, x1, y1)`` of ``ch`` in em, y up from the baseline.

    ``None`` if the glyph has no ink (space), the face lacks ``ch``, or key is MISSING.
    """
    if key == MISSING:
        return None
    face = _face(key)
    box = face.ink.get(ch)
    if box is not None or ch not in face.chars:
        return box
    return _hanzi_ink(key, ch) if _is_hanzi(ord(ch)) else None


def _chain(key: str) -> tuple[str, ...]:
    style, script = key.rsplit("-", 1)
    other = "tc" if script == "sc" else "sc"
    order = _STYLE_ORDER[style]
    return tuple(f"{s}-{script}" for s in order) + tuple(f"{s}-{other}" for s in order)


_CHAINS: dict[str, tuple[str, ...]] = {k: _chain(k) for k in FACE_KEYS}


def fallback_chain(key: str) -> tuple[str, ...]:
    """Faces to try for a character, ``key`` first.

    Same script first (punctuation placement differs between SC and TC), ordered by
    style similarity (headline faces before body, Kai before Song), then the same
    order in the other script. Every bundled face appears once.
    """
    _check_key(key)
    return _CHAINS[key]


def resolve_face(key: str, ch: str) -> str:
    """The face to draw ``ch`` in: ``key`` if it has it, else the first face of
    ``fallback_chain(key)`` that does, else ``MISSING``. Ignorable marks stay in
    ``key``."""
    if ch in _face(key).chars or is_ignorable(ch):
        return key
    for k in _CHAINS[key][1:]:
        if ch in _face(k).chars:
            return k
    return MISSING


def find_missing(text: str, key: str) -> list[int]:
    """Indices of the characters of ``text`` that no bundled face has."""
    chars = _face(key).chars
    return [
        i
        for i, ch in enumerate(text)
        if ch not in chars and resolve_face(key, ch) == MISSING
    ]


def register(key: str) -> str:
    """Register face ``key`` with ReportLab once and return its ReportLab font name.

    The work (restoring the precomputed face, the ToUnicode fix for characters above
    U+FFFF) is in :mod:`epaper.render.reportlab_adapter`, the one module that knows
    ReportLab's internals; it is imported here only when a renderer asks."""
    from .render.reportlab_adapter import register as rl_register

    return rl_register(key)
