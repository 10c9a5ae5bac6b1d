"""issue.yaml: the masthead facts and the pages with their article ids."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Credits, PageSpec, Placement, SourcePos
from . import yamlpos
from .article_md import ARTICLE_ID, read_text
from .fields import Fields
from .limits import MAX_PAGES, MAX_PAPER_CHARS, MAX_SECTION_CHARS
from .problems import Problems

ISSUE_KEYS = ("paper", "date", "number", "total_number", "serial", "publisher", "lang",
              "layout", "weather", "note", "pages")
PAGE_KEYS = ("number", "section", "credits", "articles", "placements")
CREDIT_KEYS = ("editor", "art_editor", "proofreader")
PLACEMENT_KEYS = ("column", "span", "height")
LAYOUT_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class IssueHead:
    """issue.yaml read and checked; ``listed`` maps each listed id to its (page, line)."""

    paper: str
    date: _dt.date | None
    number: int | None
    total_number: int | None
    serial: str
    publisher: str
    lang: str
    layout: str
    weather: str
    note: str
    pages: tuple[PageSpec, ...]
    listed: dict[str, tuple[int, int]]


def read_issue_yaml(path: Path, layouts: Path, problems: Problems) -> IssueHead | None:
    """Parse and validate ``issue.yaml``; None when it cannot be used at all."""
    text = read_text(path, problems, path.parent)
    if text is None:
        return None
    known = len(problems.items)
    data = yamlpos.load(text, path, problems)
    if not isinstance(data, yamlpos.Map):
        if len(problems.items) == known:
            problems.error(path, 1, "issue.yaml must be 'key: value' lines (paper, date, …)")
        return None
    fields = Fields(data, path, problems, "issue.yaml")
    fields.check_keys(ISSUE_KEYS)
    date = fields.date("date", required=True)
    folder = path.parent.name
    if date is not None and _is_iso_date(folder) and folder != date.isoformat():
        fields.error("date", f"date {date.isoformat()} does not match the folder name "
                             f"'{folder}'")
    layout = fields.text("layout", required=True)
    if layout and not LAYOUT_NAME.match(layout):
        # A name, never a path: templates come from layouts/ only.
        fields.error("layout", f"layout '{layout}' must be a template name (letters, "
                               "digits, '-', '_'), not a path")
        layout = ""
    if layout and not (layouts / f"{layout}.yaml").is_file():
        choices = sorted(p.stem for p in layouts.glob("*.yaml")) if layouts.is_dir() else []
        fields.error("layout", f"layout '{layout}' not found in {layouts}"
                               + (f" (have: {', '.join(choices)})" if choices else ""))
    lang = fields.lang("lang", "zh-Hans", required=True)
    pages, listed = _pages(fields, path, problems)
    paper = fields.text("paper", required=True)
    if len(paper) > MAX_PAPER_CHARS:
        fields.error("paper", f"the paper's name has {len(paper)} characters, over the "
                              f"limit of {MAX_PAPER_CHARS} (docs/limits.md)")
    return IssueHead(
        paper=paper, date=date,
        number=fields.integer("number", required=True, minimum=0),
        total_number=fields.integer("total_number", required=True, minimum=0),
        serial=fields.text("serial", required=True), publisher=fields.text("publisher"),
        lang=lang, layout=layout, weather=fields.text("weather"), note=fields.text("note"),
        pages=pages, listed=listed)


def _is_iso_date(name: str) -> bool:
    try:
        _dt.date.fromisoformat(name)
    except ValueError:
        return False
    return True


def _pages(fields: Fields, path: Path,
           problems: Problems) -> tuple[tuple[PageSpec, ...], dict[str, tuple[int, int]]]:
    items = fields.sequence("pages")
    if items is None:
        if "pages" not in fields.map:
            fields.error("pages", "issue.yaml: required key 'pages' is missing")
        return (), {}
    if not items:
        fields.error("pages", "'pages' lists no page")
    if len(items) > MAX_PAGES:
        fields.error("pages", f"{len(items)} pages, over the limit of {MAX_PAGES} "
                              "(docs/limits.md)")
        return (), {}
    pages: list[PageSpec] = []
    listed: dict[str, tuple[int, int]] = {}
    for index, (item, line) in enumerate(zip(items, items.lines, strict=True), start=1):
        if not isinstance(item, yamlpos.Map):
            problems.error(path, line, "each page must be a mapping (number, section, …)")
            continue
        page = _page(item, index, path, problems, listed)
        if page is not None:
            pages.append(page)
    return tuple(pages), listed


def _page(item: yamlpos.Map, index: int, path: Path, problems: Problems,
          listed: dict[str, tuple[int, int]]) -> PageSpec | None:
    fields = Fields(item, path, problems, f"page {index}")
    fields.check_keys(PAGE_KEYS)
    number = fields.integer("number", required=True, minimum=1)
    if number is not None and number != index:
        fields.error("number", f"page number {number} out of order: pages are numbered "
                               f"1..n in order, this is page {index}")
    section = fields.text("section", required=True)
    if len(section) > MAX_SECTION_CHARS:
        fields.error("section", f"the section name has {len(section)} characters, over "
                                f"the limit of {MAX_SECTION_CHARS} (docs/limits.md)")
    credits = Credits()
    credit_map = fields.mapping("credits")
    if credit_map is not None:
        cf = Fields(credit_map, path, problems, "credits")
        cf.check_keys(CREDIT_KEYS)
        credits = Credits(cf.text("editor"), cf.text("art_editor"), cf.text("proofreader"))
    ids: list[str] = []
    id_list = fields.sequence("articles") or yamlpos.Seq(item.line)
    for article_id, line in zip(id_list, id_list.lines, strict=True):
        if not isinstance(article_id, str) or not ARTICLE_ID.match(article_id):
            problems.error(path, line, f"article id {article_id!r} may use only ASCII "
                                       "letters, digits, '-' and '_'")
            continue
        if article_id in listed:
            first_page, first_line = listed[article_id]
            problems.error(path, line, f"article '{article_id}' is listed twice (first on "
                                       f"page {first_page}, line {first_line})")
            continue
        listed[article_id] = (index, line)
        ids.append(article_id)
    placements = _placements(fields, ids, path, problems)
    return PageSpec(number=index, section=section, credits=credits, article_ids=tuple(ids),
                    placements=placements, source=SourcePos(str(path), item.line))


def _placements(fields: Fields, ids: list[str], path: Path,
                problems: Problems) -> tuple[tuple[str, Placement], ...]:
    mapping = fields.mapping("placements")
    if mapping is None:
        return ()
    result = []
    for article_id, value in mapping.items():
        line = mapping.line_of(article_id)
        if article_id not in ids:
            problems.error(path, line, f"placement for '{article_id}', which this page "
                                       "does not list under 'articles'")
            continue
        if not isinstance(value, yamlpos.Map):
            problems.error(path, line, f"placement of '{article_id}' must be "
                                       "{column: N, span: N, height: N}")
            continue
        pf = Fields(value, path, problems, f"placement of '{article_id}'")
        pf.check_keys(PLACEMENT_KEYS)
        column = pf.integer("column", required=True, minimum=1)
        span = pf.integer("span", required=True, minimum=1)
        height = pf.integer("height", minimum=1)
        if column is not None and span is not None:
            result.append((article_id, Placement(column, span, height)))
    return tuple(result)
