"""Preflight of a written PDF against its profile (read back with pikepdf).

Checks what a plant's or an archive's preflight would reject first: the output
intent, every font embedded (with ToUnicode for the archive), no colour outside the
profile's colour spaces, the total ink of every print photo (measured on its
embedded pixels), TrimBox and BleedBox on every print page, and the XMP naming the
standard. Each problem names the file, the page and the object.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any  # pikepdf is imported late: its objects are typed Any here

from .content_colour import rgb_operators
from .icc import TOTAL_INK_LIMIT
from .pdf_profile import ARCHIVE, PDFX_VERSION, PRINT

_CMYK_OPERATOR = re.compile(rb"(?<![\w.])-?\d*\.?\d+\s+-?\d*\.?\d+\s+-?\d*\.?\d+\s+"
                            rb"-?\d*\.?\d+\s+(k|K)\b")
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


class PreflightError(Exception):
    """A written PDF failed its profile's preflight; ``problems`` says where."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class _Resource:
    """One named object a page uses, with how to name it in a problem."""

    page: int  # 1-based
    where: str  # e.g. "/FormXob.1a2b /Im0"
    obj: Any


def preflight(path: Path, profile: str, name: str | None = None) -> list[str]:
    """The problems of the PDF ``path`` for ``profile`` (empty: it passes). Each is
    ``name: page N: object: problem`` (``name`` defaults to the file name)."""
    import pikepdf  # deferred: only PDF builds need qpdf

    label = name or Path(path).name
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        problems.extend(f"{label}: {p}" for p in _document(pikepdf, pdf, profile))
        for number, page in enumerate(pdf.pages, start=1):
            problems.extend(f"{label}: page {number}: {p}"
                            for p in _page(pikepdf, page, profile))
            for resource in _resources(pikepdf, page.obj.get("/Resources"), number, ""):
                problems.extend(f"{label}: page {number}: {resource.where}: {p}"
                                for p in _resource(pikepdf, resource, profile))
    return problems


def check_pdfs(paths: Sequence[Path], profile: str, root: Path) -> None:
    """Preflight every PDF of ``paths`` (named relative to ``root``); raise
    :class:`PreflightError` listing every problem when any fails."""
    problems: list[str] = []
    for path in paths:
        problems.extend(preflight(path, profile, Path(path).relative_to(root).as_posix()))
    if problems:
        raise PreflightError(problems)


def _document(pikepdf: Any, pdf: Any, profile: str) -> Iterator[str]:
    if pdf.is_encrypted:
        yield "the document is encrypted"
    if profile not in (PRINT, ARCHIVE):
        return
    kind, channels = ("/GTS_PDFX", 4) if profile == PRINT else ("/GTS_PDFA1", 3)
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == kind]
    if not intents:
        yield f"no {kind[1:]} output intent"
    for intent in intents:
        icc = intent.get("/DestOutputProfile")
        if icc is None or int(icc.get("/N", 0)) != channels:
            yield f"output intent {kind[1:]}: no {channels}-channel DestOutputProfile"
    meta = pdf.open_metadata()
    if profile == PRINT:
        if meta.get("pdfxid:GTS_PDFXVersion") != PDFX_VERSION:
            yield f"XMP: pdfxid:GTS_PDFXVersion is not {PDFX_VERSION}"
    elif (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) != ("2", "U"):
        yield "XMP: not pdfaid:part 2, conformance U"


def _page(pikepdf: Any, page: Any, profile: str) -> Iterator[str]:
    if profile == PRINT:
        for box in ("/TrimBox", "/BleedBox"):
            if box not in page.obj:
                yield f"no {box[1:]}"
    for index, content in enumerate(_contents(pikepdf, page.obj)):
        yield from _colour_operators(content, profile, f"content stream {index}")


def _contents(pikepdf: Any, obj: Any) -> list[bytes]:
    contents = obj.get("/Contents")
    if contents is None:
        return []
    parts = contents if isinstance(contents, pikepdf.Array) else [contents]
    return [part.read_bytes() for part in parts]


def _colour_operators(content: bytes, profile: str, where: str) -> Iterator[str]:
    if profile == PRINT:
        count = rgb_operators(content) + content.count(b"/DeviceRGB")
        if count:
            yield f"{where}: {count} RGB colour operator(s) in a CMYK print PDF"
    elif profile == ARCHIVE:
        count = len(_CMYK_OPERATOR.findall(content)) + content.count(b"/DeviceCMYK")
        if count:
            yield f"{where}: {count} CMYK colour operator(s) under an sRGB output intent"


def _resources(pikepdf: Any, resources: Any, page: int, prefix: str
               ) -> Iterator[_Resource]:
    if resources is None:
        return
    for kind in ("/Font", "/XObject"):
        table = resources.get(kind)
        for name in sorted(table.keys()) if table is not None else ():
            obj = table[name]
            where = f"{prefix}{name}"
            yield _Resource(page, where, obj)
            if kind == "/XObject" and obj.get("/Subtype") == pikepdf.Name.Form:
                yield from _resources(pikepdf, obj.get("/Resources"), page, where + " ")


def _resource(pikepdf: Any, resource: _Resource, profile: str) -> Iterator[str]:
    obj = resource.obj
    if obj.get("/Type") == pikepdf.Name.Font or "/BaseFont" in obj:
        yield from _font(pikepdf, obj, profile)
    elif obj.get("/Subtype") == pikepdf.Name.Image:
        yield from _image(pikepdf, obj, profile)
    elif obj.get("/Subtype") == pikepdf.Name.Form:
        yield from _colour_operators(obj.read_bytes(), profile, "form")


def _font(pikepdf: Any, font: Any, profile: str) -> Iterator[str]:
    base = str(font.get("/BaseFont", "?"))
    if font.get("/Subtype") == pikepdf.Name.Type3:
        return  # glyphs are content streams: nothing to embed
    described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = described.get("/FontDescriptor")
    if descriptor is None or not any(key in descriptor for key in _FONT_FILES):
        yield f"font {base} is not embedded"
    if profile == ARCHIVE and "/ToUnicode" not in font:
        yield f"font {base} has no ToUnicode map"


def _colour_space(pikepdf: Any, space: Any) -> str:
    """The family of an image colour space: DeviceRGB, DeviceCMYK, DeviceGray, or
    the ICC profile's channel count as ICC3/ICC4/ICC1."""
    if isinstance(space, pikepdf.Array):
        items = list(space)
        if str(items[0]) == "/ICCBased":
            return f"ICC{int(items[1].get('/N', 0))}"
        if str(items[0]) == "/Indexed":
            return _colour_space(pikepdf, items[1])
        return str(items[0])[1:]
    return str(space)[1:]


def _image(pikepdf: Any, image: Any, profile: str) -> Iterator[str]:
    if image.get("/ImageMask", False):
        return
    family = _colour_space(pikepdf, image.get("/ColorSpace", pikepdf.Name.DeviceGray))
    if profile == PRINT:
        if family in ("DeviceRGB", "ICC3"):
            yield f"image in {family} in a CMYK print PDF"
        elif family == "DeviceCMYK":
            from .photo_cmyk import total_ink  # Pillow's ImageMath: print builds only

            pil = pikepdf.PdfImage(image).as_pil_image()
            if pil.mode == "CMYK":
                ink = total_ink(pil)
                if ink > TOTAL_INK_LIMIT:
                    yield f"image total ink {ink:.0f} % over the {TOTAL_INK_LIMIT} % limit"
    elif profile == ARCHIVE and family in ("DeviceCMYK", "ICC4"):
        yield f"image in {family} under an sRGB output intent"
