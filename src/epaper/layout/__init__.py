"""Layout stage: article blocks on the page grid, then one finalize step.

``layout_issue(plan)`` reads the page template named by the issue, lays the pages
out one by one (text that does not fit travels on as a continuation to the page the
plan names, or the next page), then settles what crosses pages: the jump lines
下轉第N版 / 上接第N版, the pages each article appears on, and the article views.
"""

from __future__ import annotations

from collections import defaultdict

from ..display import ArticleView, IssueLayout, Item, PageLayout, PhotoView, TextRun
from ..model import Article, Subhead
from ..plan import IssuePlan
from .block import JumpSlot, Piece
from .config import LayoutConfig, load_layout
from .page import PageDraft, layout_page
from .text import fit_one_line, runs_for_line

__all__ = ["layout_issue"]

_JUMP_WORDS = {"zh-Hant": ("下轉第{n}版", "上接第{n}版"), "zh-Hans": ("下转第{n}版", "上接第{n}版")}


def layout_issue(plan: IssuePlan) -> IssueLayout:
    """Lay out every page of the plan and settle cross-page facts (jumps, regions)."""
    issue = plan.issue
    cfg = load_layout(issue.layout, str(issue.root))
    drafts = layout_drafts(plan, cfg)
    return finalize(plan, cfg, drafts)


def layout_drafts(plan: IssuePlan, cfg: LayoutConfig) -> list[PageDraft]:
    """Lay out the pages in order, carrying continuations forward.

    When a planned jump lands on a page that is left short of text (or overfull), a
    second pass sends the amount that page has room for."""
    drafts = _pass(plan, cfg, {})
    room: dict[str, int] = {}
    for d in drafts:
        for block in d.blocks:
            if block.placed.top >= 0 and any(e.article_id == block.article_id and
                                             e.continuation for e in d.entries):
                room[block.article_id] = block.used_cells + d.report.empty_cells * 3 // 4
    if not room:
        return drafts
    return _pass(plan, cfg, room)


def _pass(plan: IssuePlan, cfg: LayoutConfig, room: dict[str, int]) -> list[PageDraft]:
    numbers = tuple(p.number for p in plan.pages)
    incoming: dict[int, list[Piece]] = defaultdict(list)
    drafts = []
    for i, page in enumerate(plan.pages):
        later = numbers[i + 1:]
        draft = layout_page(page, tuple(incoming.pop(page.number, ())), cfg, later, room)
        for rest in draft.remaining:
            incoming[rest.target].append(rest.piece)
        drafts.append(draft)
    return drafts


def finalize(plan: IssuePlan, cfg: LayoutConfig, drafts: list[PageDraft]) -> IssueLayout:
    """Write the jump lines, collect article pages, build the IssueLayout."""
    pages_of: dict[str, list[int]] = defaultdict(list)
    for d in drafts:
        for entry in d.entries:
            if d.number not in pages_of[entry.article_id]:
                pages_of[entry.article_id].append(d.number)
    lang_of = {a.id: a.lang for a in plan.issue.articles}
    pages = []
    for d in drafts:
        items: list[Item] = []
        for item in d.items:
            if isinstance(item, JumpSlot):
                items.extend(_jump_line(item, d.number, pages_of[item.article_id],
                                        lang_of.get(item.article_id, plan.issue.lang), cfg))
            else:
                items.append(item)
        pages.append(PageLayout(number=d.number, section=d.section, width=cfg.width,
                                height=cfg.height, items=tuple(items), regions=d.regions,
                                articles=d.entries, warnings=d.warnings, report=d.report))
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
    if slot.kind == "to":
        later = [p for p in pages if p > number]
        if not later:
            return []
        text = "（" + words[0].format(n=later[0]) + "）"
    else:
        earlier = [p for p in pages if p < number]
        if not earlier:
            return []
        text = "（" + words[1].format(n=earlier[-1]) + "）"
    style = cfg.style("jump")
    size, line = fit_one_line(text, style, lang, slot.width, "jump")
    return runs_for_line(line, slot.x, slot.y, size, slot.width, slot.align, slot.article_id)


def _view(article: Article, pages_of: dict[str, list[int]]) -> ArticleView:
    blocks = tuple(("h", "\n".join(b.lines)) if isinstance(b, Subhead) else ("p", b.text)
                   for b in article.body)
    photos = tuple(PhotoView(str(p.file), p.caption, p.credit, p.missing)
                   for p in article.photos)
    pages = tuple(pages_of.get(article.id, ()))
    return ArticleView(article_id=article.id, page=pages[0] if pages else 0,
                       lang=article.lang, title=article.title, kicker=article.kicker,
                       subtitle=article.subtitle, summary=article.summary,
                       editor_note=article.editor_note, byline=article.byline,
                       editor=article.editor, blocks=blocks, photos=photos,
                       continued_on=pages[1] if len(pages) > 1 else None, pages=pages)
