"""The ReportLab adapter: fails loudly when a ReportLab upgrade breaks what it relies on.

If one of these fails after upgrading ReportLab, run ``make fonts`` (the precomputed
faces are per ReportLab release) and read reportlab_adapter.py's notes."""

from __future__ import annotations

import inspect
import re
import zlib

import pytest
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen.canvas import Canvas

from epaper import fonts
from epaper.render import reportlab_adapter as adapter


def _comparable(obj) -> dict:
    """An object's attributes, closures replaced by what they compute."""
    out = {}
    attrs = dict(vars(obj))
    if hasattr(obj, "glyphToChar"):  # a property of the precomputed face
        attrs["glyphToChar"] = obj.glyphToChar
    attrs.pop("_glyph_to_char", None)
    attrs.pop("_g2c_patch", None)
    for key, value in attrs.items():
        if callable(value):
            value = [value(x) for x in (0, 1, 500, 1000, 2048)]
        elif key == "state":
            value = type(value).__name__
        elif key == "encoding":
            value = (type(value).__name__, vars(value))
        out[key] = (type(value).__name__, value)
    return out


@pytest.mark.parametrize("key", fonts.FACE_KEYS)
def test_precomputed_face_equals_reportlabs_own_parse(key):
    ttf = fonts.face_info(key).file
    face = adapter.load_face(ttf, adapter.face_table_path(key))
    assert face is not None, (
        f"fonts/{key}.rlface is missing or was made for another ReportLab release "
        f"than {adapter.reportlab_release()}: run `make fonts`")
    assert isinstance(face, ttfonts.TTFontFace)
    mine, theirs = _comparable(face), _comparable(ttfonts.TTFontFace(str(ttf)))
    # Mapped, not read: the same bytes.
    assert bytes(face._ttf_data) == theirs.pop("_ttf_data")[1]
    mine.pop("_ttf_data")
    assert mine == theirs


def test_font_around_a_precomputed_face_equals_a_parsed_font():
    ttf = fonts.face_info("kai-tc").file
    ours = adapter._font_with_face("x-kai", adapter.load_face(
        ttf, adapter.face_table_path("kai-tc")))
    theirs = ttfonts.TTFont("x-kai", str(ttf))
    assert {k for k in vars(ours)} == {k for k in vars(theirs)}
    mine = {k: v for k, v in _comparable(ours).items() if k != "face"}
    assert mine == {k: v for k, v in _comparable(theirs).items() if k != "face"}


def test_stale_or_foreign_table_falls_back_to_parsing(tmp_path):
    ttf = fonts.face_info("kai-tc").file
    table = tmp_path / "kai-tc.rlface"
    table.write_bytes(b"not a table")
    assert adapter.load_face(ttf, table) is None
    table.write_bytes(adapter.face_table_path("serif-sc").read_bytes())  # another font
    assert adapter.load_face(ttf, table) is None


def test_face_table_is_deterministic():
    ttf = fonts.face_info("kai-tc").file
    assert adapter.face_table(ttf) == adapter.face_table_path("kai-tc").read_bytes()


def _pdf_streams(path) -> list[bytes]:
    return [zlib.decompress(m) for m in re.findall(rb"stream\r?\n(.*?)endstream",
                                                     path.read_bytes(), re.S)
            if m[:1] == b"x"]


def test_subset_codes_and_precomputed_font_write_the_same_pdf_as_reportlab(tmp_path):
    """Drawing through the adapter gives the bytes ReportLab's own path gives."""
    key, text = "serif-sc", "中文排版，鋼𬬻鐵。Latin 123"
    name = fonts.register(key)
    pdfmetrics.registerFont(ttfonts.TTFont("parsed-serif-sc", str(fonts.face_info(key).file)))
    out = {}
    for font_name in (name, "parsed-serif-sc"):
        path = tmp_path / f"{font_name}.pdf"
        canvas = Canvas(str(path), invariant=1, initialFontName=font_name)
        font = pdfmetrics.getFont(font_name)
        pieces = adapter.subset_codes(canvas, font, text)
        assert b"".join(codes for _, codes in pieces) and all(
            n.startswith("/F") for n, _ in pieces)
        canvas.setFont(font_name, 10)
        canvas.drawString(20, 700, text)
        canvas.showPage()
        canvas.save()
        out[font_name] = [s.replace(font_name.encode(), b"NAME") for s in _pdf_streams(path)]
    assert out[name] == out["parsed-serif-sc"]


def test_tounicode_fix_is_installed_and_reportlab_still_calls_it():
    fonts.register("serif-sc")
    assert ttfonts.makeToUnicodeCMap is adapter.to_unicode_cmap
    # TTFont.addObjects looks the writer up by this module-level name at save time.
    assert "makeToUnicodeCMap(" in inspect.getsource(ttfonts.TTFont.addObjects)


def test_tounicode_uses_surrogate_pairs():
    cmap = adapter.to_unicode_cmap("X", [0, 0x4E2D, 0x2CB3B])
    assert "<02> <D872DF3B>" in cmap
    assert "<01> <4E2D>" in cmap


def test_canvas_still_has_the_document_the_adapter_uses(tmp_path):
    canvas = Canvas(str(tmp_path / "x.pdf"))
    assert hasattr(canvas, "_doc")
    params = inspect.signature(ttfonts.TTFont.splitString).parameters
    assert list(params)[:3] == ["self", "text", "doc"]
