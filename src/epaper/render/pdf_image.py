"""Photos for the PDF: orientation, crop, colour mode and resolution, deterministically.

A photo is decoded, resampled and Flate-compressed once per build, not once per PDF:
the same page goes into the issue PDF and its own page PDF, and the compressed image
object is shared between them (cProfile: that work was a sixth of the sample issue's
PDF time, done twice).
"""

from __future__ import annotations

import copy
import os
from collections import OrderedDict
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

from ..display import Image

MAX_DPI = 300  # enough for newsprint; more only bloats the PDF
PLACEHOLDER_GREY = (0.85, 0.85, 0.85)
CACHE_SIZE = 64  # compressed photos kept; an issue's photos all fit, a few MB each
_cache: OrderedDict[tuple, PDFImageXObject | None] = OrderedDict()


def prepare(item: Image) -> PILImage.Image | None:
    """The pixels to embed: EXIF-upright, cropped, RGB or L, at most MAX_DPI at the
    placed size; None when the file cannot be read (a placeholder is drawn)."""
    try:
        with PILImage.open(Path(item.src)) as opened:
            img = ImageOps.exif_transpose(opened)
            img.load()
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
        return None
    left, top, right, bottom = item.crop
    if right > left and bottom > top and (left, top, right, bottom) != (0, 0, *img.size):
        img = img.crop((round(left), round(top), round(right), round(bottom)))
    img = _to_rgb_or_grey(img)
    want = (max(1, round(item.w / 72 * MAX_DPI)), max(1, round(item.h / 72 * MAX_DPI)))
    if img.width > want[0] and img.height > want[1]:
        img = img.resize(want, PILImage.Resampling.LANCZOS)
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


def image_object(item: Image) -> PDFImageXObject | None:
    """The PDF image object for ``item`` (None when the file cannot be read), built
    once per build: each PDF registers its own shallow copy (a document marks the
    objects it registers), sharing the compressed pixels. Keyed by the file's size and
    mtime too, so a photo replaced on disk is read again."""
    try:
        stat = os.stat(item.src)
        key: tuple = (item.src, item.crop, item.w, item.h, stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = (item.src, item.crop, item.w, item.h)
    if key in _cache:
        _cache.move_to_end(key)
        return copy.copy(_cache[key])
    img = prepare(item)
    obj = None
    if img is not None:
        reader = ImageReader(img)
        # The name ReportLab's drawImage would give it: a digest of the pixels.
        obj = PDFImageXObject(_digester(reader.getRGBData() + b"None"), reader)
    _cache[key] = obj
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return copy.copy(obj)


def draw_image(canvas: Canvas, item: Image, page_height: float) -> None:
    """Draw the photo into its rectangle, or a grey placeholder with a cross."""
    bottom = page_height - item.y - item.h
    obj = image_object(item)
    if obj is None:
        canvas.saveState()
        canvas.setFillColorRGB(*PLACEHOLDER_GREY)
        canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
        canvas.setLineWidth(0.5)
        canvas.rect(item.x, bottom, item.w, item.h, stroke=1, fill=1)
        canvas.line(item.x, bottom, item.x + item.w, bottom + item.h)
        canvas.line(item.x, bottom + item.h, item.x + item.w, bottom)
        canvas.restoreState()
        return
    _place(canvas, obj, item.x, bottom, item.w, item.h)


def _place(canvas: Canvas, obj: PDFImageXObject, x: float, y: float, w: float,
           h: float) -> None:
    """What ``Canvas.drawImage`` does once it has its image object (ReportLab 5),
    minus building that object again: register it in this document once, then paint
    it into the rectangle."""
    doc = canvas._doc
    reg_name = doc.getXObjectName(obj.name)
    if reg_name not in doc.idToObject:
        doc.Reference(obj, reg_name)
        doc.addForm(obj.name, obj)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(w, h)
    canvas.addLiteral(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(obj.name)
