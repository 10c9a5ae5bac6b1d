"""The archive of an output root: 往期 calendars, ``archive.js`` and the search page.

Every build refreshes three files next to the issue folders, from the ``issue.json``
files it finds there:

- ``index.html``: for each paper its own archive (heading, a month grid per month
  with the days that have an issue linked, the issues newest first);
- ``archive.js``: the same list as data, which the reader pages load to keep their
  前一天/後一天 links current after later days are built (a script, because
  browsers refuse ``fetch()`` under ``file://``);
- ``search.html``: full-text search over every issue's ``search.js``.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from .atomic import write_text
from .manifest import FORMAT
from .site_search import INDEX_NAME, fold_pairs
from .site_text import chinese_date, interface_text

ARCHIVE = "index.html"
ARCHIVE_DATA = "archive.js"
SEARCH_PAGE = "search.html"


def asset(name: str) -> str:
    """The text of ``templates/assets/<name>``."""
    return resources.files("epaper").joinpath("templates", "assets", name).read_text("utf-8")


def paper_anchor(paper: str) -> str:
    """The id of a paper's section in the archive (``paper-聊城日報``)."""
    return "paper-" + "-".join(paper.split())


def read_manifests(root: Path) -> dict[str, dict[str, Any]]:
    """Folder name → ``issue.json`` of every issue under ``root`` with a reader site."""
    found = {}
    for path in sorted(root.glob("*/issue.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # a broken or foreign file is not an issue of ours: leave it out
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("index"):
            found[path.parent.name] = data
    return found


def archive_entry(folder: str, manifest: dict[str, Any]) -> dict[str, Any]:
    """What the archive shows of one issue; paths relative to the output root.
    Raises KeyError/TypeError/IndexError for an ``issue.json`` of another shape."""
    first = manifest["pages"][0] if manifest["pages"] else {}
    lang = manifest.get("lang", "zh-Hans")
    date = str(manifest.get("date", folder))
    return {
        "folder": folder, "paper": manifest.get("paper", ""), "date": date,
        "lang": lang, "date_text": chinese_date(date, lang),
        "href": f"{folder}/{manifest['index']}",
        "thumb": f"{folder}/{first['thumb']}" if first.get("thumb") else None,
        "thumb_webp": [{**w, "src": f"{folder}/{w['src']}"}
                       for w in first.get("thumb_webp") or []],
        "thumb_px": first.get("thumb_px"), "first_label": first.get("label", ""),
        "pages_text": interface_text(lang)["issue_pages"].format(n=len(manifest["pages"])),
        "pdf": f"{folder}/{manifest['pdf']}" if manifest.get("pdf") else None,
        "search": f"{folder}/{INDEX_NAME}",
    }


def collect_entries(root: Path, current: tuple[str, dict[str, Any]] | None = None,
                    ) -> list[dict[str, Any]]:
    """Archive entries of every issue under ``root``, newest first. ``current``
    (folder name, manifest) counts even before its ``issue.json`` is on disk."""
    manifests = read_manifests(root)
    if current is not None:
        manifests[current[0]] = current[1]
    entries = []
    for folder, manifest in manifests.items():
        try:
            entries.append(archive_entry(folder, manifest))
        except (KeyError, TypeError, IndexError, AttributeError):
            continue  # an issue.json of another shape (older format, edited by hand)
    entries.sort(key=lambda e: (e["date"], e["href"]), reverse=True)
    return entries


def neighbours(entries: list[dict[str, Any]], folder: str,
               ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The issues of the same paper just before and after ``folder`` (by date)."""
    this = next((e for e in entries if e["folder"] == folder), None)
    if this is None:
        return None, None
    same = sorted((e for e in entries if e["paper"] == this["paper"]),
                  key=lambda e: (e["date"], e["folder"]))
    i = same.index(this)
    return (same[i - 1] if i > 0 else None), (same[i + 1] if i + 1 < len(same) else None)


def month_grids(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One month grid per month with an issue, newest month first: ``weeks`` of seven
    cells (Monday first), each ``None`` outside the month or ``{"day", "issue"}``."""
    by_day: dict[_dt.date, dict[str, Any]] = {}
    for entry in entries:
        try:
            day = _dt.date.fromisoformat(entry["date"])
        except ValueError:
            continue  # a folder without an ISO date is listed, but has no calendar day
        by_day.setdefault(day, entry)
    months = sorted({(d.year, d.month) for d in by_day}, reverse=True)
    grids = []
    cal = calendar.Calendar(firstweekday=0)  # Chinese calendars start on Monday
    for year, month in months:
        weeks = [[None if d == 0 else
                  {"day": d, "issue": by_day.get(_dt.date(year, month, d))} for d in week]
                 for week in cal.monthdayscalendar(year, month)]
        grids.append({"year": year, "month": month, "id": f"{year:04d}-{month:02d}",
                      "weeks": weeks})
    return grids


def _common(text: dict[str, str], lang: str, favicon: str) -> dict[str, Any]:
    return {"lang": lang, "t": text, "title": "", "date_text": "", "root": "",
            "archive": ARCHIVE, "search": SEARCH_PAGE, "favicon": favicon,
            "day_nav": None, "css": markupsafe.Markup(asset("reader.css"))}


def write_archive(root: Path, env: jinja2.Environment, favicon: str,
                  entries: list[dict[str, Any]]) -> list[Path]:
    """Write ``index.html``, ``archive.js`` and ``search.html`` into ``root`` for
    ``entries`` (newest first). Returns the paths written."""
    newest = entries[0] if entries else None
    lang = newest["lang"] if newest else "zh-Hans"
    text = interface_text(lang)
    papers = []
    for name in sorted({e["paper"] for e in entries}):
        mine = [e for e in entries if e["paper"] == name]
        papers.append({"name": name, "anchor": paper_anchor(name), "issues": mine,
                       "months": month_grids(mine),
                       "heading": text["archive_title"].format(paper=name)})
    single = len(papers) == 1
    # One paper: "聊城日報 往期報紙"; several share the root: "往期回顧", a section each.
    heading = papers[0]["heading"] if single else text["archive"]
    common = _common(text, lang, favicon)
    common.update(paper=papers[0]["name"] if single else text["archive"],
                  home=newest["href"] if newest else ARCHIVE)
    weekdays = text["weekday_short"].split()
    written = [write_text(root / ARCHIVE, env.get_template("archive.html").render(
        **common, heading=heading, papers=papers, single=single, weekdays=weekdays))]
    # An issue built before search existed has no index: the search page skips it.
    data = {"issues": [{"paper": e["paper"], "date": e["date"], "date_text": e["date_text"],
                        "href": e["href"],
                        "search": e["search"] if (root / e["search"]).is_file() else None}
                       for e in sorted(entries, key=lambda e: (e["date"], e["folder"]))]}
    written.append(write_text(root / ARCHIVE_DATA, (
        "/* epaper archive: every issue of this folder (see epaper/render/site_archive.py) */\n"
        "window.EPAPER_ARCHIVE = " + json.dumps(data, ensure_ascii=False, indent=0) + ";\n")))
    search_heading = (text["search_title"].format(paper=papers[0]["name"]) if single
                      else text["search_title_all"])
    written.append(write_text(root / SEARCH_PAGE, env.get_template("search.html").render(
        **common, heading=search_heading, script=markupsafe.Markup(asset("search.js")),
        fold=fold_pairs())))
    return written
