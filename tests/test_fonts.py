"""Tests for the bundled fonts (fonts/) and epaper.fonts."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from reportlab.pdfgen import canvas

from epaper import fonts
from epaper.fonts import FACE_KEYS, MISSING

A4 = (595.0, 842.0)
SIZE = 12.0
PER_LINE = 40
LINES_PER_PAGE = 60


def _codec_hanzi(codec: str, leads: range, trails: list[int]) -> set[str]:
    out = set()
    for a in leads:
        for b in trails:
            try:
                ch = bytes((a, b)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and "CJK" in unicodedata.name(ch, "") and "IDEOGRAPH" in (
                unicodedata.name(ch, "")
            ):
                out.add(ch)
    return out


def gb2312_hanzi() -> set[str]:
    """Every hanzi Python's gb2312 codec decodes."""
    return _codec_hanzi("gb2312", range(0xA1, 0xF8), list(range(0xA1, 0xFF)))


def big5_hanzi() -> set[str]:
    """Every hanzi Python's big5 codec decodes."""
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return _codec_hanzi("big5", range(0xA1, 0xFA), trails)


def _write_pdf(path: Path, key: str, text: str) -> None:
    """Draw ``text`` in face ``key``, PER_LINE characters a line, one drawString each."""
    name = fonts.register(key)
    c = canvas.Canvas(str(path), pagesize=A4, initialFontName=name, invariant=1)
    lines = [text[i : i + PER_LINE] for i in range(0, len(text), PER_LINE)]
    for n, line in enumerate(lines):
        if n and n % LINES_PER_PAGE == 0:
            c.showPage()
        c.setFont(name, SIZE)
        c.drawString(20, A4[1] - 30 - (n % LINES_PER_PAGE) * 13, line)
    c.showPage()
    c.save()


def _extract(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        parts = []
        for page in pdf:
            parts.append(page.get_textpage().get_text_range())
        return re.sub(r"\s+", "", "".join(parts))
    finally:
        pdf.close()


def _sample(key: str, n: int) -> str:
    """``n`` distinct hanzi of face ``key``: all those above U+FFFF, then a spread."""
    hanzi = sorted(
        ch
        for ch in fonts.advance_table(key)
        if fonts.has_glyph(key, ch) and "CJK UNIFIED" in unicodedata.name(ch, "")
    )
    astral = [ch for ch in hanzi if ord(ch) > 0xFFFF]
    bmp = [ch for ch in hanzi if ord(ch) <= 0xFFFF]
    step = len(bmp) / (n - len(astral))
    return "".join(astral + [bmp[int(i * step)] for i in range(n - len(astral))])


@pytest.mark.parametrize("key", FACE_KEYS)
def test_every_face_registers_and_embeds(key: str, tmp_path: Path) -> None:
    if key.endswith("tc"):
        text = "中文排版測試，「引號」。Latin 123"
    else:
        text = "中文排版测试，“引号”。Latin 123"
    text = "".join(ch for ch in text if fonts.has_glyph(key, ch))
    pdf = tmp_path / f"{key}.pdf"
    _write_pdf(pdf, key, text)
    data = pdf.read_bytes()
    assert b"/FontFile2" in data
    assert b"Helvetica" not in data
    assert _extract(pdf) == text.replace(" ", "")
    assert fonts.register(key) == fonts.register(key)


@pytest.mark.parametrize("key", ["serif-sc", "serif-tc"])
def test_3000_characters_round_trip(key: str, tmp_path: Path) -> None:
    text = _sample(key, 3000)
    assert len(set(text)) == 3000
    if key == "serif-sc":  # Big5 has nothing above U+FFFF, the SC repertoire 196 hanzi
        assert "\U0002cb3b" in text  # 𬬻
        assert sum(ord(ch) > 0xFFFF for ch in text) == 196
    pdf = tmp_path / "many.pdf"
    _write_pdf(pdf, key, text)
    assert _extract(pdf) == text


def test_gb2312_hanzi_in_serif_sc() -> None:
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    missing = sorted(ch for ch in hanzi if not fonts.has_glyph("serif-sc", ch))
    assert missing == []


def test_big5_hanzi_in_serif_tc() -> None:
    hanzi = big5_hanzi()
    assert len(hanzi) >= 13053
    missing = sorted(ch for ch in hanzi if not fonts.has_glyph("serif-tc", ch))
    assert missing == []


def test_missing_character_is_reported() -> None:
    ch = "\U00020000"  # 𠀀: in no bundled face
    for key in FACE_KEYS:
        assert not fonts.has_glyph(key, ch)
        assert fonts.resolve_face(key, ch) == MISSING
    assert fonts.find_missing(f"中{ch}文{ch}", "serif-sc") == [1, 3]
    assert fonts.find_missing("中文，ABC", "serif-tc") == []
    assert fonts.advance(MISSING, ch) == 1.0
    assert not fonts.has_glyph(MISSING, ch)
    assert fonts.ink_box(MISSING, ch) is None


def test_fallback_chain() -> None:
    for key in FACE_KEYS:
        chain = fonts.fallback_chain(key)
        assert chain[0] == key
        assert sorted(chain) == sorted(FACE_KEYS)
        script = key[-2:]
        n_same = sum(k.endswith(script) for k in chain)
        assert all(k.endswith(script) for k in chain[:n_same])
    # A Big5 level-2 hanzi is not in kai-tc (level 1 only): serif-tc steps in.
    level2 = next(ch for ch in sorted(big5_hanzi()) if not fonts.has_glyph("kai-tc", ch))
    assert fonts.resolve_face("kai-tc", level2) == "serif-tc"
    # A Big5-only hanzi missing from the SC faces comes from the TC face of that style.
    tc_only = next(ch for ch in sorted(big5_hanzi()) if not fonts.has_glyph("serif-sc", ch))
    assert fonts.resolve_face("serif-sc", tc_only) == "serif-tc"
    assert fonts.resolve_face("serif-sc", "中") == "serif-sc"


def test_ignorable_marks() -> None:
    for ch in ("\ufe00", "\U000e0100", "\u200b", "\u200d"):
        assert fonts.advance_table("serif-sc")[ch] == 0.0
        assert fonts.advance("kai-tc", ch) == 0.0
        assert fonts.resolve_face("serif-tc", ch) == "serif-tc"
    assert fonts.find_missing("葛\U000e0100", "serif-sc") == []


# fonts.md, "Where the punctuation ink sits": (x0, x1, y0, y1); None = not given.
INK = {
    "serif-sc": {
        "，": (0.076, 0.229, -0.196, 0.118),
        "。": (0.042, 0.323, -0.082, 0.199),
        "「": (0.657, 0.963, None, None),
        "」": (0.037, 0.343, None, None),
    },
    "serif-tc": {
        "，": (0.401, 0.562, 0.264, 0.544),
        "。": (0.360, 0.641, 0.239, 0.520),
        "「": (0.657, 0.963, None, None),
        "」": (0.037, 0.343, None, None),
    },
}


@pytest.mark.parametrize("key", ["serif-sc", "serif-tc"])
def test_punctuation_ink_boxes(key: str) -> None:
    for ch, (x0, x1, y0, y1) in INK[key].items():
        box = fonts.ink_box(key, ch)
        assert box is not None
        assert box[0] == pytest.approx(x0, abs=0.01), ch
        assert box[2] == pytest.approx(x1, abs=0.01), ch
        if y0 is not None:
            assert box[1] == pytest.approx(y0, abs=0.01), ch
            assert box[3] == pytest.approx(y1, abs=0.01), ch
        assert fonts.advance(key, ch) == 1.0
    assert fonts.ink_box(key, " ") is None
    hanzi = fonts.ink_box(key, "永")  # read lazily from the font
    assert hanzi is not None and 0 < hanzi[0] < hanzi[2] < 1


def test_face_info_and_body_face() -> None:
    assert fonts.body_face("zh-Hans") == "serif-sc"
    assert fonts.body_face("zh-Hant") == "serif-tc"
    for key in FACE_KEYS:
        info = fonts.face_info(key)
        assert info.key == key and info.file.exists()
        assert info.script == key[-2:].upper()
        assert 0.8 < info.ascent < 1 and 0.05 < info.descent < 0.2
        assert info.coverage == sum(fonts.has_glyph(key, c) for c in fonts.advance_table(key))
    assert fonts.face_info("serif-bold-sc").weight == 700
    assert fonts.face_info("kai-sc").family == "Epaper Kai SC"


def test_manifest_matches_files() -> None:
    manifest = yaml.safe_load((fonts.FONTS_DIR / "manifest.yaml").read_text())["faces"]
    assert sorted(manifest) == sorted(FACE_KEYS)
    for key, entry in manifest.items():
        path = fonts.FONTS_DIR / entry["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        metrics = json.loads((fonts.FONTS_DIR / entry["metrics"]).read_text())
        assert metrics["sha256"] == entry["sha256"]
        assert fonts.face_info(key).coverage == entry["coverage"]
    for name in ("OFL.txt", "ARPHIC-LICENSE.txt", "LICENSES.md"):
        assert (fonts.FONTS_DIR / name).stat().st_size > 1000
    total = sum(p.stat().st_size for p in fonts.FONTS_DIR.rglob("*") if p.is_file())
    assert total <= 40_000_000
