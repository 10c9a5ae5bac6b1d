"""The static reader site: page views with hot zones, article views, archive.

Plain HTML and CSS from Jinja2 templates (``epaper/templates``) plus one small
script; everything a page needs is inlined or linked relatively, so the site works
from ``file://`` as well as from any static web server. The pages are built from
the ``issue.json`` manifest (and the article views from the layout's
:class:`~epaper.display.ArticleView`), never from layout internals.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from ..display import IssueLayout
from .atomic import write_text
from .manifest import FORMAT
from .photos import WebPhoto
from .site_text import chinese_date, interface_text

ASSETS = ("reader.css", "reader.js")
ARCHIVE = "index.html"


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
    return env


def _asset(name: str) -> str:
    return resources.files("epaper").joinpath("templates", "assets", name).read_text("utf-8")


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


def _common(manifest: dict[str, Any], root: str) -> dict[str, Any]:
    lang = manifest["lang"]
    return {
        "lang": lang, "t": interface_text(lang), "paper": manifest["paper"],
        "title": manifest["title"], "date_text": chinese_date(manifest["date"], lang),
        "root": root, "home": f"{root}index.html", "archive": f"{root}../{ARCHIVE}",
    }


def _page_html(env: jinja2.Environment, manifest: dict[str, Any], index: int) -> str:
    pages = manifest["pages"]
    page = pages[index]
    prev = pages[index - 1] if index > 0 else None
    nxt = pages[index + 1] if index + 1 < len(pages) else None
    zones = _zones(manifest, page["number"])
    data = {
        "page": page["number"], "width": page["size_px"]["width"],
        "height": page["size_px"]["height"],
        "prev": prev["html"] if prev else None, "next": nxt["html"] if nxt else None,
        "zones": [{"id": z["id"], "href": z["href"], "title": z["title"],
                   "rects": [[r["x"], r["y"], r["w"], r["h"]] for r in z["rects"]]}
                  for z in zones],
    }
    return env.get_template("page.html").render(
        **_common(manifest, ""), page=page, pages=pages, prev=prev, next=nxt, zones=zones,
        issue_pdf=manifest["pdf"], page_data=inline_json(data))


def _article_html(env: jinja2.Environment, manifest: dict[str, Any], layout: IssueLayout,
                  index: int, photos: tuple[WebPhoto, ...]) -> str:
    view = layout.articles[index]
    articles = manifest["articles"]
    entry = articles[index]
    pages = {p["number"]: p for p in manifest["pages"]}
    home_page = pages.get(entry["page"]) or manifest["pages"][0]
    appears_on = [pages[n] for n in entry["pages"] if n in pages]
    return env.get_template("article.html").render(
        **_common(manifest, "../"), view=view, photos=photos, home_page=home_page,
        appears_on=appears_on,
        prev=articles[index - 1] if index > 0 else None,
        next=articles[index + 1] if index + 1 < len(articles) else None)


def write_site(layout: IssueLayout, manifest: dict[str, Any], out_dir: Path,
               photos: dict[str, tuple[WebPhoto, ...]]) -> list[Path]:
    """Write the reader site of one issue into ``out_dir`` and refresh the archive
    ``out_dir.parent/index.html``. Returns the paths written."""
    env = _environment()
    written = [write_text(out_dir / "assets" / name, _asset(name)) for name in ASSETS]
    for i, page in enumerate(manifest["pages"]):
        html = _page_html(env, manifest, i)
        written.append(write_text(out_dir / page["html"], html))
        if i == 0:
            written.append(write_text(out_dir / "index.html", html))
    for i, view in enumerate(layout.articles):
        html = _article_html(env, manifest, layout, i, photos.get(view.article_id, ()))
        written.append(write_text(out_dir / manifest["articles"][i]["view"], html))
    written.append(write_archive(out_dir.parent, current=(out_dir.name, manifest), env=env))
    return written


def _read_manifests(root: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(root.glob("*/issue.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # a broken or foreign file is not an issue of ours: leave it out
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("index"):
            found[path.parent.name] = data
    return found


def _archive_entry(folder: str, manifest: dict[str, Any]) -> dict[str, Any]:
    first = manifest["pages"][0] if manifest["pages"] else {}
    lang = manifest.get("lang", "zh-Hans")
    return {
        "paper": manifest.get("paper", ""), "date": manifest.get("date", folder),
        "lang": lang, "date_text": chinese_date(manifest.get("date", folder), lang),
        "href": f"{folder}/{manifest['index']}",
        "thumb": f"{folder}/{first['thumb']}" if first.get("thumb") else None,
        "thumb_px": first.get("thumb_px"), "first_label": first.get("label", ""),
        "pages_text": interface_text(lang)["issue_pages"].format(n=len(manifest["pages"])),
        "pdf": f"{folder}/{manifest['pdf']}" if manifest.get("pdf") else None,
    }


def write_archive(root: Path, current: tuple[str, dict[str, Any]] | None = None,
                  env: jinja2.Environment | None = None) -> Path:
    """Write ``root/index.html`` listing every issue folder under ``root`` that has an
    ``issue.json`` with a reader site, newest first. ``current`` (folder name,
    manifest) counts even before its ``issue.json`` is on disk."""
    env = env or _environment()
    manifests = _read_manifests(root)
    if current is not None:
        manifests[current[0]] = current[1]
    entries = []
    for folder, manifest in manifests.items():
        try:
            entries.append(_archive_entry(folder, manifest))
        except (KeyError, TypeError, IndexError, AttributeError):
            continue  # an issue.json of another shape (older format, edited by hand)
    entries.sort(key=lambda e: (str(e["date"]), e["href"]), reverse=True)
    newest = entries[0] if entries else None
    lang = newest["lang"] if newest else "zh-Hans"
    text = interface_text(lang)
    papers = sorted({e["paper"] for e in entries})
    # One paper: "聊城日報 往期報紙"; an output root shared by several papers: "往期回顧".
    heading = text["archive_title"].format(paper=papers[0]) if len(papers) == 1 else text["archive"]
    context = {
        "lang": lang, "t": text, "heading": heading,
        "paper": papers[0] if len(papers) == 1 else text["archive"],
        "title": "", "date_text": "",
        "root": "", "home": newest["href"] if newest else ARCHIVE, "archive": ARCHIVE,
        "issues": entries, "css": markupsafe.Markup(_asset("reader.css")),
    }
    return write_text(root / ARCHIVE, env.get_template("archive.html").render(**context))
