"""Job A of ``make bench``: the same text and page geometry for every system.

A3 pages, 6 columns of 12 characters at 9.5 pt on a 14.25 pt pitch with
1.5-character gutters, 77 lines; the seed article's body (the restored 聊城日報 police
day story, ``issues/2023-01-10/articles/police-day.md``, itself recovered from
``../shared/seed``) repeated 29 times, each repeat one article with a numbered title;
no photos. Every system gets its own native input, generated here:

* epaper: a layout file ``layouts/bench-a3.yaml`` and an issue folder;
* Typst: one ``.typ`` document;
* ReportLab platypus: a JSON description its runner script turns into flowables;
* WeasyPrint: one HTML file with its CSS.

All of them use the bundled Noto Serif CJK TC (body) and Noto Sans CJK TC Bold
(titles) from ``fonts/``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "issues" / "2023-01-10" / "articles" / "police-day.md"
FONTS = ROOT / "fonts"

REPEATS = 29
# The text is cut into articles two to a page: epaper places whole articles (an
# article longer than half a page would have to jump, and a page holding a jump's
# tail and a new jump is beyond the layout today). Two of them fill an epaper page.
ARTICLES = 34
EPAPER_PAGES = ARTICLES // 2
MM = 72 / 25.4
PAGE_W, PAGE_H = 297 * MM, 420 * MM  # A3
SIZE = 9.5  # pt
PITCH = 14.25  # pt: baseline to baseline
COLUMNS = 6
CHARS = 12  # per column
GUTTER = 1.5  # characters
LINES = 77
COL_W = CHARS * SIZE
GUTTER_W = GUTTER * SIZE
TYPE_W = COLUMNS * COL_W + (COLUMNS - 1) * GUTTER_W
TYPE_H = LINES * PITCH
LEFT = (PAGE_W - TYPE_W) / 2
TOP = 16 * MM  # the epaper layout's margin_top_mm: the others use the same
TITLE_SIZE = 14.25  # pt: one title on two grid lines in every system
BODY_FONT = "Noto Serif CJK TC"
TITLE_FONT = "Noto Sans CJK TC"


@dataclass(frozen=True)
class Article:
    """One repeat: a title and its paragraphs (subheads are paragraphs too)."""

    title: str
    paragraphs: tuple[str, ...]


def seed_paragraphs() -> tuple[str, ...]:
    """The seed article's body: paragraphs, two-line subheads joined with a space."""
    text = SEED.read_text(encoding="utf-8").split("---", 2)[2]
    paras = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        lines = [ln.removeprefix("## ").strip() for ln in block.splitlines()]
        paras.append("\u3000".join(lines) if block.startswith("## ") else "".join(lines))
    return tuple(paras)


def articles(count: int = ARTICLES) -> list[Article]:
    """The 29 repeats' paragraphs in order, cut at paragraph ends into ``count``
    articles of about equal length, each with a numbered title."""
    paras = [p for _ in range(REPEATS) for p in seed_paragraphs()]
    total = sum(len(p) for p in paras)
    groups: list[list[str]] = [[]]
    done = 0
    for para in paras:
        # Start the next article once this one has its share of the text.
        if groups[-1] and done >= total * len(groups) / count and len(groups) < count:
            groups.append([])
        groups[-1].append(para)
        done += len(para)
    return [Article(f"矢志不渝做忠誠衛士（{n}）", tuple(g)) for n, g in enumerate(groups, 1)]


def body_chars() -> int:
    """Characters of body text in the job (titles not counted)."""
    return sum(len(p) for a in articles() for p in a.paragraphs)


# --- epaper -----------------------------------------------------------------------

LAYOUT_YAML = f"""\
# Job A of benchmarks/: A3, 6 columns of 12 characters at 9.5 pt on 14.25 pt, 77 lines.
name: bench-a3
page:
  width_mm: 297
  height_mm: 420
  margin_top_mm: 16
grid:
  body_size_pt: {SIZE}
  line_pitch_pt: {PITCH}
  columns: {COLUMNS}
  chars_per_column: {CHARS}
  gutter_chars: {GUTTER}
  lines: {LINES}
zones:
  masthead_lines: 8
  header_lines: 2
headline:
  title_sizes: [14.25, 14.25, 14.25, 14.25, 14.25, 14.25]
  lead_bonus_pt: 0
  min_title_pt: 14.25
  max_title_lines: 1
  pad_lines: 0
rules:
  min_column_lines: 6
  photo_dpi: 150
  photo_min_dpi: 100
  photo_share: 0.34
  head_air_lines: 0
styles:
  body:        {{face: serif,      size: {SIZE},  leading: 1,   align: justify}}
  kicker:      {{face: serif-bold, size: 12,   leading: 1.4, align: center}}
  title:       {{face: sans-bold,  size: {TITLE_SIZE}, leading: 2, align: center}}
  subtitle:    {{face: serif-bold, size: 11,   leading: 1.3, align: center}}
  summary:     {{face: kai,        size: 10,   leading: 1.2, align: justify}}
  editor_note: {{face: kai,        size: 9,    leading: 1,   align: justify}}
  note_label:  {{face: sans-bold,  size: 9,    leading: 1,   align: start}}
  byline:      {{face: kai,        size: 9,    leading: 1,   align: start}}
  subhead:     {{face: serif,      size: {SIZE},  leading: 1,   align: justify}}
  caption:     {{face: kai,        size: 8,    leading: 1,   align: justify}}
  jump:        {{face: kai,        size: 8,    leading: 1,   align: end}}
  jump_title:  {{face: sans-bold,  size: 11,   leading: 1.5, align: start}}
  editor:      {{face: kai,        size: 8,    leading: 1,   align: end}}
  header:      {{face: serif,      size: 8.5,  leading: 1,   align: start}}
  header_paper: {{face: sans-bold, size: 13,   leading: 2,   align: start}}
  header_page: {{face: sans-bold,  size: 13,   leading: 2,   align: end}}
  masthead:    {{face: serif-bold, size: 40,   leading: 4,   align: start}}
  masthead_info: {{face: serif,    size: 9,    leading: 1,   align: start}}
  teaser:      {{face: serif,      size: 9,    leading: 1,   align: start}}
  teaser_head: {{face: sans-bold,  size: 11,   leading: 1.5, align: center}}
"""


def page_plan(count: int = ARTICLES, pages: int = EPAPER_PAGES) -> list[list[int]]:
    """Article indices per epaper page: consecutive, as evenly as whole articles go."""
    return [list(range(page * count // pages, (page + 1) * count // pages))
            for page in range(pages)]


def write_epaper(out: Path) -> Path:
    """Write ``out/bench-a3.yaml`` and the issue folder ``out/issue/``; return the
    issue folder. The issue names its template ``bench-a3``: run epaper with
    ``EPAPER_LAYOUTS=out`` (an issue names templates, never paths)."""
    issue = out / "issue"
    (issue / "articles").mkdir(parents=True, exist_ok=True)
    (out / "bench-a3.yaml").write_text(LAYOUT_YAML, encoding="utf-8")
    layout_name = "bench-a3"
    arts = articles()
    lines = ["paper: 基準日報", "date: 2023-01-10", "number: 1", "lang: zh-Hant",
             "total_number: 1", "serial: CN 00-0000", f"layout: {layout_name}", "pages:"]
    for number, indices in enumerate(page_plan(), start=1):
        ids = ", ".join(f"a{i + 1:02d}" for i in indices)
        lines += [f"  - number: {number}", "    section: 基準", f"    articles: [{ids}]"]
    (issue / "issue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i, art in enumerate(arts):
        body = "\n\n".join(art.paragraphs)
        (issue / "articles" / f"a{i + 1:02d}.md").write_text(
            f"---\ntitle: {art.title}\n---\n{body}\n", encoding="utf-8")
    return issue


# --- Typst ------------------------------------------------------------------------

def typst_source() -> str:
    """The whole job as one Typst document (fonts from ``--font-path fonts/``)."""
    def esc(text: str) -> str:
        return re.sub(r"([\\#*_`$<>@\[\]~\"/=+-])", r"\\\1", text)

    head = f"""#set page(width: {PAGE_W:.3f}pt, height: {PAGE_H:.3f}pt,
  margin: (left: {LEFT:.3f}pt, right: {LEFT:.3f}pt, top: {TOP:.3f}pt,
           bottom: {PAGE_H - TOP - TYPE_H:.3f}pt),
  columns: {COLUMNS})
#set columns(gutter: {GUTTER_W}pt)
#set text(font: "{BODY_FONT}", size: {SIZE}pt, lang: "zh", region: "tw",
  top-edge: "ascender", bottom-edge: "descender")
#set par(justify: true, leading: {PITCH - SIZE}pt, spacing: {PITCH - SIZE}pt,
  first-line-indent: (amount: 2em, all: true))
#show heading: it => block(above: {PITCH - SIZE}pt, below: {PITCH - SIZE}pt,
  align(center, text(font: "{TITLE_FONT}", weight: "bold", size: {TITLE_SIZE}pt, it.body)))
"""
    parts = [head]
    for art in articles():
        parts.append(f"= {esc(art.title)}\n")
        parts.extend(esc(p) + "\n" for p in art.paragraphs)
    return "\n".join(parts)


def write_typst(out: Path) -> Path:
    """Write ``out/job-a.typ``."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "job-a.typ"
    path.write_text(typst_source(), encoding="utf-8")
    return path


# --- ReportLab platypus -----------------------------------------------------------

def write_platypus(out: Path) -> Path:
    """Write ``out/job-a.json``: the page geometry and the articles, for
    ``benchmarks/peer_platypus.py``."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "job-a.json"
    path.write_text(json.dumps({
        "page": [PAGE_W, PAGE_H], "left": LEFT, "top": TOP, "columns": COLUMNS,
        "col_w": COL_W, "gutter_w": GUTTER_W, "type_h": TYPE_H, "size": SIZE,
        "pitch": PITCH, "title_size": TITLE_SIZE,
        "body_font": str(FONTS / "serif-tc.ttf"), "title_font": str(FONTS / "sans-bold-tc.ttf"),
        "articles": [{"title": a.title, "paragraphs": a.paragraphs} for a in articles()],
    }, ensure_ascii=False), encoding="utf-8")
    return path


# --- WeasyPrint -------------------------------------------------------------------

def weasy_html() -> str:
    """The whole job as one HTML document with its CSS."""
    from html import escape

    css = f"""
@font-face {{ font-family: body; src: url("{(FONTS / 'serif-tc.ttf').as_uri()}"); }}
@font-face {{ font-family: title; font-weight: bold;
             src: url("{(FONTS / 'sans-bold-tc.ttf').as_uri()}"); }}
@page {{ size: {PAGE_W:.3f}pt {PAGE_H:.3f}pt;
        margin: {TOP:.3f}pt {LEFT:.3f}pt {PAGE_H - TOP - TYPE_H:.3f}pt {LEFT:.3f}pt; }}
body {{ margin: 0; columns: {COLUMNS}; column-gap: {GUTTER_W}pt; column-fill: auto;
       font-family: body; font-size: {SIZE}pt; line-height: {PITCH}pt; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
h1 {{ margin: 0; font-family: title; font-weight: bold; font-size: {TITLE_SIZE}pt;
     line-height: {2 * PITCH}pt; text-align: center; }}
"""
    parts = [f'<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">'
             f"<style>{css}</style></head><body>"]
    for art in articles():
        parts.append(f"<h1>{escape(art.title)}</h1>")
        parts.extend(f"<p>{escape(p)}</p>" for p in art.paragraphs)
    parts.append("</body></html>")
    return "\n".join(parts)


def write_weasy(out: Path) -> Path:
    """Write ``out/job-a.html``."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "job-a.html"
    path.write_text(weasy_html(), encoding="utf-8")
    return path
