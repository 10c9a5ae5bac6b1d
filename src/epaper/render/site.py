"""The static reader site: page views with hot zones, article views, archive.

Plain HTML and CSS from Jinja2 templates (``epaper/templates``) plus one small
script; everything a page needs is inlined or linked relatively, so the site works
from ``file://`` as well as from any static web server. The pages are built from
the ``issue.json`` manifest (and the article views from the layout's
:class:`~epaper.display.ArticleView`), never from layout internals.

Nothing essential needs the script: hot zones are links positioned in percent over
the page image, pages, days and the archive are plain links. The script adds the
highlight under the pointer, zoom, A+/A−, search and the freshest 前一天/後一天.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import markupsafe

from ..display import IssueLayout
from .atomic import write_text
from .photos import WebPhoto
from .site_archive import (
    ARCHIVE,
    SEARCH_PAGE,
    asset,
    collect_entries,
    neighbours,
    paper_anchor,
)
from .site_archive import write_archive as _write_archive_files
from .site_search import write_search_index
from .site_share import qr_svg
from .site_text import chinese_date, interface_text

ASSETS = ("reader.css", "reader.js")
# The page image's shown width, for the browser's choice from srcset: the whole width
# of a phone (one column below 1000 px), else at most about 600 CSS px (the image fits
# the window's height; see .page-image in reader.css).
PAGE_SIZES = "(max-width: 1000px) 100vw, 600px"
THUMB_SIZES = "(max-width: 1000px) 120px, 180px"


def _srcset(images: list[dict[str, Any]], prefix: str = "") -> str:
    return ", ".join(f"{prefix}{im['src']} {im['width']}w" for im in images)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("epaper", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build, loudly
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["pct"] = lambda v, whole: f"{100 * v / whole:.4f}" if whole else "0"
    env.globals["srcset"] = _srcset
    return env


def favicon(paper: str) -> str:
    """A data: URI icon, the paper's first character in white on the masthead's red
    (no file to request, so it works from ``file://`` and adds no bytes to fetch)."""
    char = markupsafe.escape(paper[:1] or "報")
    svg = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>"
           "<rect width='32' height='32' rx='5' fill='#a4161a'/>"
           "<text x='16' y='25' font-size='23' text-anchor='middle' fill='#fff' "
           f"font-family='serif'>{char}</text></svg>")
    return "data:image/svg+xml," + quote(svg, safe="/:=' ")


def inline_json(data: Any) -> markupsafe.Markup:
    """``data`` as JSON safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return markupsafe.Markup(text)


def _zones(manifest: dict[str, Any], number: int) -> list[dict[str, Any]]:
    """The hot zones of page ``number``, in the page's reading order."""
    page = next(p for p in manifest["pages"] if p["number"] == number)
    order = {entry["id"]: i for i, entry in enumerate(page["articles"])}
    zones = []
    for article in manifest["articles"]:
        if not article["view"]:
            continue
        for region in article["regions"]:
            if region["page"] != number or not region["rects_px"]:
                continue
            label = "　".join(x for x in (article["kicker"], article["title"]) if x)
            zones.append({
                "id": article["id"], "title": article["title"], "kicker": article["kicker"],
                "label": label, "href": article["view"],
                "continuation": region["continuation"], "rects": region["rects_px"],
            })
    # Articles the page lists first come first; the rest keep the manifest's order.
    return sorted(zones, key=lambda z: order.get(z["id"], len(order)))


def _day_nav(entries: list[dict[str, Any]], folder: str, up: str) -> dict[str, Any] | None:
    """前一天/往期/後一天 for the issue in ``folder``; ``up`` leads to the output root."""
    this = next((e for e in entries if e["folder"] == folder), None)
    if this is None:
        return None
    before, after = neighbours(entries, folder)

    def link(entry: dict[str, Any] | None) -> dict[str, str] | None:
        if entry is None:
            return None
        return {"href": f"{up}{entry['href']}", "label": entry["date_text"].split()[0]}

    return {"date": this["date"], "up": up, "prev": link(before), "next": link(after),
            "calendar": f"{up}{ARCHIVE}#{paper_anchor(this['paper'])}"}


class _Site:
    """What every view of one issue shares: templates, manifest, archive entries."""

    def __init__(self, manifest: dict[str, Any], folder: str,
                 entries: list[dict[str, Any]], site_url: str | None) -> None:
        self.env = _environment()
        self.manifest = manifest
        self.folder = folder
        self.entries = entries
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.favicon = favicon(manifest["paper"])

    def common(self, root: str) -> dict[str, Any]:
        """Template context of a view ``root`` away from the issue folder."""
        m = self.manifest
        lang = m["lang"]
        up = f"{root}../"
        return {
            "lang": lang, "t": interface_text(lang), "paper": m["paper"],
            "title": m["title"], "date_text": chinese_date(m["date"], lang),
            "root": root, "home": f"{root}index.html",
            "archive": f"{up}{ARCHIVE}#{paper_anchor(m['paper'])}",
            "search": f"{up}{SEARCH_PAGE}", "favicon": self.favicon,
            "day_nav": _day_nav(self.entries, self.folder, up),
        }

    def page_html(self, index: int) -> str:
        """The page view of ``manifest["pages"][index]``."""
        m = self.manifest
        pages = m["pages"]
        page = pages[index]
        prev = pages[index - 1] if index > 0 else None
        nxt = pages[index + 1] if index + 1 < len(pages) else None
        zones = _zones(m, page["number"])
        data = {
            "page": page["number"], "width": page["size_px"]["width"],
            "height": page["size_px"]["height"],
            "prev": prev["html"] if prev else None, "next": nxt["html"] if nxt else None,
            "zones": [{"id": z["id"], "href": z["href"], "title": z["title"],
                       "rects": [[r["x"], r["y"], r["w"], r["h"]] for r in z["rects"]]}
                      for z in zones],
        }
        return self.env.get_template("page.html").render(
            **self.common(""), page=page, pages=pages, prev=prev, next=nxt, zones=zones,
            issue_pdf=m["pdf"], page_data=inline_json(data),
            page_sizes=PAGE_SIZES, thumb_sizes=THUMB_SIZES)

    def article_html(self, layout: IssueLayout, index: int, published: list[int],
                     photos: tuple[WebPhoto, ...]) -> str:
        """The article view of ``layout.articles[index]``; ``published`` are the
        indices of the articles with a view (上一篇/下一篇 skip the others)."""
        view = layout.articles[index]
        articles = self.manifest["articles"]
        entry = articles[index]
        pages = {p["number"]: p for p in self.manifest["pages"]}
        home_page = pages.get(entry["page"]) or self.manifest["pages"][0]
        appears_on = [pages[n] for n in sorted({r["page"] for r in entry["regions"]})
                      if n in pages]
        at = published.index(index)
        prev = articles[published[at - 1]] if at > 0 else None
        nxt = articles[published[at + 1]] if at + 1 < len(published) else None
        if self.site_url:
            permalink = f"{self.site_url}{quote(self.folder)}/{entry['view']}"
            qr = qr_svg(permalink)
        else:
            # No site address given: the link is relative (the script shows the
            # address the reader has open) and a QR code would have nothing to encode.
            permalink, qr = f"{view.article_id}.html", None
        return self.env.get_template("article.html").render(
            **self.common("../"), view=view, photos=photos, home_page=home_page,
            appears_on=appears_on, prev=prev, next=nxt, permalink=permalink, qr_svg=qr)


def write_site(layout: IssueLayout, manifest: dict[str, Any], out_dir: Path,
               photos: dict[str, tuple[WebPhoto, ...]], site_url: str | None = None,
               ) -> list[Path]:
    """Write the reader site of one issue into ``out_dir`` and refresh the archive
    files of ``out_dir.parent`` (index.html, archive.js, search.html). ``site_url``
    is the address the output root is published at (for permalinks and QR codes).
    Returns the paths written."""
    entries = collect_entries(out_dir.parent, current=(out_dir.name, manifest))
    site = _Site(manifest, out_dir.name, entries, site_url)
    written = [write_text(out_dir / "assets" / name, asset(name)) for name in ASSETS]
    for i, page in enumerate(manifest["pages"]):
        html = site.page_html(i)
        written.append(write_text(out_dir / page["html"], html))
        if i == 0:
            written.append(write_text(out_dir / "index.html", html))
    published = [i for i, a in enumerate(manifest["articles"]) if a["view"]]
    for i in published:
        view = layout.articles[i]
        html = site.article_html(layout, i, published, photos.get(view.article_id, ()))
        written.append(write_text(out_dir / manifest["articles"][i]["view"], html))
    views = {v.article_id: v for v in layout.articles}
    written.append(write_search_index(out_dir, manifest, views))
    written.extend(_write_archive_files(out_dir.parent, site.env, site.favicon, entries))
    return written


def write_archive(root: Path, current: tuple[str, dict[str, Any]] | None = None,
                  env: jinja2.Environment | None = None) -> Path:
    """Refresh the archive files of the output root ``root`` (index.html, archive.js,
    search.html) from the issues found there; ``current`` (folder name, manifest)
    counts even before its ``issue.json`` is on disk. Returns the index.html path."""
    entries = collect_entries(root, current)
    paper = entries[0]["paper"] if entries else ""
    return _write_archive_files(root, env or _environment(), favicon(paper), entries)[0]
