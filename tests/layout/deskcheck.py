"""The desk check as a test helper: what a layout desk looks at before a page goes to
the plant, measured on a built issue (docs/layouts.md, "The desk check").

For an issue folder it lays the issue out, writes the print PDF into a temporary
folder and reads its text back with pypdfium2, then counts:

- holes: white squares of 25 × 25 mm or more in a page's text area, outside head air
  (the layout's own preflight, :func:`epaper.layout.preflight.find_holes`);
- missing: characters of an article's copy not printed (display list, per article),
  and characters of a page's display list that its PDF text does not give back;
- off_page: articles whose first page is not the one issue.yaml gives them;
- spread: articles printed on more than two pages;
- unsigned_jumps: a jump without its 下轉第N版 / 上接第N版 lines;
- outside: text or a photo of an article drawn outside its blocks (an overprint);
- hierarchy: a page lead whose 主題 is smaller than another 主題 of its page, or a
  主題 anywhere larger than page 1's lead;
- broken_heads: 主題 broken inside a word;
- booked: positions booked for an ad because the copy cannot fill the page.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from epaper.assemble import assemble
from epaper.build import BuildOptions
from epaper.display import Image, IssueLayout, TextRun
from epaper.ingest import load_issue
from epaper.layout import layout_issue
from epaper.model import Issue
from epaper.render import render_issue

#: Roles whose characters are an article's own copy (Article.text_chars).
COPY_ROLES = {"kicker", "title", "subtitle", "summary", "editor_note", "byline", "body",
              "subhead", "caption"}
_BLANK = re.compile(r"\s+")


@dataclass
class DeskReport:
    """The desk check of one issue: counts and, for each failure, a line saying where."""

    pages: int = 0
    holes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    off_page: list[str] = field(default_factory=list)
    spread: list[str] = field(default_factory=list)
    broken_heads: list[str] = field(default_factory=list)
    booked: list[str] = field(default_factory=list)
    unsigned_jumps: list[str] = field(default_factory=list)
    hierarchy: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    jumps: int = 0

    @property
    def failures(self) -> list[str]:
        """Every finding that stops a page going to the plant (booked space does not)."""
        return (self.holes + self.missing + self.off_page + self.spread
                + self.broken_heads + self.unsigned_jumps + self.hierarchy + self.outside)


def desk_check(issue_dir: Path) -> DeskReport:
    """Lay out and print ``issue_dir``, then check it as a desk would."""
    issue = load_issue(issue_dir)
    layout = layout_issue(assemble(issue))
    with tempfile.TemporaryDirectory() as tmp:
        render_issue(layout, Path(tmp), BuildOptions(images=False, site=False))
        pdf_pages = pdf_text(Path(tmp) / f"{issue.date.isoformat()}.pdf")
    return check_layout(issue, layout, pdf_pages)


def check_layout(issue: Issue, layout: IssueLayout, pdf_pages: list[str]) -> DeskReport:
    """The desk check of a laid-out issue whose PDF gave ``pdf_pages`` (text per page)."""
    report = DeskReport(pages=len(layout.pages))
    planned = {a: page.number for page in issue.pages for a in page.article_ids}
    printed: Counter[str] = Counter()
    for page, text in zip(layout.pages, pdf_pages, strict=True):
        rep = page.report
        report.holes += [f"第{page.number}版: hole {h.w:.0f} × {h.h:.0f} mm at "
                         f"({h.x:.0f}, {h.y:.0f}) mm" for h in rep.holes]
        report.broken_heads += [f"第{page.number}版: {a}" for a in rep.broken_heads]
        report.booked += [f"第{page.number}版: {r.w * 25.4 / 72:.0f} × "
                          f"{r.h * 25.4 / 72:.0f} mm" for r in rep.booked]
        report.jumps += len(rep.jumps)
        drawn: Counter[str] = Counter()
        for item in page.items:
            if isinstance(item, TextRun):
                chars = _BLANK.sub("", item.text)
                drawn.update(chars)
                if item.article_id and item.role in COPY_ROLES:
                    printed[item.article_id] += len(chars)
        lost = drawn - Counter(_BLANK.sub("", text))
        if lost:
            report.missing.append(f"第{page.number}版: {sum(lost.values())} characters drawn "
                                  f"but not in the PDF text: {''.join(sorted(lost))[:40]}")
    report.hierarchy += _hierarchy(issue, layout)
    report.outside += _outside(layout)
    for article in issue.articles:
        want = len(_BLANK.sub("", article.text_chars()))
        if printed[article.id] < want:
            report.missing.append(f"{article.id}: {want - printed[article.id]} of {want} "
                                  f"characters not printed")
    for view in layout.articles:
        if not view.pages:
            report.off_page.append(f"{view.article_id}: not printed")
        elif view.article_id in planned and view.pages[0] != planned[view.article_id]:
            report.off_page.append(f"{view.article_id}: on 第{view.pages[0]}版, planned "
                                   f"for 第{planned[view.article_id]}版")
        if len(view.pages) > 2:
            report.spread.append(f"{view.article_id}: on pages {view.pages}")
        elif len(view.pages) == 2:
            # A jump is signposted both ways: 下轉第N版 under the head's part,
            # 上接第N版 over the continuation.
            head, rest = view.pages
            text = {p.number: _BLANK.sub("", t) for p, t in zip(layout.pages, pdf_pages,
                                                                   strict=True)}
            if f"第{rest}版" not in text[head] or f"接第{head}版" not in text[rest]:
                report.unsigned_jumps.append(f"{view.article_id}: 第{head}版 → 第{rest}版 "
                                             f"without both jump lines")
    return report


def pdf_text(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (pypdfium2), whitespace kept."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            textpage = doc[i].get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
        return out
    finally:
        doc.close()


def _hierarchy(issue: Issue, layout: IssueLayout) -> list[str]:
    """Heads out of rank: each page's lead (its first article by priority) carries the
    page's largest 主題, and page 1's lead the issue's largest."""
    by_id = {a.id: a for a in issue.articles}
    size: dict[str, float] = {}
    for page in layout.pages:
        for item in page.items:
            if isinstance(item, TextRun) and item.role == "title" and item.article_id:
                size[item.article_id] = max(size.get(item.article_id, 0.0), item.size)
    out = []
    front = 0.0
    for spec in issue.pages:
        ids = [a for a in spec.article_ids if a in size]
        if not ids:
            continue
        lead = min(ids, key=lambda a: (by_id[a].priority, ids.index(a)))
        if spec.number == issue.pages[0].number:
            front = size[lead]
        bigger = [a for a in ids if size[a] > size[lead] + 0.01]
        out += [f"第{spec.number}版: {a} ({size[a]} pt) over the lead {lead} "
                f"({size[lead]} pt)" for a in bigger]
    out += [f"{a}: {s} pt over page 1's lead ({front} pt)" for a, s in size.items()
            if front and s > front + 0.01]
    return out


#: Opening marks a line may start with half their em box in the margin (their ink
#: sits in the right half: cjk-typesetting.md's line-start compression).
_HANGING_OPENERS = "（“『《「〔【‘〈［｛"


def _outside(layout: IssueLayout) -> list[str]:
    """Items of an article drawn outside every rectangle of its blocks (1 pt slack)."""
    out = []
    for page in layout.pages:
        rects = {r.article_id: r.rects for r in page.regions}
        for item in page.items:
            aid = getattr(item, "article_id", "")
            if not aid or aid not in rects:
                continue
            if isinstance(item, TextRun):
                x0, x1 = item.x, item.x + sum(item.advances)
                y0, y1 = item.y - 0.88 * item.size, item.y + 0.12 * item.size
                if item.text[:1] in _HANGING_OPENERS:
                    x0 += item.size / 2
            elif isinstance(item, Image):
                x0, x1, y0, y1 = item.x, item.x + item.w, item.y, item.y + item.h
            else:
                continue
            if not any(r.x - 1 <= x0 and x1 <= r.x + r.w + 1 and r.y - 1 <= y0
                       and y1 <= r.y + r.h + 1 for r in rects[aid]):
                out.append(f"第{page.number}版: {aid}: {type(item).__name__} at "
                           f"({x0:.0f}, {y0:.0f}) pt outside its blocks")
    return out
