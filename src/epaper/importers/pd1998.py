"""``epaper import pd1998``: one day of the People's Daily January 1998 corpus into an
issue folder of 人民日报 (zh-Hans, broadsheet).

The rules that turn the corpus's flattened headlines into the headline system are
documented in docs/archive.md; in short:

- pages keep their real numbers; a page absent from the corpus becomes an empty page
  (numbers have no gaps) and the issue's ``note`` names it;
- page 1 is 要闻, other pages are named 第N版 (the corpus gives no section names);
- ``title`` is the 主题; a ``——`` inside it starts the 副题; the corpus's first
  ``subtitles`` entry is the 副题 (a 副题 follows its title in the source); further
  entries become the 提要题 (``summary``); the 引题, fused into the title in the
  source, is split off only where a rule of :mod:`.pd1998_recover` recognises it;
- the dateline stays at the head of the first paragraph, where the source has it;
- articles without a title are grouped per page into one 简讯 article, at the
  place of the first of them, each brief one paragraph block;
- 期数/总期数 are not in the corpus: both are 0 (unknown), never invented;
- photos: the corpus has only a count and no files: each photo becomes a
  placeholder (``missing: true``, no file) with the caption paragraphs the body
  held; the other recoveries (编者按, 小标题, verse, tables, documents, stray
  fragments) are in :mod:`.pd1998_recover`, and the summary counts each.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..ingest.hygiene import clean_line
from ..ingest.limits import MAX_JSON_DEPTH, MAX_PAGES
from ..ingest.text import normalize
from .pd1998_recover import recover
from .writer import ArticleDoc, article_text, issue_yaml_text, read_utf8, write_text

MAX_DAY_BYTES = 16 << 20  # a corpus day is 60-100 KB; see docs/limits.md

PAPER = "人民日报"
SERIAL = "CN 11-0065"
PUBLISHER = "人民日报社"
BRIEFS_TITLE = "简讯"

_SECTIONS = {1: "要闻"}


@dataclass(frozen=True)
class DayImport:
    """A corpus day turned into what will be written."""

    date: _dt.date
    pages: tuple[tuple[int, str, tuple[str, ...]], ...]  # number, section, article ids
    articles: tuple[ArticleDoc, ...]
    missing_pages: tuple[int, ...]
    warnings: tuple[Problem, ...]
    #: How often each recovery rule fired (pd1998_recover), for the summary.
    recovered: Counter = field(default_factory=Counter)


def _line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of ``needle`` (0 when absent)."""
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else 0


def _str_list(value: object) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _headline(title: str, subtitles: list[str]) -> tuple[str, str, str]:
    """(title, subtitle, summary) by the rule in the module docstring."""
    title = normalize(title).strip()
    subtitle = ""
    if "——" in title[1:]:
        cut = title.index("——", 1)
        title, subtitle = title[:cut], title[cut:]
    rest = [normalize(s).strip() for s in subtitles if s and s.strip()]
    if rest and not subtitle:
        subtitle = rest.pop(0)
    return title, subtitle, "　".join(rest)


def _clean(text: str, where: list[str]) -> str:
    """``text`` with control and invisible characters dropped (their names go to
    ``where``) and line breaks removed: a corpus string is one line of Markdown."""
    cleaned, dropped, _kept = clean_line(text.replace("\r", "").replace("\n", ""))
    where.extend(dropped)
    return cleaned


def json_depth(text: str) -> tuple[int, int]:
    """(deepest nesting of ``[``/``{`` in JSON ``text``, line where it exceeds
    ``MAX_JSON_DEPTH`` or 0): checked before ``json.loads``, which recurses per level."""
    depth = deepest = 0
    in_string = escaped = False
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return deepest, line
        elif ch in "]}":
            depth -= 1
    return deepest, 0


def _priority(rank: int) -> int:
    """The page's first titled article leads (1); the next two are 3; others 5."""
    return 1 if rank == 0 else 3 if rank <= 2 else 5


def convert_day(data: object, text: str, path: str) -> DayImport:
    """Check one parsed corpus day and turn it into articles and pages.

    Raises InputError listing every structural problem (with the line of the
    article's id in the file when it has one)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def bad(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    if not isinstance(data, dict):
        raise InputError([Problem(path, 1, "expected a JSON object with 'date' and 'pages'")])
    try:
        date = _dt.date.fromisoformat(str(data.get("date")))
    except ValueError:
        raise InputError([Problem(path, _line_of(text, '"date"'),
                                  f"'date' {data.get('date')!r} is not an ISO date")]) from None
    pages_in = data.get("pages")
    if not isinstance(pages_in, list) or not pages_in:
        raise InputError([Problem(path, _line_of(text, '"pages"'),
                                  "'pages' must be a non-empty list")])
    by_number: dict[int, list[ArticleDoc]] = {}
    articles: list[ArticleDoc] = []
    seen_ids: dict[str, int] = {}  # article id → its page
    recovered: Counter = Counter()
    for page in pages_in:
        number = page.get("page") if isinstance(page, dict) else None
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            bad(0, f"a page without a valid 'page' number: {str(page)[:60]!r}")
            continue
        if number > MAX_PAGES:
            bad(_line_of(text, f'"page": {number}'), f"page number {number} is over the "
                f"limit of {MAX_PAGES} (docs/limits.md)")
            continue
        if number in by_number:
            bad(0, f"page {number} appears twice")
            continue
        arts = page.get("articles")
        if not isinstance(arts, list):
            bad(0, f"page {number}: 'articles' must be a list")
            continue
        placed: list[ArticleDoc] = []
        briefs: list[tuple[str, ...]] = []
        briefs_at = -1
        rank = 0
        for art in arts:
            aid = art.get("id") if isinstance(art, dict) else None
            if not isinstance(aid, str) or not re.fullmatch(r"[0-9A-Za-z_-]+", aid):
                bad(0, f"page {number}: an article without a valid 'id': {str(art)[:60]!r}")
                continue
            line = _line_of(text, f'"{aid}"')
            if aid in seen_ids:
                bad(line, f"article id {aid} appears twice (first on page "
                          f"{seen_ids[aid]}): each article needs its own id")
                continue
            seen_ids[aid] = number
            paragraphs = _str_list(art.get("paragraphs", None))
            subtitles = _str_list(art.get("subtitles"))
            title, byline = art.get("title"), art.get("byline")
            if "paragraphs" not in art or paragraphs is None:
                bad(line, f"article {aid}: 'paragraphs' missing or not a list of strings")
                continue
            if subtitles is None or not isinstance(title, str | None) or \
                    not isinstance(byline, str | None):
                bad(line, f"article {aid}: 'title', 'subtitles' or 'byline' has the "
                          f"wrong type")
                continue
            dropped: list[str] = []
            paragraphs = [_clean(p, dropped) for p in paragraphs]
            subtitles = [_clean(p, dropped) for p in subtitles]
            title = _clean(title or "", dropped)
            byline = _clean(byline or "", dropped)
            if dropped:
                warnings.append(Problem(path, line, f"article {aid}: invisible character(s) "
                                        f"dropped: {', '.join(dict.fromkeys(dropped))}",
                                        "warning"))
            paras = [normalize(p).strip() for p in paragraphs if p.strip()]
            byline = normalize(byline or "").strip()
            if not title or not title.strip():
                # An untitled brief: its subtitles (rare) and byline stay as text.
                text_ = tuple(normalize(s).strip() for s in subtitles if s.strip())
                text_ += tuple(paras) + ((f"（{byline}）",) if byline else ())
                if not text_:
                    warnings.append(Problem(path, line, f"article {aid} is empty; skipped",
                                            "warning"))
                    continue
                if briefs_at < 0:
                    briefs_at = len(placed)
                briefs.append(text_)
                continue
            head, subtitle, summary = _headline(title, subtitles)
            count = art.get("photo_count") or 0
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                count = 0
            rec = recover(head, paras, count, aid)
            recovered.update(rec.counts)
            warnings.extend(Problem(path, line, note, "warning")
                            for note in rec.notes)
            if not paras:
                warnings.append(Problem(path, line, f"article {aid} has a title but no "
                                        f"body", "warning"))
            placed.append(ArticleDoc(
                id=aid, kicker=rec.kicker, title=rec.title, subtitle=subtitle,
                summary=summary, editor_note=rec.editor_note, byline=byline,
                priority=_priority(rank), photos=tuple(rec.photos),
                blocks=tuple(rec.blocks), kind=rec.kind, document=rec.document))
            rank += 1
        if briefs:
            blocks = tuple(("p", p) for brief in briefs for p in brief)
            group = ArticleDoc(id=f"{date:%Y%m%d}-{number:02d}-briefs", title=BRIEFS_TITLE,
                               priority=5 if placed else 1, blocks=blocks, kind="briefs",
                               comments=(f"{len(briefs)} untitled briefs of page {number}, "
                                         f"grouped in corpus order",))
            placed.insert(briefs_at, group)
        by_number[number] = placed
        articles.extend(placed)
    if problems:
        raise InputError(problems)
    top = max(by_number)
    missing = tuple(n for n in range(1, top + 1) if n not in by_number)
    pages = tuple((n, _SECTIONS.get(n, f"第{n}版"),
                   tuple(a.id for a in by_number.get(n, [])))
                  for n in range(1, top + 1))
    for n in missing:
        warnings.append(Problem(path, 0, f"page {n} is absent from the corpus; written as "
                                f"an empty page", "warning"))
    return DayImport(date, pages, tuple(articles), missing, tuple(warnings), recovered)


def load_day(file: Path) -> DayImport:
    """Read and convert one corpus day file; InputError with file and line on bad input."""
    text = read_utf8(file, MAX_DAY_BYTES)
    _deepest, too_deep = json_depth(text)
    if too_deep:
        raise InputError([Problem(str(file), too_deep, f"JSON nested more than "
                                  f"{MAX_JSON_DEPTH} levels deep (docs/limits.md)")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(str(file), exc.lineno, f"malformed JSON: {exc.msg}",
                                  column=exc.colno)]) from exc
    except RecursionError:  # a deep nesting the scan above missed: still no traceback
        raise InputError([Problem(str(file), 0, "JSON nested too deeply "
                                  "(docs/limits.md)")]) from None
    return convert_day(data, text, str(file))


def issue_files(day: DayImport) -> dict[str, str]:
    """Relative path → text of every file of the issue folder."""
    note = ""
    if day.missing_pages:
        note = ("本期语料缺第" + "、".join(str(n) for n in day.missing_pages) +
                "版，该版留空。")
    meta: dict[str, object] = {
        "paper": PAPER, "date": day.date, "number": 0, "total_number": 0,
        "serial": SERIAL, "publisher": PUBLISHER, "lang": "zh-Hans", "layout": "broadsheet"}
    if note:
        meta["note"] = note
    pages = [{"number": n, "section": section, "articles": list(ids)}
             for n, section, ids in day.pages]
    files = {"issue.yaml": "# 人民日报 from the PKU People's Daily 1998 corpus; "
                           "期数/总期数 unknown (0)\n" + issue_yaml_text(meta, pages)}
    for doc in day.articles:
        files[f"articles/{doc.id}.md"] = article_text(doc)
    return files


def run_import_pd1998(file: Path, out: Path, stream=None) -> int:
    """Import one corpus day into the issue folder ``out``; returns the exit code."""
    err = stream or sys.stderr
    try:
        day = load_day(file)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        print(f"epaper: {file}: {len(exc.problems)} problem(s); nothing written", file=err)
        return 1
    if out.name != day.date.isoformat():
        print(f"warning: {out} is not named after the issue date {day.date}", file=err)
    for rel, content in sorted(issue_files(day).items()):
        write_text(out / rel, content)
    for warning in day.warnings:
        print(warning, file=err)
    print(f"epaper: wrote {out}: {len(day.pages)} pages, {len(day.articles)} articles",
          file=err)
    if day.recovered:
        print("epaper: recovered: " + ", ".join(f"{n} {what}" for what, n in
                                                sorted(day.recovered.items())), file=err)
    return 0
