"""Photos for the PDF: orientation, crop, colour mode and resolution, deterministically.

Each page is drawn once per build (the page PDFs are cut from the issue PDF, see
:mod:`.pdf_pages`), so a photo is decoded, resampled and compressed once, with
ReportLab's public ``drawImage`` and no cache of ReportLab objects.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..display import Image
from .icc import PrintCondition

MAX_DPI = 300  # enough for newsprint; more only bloats the PDF
PLACEHOLDER_GREY = (0.85, 0.85, 0.85)


def prepare(item: Image, cmyk: PrintCondition | None = None) -> PILImage.Image | None:
    """The pixels to embed: EXIF-upright, cropped, RGB or L (``cmyk``: CMYK in that
    print condition, or L), at most MAX_DPI at the placed size; None when the file
    cannot be read (a placeholder is drawn)."""
    try:
        with PILImage.open(Path(item.src)) as opened:
            img = ImageOps.exif_transpose(opened)
            img.load()
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
        return None
    left, top, right, bottom = item.crop
    if right > left and bottom > top and (left, top, right, bottom) != (0, 0, *img.size):
        img = img.crop((round(left), round(top), round(right), round(bottom)))
    icc = img.info.get("icc_profile")
    if not (cmyk is not None and img.mode == "CMYK"):
        img = _to_rgb_or_grey(img)
    want = (max(1, round(item.w / 72 * MAX_DPI)), max(1, round(item.h / 72 * MAX_DPI)))
    if img.width > want[0] and img.height > want[1]:
        img = img.resize(want, PILImage.Resampling.LANCZOS)
    if cmyk is not None:
        from .photo_cmyk import to_print  # littleCMS only for print builds

        img = to_print(img, icc if img.mode == "CMYK" else None, cmyk)
    return img


def _to_rgb_or_grey(img: PILImage.Image) -> PILImage.Image:
    """Flatten transparency onto white paper; CMYK and palettes to RGB; 16-bit to L."""
    if img.mode in ("L", "RGB"):
        return img
    if img.mode == "1":
        return img.convert("L")
    if img.mode.startswith("I;16"):  # 16-bit grey: scale, do not clip, to 8 bits
        return img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if img.mode in ("I", "F"):
        return img.convert("L")
    if img.mode == "P":
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA"):
        rgba = img.convert("RGBA")
        paper = PILImage.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return img.convert("RGB")


def draw_image(canvas: Canvas, item: Image, page_height: float,
               cmyk: PrintCondition | None = None) -> None:
    """Draw the photo into its rectangle (``cmyk``: converted for print), or a grey
    placeholder with a cross."""
    bottom = page_height - item.y - item.h
    img = prepare(item, cmyk)
    if img is None:
        canvas.saveState()
        canvas.setFillColorRGB(*PLACEHOLDER_GREY)
        canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
        canvas.setLineWidth(0.5)
        canvas.rect(item.x, bottom, item.w, item.h, stroke=1, fill=1)
        canvas.line(item.x, bottom, item.x + item.w, bottom + item.h)
        canvas.line(item.x, bottom + item.h, item.x + item.w, bottom)
        canvas.restoreState()
        return
    # ReportLab names the image by a digest of its pixels, so a photo placed twice in
    # one PDF is embedded once.
    canvas.drawImage(ImageReader(img), item.x, bottom, item.w, item.h)
