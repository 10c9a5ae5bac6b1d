"""Layout stage: the copy-fit plan, each page on its own, then one finalize step.

``layout_issue(plan)`` reads the page template named by the issue, decides once what
every page holds (:mod:`.copyfit`: which articles continue on which page, and from
where), lays every page out independently (:mod:`.page`, placement by
:mod:`.guillotine`), then settles what crosses pages: the jump lines 下轉第N版 /
上接第N版, the pages each article appears on, the article views and the desk check
of every page (:mod:`.preflight`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..display import ArticleView, IssueLayout, Item, PageLayout, PhotoView, Rect, TextRun
from ..errors import InputError, Problem
from ..model import Article, Subhead, Table, Verse, block_texts
from ..plan import IssuePlan
from .block import JumpSlot
from .config import LayoutConfig, load_layout
from .copyfit import Cut, plan_copy
from .gcpause import paused_gc
from .page import PageDraft, layout_page
from .preflight import find_holes
from .text import fit_one_line, runs_for_line

__all__ = ["CopyFitError", "finalize", "layout_drafts", "layout_issue"]

_JUMP_WORDS = {"zh-Hant": ("下轉第{n}版", "上接第{n}版", "未完"),
               "zh-Hans": ("下转第{n}版", "上接第{n}版", "未完")}


class CopyFitError(InputError):
    """The issue's copy does not fit its pages: the copy-fit report, one problem per
    article to cut, at its ``path:line``."""


def layout_issue(plan: IssuePlan, *, allow_overset: bool = False) -> IssueLayout:
    """Lay out every page of the plan and settle cross-page facts (jumps, regions).

    Raises :class:`CopyFitError` when the copy cannot fit, unless ``allow_overset``:
    then the cuts are made, marked in print and reported."""
    issue = plan.issue
    cfg = load_layout(issue.layout, str(issue.root))
    with paused_gc():
        return finalize(plan, cfg, layout_drafts(plan, cfg, allow_overset=allow_overset))


def layout_drafts(plan: IssuePlan, cfg: LayoutConfig, *, allow_overset: bool = False
                  ) -> list[PageDraft]:
    """The copy-fit plan, then every page laid out from it (independently)."""
    with paused_gc():
        copy = plan_copy(plan, cfg)
        if copy.cuts and not allow_overset:
            raise CopyFitError([_cut_problem(c, allowed=False) for c in copy.cuts])
        drafts = [layout_page(work, cfg) for work in copy.pages]
    by_page: dict[int, list[str]] = defaultdict(list)
    for cut in copy.cuts:
        by_page[cut.page].append(str(_cut_problem(cut, allowed=True)))
    out = []
    for d in drafts:
        cuts = tuple(by_page.get(d.number, ()))
        if cuts:
            d = replace(d, report=replace(d.report, overset=d.report.overset + cuts),
                        warnings=d.warnings + cuts)
        out.append(d)
    return out


def _cut_problem(cut: Cut, *, allowed: bool) -> Problem:
    path, _, line = cut.source.rpartition(":")
    if not path or not line.isdigit():
        path, line = cut.source, "0"
    path = path or f"article {cut.article_id}"
    if allowed:
        message = (f"article {cut.article_id}: {cut.characters} characters cut on "
                   f"第{cut.page}版 (no later page has room; marked （未完）)")
        return Problem(path, int(line), message, severity="warning")
    message = (f"第{cut.page}版 is over by {cut.characters} characters: cut article "
               f"{cut.article_id} by {cut.characters} characters, give it a later page "
               f"with room (continue_on), or build with --allow-overset")
    return Problem(path, int(line), message)


def finalize(plan: IssuePlan, cfg: LayoutConfig, drafts: list[PageDraft]) -> IssueLayout:
    """Write the jump lines, collect article pages, run the desk check, build the
    IssueLayout."""
    # The page an article's head is on comes first, then the page it continues on
    # (which may be an earlier one when no later page had room).
    pages_of: dict[str, list[int]] = defaultdict(list)
    for continuation in (False, True):
        for d in drafts:
            for entry in d.entries:
                if entry.continuation == continuation \
                        and d.number not in pages_of[entry.article_id]:
                    pages_of[entry.article_id].append(d.number)
    lang_of = {a.id: a.lang for a in plan.issue.articles}
    g = cfg.grid
    front = {p.number: p.masthead is not None for p in plan.pages}
    pages = []
    for d in drafts:
        items: list[Item] = []
        for item in d.items:
            if isinstance(item, JumpSlot):
                items.extend(_jump_line(item, d.number, pages_of[item.article_id],
                                        lang_of.get(item.article_id, plan.issue.lang), cfg))
            else:
                items.append(item)
        zone = cfg.masthead_lines if front.get(d.number) else cfg.header_lines
        area = Rect(g.left, g.line_y(zone), g.width, (g.lines - zone) * g.pitch)
        heads = [Rect(b.rect.x, b.rect.y, b.rect.w, b.head_lines * g.pitch)
                 for b in d.blocks if b.head_lines]
        heads += [r for b in d.blocks for r in b.designed]
        broken = tuple(b.article_id for b in d.blocks if b.head and b.head.inside_word)
        jumps = tuple((e.article_id, other[0]) for e in d.entries if not e.continuation
                      and (other := [n for n in pages_of[e.article_id] if n != d.number]))
        report = replace(d.report, holes=find_holes(items, area, heads),
                         broken_heads=broken, jumps=jumps)
        pages.append(PageLayout(number=d.number, section=d.section, width=cfg.width,
                                height=cfg.height, items=tuple(items), regions=d.regions,
                                articles=d.entries, warnings=d.warnings, report=report))
    views = tuple(_view(p.article, pages_of) for page in plan.pages for p in page.articles)
    issue = plan.issue
    title = f"{issue.paper} {issue.date.year}年{issue.date.month}月{issue.date.day}日"
    warnings = tuple(plan.warnings) + tuple(getattr(issue, "warnings", ()) or ())
    return IssueLayout(paper=issue.paper, date=issue.date.isoformat(), lang=issue.lang,
                       title=title, pages=tuple(pages), articles=views,
                       warnings=warnings, author=issue.paper)


def _jump_line(slot: JumpSlot, number: int, pages: list[int], lang: str,
               cfg: LayoutConfig) -> list[TextRun]:
    words = _JUMP_WORDS["zh-Hant" if lang == "zh-Hant" else "zh-Hans"]
    if slot.kind == "cut":
        text = "（" + words[2] + "）"
    else:
        # An article is on two pages at most: its head's and its continuation's.
        other = [p for p in pages if p != number]
        if not other:
            return []
        text = "（" + words[0 if slot.kind == "to" else 1].format(n=other[0]) + "）"
    style = cfg.style("jump")
    size, line = fit_one_line(text, style, lang, slot.width, "jump")
    return runs_for_line(line, slot.x, slot.y, size, slot.width, slot.align, slot.article_id)


def _view_block(b) -> tuple[str, str]:
    """One body block for the reader: ("h"|"v", lines), ("t", table) with the lines
    caption, alignments, header, rows (cells tab-separated), ("b", lead + newline +
    text) or ("p", text)."""
    if isinstance(b, Subhead | Verse):
        return ("h" if isinstance(b, Subhead) else "v", "\n".join(b.lines))
    if isinstance(b, Table):
        def cells(row: tuple[str, ...]) -> str:
            return "\t".join(c.replace("\t", " ").replace("\n", " ") for c in row)
        rows = [cells((b.caption,)), "\t".join(b.align), cells(b.header)]
        return ("t", "\n".join(rows + [cells(r) for r in b.rows]))
    if getattr(b, "lead", ""):
        return ("b", b.lead + "\n" + b.text)
    return ("p", "".join(block_texts(b)))


def _view(article: Article, pages_of: dict[str, list[int]]) -> ArticleView:
    blocks = tuple(_view_block(b) for b in article.body)
    photos = tuple(PhotoView(str(p.file), p.caption, p.credit, p.missing)
                   for p in article.photos)
    pages = tuple(pages_of.get(article.id, ()))
    return ArticleView(article_id=article.id, page=pages[0] if pages else 0,
                       lang=article.lang, title=article.title, kicker=article.kicker,
                       subtitle=article.subtitle, summary=article.summary,
                       editor_note=article.editor_note, byline=article.byline,
                       editor=article.editor, blocks=blocks, photos=photos,
                       continued_on=pages[1] if len(pages) > 1 else None, pages=pages)
