"""The PDF profiles (print = PDF/X-4 basics, archive = PDF/A-2u, screen) and their
preflight, on a hand-made issue with photos in RGB, CMYK and greyscale."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
from PIL import Image as PILImage
from PIL import ImageCms

from epaper import fonts
from epaper.build import BuildOptions
from epaper.cli import make_parser
from epaper.display import ArticleEntry, Box, Image, IssueLayout, PageLayout, Rule, TextRun
from epaper.render import render_issue
from epaper.render.content_colour import to_print_colours
from epaper.render.icc import TOTAL_INK_LIMIT
from epaper.render.pdf_preflight import PreflightError, check_pdfs, preflight
from epaper.render.pdf_profile import PROFILES, finish_pdf
from epaper.render.photo_cmyk import limit_ink, total_ink

SIZE = 10.0
FACE = "serif-tc"
RED = (0.8, 0.1, 0.1)


def run(x: float, y: float, text: str, color=(0.0, 0.0, 0.0)) -> TextRun:
    advances = tuple(fonts.advance(fonts.resolve_face(FACE, c), c) * SIZE for c in text)
    return TextRun(x, y, FACE, SIZE, text, advances, color=color)


def photos(folder: Path) -> dict[str, Path]:
    """Three photos: RGB with saturated colours, CMYK at 400 % ink (with no profile,
    so only the limit applies), and greyscale."""
    folder.mkdir(parents=True, exist_ok=True)
    rgb = PILImage.new("RGB", (60, 40))
    rgb.putdata([(x * 4, y * 6, 255 - x * 4) if y % 2 else (10, 10, 10)
                 for y in range(40) for x in range(60)])
    cmyk = PILImage.new("CMYK", (60, 40), (255, 255, 255, 255))
    grey = PILImage.linear_gradient("L").resize((60, 40))
    paths = {"rgb": folder / "rgb.png", "cmyk": folder / "cmyk.tif",
             "grey": folder / "grey.png"}
    rgb.save(paths["rgb"])
    cmyk.save(paths["cmyk"])
    grey.save(paths["grey"])
    return paths


def layout(folder: Path) -> IssueLayout:
    paths = photos(folder)
    images = tuple(Image(20 + 90 * i, 120, 80, 50, str(paths[kind]), (0, 0, 60, 40))
                   for i, kind in enumerate(("rgb", "cmyk", "grey")))
    first = PageLayout(1, "要聞", 300.0, 200.0,
                       (run(20, 40, "矢志不渝做忠誠衛士"), run(20, 60, "紅色的標題", RED),
                        Rule(20, 70, 280, 70), Box(20, 80, 100, 30, fill=(0.9, 0.9, 0.9)),
                        Box(150, 80, 100, 30, stroke=RED), *images),
                       articles=(ArticleEntry("lead", "矢志不渝"),))
    second = PageLayout(2, "要聞", 300.0, 200.0, (run(20, 40, "續完"),),
                        articles=(ArticleEntry("lead", "矢志不渝", True),))
    return IssueLayout("測試日報", "2023-01-10", "zh-Hant", "測試日報 2023年1月10日",
                       (first, second), author="測試日報社")


def build(folder: Path, profile: str) -> list[Path]:
    options = SimpleNamespace(images=False, pdf=profile)
    result = render_issue(layout(folder / "photos"), folder / "out", options)
    return [f for f in result.files if f.suffix == ".pdf"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, list[Path]]:
    """Each profile's issue PDF and page PDFs."""
    return {profile: build(tmp_path_factory.mktemp(profile), profile)
            for profile in PROFILES}


def image_spaces(path: Path) -> dict[str, PILImage.Image]:
    """Each embedded image's colour space name → its pixels (as pikepdf decodes them)."""
    found: dict[str, PILImage.Image] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                image = pikepdf.PdfImage(obj)
                found.setdefault(str(obj.ColorSpace), image.as_pil_image())
    return found


def fill_colours_of_text(path: Path) -> set[str]:
    """The operator that set the fill colour in force at each text-showing operator,
    read with pikepdf's content parser (not the renderer's regular expressions)."""
    seen: set[str] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            current = "none"
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("g", "rg", "k", "sc", "scn"):
                    current = f"{op} " + " ".join(f"{float(v):g}" for v in operands)
                elif op in ("Tj", "TJ", "'", '"'):
                    seen.add(current)
    return seen


@pytest.mark.parametrize("profile", PROFILES)
def test_each_profile_passes_its_own_preflight(built, profile):
    for path in built[profile]:
        assert preflight(path, profile) == [], path.name
    assert len(built[profile]) == 3  # the issue and its two pages


def test_print_photos_are_cmyk_within_the_ink_limit_and_grey_stays_k(built):
    for path in built["print"]:
        spaces = image_spaces(path)
        if not spaces:
            continue  # page 2 has no photos
        assert set(spaces) == {"/DeviceCMYK", "/DeviceGray"}
        for space, pixels in spaces.items():
            if space == "/DeviceCMYK":
                # Measured independently of photo_cmyk: per pixel, in plain Python.
                raw = pixels.tobytes()
                worst = max(sum(raw[i:i + 4]) for i in range(0, len(raw), 4)) * 100 / 255
                assert worst <= TOTAL_INK_LIMIT


def test_every_photo_comes_out_in_the_profiles_colour_space(tmp_path, built):
    issue_pdf = {profile: paths[0] for profile, paths in built.items()}
    for profile in ("archive", "screen"):
        assert set(image_spaces(issue_pdf[profile])) == {"/DeviceRGB", "/DeviceGray"}
    with pikepdf.open(issue_pdf["print"]) as pdf:
        count = sum(1 for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                    and obj.get("/Subtype") == "/Image"
                    and obj.ColorSpace == "/DeviceCMYK")
    assert count == 2  # the RGB and the CMYK photo; grey is DeviceGray (K)


def test_print_text_is_k_only_and_colour_is_cmyk(built):
    for path in built["print"]:
        colours = fill_colours_of_text(path)
        assert "g 0" in colours  # black text: DeviceGray 0 = 100 % K, never rich black
        for colour in colours:
            op, *values = colour.split()
            assert op in ("g", "k"), colour
            if op == "k":  # the red head: CMYK, not RGB
                assert float(values[3]) < 0.5 and float(values[1]) > 0.5
    for profile in ("screen", "archive"):
        assert "rg 0 0 0" in fill_colours_of_text(built[profile][0])


def test_print_pages_have_trim_and_bleed_boxes_and_the_standard_in_xmp(built):
    for path in built["print"]:
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                assert list(page.TrimBox) == list(page.MediaBox)
                assert list(page.BleedBox) == list(page.MediaBox)
            assert pdf.open_metadata().pdfx_status == "PDF/X-4"
            assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
            assert pdf.Root.OutputIntents[0].DestOutputProfile.N == 4
            assert pdf.pdf_version == "1.6"
    for path in built["archive"]:
        with pikepdf.open(path) as pdf:
            assert pdf.open_metadata().pdfa_status == "2U"
            assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
            assert not pdf.is_encrypted


def test_rebuilds_are_byte_identical_for_every_profile(tmp_path, built):
    for profile in PROFILES:
        again = build(tmp_path / profile, profile)
        for first, second in zip(built[profile], again, strict=True):
            assert first.read_bytes() == second.read_bytes(), (profile, first.name)
        # No path of the building machine in the output.
        assert str(tmp_path).encode() not in again[0].read_bytes()


def test_preflight_names_the_page_and_object_of_each_failure(built):
    screen = built["screen"][0]
    as_print = preflight(screen, "print")
    assert any("no GTS_PDFX output intent" in p for p in as_print)
    assert any(p.startswith(f"{screen.name}: page 1: no TrimBox") for p in as_print)
    assert any("page 1: content stream 0:" in p and "RGB colour operator" in p
               for p in as_print)
    assert any("page 1: /FormXob" in p and "DeviceRGB" in p for p in as_print)
    as_archive = preflight(built["print"][0], "archive")
    assert any("CMYK colour operator" in p for p in as_archive)
    assert any("DeviceCMYK under an sRGB output intent" in p for p in as_archive)


def test_preflight_fails_a_font_that_is_not_embedded(tmp_path, built):
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(built["archive"][1]) as pdf:
        font_name, font = next(iter(pdf.pages[0].Resources.Font.items()))
        del font.FontDescriptor["/FontFile2"]
        del font["/ToUnicode"]
        pdf.save(broken)
    problems = preflight(broken, "archive")
    assert f"broken.pdf: page 1: {font_name}: font {font.BaseFont} is not embedded" \
        in problems
    assert any("has no ToUnicode map" in p for p in problems)
    with pytest.raises(PreflightError) as failed:
        check_pdfs([broken], "archive", tmp_path)
    assert "not embedded" in str(failed.value)


def test_ink_limit_scales_cmy_and_keeps_black():
    full = PILImage.new("CMYK", (3, 2), (255, 255, 255, 255))
    limited = limit_ink(full)
    assert total_ink(limited) <= TOTAL_INK_LIMIT
    assert set(limited.getchannel("K").tobytes()) == {255}
    fine = PILImage.new("CMYK", (3, 2), (100, 50, 20, 200))
    assert limit_ink(fine) is fine


def test_rgb_operators_become_grey_or_cmyk():
    out = to_print_colours(b"q 0 0 0 rg .5 .5 .5 RG 1 0 0 rg BT <0102> Tj ET")
    assert out.startswith(b"q 0 g 0.5 G ")
    assert out.endswith(b" k BT <0102> Tj ET") and b"rg" not in out


def test_unknown_profile_is_refused(tmp_path):
    with pytest.raises(ValueError, match="print, archive, screen"):
        finish_pdf(tmp_path / "x.pdf", "press")


def test_cli_pdf_option_reaches_build_options():
    parser = make_parser()
    assert parser.parse_args(["build", "issue"]).pdf == "print"
    assert parser.parse_args(["build", "issue", "--pdf", "archive"]).pdf == "archive"
    with pytest.raises(SystemExit):
        parser.parse_args(["build", "issue", "--pdf", "press"])
    assert BuildOptions().pdf == "print"
    assert parser.parse_args(["rebuild", "issues", "-o", "out", "--pdf", "screen"]).pdf \
        == "screen"


def test_a_build_failing_preflight_writes_nothing_and_names_the_problem(
        tmp_path, repo_root, monkeypatch):
    from epaper.build import run_build
    from epaper.render import pdf_preflight

    real = pdf_preflight.preflight

    def failing(path, profile, name=None):
        problems = real(path, profile, name)
        return problems + ([f"{name}: page 1: /F9: font Broken is not embedded"]
                           if name == "pages/02.pdf" else [])

    monkeypatch.setattr(pdf_preflight, "preflight", failing)
    errors = io.StringIO()
    code = run_build(repo_root / "issues" / "2023-01-10", tmp_path,
                     BuildOptions(images=False, site=False), stream=io.StringIO(),
                     errors=errors)
    assert code == 1
    assert "epaper: preflight (print): pages/02.pdf: page 1: /F9: font Broken is not " \
        "embedded" in errors.getvalue()
    assert not (tmp_path / "2023-01-10").exists()


def test_archive_passes_an_independent_pdfa_validator(built):
    pdfa = pytest.importorskip("pikepdf.pdfa")
    for path in built["archive"]:
        with pikepdf.open(path) as pdf:
            report = pdfa.check(pdf, pdfa.Flavour.PDFA_2B)
        # The validator knows level B only: it reports our level U as its one
        # violation (U is B plus Unicode for all text, which our fonts carry).
        violations = [f.message for f in report.findings if f.kind == "violation"]
        assert violations == ["pdfaid:conformance is 'U', expected 'B'"], violations


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_poppler_sees_boxes_and_embedded_fonts(built):
    for path in built["print"]:
        info = subprocess.run(["pdfinfo", "-box", str(path)], capture_output=True,
                              text=True, check=True).stdout
        assert "TrimBox:" in info and "BleedBox:" in info
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows and all(row.split()[-5:-2] == ["yes", "yes", "yes"] for row in rows)


def test_icc_profiles_are_readable_by_littlecms():
    from epaper.render.icc import CMYK_FILE, SRGB_FILE, profile_bytes

    cmyk = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes(CMYK_FILE)))
    srgb = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes(SRGB_FILE)))
    assert cmyk.profile.xcolor_space.strip() == "CMYK"
    assert srgb.profile.xcolor_space.strip() == "RGB"


def test_the_shipped_print_profile_is_newsprint():
    """The shipped profile describes coldset newsprint (CGATS TR 002 data): paper white
    near L* 80 with a warm cast, and a solid black far lighter than on coated paper,
    not an offset paper's white."""
    from epaper.render.icc import CMYK_FILE, profile_bytes

    cmyk = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes(CMYK_FILE)))
    lab = ImageCms.createProfile("LAB")
    to_lab = ImageCms.buildTransform(cmyk, lab, "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)
    patches = PILImage.new("CMYK", (2, 1))
    patches.putdata([(0, 0, 0, 0), (0, 0, 0, 255)])
    converted = to_lab.apply(patches)
    (paper_l, _, paper_b), (black_l, _, _) = converted.getpixel((0, 0)), \
        converted.getpixel((1, 0))
    # PIL's 8-bit LAB: L scaled to 0..255, a and b offset by 128.
    assert 78 <= paper_l * 100 / 255 <= 83  # TR 002 paper: L* 80.1
    assert paper_b - 128 >= 2  # yellowish newsprint (b* 3.5), not a blue-white sheet
    assert 30 <= black_l * 100 / 255 <= 42  # solid K on newsprint: L* 36.7


def test_the_print_intent_names_the_registered_newsprint_condition(built):
    with pikepdf.open(built["print"][1]) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 002"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert "newsprint" in str(intent.Info)


def test_font_widths_are_made_to_agree_with_the_pdf_widths(built):
    from fontTools.ttLib import TTFont

    from epaper.render.font_widths import align_widths

    with pikepdf.open(built["screen"][1]) as pdf:
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        program = font.FontDescriptor.FontFile2.read_bytes()
        first = int(font.FirstChar)
        widths = [float(w) for w in font.Widths]
    assert align_widths(program, first, widths) is None  # they agree already
    code = next(i for i, w in enumerate(widths) if w > 0 and i + first > 0) + first
    widths[code - first] -= 23.5
    aligned = align_widths(program, first, widths)
    assert aligned is not None
    parsed = TTFont(io.BytesIO(aligned), checkChecksums=2)  # raises on a bad checksum
    # fontTools maps the code to a glyph name through whichever subtable has it.
    glyph = next(t.cmap[code] for t in parsed["cmap"].tables if code in t.cmap)
    advance = parsed["hmtx"][glyph][0] * 1000 / parsed["head"].unitsPerEm
    assert abs(advance - widths[code - first]) <= 1


def test_the_sample_issue_in_archive_passes_the_independent_validator(tmp_path, repo_root):
    pdfa = pytest.importorskip("pikepdf.pdfa")
    from epaper.build import run_build

    assert run_build(repo_root / "issues" / "2023-01-10", tmp_path, BuildOptions(
        images=False, site=False, pdf="archive"), stream=io.StringIO()) == 0
    issue_pdf = tmp_path / "2023-01-10" / "2023-01-10.pdf"
    with pikepdf.open(issue_pdf) as pdf:
        report = pdfa.check(pdf, pdfa.Flavour.PDFA_2B)
    violations = [f.message for f in report.findings if f.kind == "violation"]
    # Before font_widths: "glyph widths disagree with the font program" (a Kai glyph).
    assert violations == ["pdfaid:conformance is 'U', expected 'B'"], violations


def test_the_plants_profile_becomes_the_output_intent(tmp_path, repo_root):
    from epaper.build import run_build
    from epaper.render.icc import CMYK_CONDITION, CMYK_FILE, SRGB_FILE, profile_bytes

    plant = tmp_path / "plant.icc"
    plant.write_bytes(profile_bytes(CMYK_FILE))
    out = tmp_path / "out"
    assert run_build(repo_root / "issues" / "2023-01-10", out, BuildOptions(
        images=False, site=False, output_intent=str(plant)), stream=io.StringIO()) == 0
    with pikepdf.open(out / "2023-01-10" / "pages" / "01.pdf") as pdf:
        intent = pdf.Root.OutputIntents[0]
        # Named by the profile's own description, not the shipped condition's name.
        assert str(intent.OutputConditionIdentifier).startswith("epaper newsprint 240% (")
        assert str(intent.OutputConditionIdentifier) != CMYK_CONDITION
        assert "/RegistryName" not in intent  # a plant's condition is not registered
        assert intent.DestOutputProfile.read_bytes() == plant.read_bytes()
    assert str(tmp_path) not in (out / "2023-01-10" / "2023-01-10.pdf").read_text("latin-1")

    errors = io.StringIO()
    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(profile_bytes(SRGB_FILE))
    assert run_build(repo_root / "issues" / "2023-01-10", tmp_path / "no", BuildOptions(
        images=False, site=False, output_intent=str(srgb)), stream=io.StringIO(),
        errors=errors) == 1
    assert f"{srgb}: not a CMYK output profile (colour space RGB" in errors.getvalue()
    errors = io.StringIO()
    assert run_build(repo_root / "issues" / "2023-01-10", tmp_path / "no", BuildOptions(
        images=False, site=False, pdf="archive", output_intent=str(plant)),
        stream=io.StringIO(), errors=errors) == 2
    assert "--output-intent is for --pdf print only" in errors.getvalue()
    assert not (tmp_path / "no").exists() or not any((tmp_path / "no").iterdir())


@pytest.mark.parametrize("profile", ["archive", "screen"])  # print: tests/test_build.py
def test_a_build_in_another_process_gives_the_same_bytes(tmp_path, repo_root, profile):
    import os
    import sys

    from epaper.build import run_build

    issue = repo_root / "issues" / "2023-01-10"
    here = tmp_path / "here"
    assert run_build(issue, here, BuildOptions(images=False, site=False, pdf=profile),
                     stream=io.StringIO()) == 0
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Asia/Shanghai"}
    subprocess.run([sys.executable, "-m", "epaper", "build", str(issue), "-o",
                    str(tmp_path / "there"), "--pdf", profile, "--no-images"],
                   check=True, capture_output=True, env=env, cwd=tmp_path)
    mine = sorted((here / "2023-01-10").rglob("*.pdf"))
    theirs = sorted((tmp_path / "there" / "2023-01-10").rglob("*.pdf"))
    assert len(mine) == len(theirs) == 9
    for a, b in zip(mine, theirs, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
