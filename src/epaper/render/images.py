"""Page images and thumbnails, rasterised from our own per-page PDFs.

The images come from ``pages/NN.pdf`` through pypdfium2 (PDFium, Chrome's PDF
engine), so what the reader sees is exactly what was printed. Pillow writes them
without timestamps or other metadata, so the same PDF gives the same bytes.

Pages are independent, so they are rasterised and encoded in a pool of worker
processes (PDFium is not thread-safe, and Pillow's PNG encoder holds the GIL, so
threads would not help). Each page's files depend only on its PDF: the pool changes
the time, never the bytes.
"""

from __future__ import annotations

import ctypes
import io
import math
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops

from .atomic import write_bytes

THUMB_WIDTH = 200  # px: the 版面導航 list shows pages about this wide
# WebP copies for the reader's srcset. 800 px covers the page view on a desktop (about
# 510 CSS px) and on a 390 px phone at 2x; 1200 px a phone at 3x and a first zoom
# step; the full-size WebP is what the zoomed viewer shows. Sample page 1 at 150 dpi:
# 115 KB, 215 KB and 314 KB, against 1.1 MB for the PNG.
WEB_WIDTHS = (800, 1200)
THUMB_WEB_WIDTHS = (THUMB_WIDTH, 2 * THUMB_WIDTH)  # 2x for phones' wider archive cards
WEBP_QUALITY = 75  # rendered type stays crisp at the widths above; 80+ adds a third
FORMATS = {"png": ("PNG", "png"), "jpeg": ("JPEG", "jpg"), "jpg": ("JPEG", "jpg")}
JPEG_QUALITY = 85  # visually clean newsprint text at about half the PNG size
# A broadsheet page at 600 dpi is already 7,000 x 11,000 px (230 MB in memory).
MIN_DPI, MAX_DPI = 10, 600


@dataclass(frozen=True)
class WebImage:
    """One WebP copy of a page image or thumbnail (path relative to the issue folder)."""

    src: str  # e.g. pages/01.w800.webp
    width: int
    height: int


@dataclass(frozen=True)
class PageImage:
    """One page's image and thumbnail, as written (paths relative to the issue folder)."""

    number: int
    image: str  # e.g. pages/01.png
    thumb: str  # e.g. pages/01.thumb.png
    width: int  # image pixels
    height: int
    thumb_width: int
    thumb_height: int
    scale: float  # pixels per PDF point (dpi / 72)
    webp: tuple[WebImage, ...] = ()  # the page image as WebP, narrowest first
    thumb_webp: tuple[WebImage, ...] = ()  # the thumbnail as WebP, narrowest first


def image_ext(image_format: str) -> str:
    """The file extension for ``image_format`` ("png" or "jpeg"); ValueError otherwise."""
    try:
        return FORMATS[image_format.lower()][1]
    except KeyError:
        raise ValueError(f"unknown image format {image_format!r}: use png or jpeg") from None


def page_pdf_name(number: int) -> str:
    """The per-page PDF the print renderer writes, relative to the issue folder."""
    return f"pages/{number:02d}.pdf"


def encode(image: Image.Image, image_format: str) -> bytes:
    """Encode ``image`` without metadata (no timestamps, no EXIF, no text chunks)."""
    pil_format = FORMATS[image_format.lower()][0]
    buf = io.BytesIO()
    if pil_format == "PNG":
        # zlib's fast levels compress rendered type as well as 6 or better, and much
        # faster. 20 pages (sample + a 1998 broadsheet day, 150 dpi): level 2 writes
        # 23.9 MB in 1.50 s, level 3 23.6 MB in 1.87 s, level 6 24.6 MB in 2.91 s.
        image.save(buf, "PNG", optimize=False, compress_level=2)
    else:
        image.convert("RGB").save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True,
                                  progressive=False, subsampling="4:2:0")
    return buf.getvalue()


def as_gray_if_gray(image: Image.Image) -> Image.Image:
    """``image`` as one channel when every pixel is grey (pages without colour):
    a third of the pixels to store, the same picture."""
    if image.mode != "RGB":
        return image
    red, green, blue = image.split()
    if ImageChops.difference(red, green).getbbox() or ImageChops.difference(green, blue).getbbox():
        return image
    return red


def rasterise(pdf_path: Path, dpi: int) -> Image.Image:
    """Render page 1 of ``pdf_path`` at ``dpi`` as an RGB image (white background)."""
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        page = doc[0]
        scale = dpi / 72
        bitmap = page.render(scale=scale, may_draw_forms=False)
        image = bitmap.to_pil()
        if image.mode != "RGB":  # BGR bitmaps already come out as an RGB copy
            image = image.convert("RGB")
        # PDFium sizes the bitmap with ceil(width * scale); float noise (420 pt at
        # 150 dpi is 875.0000000001 px) would add a blank pixel column. Cut it.
        size = (math.ceil(page.get_width() * scale - 1e-6),
                math.ceil(page.get_height() * scale - 1e-6))
        extra = (image.width - size[0], image.height - size[1])
        if extra != (0, 0) and all(0 <= e <= 1 for e in extra):
            image = image.crop((0, 0, *size))
        page.close()
    finally:
        doc.close()
    return image


def thumbnail(image: Image.Image, width: int = THUMB_WIDTH) -> Image.Image:
    """``image`` scaled down to ``width`` pixels wide, keeping its proportions."""
    height = max(1, round(image.height * width / image.width))
    # reducing_gap: box-reduce to about 3x the target first, then Lanczos; the same
    # look at a fraction of the time of a full Lanczos over a 3,000 px page.
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def write_page_images(out_dir: Path, numbers: list[int], *, dpi: int = 150,
                      image_format: str = "png", jobs: int | None = None,
                      webp: bool = True) -> list[PageImage]:
    """Rasterise ``out_dir/pages/NN.pdf`` for each page number into ``pages/NN.<ext>``
    and ``pages/NN.thumb.<ext>``; return what was written, in page order.

    With ``webp`` (the reader site uses them) each page also gets its WebP copies
    (:func:`write_webp_variants`). ``jobs`` worker processes share the pages
    (default: one per available CPU; 1 works in this process). Raises
    FileNotFoundError naming the PDF when the print renderer did not write it."""
    return start_page_images(out_dir, numbers, dpi=dpi, image_format=image_format,
                             jobs=jobs, webp=webp).result()


class PendingImages:
    """Page images being rasterised in worker processes: :meth:`expected` says what
    they will be (from the PDFs' page sizes) so the caller can go on, e.g. write the
    reader site, and :meth:`result` waits for them."""

    def __init__(self, tasks: list[tuple], pool: ProcessPoolExecutor | None,
                 futures: list | None) -> None:
        self._tasks = tasks
        self._pool = pool
        self._futures = futures

    def expected(self) -> list[PageImage]:
        """What each page's files will measure: the formulas of :func:`rasterise` and
        :func:`thumbnail` applied to the page sizes, without rendering."""
        out = []
        for out_dir, number, dpi, _fmt, ext, _webp in self._tasks:
            doc = pdfium.PdfDocument(str(out_dir / page_pdf_name(number)))
            try:
                page = doc[0]
                width, height = page.get_width(), page.get_height()
                page.close()
            finally:
                doc.close()
            scale = dpi / 72
            px = (math.ceil(width * scale - 1e-6), math.ceil(height * scale - 1e-6))
            thumb_h = max(1, round(px[1] * THUMB_WIDTH / px[0]))
            out.append(PageImage(number, f"pages/{number:02d}.{ext}",
                                 f"pages/{number:02d}.thumb.{ext}", px[0], px[1],
                                 THUMB_WIDTH, thumb_h, scale))
        return out

    def cancel(self) -> None:
        """Stop the workers (the caller failed and will not wait for the images)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def result(self) -> list[PageImage]:
        """Wait for the workers; what was written, in page order."""
        if self._futures is None:
            return [_write_one(*task) for task in self._tasks]
        assert self._pool is not None
        try:
            result = [future.result() for future in self._futures]
        except BaseException:
            # Ctrl-C or a failed page: drop the pages not yet started rather than
            # render them all before the error can reach the user.
            self._pool.shutdown(wait=True, cancel_futures=True)
            raise
        self._pool.shutdown(wait=True)
        return result


def start_page_images(out_dir: Path, numbers: list[int], *, dpi: int = 150,
                      image_format: str = "png", jobs: int | None = None,
                      webp: bool = False) -> PendingImages:
    """Start :func:`write_page_images`' work in worker processes and return at once
    (with one worker, the work is done when :meth:`PendingImages.result` is called)."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ValueError(f"page image resolution {dpi} dpi is out of range "
                         f"({MIN_DPI}..{MAX_DPI})")
    ext = image_ext(image_format)
    for number in numbers:
        pdf_path = out_dir / page_pdf_name(number)
        if not pdf_path.is_file():
            raise FileNotFoundError(f"{pdf_path}: page PDF missing, cannot make its image")
    tasks = [(out_dir, number, dpi, image_format, ext, webp) for number in numbers]
    workers = _workers(len(tasks), jobs)
    if workers <= 1:
        return PendingImages(tasks, None, None)
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init,
                               initargs=(os.getpid(),))
    # Biggest pages are not known here; page order keeps page 1 (often the busiest,
    # with the masthead and photos) first.
    return PendingImages(tasks, pool, [pool.submit(_write_one, *task) for task in tasks])


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _worker_init(parent: int) -> None:
    """Tie a worker's life to the build's: the kernel kills it with SIGKILL when the
    parent dies (kill -9 included), so no orphan holds the parent's pipes; and Ctrl-C,
    which the terminal sends to the whole group, is the parent's to handle (a worker
    would only print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The build's SIGTERM handler (cleanup, then exit) is not a worker's: the pool
    # terminates broken workers with SIGTERM, which must simply end them.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the pool's own checks remain
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _workers(pages: int, jobs: int | None) -> int:
    """How many processes to use: ``jobs`` or the CPUs this process may run on, never
    more than the pages. Forking needs a platform where fork is safe (Linux), a
    process with no other threads (a forked child could inherit a held lock), and a
    process that may have children (a multiprocessing pool's workers may not)."""
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
            os.cpu_count() or 1)
    if (not sys.platform.startswith("linux") or threading.active_count() > 1
            or multiprocessing.current_process().daemon
            or "fork" not in multiprocessing.get_all_start_methods()):
        return 1
    return max(1, min(jobs, pages))


def _write_one(out_dir: Path, number: int, dpi: int, image_format: str,
               ext: str, webp: bool = True) -> PageImage:
    """Rasterise one page PDF and write its image and thumbnail."""
    image = as_gray_if_gray(rasterise(out_dir / page_pdf_name(number), dpi))
    thumb = thumbnail(image)
    image_rel = f"pages/{number:02d}.{ext}"
    thumb_rel = f"pages/{number:02d}.thumb.{ext}"
    write_bytes(out_dir / image_rel, encode(image, image_format))
    write_bytes(out_dir / thumb_rel, encode(thumb, image_format))
    webps: tuple[WebImage, ...] = ()
    thumb_webps: tuple[WebImage, ...] = ()
    if webp:
        webps = write_webp_variants(out_dir, f"pages/{number:02d}", image, WEB_WIDTHS,
                                    full=True)
        thumb_webps = write_webp_variants(out_dir, f"pages/{number:02d}.thumb", image,
                                          THUMB_WEB_WIDTHS, full=False)
    return PageImage(number, image_rel, thumb_rel, image.width, image.height,
                     thumb.width, thumb.height, dpi / 72, webps, thumb_webps)


def encode_webp(image: Image.Image) -> bytes:
    """``image`` as lossy WebP without metadata; the same pixels give the same bytes."""
    buf = io.BytesIO()
    # method 2 of 0-6: within 3 % of method 4's size (sample page 1: 324 KB against
    # 314 KB) in half the time.
    image.save(buf, "WEBP", quality=WEBP_QUALITY, method=2)
    return buf.getvalue()


def write_webp_variants(out_dir: Path, stem: str, image: Image.Image,
                        widths: tuple[int, ...], *, full: bool) -> tuple[WebImage, ...]:
    """Write ``<stem>.w<width>.webp`` for each of ``widths`` narrower than ``image``
    (and ``<stem>.webp`` at full size when ``full``); return them narrowest first.
    A width the image does not reach is left out, never upscaled."""
    out = []
    for width in widths:
        if width >= image.width:
            continue
        small = thumbnail(image, width)
        rel = f"{stem}.w{width}.webp"
        write_bytes(out_dir / rel, encode_webp(small))
        out.append(WebImage(rel, small.width, small.height))
    if full or not out:
        rel = f"{stem}.webp"
        write_bytes(out_dir / rel, encode_webp(image))
        out.append(WebImage(rel, image.width, image.height))
    return tuple(out)
