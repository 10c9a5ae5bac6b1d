"""The print PDF: display lists drawn with ReportLab's canvas.

Fonts are the bundled faces only (the canvas starts in one, so Helvetica is never
referenced), embedded as subsets; output is byte-identical for the same layout
(``invariant=1``) and written to a temporary name, then moved into place.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from .. import fonts
from ..display import Box, Image, IssueLayout, Item, PageLayout, Rule, TextRun
from .icc import PrintCondition, print_condition
from .pdf_image import draw_image
from .pdf_pages import Bookmark, PageFile, split_pages
from .pdf_tags import DocumentTags, PageMarks
from .pdf_text import draw_run, font_name

# Images as binary Flate streams, not ASCII85: a quarter smaller, and ReportLab's
# pure-Python ASCII85 encoder took three quarters of the render time (cProfile).
rl_config.useA85 = 0


def write_pdf(layout: IssueLayout, path: Path, pages: Sequence[PageLayout] | None = None,
              title: str = "", used: list[dict[str, set[int]]] | None = None,
              profile: str = "screen", condition: PrintCondition | None = None,
              tags: DocumentTags | None = None) -> Path:
    """Render ``pages`` (default: every page of ``layout``) into the PDF ``path``.

    Each page gets a bookmark with its articles below it and the page label 第N版.
    ``used``, when given, receives per page the glyph codes shown in each subset font
    (what :func:`write_page_pdfs` keeps of the fonts). ``profile`` (see
    :mod:`.pdf_profile`) decides the photos' colour space (for print: ``condition``,
    default the shipped profile); the caller finishes the written PDF for it with
    :func:`.pdf_profile.finish_pdf`.

    Every item is drawn inside marked content (:mod:`.pdf_tags`); ``tags``, when
    given, receives the structure it belongs to, which :func:`.pdf_profile.finish_pdf`
    writes as the structure tree (without it the PDF is not tagged)."""
    cmyk = (condition or print_condition()) if profile == "print" else None
    pages = tuple(layout.pages if pages is None else pages)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tags = tags if tags is not None else DocumentTags(layout.lang, layout.articles)
    try:
        canvas = _canvas(tmp, layout, pages, title or layout.title)
        for index, page in enumerate(pages):
            codes: dict[str, set[int]] = {}
            draw_page(canvas, page, codes, cmyk, tags.page())
            if used is not None:
                used.append(codes)
            _outline(canvas, page)
            canvas.addPageLabel(index, prefix=page.label)
            canvas.showPage()
        canvas.save()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _canvas(path: Path, layout: IssueLayout, pages: Sequence[PageLayout],
            title: str) -> Canvas:
    first = pages[0] if pages else None
    size = (first.width, first.height) if first else (595.0, 842.0)
    canvas = Canvas(str(path), pagesize=size, invariant=1, pageCompression=1,
                    initialFontName=font_name(fonts.body_face(layout.lang)),
                    lang=layout.lang)
    canvas.setTitle(title)
    canvas.setAuthor(layout.author or layout.paper)
    canvas.setSubject(f"{layout.paper} {layout.date}")
    canvas.setCreator("epaper")
    canvas.setProducer("epaper (ReportLab)")
    canvas.showOutline()
    return canvas


def draw_page(canvas: Canvas, page: PageLayout,
              used: dict[str, set[int]] | None = None,
              cmyk: PrintCondition | None = None, marks: PageMarks | None = None) -> None:
    """Draw every item of ``page`` in order (the order is the reading order); the
    glyph codes shown go into ``used`` per subset font name; ``cmyk``: photos in the
    print profile; ``marks``: each item wrapped in marked content (:mod:`.pdf_tags`)."""
    canvas.setPageSize((page.width, page.height))
    height = page.height
    for item in page.items:
        if marks is None:
            _draw_item(canvas, item, height, used, cmyk)
            continue
        if isinstance(item, TextRun) and not item.text:
            continue
        # A table row comes back cut at its cells (each cell its own TD).
        for piece, operators in marks.pieces(item):
            if operators:
                canvas.addLiteral(operators)
            _draw_item(canvas, piece, height, used, cmyk)
    if marks is not None and (operators := marks.close()):
        canvas.addLiteral(operators)


def _draw_item(canvas: Canvas, item: Item, height: float,
               used: dict[str, set[int]] | None, cmyk: PrintCondition | None) -> None:
    if isinstance(item, TextRun):
        if item.text:
            draw_run(canvas, item, height, used)
    elif isinstance(item, Image):
        draw_image(canvas, item, height, cmyk)
    elif isinstance(item, Rule):
        canvas.setLineWidth(item.width)
        canvas.setStrokeColorRGB(*item.color)
        canvas.line(item.x1, height - item.y1, item.x2, height - item.y2)
    elif isinstance(item, Box):
        _draw_box(canvas, item, height)


def _draw_box(canvas: Canvas, box: Box, height: float) -> None:
    stroke = box.stroke is not None and box.stroke_width > 0
    fill = box.fill is not None
    if not (stroke or fill):
        return
    if box.stroke is not None:
        canvas.setStrokeColorRGB(*box.stroke)
        canvas.setLineWidth(box.stroke_width)
    if box.fill is not None:
        canvas.setFillColorRGB(*box.fill)
    canvas.rect(box.x, height - box.y - box.h, box.w, box.h, stroke=int(stroke),
                fill=int(fill))


def _outline(canvas: Canvas, page: PageLayout) -> None:
    """Bookmark the page (level 0) and each article on it (level 1), at its region."""
    key = f"page-{page.number}"
    for index, mark in enumerate(page_bookmarks(page)):
        if mark.level == 0:
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(mark.title, key, level=0)
        else:
            akey = f"{key}-{index}"
            canvas.bookmarkPage(akey, fit="XYZ", left=mark.left, top=mark.top)
            canvas.addOutlineEntry(mark.title, akey, level=1)


def page_bookmarks(page: PageLayout) -> tuple[Bookmark, ...]:
    """The page's outline: the page itself, then each article at its region's top left
    (PDF coordinates), in the issue PDF and in the page's own PDF alike."""
    # Archive imports may name a page only "第N版": do not print it twice.
    section = "" if page.section == page.label else page.section
    marks = [Bookmark(f"{page.label} {section}".strip(), 0)]
    tops = {}
    for region in page.regions:
        if region.rects and region.article_id not in tops:
            tops[region.article_id] = min(r.y for r in region.rects), min(r.x for r in
                                                                          region.rects)
    for entry in page.articles:
        top, left = tops.get(entry.article_id, (0.0, 0.0))
        title = entry.title + ("（續）" if entry.continuation else "")
        marks.append(Bookmark(title, 1, left, page.height - top))
    return tuple(marks)


def write_page_pdfs(layout: IssueLayout, issue_pdf: Path, out_dir: Path,
                    used: Sequence[dict[str, set[int]]] | None = None,
                    tags: DocumentTags | None = None) -> list[Path]:
    """``out_dir/NN.pdf`` for every page, cut from ``issue_pdf`` (written by
    :func:`write_pdf` for the whole ``layout``): each page is drawn once per build.
    ``used`` is what :func:`write_pdf` recorded (else the content streams are read);
    ``tags``, what it recorded of the structure: each page PDF gets the part of the
    tree on its page."""
    root = tags.finish() if tags is not None else None
    targets = [PageFile(index, Path(out_dir) / f"{page.number:02d}.pdf",
                        f"{layout.title} {page.label}", page.label, page_bookmarks(page),
                        used[index] if used is not None else None, root, layout.lang)
               for index, page in enumerate(layout.pages)]
    return split_pages(issue_pdf, targets)
