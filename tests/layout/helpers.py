"""Small synthetic issues for layout tests: articles, plans and a tiny page template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from epaper.display import PageLayout, TextRun
from epaper.layout.config import LayoutConfig, parse_layout
from epaper.model import Article, Credits, Issue, Paragraph, Photo, Placement, Subhead
from epaper.plan import IssuePlan, PageHeader, PagePlan, PlacedArticle

DATE = dt.date(2023, 1, 10)

#: Han characters without punctuation: line counts are exact (n chars per line).
HAN = "春節臨近市民採購年貨的熱情逐漸升溫記者走訪城區多家超市和農貿市場看到糧油肉蛋蔬菜"

#: Roles that carry the article's own characters (Article.text_chars).
CONTENT_ROLES = {"kicker", "title", "subtitle", "summary", "editor_note", "byline", "body",
                 "subhead", "caption"}

SMALL_LAYOUT = """\
name: small
page: {width_mm: 150, height_mm: 140, margin_top_mm: 10}
grid:
  body_size_pt: 9
  line_pitch_pt: 14
  columns: 4
  chars_per_column: 10
  gutter_chars: 1
  lines: 24
zones: {masthead_lines: 4, header_lines: 2}
headline:
  title_sizes: [9, 9, 9, 9]
  lead_bonus_pt: 0
  min_title_pt: 9
  max_title_lines: 2
  pad_lines: 0
styles:
  body:        {face: serif,      size: 9,  leading: 1, align: justify}
  kicker:      {face: serif-bold, size: 9,  leading: 1, align: center}
  title:       {face: sans-bold,  size: 9,  leading: 1, align: center}
  subtitle:    {face: serif-bold, size: 9,  leading: 1, align: center}
  summary:     {face: kai,        size: 9,  leading: 1, align: justify}
  editor_note: {face: kai,        size: 9,  leading: 1, align: justify}
  note_label:  {face: sans-bold,  size: 9,  leading: 1, align: start}
  byline:      {face: kai,        size: 9,  leading: 1, align: start}
  subhead:     {face: sans-bold,  size: 9,  leading: 1, align: center}
  caption:     {face: kai,        size: 8,  leading: 1, align: justify}
  jump:        {face: kai,        size: 8,  leading: 1, align: end}
  jump_title:  {face: sans-bold,  size: 9,  leading: 1, align: start}
  editor:      {face: kai,        size: 8,  leading: 1, align: end}
  header:      {face: serif,      size: 8,  leading: 1, align: start}
  header_paper: {face: sans-bold, size: 9,  leading: 1, align: start}
  header_page: {face: sans-bold,  size: 9,  leading: 1, align: end}
  masthead:    {face: serif-bold, size: 20, leading: 2, align: start}
  masthead_info: {face: serif,    size: 8,  leading: 1, align: start}
  teaser:      {face: serif,      size: 8,  leading: 1, align: start}
  teaser_head: {face: sans-bold,  size: 9,  leading: 1, align: center}
"""


def small_layout() -> LayoutConfig:
    """A 4-column, 24-line page whose heads take one grid line: easy to count."""
    return parse_layout(SMALL_LAYOUT, "small.yaml")


def han(n: int, offset: int = 0) -> str:
    """``n`` Han characters (no punctuation), varied so texts differ."""
    return "".join(HAN[(offset + i * 7) % len(HAN)] for i in range(n))


def article(aid: str, paragraphs: list[int], *, priority: int = 5, title: str = "",
            lang: str = "zh-Hant", subheads: tuple[int, ...] = (), photos=(),
            editor: str = "", byline: str = "", continue_on: int | None = None,
            editor_note: str = "", kicker: str = "") -> Article:
    """A synthetic article: paragraphs of the given lengths, subheads before indexes."""
    body: list = []
    for i, n in enumerate(paragraphs):
        if i in subheads:
            body.append(Subhead((han(5, i + 3),)))
        body.append(Paragraph(han(n, i + len(aid))))
    return Article(id=aid, title=title or han(6, len(aid)), kicker=kicker, body=tuple(body),
                   priority=priority, lang=lang, photos=tuple(photos), editor=editor,
                   byline=byline, continue_on=continue_on, editor_note=editor_note)


def plan(pages: list[list[Article]], layout: str = "tabloid",
         placements: dict[str, Placement] | None = None,
         continue_on: dict[str, int] | None = None, lang: str = "zh-Hant") -> IssuePlan:
    """A plan with one PagePlan per list of articles (no masthead)."""
    placements = placements or {}
    continue_on = continue_on or {}
    arts = [a for page in pages for a in page]
    issue = Issue(paper="聊城日報", date=DATE, number=1, total_number=2, serial="CN 37-0052",
                  lang=lang, layout=layout, pages=(), articles=tuple(arts),
                  root=Path("/nonexistent"))
    page_plans = []
    for number, page in enumerate(pages, 1):
        header = PageHeader(paper="聊城日報", date=DATE, weekday="星期二", number=number,
                            section="要聞", credits=Credits(editor="任玉偉"))
        placed = tuple(PlacedArticle(a, placements.get(a.id), continue_on.get(a.id))
                       for a in page)
        page_plans.append(PagePlan(number=number, section="要聞", lang=lang, header=header,
                                   articles=placed))
    return IssuePlan(issue=issue, pages=tuple(page_plans))


def photo(path: Path, caption: str = "圖說", missing: bool = False) -> Photo:
    """A photo slot for ``path``."""
    return Photo(file=path, caption=caption, missing=missing)


def article_text(pages: tuple[PageLayout, ...], aid: str) -> str:
    """The article's own characters as printed, in drawing order, without spaces."""
    out = []
    for page in pages:
        for item in page.items:
            if isinstance(item, TextRun) and item.article_id == aid \
                    and item.role in CONTENT_ROLES:
                out.append(item.text)
    return "".join("".join(out).split())
