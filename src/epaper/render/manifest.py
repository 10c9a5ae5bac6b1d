"""``issue.json``: the machine-readable manifest of an e-paper issue.

Everything the reader site shows comes from here (the site templates read this
dict, not the layout), so a second front end can be built on the file alone. The
format is documented in docs/outputs.md; keys keep a fixed order and lists a fixed
sort, so the same layout gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..display import ArticleView, IssueLayout, PageLayout, Rect
from .images import PageImage, WebImage, page_pdf_name

FORMAT = "epaper-issue/1"
EDGE_TOLERANCE = 0.5  # pt a region may poke out of its page before we warn


def article_view_path(article_id: str) -> str:
    """The article view's path relative to the issue folder."""
    return f"articles/{article_id}.html"


def page_html_path(number: int) -> str:
    """The reader page for page ``number``, relative to the issue folder."""
    return f"page-{number:02d}.html"


def _pt(value: float) -> float:
    # Two decimals keep JSON short and stable across float noise from layout sums.
    return round(float(value), 2) + 0.0


def clip_rect(rect: Rect, width: float, height: float) -> Rect:
    """``rect`` cut to the page (0..width, 0..height)."""
    x0, y0 = max(0.0, rect.x), max(0.0, rect.y)
    x1, y1 = min(width, rect.x + rect.w), min(height, rect.y + rect.h)
    return Rect(x0, y0, max(0.0, x1 - x0), max(0.0, y1 - y0))


def rect_to_pixels(rect: Rect, image: PageImage) -> dict[str, int]:
    """``rect`` (points) as image pixels, edges rounded, kept inside the image."""
    def px(v: float, limit: int) -> int:
        return min(limit, max(0, round(v * image.scale)))

    x0, y0 = px(rect.x, image.width), px(rect.y, image.height)
    x1, y1 = px(rect.x + rect.w, image.width), px(rect.y + rect.h, image.height)
    return {"x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0}


def _rect_mm(rect: Rect) -> dict[str, float]:
    mm = 72 / 25.4
    return {k: round(v / mm, 1) for k, v in
            (("x", rect.x), ("y", rect.y), ("w", rect.w), ("h", rect.h))}


def _rect_pt(rect: Rect) -> dict[str, float]:
    return {"x": _pt(rect.x), "y": _pt(rect.y), "w": _pt(rect.w), "h": _pt(rect.h)}


def _web(image: WebImage) -> dict[str, Any]:
    return {"src": image.src, "width": image.width, "height": image.height}


def _page_entry(page: PageLayout, image: PageImage | None) -> dict[str, Any]:
    rep = page.report
    entry: dict[str, Any] = {
        "number": page.number,
        "label": page.label,
        "section": page.section,
        "html": page_html_path(page.number),
        "pdf": page_pdf_name(page.number),
        "image": image.image if image else None,
        "thumb": image.thumb if image else None,
        "size_pt": {"width": _pt(page.width), "height": _pt(page.height)},
        "size_px": {"width": image.width, "height": image.height} if image else None,
        "thumb_px": ({"width": image.thumb_width, "height": image.thumb_height}
                     if image else None),
        # WebP copies for the reader's srcset (narrowest first; the last of "webp" is
        # full size). The PNG/JPEG above stays the fallback and the download.
        "webp": [_web(w) for w in image.webp] if image else [],
        "thumb_webp": [_web(w) for w in image.thumb_webp] if image else [],
        "articles": [{"id": e.article_id, "title": e.title, "continuation": e.continuation}
                     for e in page.articles],
        "report": {
            "fill_ratio": round(rep.fill_ratio, 4),
            "total_cells": rep.total_cells,
            "empty_cells": rep.empty_cells,
            "blocks": [{"article": b.article_id, "column": b.column, "span": b.span,
                        "top": b.top, "lines": b.lines} for b in rep.blocks],
            "overset": list(rep.overset),
            # The desk check (docs/layouts.md): white holes and booked ad positions
            # in mm from the page's top-left corner, planned jumps, heads broken
            # inside a word.
            "holes": [{"x": h.x, "y": h.y, "w": h.w, "h": h.h} for h in rep.holes],
            "booked": [_rect_mm(r) for r in rep.booked],
            "jumps": [{"article": a, "to_page": n} for a, n in rep.jumps],
            "broken_heads": list(rep.broken_heads),
        },
        "warnings": list(page.warnings),
    }
    return entry


def _regions(layout: IssueLayout, images: dict[int, PageImage],
             warnings: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every article's regions, keyed by article id, in page order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for page in layout.pages:
        continuations = {e.article_id for e in page.articles if e.continuation}
        image = images.get(page.number)
        for region in page.regions:
            rects = []
            for rect in region.rects:
                clipped = clip_rect(rect, page.width, page.height)
                if (abs(clipped.x - rect.x) > EDGE_TOLERANCE
                        or abs(clipped.y - rect.y) > EDGE_TOLERANCE
                        or abs(clipped.w - rect.w) > EDGE_TOLERANCE
                        or abs(clipped.h - rect.h) > EDGE_TOLERANCE):
                    warnings.append(f"{page.label}: region of {region.article_id} lies "
                                    "partly outside the page; cut to the page")
                if clipped.w <= 0 or clipped.h <= 0:
                    continue
                rects.append(clipped)
            if not rects:
                continue
            found.setdefault(region.article_id, []).append({
                "page": page.number,
                "continuation": region.article_id in continuations,
                "rects_pt": [_rect_pt(r) for r in rects],
                "rects_px": [rect_to_pixels(r, image) for r in rects] if image else None,
            })
    return found


def _article_entry(view: ArticleView, regions: list[dict[str, Any]]) -> dict[str, Any]:
    pages = sorted(set(view.pages) | {r["page"] for r in regions} | {view.page})
    return {
        "id": view.article_id,
        "page": view.page,
        "pages": pages,
        "lang": view.lang,
        "kicker": view.kicker,
        "title": view.title,
        "subtitle": view.subtitle,
        "byline": view.byline,
        "continued_on": view.continued_on,
        "view": article_view_path(view.article_id),
        "regions": regions,
    }


def build_manifest(layout: IssueLayout, images: list[PageImage], *, dpi: int,
                   image_format: str, site: bool = True) -> dict[str, Any]:
    """The ``issue.json`` content for ``layout`` and the page images written.

    Articles keep the layout's order (reading order, page by page); a region whose
    article has no view and an article without any region are reported in
    ``warnings`` (the reader cannot link them)."""
    by_number = {img.number: img for img in images}
    warnings = list(layout.warnings)
    for page in layout.pages:
        warnings.extend(page.warnings)
    regions = _regions(layout, by_number, warnings)
    known = {view.article_id for view in layout.articles}
    for article_id in sorted(set(regions) - known):
        warnings.append(f"region for unknown article {article_id!r}: no article view")
    articles = []
    for view in layout.articles:
        found = regions.get(view.article_id, [])
        if not found:
            warnings.append(f"article {view.article_id!r} has no region on any page: "
                            "it was not printed and gets no article view")
        entry = _article_entry(view, found)
        if not site or not found:
            # An article that found no place was not printed: publishing it would
            # give a view "刊于" no page, so it has no view (and no search entry).
            entry["view"] = None
        articles.append(entry)
    pages = [_page_entry(p, by_number.get(p.number)) for p in layout.pages]
    if not site:
        for entry in pages:
            entry["html"] = None
    return {
        "format": FORMAT,
        "paper": layout.paper,
        "date": layout.date,
        "lang": layout.lang,
        "title": layout.title,
        "pdf": f"{layout.date}.pdf",
        "index": "index.html" if site else None,
        "images": {"format": "jpeg" if image_format.lower() in ("jpeg", "jpg") else "png",
                   "dpi": dpi, "origin": "top-left, y downwards"},
        "pages": pages,
        "articles": articles,
        "warnings": warnings,
    }


def dumps(manifest: dict[str, Any]) -> str:
    """``manifest`` as UTF-8 JSON text: Chinese kept readable, indented, newline at end."""
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
