"""The PDF renderer on hand-made display lists."""

from __future__ import annotations

import ctypes
import io
import re
import zlib

import pypdfium2 as pdfium
import pytest
from PIL import Image as PILImage

from epaper import fonts
from epaper.display import (
    ArticleEntry,
    Box,
    Image,
    IssueLayout,
    PageLayout,
    Rect,
    Region,
    Rule,
    TextRun,
)
from epaper.render import pdf as pdf_module
from epaper.render.pdf import write_pdf
from epaper.render.pdf_image import prepare

SIZE = 10.0
FACE = "serif-tc"


def run(x: float, y: float, text: str, face: str = FACE, advances=None) -> TextRun:
    """A run at natural advances unless given."""
    if advances is None:
        advances = [fonts.advance(fonts.resolve_face(face, c), c) * SIZE for c in text]
    return TextRun(x, y, face, SIZE, text, tuple(advances))


def page(number: int, *items, articles=(), regions=()) -> PageLayout:
    return PageLayout(number, "要聞", 300.0, 200.0, tuple(items), regions=regions,
                      articles=articles)


def issue(*pages: PageLayout) -> IssueLayout:
    return IssueLayout("測試日報", "2023-01-10", "zh-Hant", "測試日報 2023年1月10日", pages,
                       author="測試日報社")


LINES = ("矢志不渝做忠誠衛士", "寒冬臘月，盛夏酷暑。", "第二欄的文字在這裡")


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    """Two pages: justified runs, a rule, a box, an article region."""
    just = [SIZE * 1.05] * len(LINES[1])  # expanded: every character repositioned
    first = page(1, run(20, 40, LINES[0], "sans-bold-tc"), run(20, 60, LINES[1],
                                                               advances=just),
                 Rule(20, 70, 280, 70), Box(20, 80, 100, 40),
                 run(160, 100, LINES[2], "kai-tc"),
                 articles=(ArticleEntry("lead", "矢志不渝"),),
                 regions=(Region("lead", (Rect(20, 30, 260, 100),)),))
    second = page(2, run(20, 40, "續完"), articles=(ArticleEntry("lead", "矢志不渝", True),))
    path = tmp_path_factory.mktemp("pdf") / "issue.pdf"
    write_pdf(issue(first, second), path)
    return path


def test_text_comes_back_in_drawing_order(sample_pdf, pdf_facts):
    texts = ["".join(t.split()) for t in pdf_facts["texts"](sample_pdf)]
    assert texts == ["".join(LINES), "續完"]


def test_every_font_is_embedded_and_no_helvetica(sample_pdf, pdf_facts):
    used, embedded = pdf_facts["fonts"](sample_pdf)
    assert len(used) == 3 and used <= embedded
    assert b"Helvetica" not in sample_pdf.read_bytes()


def test_bookmarks_per_page_and_article(sample_pdf, pdf_facts):
    assert pdf_facts["outline"](sample_pdf) == [
        (0, "第1版 要聞"), (1, "矢志不渝"), (0, "第2版 要聞"), (1, "矢志不渝（續）")]


def test_page_labels_and_metadata(sample_pdf, pdf_facts):
    assert pdf_facts["labels"](sample_pdf) == ["第1版", "第2版"]
    meta = pdfium.PdfDocument(str(sample_pdf)).get_metadata_dict()
    assert (meta["Title"], meta["Author"]) == ("測試日報 2023年1月10日", "測試日報社")
    assert b"/Lang (zh-Hant)" in sample_pdf.read_bytes()


def test_same_layout_same_bytes(tmp_path):
    again = tmp_path / "again.pdf"
    pdf_module.write_pdf(_reparse_layout(), again)
    other = tmp_path / "other.pdf"
    pdf_module.write_pdf(_reparse_layout(), other)
    assert again.read_bytes() == other.read_bytes()


def _reparse_layout() -> IssueLayout:
    return issue(page(1, run(20, 40, "同樣的輸入"), Rule(0, 0, 10, 10)))


def test_characters_above_the_bmp_extract_correctly(tmp_path, pdf_facts):
    path = write_pdf(issue(page(1, run(20, 40, "鋼𬬻鐵"))), tmp_path / "astral.pdf")
    assert "".join(pdf_facts["texts"](path)[0].split()) == "鋼𬬻鐵"


def _render(path, scale=4.0):
    return pdfium.PdfDocument(str(path))[0].render(scale=scale).to_pil().convert("L")


def test_dash_pair_reads_as_one_unbroken_line(tmp_path):
    face = fonts.resolve_face(FACE, "—")
    x0, y0, x1, y1 = fonts.ink_box(face, "—")
    path = write_pdf(issue(page(1, run(20, 40, "——", advances=[SIZE, SIZE]))),
                     tmp_path / "dash.pdf")
    img, scale = _render(path), 4.0
    row = round((40 - (y0 + y1) / 2 * SIZE) * scale)
    dark = [img.getpixel((round(x * scale), row)) < 128 for x in
            [20.3 + i * 0.5 for i in range(39)]]  # 20.3 .. 39.3 pt: the whole 2 em
    assert all(dark)


def test_uncovered_character_is_a_visible_box(tmp_path):
    path = write_pdf(issue(page(1, run(20, 40, "\U000f0001", advances=[SIZE]))),
                     tmp_path / "box.pdf")
    img = _render(path)
    cell = img.crop((20 * 4, 30 * 4, 30 * 4, 40 * 4))
    assert cell.getextrema()[0] < 100  # the box outline is drawn


def test_missing_face_run_draws_boxes(tmp_path):
    missing = TextRun(20, 40, fonts.MISSING, SIZE, "字", (SIZE,))
    img = _render(write_pdf(issue(page(1, missing)), tmp_path / "m.pdf"))
    assert img.crop((80, 120, 120, 160)).getextrema()[0] < 100


def test_failed_render_leaves_no_file(tmp_path, monkeypatch):
    def explode(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(pdf_module, "draw_page", explode)
    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError):
        write_pdf(issue(page(1, run(20, 40, "字"))), target)
    assert list(tmp_path.iterdir()) == []


def _jpeg_with_orientation(size, orientation: int) -> bytes:
    img = PILImage.new("RGB", size, (200, 0, 0))
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    data = io.BytesIO()
    img.save(data, "JPEG", exif=exif)
    return data.getvalue()


def test_photo_is_turned_upright_and_cropped(tmp_path):
    src = tmp_path / "rotated.jpg"
    src.write_bytes(_jpeg_with_orientation((40, 20), 6))  # stored sideways
    upright = prepare(Image(0, 0, 10, 20, str(src), (0, 0, 20, 40)))
    assert upright.size == (20, 40)
    cropped = prepare(Image(0, 0, 10, 20, str(src), (5, 10, 15, 30)))
    assert cropped.size == (10, 20)


@pytest.mark.parametrize("mode", ["RGBA", "CMYK", "P", "LA", "I;16", "1"])
def test_photo_modes_become_rgb_or_grey(tmp_path, mode):
    src = tmp_path / f"img.{'tif' if mode in ('CMYK', 'I;16') else 'png'}"
    PILImage.new(mode, (8, 8)).save(src)
    assert prepare(Image(0, 0, 8, 8, str(src), (0, 0, 0, 0))).mode in ("RGB", "L")


def test_transparent_pixels_land_on_white_paper(tmp_path):
    src = tmp_path / "clear.png"
    PILImage.new("RGBA", (4, 4), (0, 0, 0, 0)).save(src)
    assert prepare(Image(0, 0, 4, 4, str(src), (0, 0, 0, 0))).getpixel((1, 1)) == (
        255, 255, 255)


def test_unreadable_photo_draws_a_placeholder(tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo")
    path = write_pdf(issue(page(1, Image(20, 20, 100, 60, str(bad), (0, 0, 0, 0)))),
                     tmp_path / "ph.pdf")
    img = _render(path, 1.0)
    assert img.getpixel((70, 50)) < 255  # grey fill, not blank paper


def test_large_photo_is_downsampled(tmp_path):
    src = tmp_path / "big.png"
    PILImage.new("RGB", (3000, 2000), (10, 10, 10)).save(src)
    img = prepare(Image(0, 0, 72, 48, str(src), (0, 0, 3000, 2000)))
    assert img.size == (300, 200)


def _origins(path) -> list[tuple[str, float]]:
    """Each extracted character with the x of its origin (pt), via PDFium."""
    textpage = pdfium.PdfDocument(str(path))[0].get_textpage()
    out = []
    for i in range(textpage.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium.raw.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(x), ctypes.byref(y))
        ch = chr(pdfium.raw.FPDFText_GetUnicode(textpage, i))
        if not ch.isspace():
            out.append((ch, x.value))
    return out


def test_each_character_lands_at_its_advance(tmp_path):
    text = "中文，Latin 2023年「引號」。"
    rng = [SIZE * (0.5 + (i % 5) * 0.17) for i in range(len(text))]  # uneven on purpose
    path = write_pdf(issue(page(1, run(20.25, 40, text, advances=rng))), tmp_path / "a.pdf")
    want = [(c, 20.25 + sum(rng[:i])) for i, c in enumerate(text) if not c.isspace()]
    got = _origins(path)
    assert [c for c, _ in got] == [c for c, _ in want]
    assert max(abs(g - w) for (_, g), (_, w) in zip(got, want, strict=True)) < 0.005


def test_a_run_is_one_text_object(tmp_path):
    """One BT…ET with TJ arrays per run, not a text object per repositioned glyph."""
    runs = [run(20, 40 + 12 * i, LINES[i % 3], advances=[SIZE * 1.03] * len(LINES[i % 3]))
            for i in range(5)]
    path = write_pdf(issue(page(1, *runs)), tmp_path / "one.pdf")
    streams = [zlib.decompress(m) for m in re.findall(rb"stream\r?\n(.*?)endstream",
                                                     path.read_bytes(), re.S)
               if m[:1] == b"x"]
    content = b"".join(s for s in streams if b" Tm" in s)
    assert content.count(b"BT\n") == len(runs)
    assert content.count(b"] TJ") == len(runs)
    assert b" Tj" not in content


def test_a_run_beyond_one_subset_switches_fonts_and_keeps_its_text(tmp_path):
    text = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 1200) if fonts.has_glyph(FACE, chr(c)))
    text = text[:300]  # more than one 256-code subset, all in one run
    path = write_pdf(issue(page(1, run(5, 40, text, advances=[0.9] * len(text)))),
                     tmp_path / "subsets.pdf")
    got = _origins(path)
    assert "".join(c for c, _ in got) == text
    assert max(abs(x - (5 + 0.9 * i)) for i, (_, x) in enumerate(got)) < 0.005


def test_a_photo_is_prepared_once_for_the_issue_and_page_pdfs(tmp_path, monkeypatch):
    from epaper.render import pdf_image

    src = tmp_path / "photo.png"
    PILImage.new("RGB", (60, 40), (30, 90, 150)).save(src)
    calls = []
    real = pdf_image.prepare
    monkeypatch.setattr(pdf_image, "prepare",
                        lambda item, *rest: calls.append(item) or real(item, *rest))
    layout = issue(page(1, Image(20, 20, 60, 40, str(src), (0, 0, 60, 40))))
    whole = write_pdf(layout, tmp_path / "issue.pdf")
    (single,) = pdf_module.write_page_pdfs(layout, whole, tmp_path / "pages")
    assert len(calls) == 1
    for path in (whole, single):
        assert abs(_render(path, 1.0).getpixel((50, 40)) - _grey((30, 90, 150))) <= 2


def _grey(rgb) -> int:
    return PILImage.new("RGB", (1, 1), rgb).convert("L").getpixel((0, 0))


def test_a_zero_size_run_does_not_break_the_page(tmp_path, pdf_facts):
    tiny = TextRun(20, 40, FACE, 0.0, "字字", (3.0, 3.0))
    path = write_pdf(issue(page(1, tiny, run(20, 60, "正文"))), tmp_path / "zero.pdf")
    assert "".join(pdf_facts["texts"](path)[0].split()).endswith("正文")


def _three_page_issue() -> IssueLayout:
    """Each page in its own face, so each page PDF needs only some of the subsets."""
    return issue(
        page(1, run(20, 40, LINES[0], "sans-bold-tc"), run(20, 60, LINES[1]),
             articles=(ArticleEntry("lead", "矢志不渝"),),
             regions=(Region("lead", (Rect(20, 30, 260, 100),)),)),
        page(2, run(20, 40, LINES[2], "kai-tc"),
             articles=(ArticleEntry("lead", "矢志不渝", True),)),
        page(3, run(20, 40, "續完"), Rule(20, 70, 280, 70)))


@pytest.fixture(scope="module")
def split_issue(tmp_path_factory):
    """(issue PDF, its page PDFs) of the three-page issue."""
    out = tmp_path_factory.mktemp("split")
    layout = _three_page_issue()
    whole = write_pdf(layout, out / "issue.pdf")
    return whole, pdf_module.write_page_pdfs(layout, whole, out / "pages")


def test_page_pdfs_show_what_the_issue_pdf_shows(split_issue, pdf_facts):
    whole, pages = split_issue
    assert [p.name for p in pages] == ["01.pdf", "02.pdf", "03.pdf"]
    assert [pdf_facts["texts"](p)[0] for p in pages] == pdf_facts["texts"](whole)
    for index, path in enumerate(pages):
        issue_img = pdfium.PdfDocument(str(whole))[index].render(scale=2).to_pil()
        assert _render(path, 2).tobytes() == issue_img.convert("L").tobytes()


def test_page_pdf_keeps_only_its_own_fonts(split_issue, pdf_facts):
    whole, pages = split_issue
    used_whole, _ = pdf_facts["fonts"](whole)
    per_page = [pdf_facts["fonts"](p) for p in pages]
    for used, embedded in per_page:
        assert used and used <= embedded and used < used_whole
    assert any("Kai" in name or "UKai" in name for name in per_page[1][0])
    assert not any("Kai" in name or "UKai" in name for name in per_page[2][0])


def test_page_pdf_has_its_label_title_and_bookmarks(split_issue, pdf_facts):
    _, pages = split_issue
    assert [pdf_facts["labels"](p) for p in pages] == [["第1版"], ["第2版"], ["第3版"]]
    assert pdf_facts["outline"](pages[0]) == [(0, "第1版 要聞"), (1, "矢志不渝")]
    assert pdf_facts["outline"](pages[1]) == [(0, "第2版 要聞"), (1, "矢志不渝（續）")]
    meta = pdfium.PdfDocument(str(pages[1])).get_metadata_dict()
    assert (meta["Title"], meta["Author"]) == ("測試日報 2023年1月10日 第2版", "測試日報社")
    assert b"/Lang (zh-Hant)" in pages[1].read_bytes()


def test_page_pdfs_are_byte_identical_across_builds(split_issue, tmp_path):
    whole, pages = split_issue
    layout = _three_page_issue()
    again = write_pdf(layout, tmp_path / "issue.pdf")
    assert again.read_bytes() == whole.read_bytes()
    redone = pdf_module.write_page_pdfs(layout, again, tmp_path / "pages")
    assert [p.read_bytes() for p in redone] == [p.read_bytes() for p in pages]
    assert not list((tmp_path / "pages").glob(".*tmp"))


def test_page_pdf_fonts_keep_only_the_glyphs_the_page_shows(tmp_path, pdf_facts):
    """Page 2 shares a subset with page 1 but shows other characters: its copy of the
    subset keeps outlines for its own glyphs only, and the text still reads back."""
    import pikepdf
    from fontTools.ttLib import TTFont

    first, second = "".join(LINES[:2]), "第二欄的文字"
    layout = issue(page(1, run(20, 40, first)), page(2, run(20, 40, second)))
    whole = write_pdf(layout, tmp_path / "issue.pdf")
    recorded: list = []
    write_pdf(layout, tmp_path / "again.pdf", used=recorded)
    pages = pdf_module.write_page_pdfs(layout, whole, tmp_path / "pages", recorded)
    assert "".join(pdf_facts["texts"](pages[1])[0].split()) == second

    def font_files(path):
        with pikepdf.open(path) as pdf:
            fonts_ = pdf.pages[-1].Resources.Font
            return {name: f.FontDescriptor.FontFile2.read_bytes() for name, f in fonts_.items()}

    (issue_font,) = font_files(whole).values()
    (page_font,) = font_files(pages[1]).values()
    assert len(page_font) < len(issue_font)
    pruned, full = TTFont(io.BytesIO(page_font)), TTFont(io.BytesIO(issue_font))
    glyf = pruned["glyf"]
    inked = [name for name in pruned.getGlyphOrder() if glyf[name].numberOfContours]
    assert pruned["maxp"].numGlyphs == full["maxp"].numGlyphs > len(set(second)) + 1
    # .notdef plus the page's distinct characters keep their outlines
    assert len(inked) <= len(set(second)) + 1
    # The codes read back from the content are the ones the renderer recorded.
    from epaper.render.pdf_pages import used_codes

    with pikepdf.open(whole) as pdf:
        content = pdf.pages[1].Contents.read_bytes()
    assert used_codes(content) == recorded[1]


def test_font_pruning_leaves_fonts_it_does_not_understand_alone():
    from epaper.render.ttf_prune import prune

    assert prune(fonts.face_info("kai-tc").file.read_bytes()[:4096], {1}) is None


@pytest.mark.parametrize("key", fonts.FACE_KEYS)
def test_plain_characters_are_those_drawn_in_their_own_face_unchanged(key):
    """The inlined common case of pdf_text.plan covers exactly the characters the
    general path would draw as one glyph of the run's face, unstretched."""
    from epaper.render import pdf_text

    plain = pdf_text._plain_chars(key)
    sample = list(fonts.advance_table(key))[::97] + ["—", "\u200b", "\ufe0f", "⸺", "⋯"]
    for ch in sample:
        general = pdf_text._glyphs_for(key, ch, 0.0, 10.0)
        simple = len(general) == 1 and general[0] == pdf_text.Glyph(key, ch, 0.0, 10.0)
        assert (ch in plain) == simple, repr(ch)
