"""``epaper import scraped``: one scraped article page (the seed's format) into an
issue folder.

The page is read as the web site printed it: navigation lines, a breadcrumb
(``您的位置:首頁>要聞 > 社會 >``), the title line (引題丨主題——副題), the source and
date line (``來源:聊城日報  2023-01-10 14:22:38``), widgets (``A+A-``, ``分享``), then the
article (編者按, photo file names with their captions on the next line, byline,
indented paragraphs, short unpunctuated lines as 小標題) up to ``【編輯:…】``, and the
site footer. Everything outside title … editor is dropped and not checked.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError, Problem
from ..ingest.limits import MAX_PHOTO_BYTES, file_problem
from .damage import GETA, clean_line, remove_readings
from .writer import (
    ArticleDoc,
    PhotoEntry,
    add_to_issue_yaml,
    article_text,
    clean_input,
    read_utf8,
    safe_id,
    write_text,
)

_SOURCE = re.compile(r"^\s*(?:來源|来源)\s*[:：]\s*(?P<name>.*?)\s+"
                     r"(?P<date>\d{4}-\d{2}-\d{2})(?:\s+[\d:]+)?\s*$")
_SOURCE_LOOSE = re.compile(r"^\s*(?:來源|来源)\s*[:：]")
_BREADCRUMB = re.compile(r"您的位置|当前位置|當前位置")
_EDITOR = re.compile(r"^\s*[【\[](?:責任編輯|责任编辑|編輯|编辑)\s*[:：]\s*"
                     r"(?P<name>[^】\]]*)[】\]]\s*$")
_FOOTER = re.compile(r"^\s*(?:相關推薦|相关推荐|網友評論|网友评论|關於我們|关于我们|版權所有|"
                     r"版权所有)")
_WIDGETS = {"A+A-", "A+", "A-", "分享", "分享到", "打印", "關閉", "关闭", "字號", "字号",
            "收藏", "列印"}
_PHOTO = re.compile(r"^\s*(?P<file>[\w.-]+\.(?:jpe?g|png|gif|webp|tiff?))\s*$", re.I)
_NOTE = re.compile(r"^\s*(?:編者按|编者按)[\s\u00a0\u3000:：]*")
_BYLINE = re.compile(r"^(?:文\s*[/／]\s*[圖图]|[圖图]\s*[/／]\s*文|文|[圖图]|攝影|摄影|"
                     r"(?:本報|本报)(?:記者|记者|通訊員|通讯员)|記者|记者)[\s/／:：\u3000]")
_INDENT = " \t\u3000\u00a0"
_SENTENCE_END = tuple("。！？；：，、…”’」』）)!?;:,")
_SUBHEAD_MAX = 20  # characters; subheads in the seed are 6–9

# A few characters that differ between the scripts and are frequent in news text:
# enough to tell a page's script (the converter made whole pages one or the other).
_TRAD = set("們會個來這為說時報國發對與書長學經動見後過關開實點進現區義權產業務幾")
_SIMP = set("们会个来这为说时报国发对与书长学经动见后过关开实点进现区义权产业务几")

_LABELS = {
    "zh-Hant": {"paper": "報名待補", "section": "要聞", "serial": "刊號待補"},
    "zh-Hans": {"paper": "报名待补", "section": "要闻", "serial": "刊号待补"},
}


@dataclass(frozen=True)
class Scraped:
    """What the importer read from one page, before anything is written."""

    doc: ArticleDoc
    paper: str
    date: str
    problems: tuple[Problem, ...]  # damage (errors) and doubts (warnings)


def detect_lang(text: str) -> str:
    """``zh-Hant`` when traditional-only characters outnumber simplified-only ones."""
    trad = sum(ch in _TRAD for ch in text)
    simp = sum(ch in _SIMP for ch in text)
    return "zh-Hant" if trad > simp else "zh-Hans"


def _strip(text: str) -> str:
    return text.strip(_INDENT)


def split_title(title: str) -> tuple[str, str, str]:
    """引題丨主題——副題 → (kicker, title, subtitle); the subtitle keeps its dash."""
    kicker = ""
    for bar in ("丨", "｜", "|"):
        if bar in title:
            kicker, title = title.split(bar, 1)
            break
    subtitle = ""
    if "——" in title[1:]:
        cut = title.index("——", 1)
        title, subtitle = title[:cut], title[cut:]
    return kicker.strip(), title.strip(), subtitle.strip()


def _is_subhead(text: str) -> bool:
    return 0 < len(text) <= _SUBHEAD_MAX and not text.endswith(_SENTENCE_END) and \
        GETA not in text


def parse_scraped(text: str, path: str, article_id: str) -> Scraped:
    """Read one scraped page; raises InputError when its structure is not found."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    # Structure is recognised on the text without readings (來(lái)源 → 來源).
    plain = [remove_readings(line) for line in lines]
    src_idx = next((i for i, line in enumerate(plain) if _SOURCE_LOOSE.match(line)), None)
    if src_idx is not None:
        title_idx = max((i for i in range(src_idx) if lines[i].strip()), default=None)
    else:
        crumb = next((i for i, line in enumerate(plain) if _BREADCRUMB.search(line)), None)
        start = 0 if crumb is None else crumb + 1
        title_idx = next((i for i in range(start, len(lines)) if lines[i].strip()), None)
    if title_idx is None:
        raise InputError([Problem(path, 0, "no title line found (expected the line "
                                           "before 來源:…, or after 您的位置…)")])
    end = next((i for i in range(title_idx + 1, len(lines)) if _EDITOR.match(plain[i])
                or _FOOTER.match(plain[i])), len(lines))
    problems: list[Problem] = []

    def clean(i: int) -> str:
        cl = clean_line(lines[i])
        for d in cl.damage:
            problems.append(Problem(
                path, i + 1, f"damaged passage {d.raw!r}: about {d.lost} character(s) "
                f"lost{', kept as ' + d.replacement if d.lost else ''}; restore by hand",
                column=d.column))
        return cl.text

    section = ""
    for i in range(title_idx):
        if _BREADCRUMB.search(plain[i]):
            crumbs = [c.strip() for c in re.split(r"[>＞]", clean_line(lines[i]).text)]
            crumbs = [c for c in crumbs[1:] if c]
            section = crumbs[0] if crumbs else ""
    kicker, title, subtitle = split_title(_strip(clean(title_idx)))
    paper = date = ""
    comments = []
    if src_idx is not None:
        source = _strip(clean(src_idx))
        comments.append(f"scraped page: {source}")
        m = _SOURCE.match(source)
        if m:
            paper, date = m.group("name"), m.group("date")

    note = byline = ""
    photos: list[PhotoEntry] = []
    blocks: list[tuple[str, str]] = []
    first = (src_idx if src_idx is not None else title_idx) + 1
    content = [i for i in range(first, end) if lines[i].strip()]
    started = False  # widgets are only dropped before the article starts
    last_subhead = -9  # index in content of the last subhead line
    k = 0
    while k < len(content):
        i = content[k]
        raw = lines[i]
        k += 1
        if not started and _strip(raw) in _WIDGETS:
            continue
        started = True
        photo = _PHOTO.match(raw)
        if photo:
            caption = ""
            if k < len(content) and lines[content[k]][:1] not in _INDENT and not \
                    _PHOTO.match(lines[content[k]]):
                caption = _strip(clean(content[k]))
                k += 1
            photos.append(PhotoEntry(photo.group("file"), caption))
            continue
        text_ = _strip(clean(i))
        if _NOTE.match(text_) and not note and not blocks:
            note = _NOTE.sub("", text_)
            continue
        if not byline and not blocks and _BYLINE.match(text_) and len(text_) <= 60:
            byline = re.sub(r"\s+", " ", text_)
            continue
        if _is_subhead(text_):
            if blocks and blocks[-1][0] == "h" and last_subhead == k - 2:
                blocks[-1] = ("h", blocks[-1][1] + "\n" + text_)  # a two-line subhead
            else:
                blocks.append(("h", text_))
            last_subhead = k - 1
            continue
        blocks.append(("p", text_))
    if blocks and blocks[-1][0] == "h":  # a trailing short line is text, not a subhead
        blocks[-1] = ("p", blocks[-1][1].replace("\n", ""))
    editor = ""
    if end < len(lines):
        m = _EDITOR.match(clean(end))
        if m:
            editor = _strip(m.group("name"))
    body_text = "".join(t for _, t in blocks) + title + note
    lang = detect_lang(body_text)
    if not title:
        problems.append(Problem(path, title_idx + 1, "the title line has no main title"))
    if not blocks:
        problems.append(Problem(path, 0, "no body paragraphs found", severity="warning"))
    doc = ArticleDoc(id=article_id, title=title, kicker=kicker, subtitle=subtitle,
                     editor_note=note, byline=byline, editor=editor, priority=1,
                     lang=lang, section=section, photos=tuple(photos),
                     blocks=tuple(blocks), comments=tuple(comments))
    return Scraped(doc, paper, date, tuple(problems))


def run_import_scraped(file: Path, date: str, out: Path, *, allow_damaged: bool = False,
                       lang: str | None = None, paper: str | None = None,
                       serial: str | None = None, stream=None) -> int:
    """Import one scraped page into the issue folder ``out``; returns the exit code.

    Damaged passages are errors (nothing written, exit 1) unless ``allow_damaged``,
    which keeps each lost character as 〓 and reports them as warnings."""
    err = stream or sys.stderr
    try:
        issue_date = _dt.date.fromisoformat(date)
    except ValueError:
        print(f"epaper: --date {date!r} is not a date (YYYY-MM-DD)", file=err)
        return 2
    try:
        text, hygiene = clean_input(read_utf8(file), str(file))
        scraped = parse_scraped(text, str(file), safe_id(file.stem))
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return 1
    problems = hygiene + list(scraped.problems)
    damage = [p for p in problems if p.severity == "error" and "damaged" in p.message]
    others = [p for p in problems if p.severity == "error" and p not in damage]
    if others or (damage and not allow_damaged):
        for problem in problems:
            print(problem, file=err)
        hint = " (use --allow-damaged to keep them as 〓)" if damage and not others else ""
        print(f"epaper: {file}: {len(damage) + len(others)} problem(s){hint}; nothing "
              f"written", file=err)
        return 1
    doc = scraped.doc
    if lang:
        doc = replace(doc, lang=lang)
    labels = _LABELS[doc.lang if doc.lang in _LABELS else "zh-Hans"]
    if scraped.date and scraped.date != issue_date.isoformat():
        problems.append(Problem(str(file), 0, f"the page is dated {scraped.date}, the "
                                f"issue {issue_date.isoformat()}", severity="warning"))
    photos, copies = [], []
    for photo in doc.photos:
        found = _find_photo(file, out, photo.file)
        if found is None:
            problems.append(Problem(str(file), 0, f"photo {photo.file} not found next to "
                                    f"the page or in {out / 'photos'}; written as a missing "
                                    f"slot", severity="warning"))
        elif found != out / "photos" / photo.file:
            copies.append((found, out / "photos" / photo.file))
        photos.append(PhotoEntry(photo.file, photo.caption, photo.credit, found is None))
    doc = replace(doc, photos=tuple(photos))
    paper_name = paper or (scraped.paper if scraped.paper and GETA not in scraped.paper
                           else "")
    if not paper_name:
        paper_name = labels["paper"]
    create = {"paper": paper_name, "date": issue_date, "number": 0, "total_number": 0,
              "serial": serial or labels["serial"], "lang": doc.lang, "layout": "tabloid"}
    try:  # first, so that a malformed issue.yaml stops the import before any write
        what = add_to_issue_yaml(out / "issue.yaml", doc.id,
                                 doc.section or labels["section"], create)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return 1
    write_text(out / "articles" / f"{doc.id}.md", article_text(doc))
    for source, target in copies:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for problem in problems:
        print(Problem(problem.path, problem.line, problem.message, "warning",
                      problem.column), file=err)
    print(f"epaper: wrote {out / 'articles' / (doc.id + '.md')}; {what}", file=err)
    if what.startswith("created"):
        print(f"epaper: {out / 'issue.yaml'}: fill in number, total_number"
              f"{'' if serial else ', serial'}{'' if paper_name != labels['paper'] else ', paper'}"
              f" (a scraped page does not give them)", file=err)
    return 0


def _find_photo(page: Path, out: Path, name: str) -> Path | None:
    """Where the photo is: already in ``out/photos``, or next to the scraped page
    (or in its ``photos/``), to be copied in; None when nowhere."""
    for candidate in (out / "photos" / name, page.parent / name,
                      page.parent / "photos" / name):
        # Only a plain file within the size limit is copied (a FIFO would hang).
        if candidate.is_file() and not file_problem(candidate, None, MAX_PHOTO_BYTES):
            return candidate
    return None
