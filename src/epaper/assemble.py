"""Assemble stage: from the issue model to the plan of pages and articles.

The desk's decisions, made before anything is measured: which articles go on which
版 and in which order, the 報頭 (masthead) and 報眉 (page header) facts, and the
front-page 導讀 (teasers) pointing at inner pages' lead stories. Whether an article
fits is layout's business; an explicit ``continue_on`` is only passed along.
"""

from __future__ import annotations

import datetime as _dt

from .model import Article, Issue, PageSpec
from .plan import IssuePlan, Masthead, PageHeader, PagePlan, PlacedArticle, Teaser

_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_DIGITS = "〇一二三四五六七八九"

# Lunar month names as calendars and mastheads print them: 11th = 冬月, 12th = 臘月.
_LUNAR_MONTHS = {
    "zh-Hans": ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"),
    "zh-Hant": ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "臘"),
}
_LUNAR_WORDS = {  # (農曆, 閏) per script
    "zh-Hans": ("农历", "闰"),
    "zh-Hant": ("農曆", "閏"),
}


def weekday_label(date: _dt.date) -> str:
    """The weekday as printed in mastheads and page headers, e.g. ``星期二``."""
    return _WEEKDAYS[date.weekday()]


def _lunar_day(day: int) -> str:
    """初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十 (the calendar's spelling)."""
    if day <= 10:
        return "初" + ("十" if day == 10 else _DIGITS[day])
    if day < 20:
        return "十" + _DIGITS[day - 10]
    if day == 20:
        return "二十"
    if day < 30:
        return "廿" + _DIGITS[day - 20]
    return "三十"


def lunar_label(date: _dt.date, lang: str) -> str:
    """The lunar date for the masthead, e.g. ``農曆臘月十九`` (zh-Hant) or
    ``农历腊月十九`` (zh-Hans); ``""`` outside the library's range (1900–2099)."""
    try:
        from lunardate import LunarDate
    except ImportError:  # the dependency is declared; degrade rather than fail a build
        return ""
    # The library's tables cover 1900-01-31 … 2099-12-31 and return nonsense outside.
    if not _dt.date(1900, 1, 31) <= date <= _dt.date(2099, 12, 31):
        return ""
    try:
        lunar = LunarDate.from_solar_date(date.year, date.month, date.day)
    except (ValueError, IndexError):
        return ""
    if not 1 <= lunar.day <= 30:
        return ""
    script = "zh-Hant" if lang == "zh-Hant" else "zh-Hans"
    word, leap = _LUNAR_WORDS[script]
    month = _LUNAR_MONTHS[script][lunar.month - 1] + "月"
    return word + (leap if lunar.is_leap_month else "") + month + _lunar_day(lunar.day)


def _page_articles(page: PageSpec, issue: Issue, listed: set[str],
                   warnings: list[str]) -> list[Article]:
    """The page's articles in reading order: as listed, or by section and priority."""
    if page.article_ids:
        found = []
        for article_id in page.article_ids:
            try:
                found.append(issue.article(article_id))
            except KeyError:  # ingest reports this as an error; never crash here
                warnings.append(f"{page.source}: 第{page.number}版 lists unknown article "
                                f"{article_id!r}; skipped")
        return found
    # Assigned by section: articles no page lists explicitly, by priority, ties kept
    # in the issue's order (sorted() is stable, so the plan is deterministic).
    candidates = [a for a in issue.articles
                  if a.section == page.section and a.id not in listed]
    return sorted(candidates, key=lambda a: a.priority)


def _lead(articles: list[Article]) -> Article | None:
    """A page's lead story: its most important article, the first on ties."""
    if not articles:
        return None
    return min(articles, key=lambda a: a.priority)


def _jump(article: Article, page: int, numbers: set[int],
          warnings: list[str]) -> int | None:
    """The article's requested jump page, if it is a later page of this issue."""
    target = article.continue_on
    if target is None:
        return None
    if target not in numbers or target <= page:
        warnings.append(f"{article.source}: continue_on {target} for {article.id!r} on "
                        f"第{page}版 is not a later page of this issue; the layout "
                        f"engine picks the page")
        return None
    return target


def assemble(issue: Issue, *, teasers: bool | None = None) -> IssuePlan:
    """Group articles by page in order, pass jumps and placements on, and build the
    masthead, page header and 導讀 data.

    ``teasers``: build the front-page 導讀 from each inner page's lead story; by
    default on when the issue has more than one page.
    """
    warnings: list[str] = []
    listed = {aid for page in issue.pages for aid in page.article_ids}
    seen: dict[str, int] = {}
    per_page: list[list[Article]] = []
    for page in issue.pages:
        articles = _page_articles(page, issue, listed, warnings)
        kept = []
        for art in articles:
            if art.id in seen:
                warnings.append(f"{page.source}: article {art.id!r} is already on "
                                f"第{seen[art.id]}版; not repeated on 第{page.number}版")
                continue
            seen[art.id] = page.number
            kept.append(art)
        if not kept:
            warnings.append(f"{page.source}: 第{page.number}版 ({page.section}) has no "
                            f"articles")
        per_page.append(kept)
    for art in issue.articles:
        if art.id not in seen:
            warnings.append(f"{art.source}: article {art.id!r} is on no page "
                            f"(section {art.section!r} matches no page); not printed")

    weekday = weekday_label(issue.date)
    if teasers is None:
        teasers = len(issue.pages) > 1
    teaser_list: list[Teaser] = []
    if teasers:
        for page, articles in zip(issue.pages[1:], per_page[1:], strict=True):
            lead = _lead(articles)
            if lead is not None:
                teaser_list.append(Teaser(lead.id, lead.title, page.number))

    numbers = {page.number for page in issue.pages}
    pages = []
    for index, (page, articles) in enumerate(zip(issue.pages, per_page, strict=True)):
        placements = dict(page.placements)
        placed = tuple(PlacedArticle(a, placements.get(a.id),
                                     _jump(a, page.number, numbers, warnings))
                       for a in articles)
        for article_id in placements:
            if article_id not in {a.id for a in articles}:
                warnings.append(f"{page.source}: placement for {article_id!r}, which is "
                                f"not on 第{page.number}版; ignored")
        # A 版名 that only repeats the 版次 (archives without section names) is
        # no 版名: the header would print 第10版 第10版.
        name = "" if page.section == f"第{page.number}版" else page.section
        header = PageHeader(issue.paper, issue.date, weekday, page.number, name,
                            page.credits)
        masthead = None
        front = index == 0
        if front:
            masthead = Masthead(
                paper=issue.paper, date=issue.date, weekday=weekday,
                lunar=lunar_label(issue.date, issue.lang), number=issue.number,
                total_number=issue.total_number, serial=issue.serial,
                publisher=issue.publisher, weather=issue.weather,
                pages_today=len(issue.pages))
        pages.append(PagePlan(
            number=page.number, section=page.section, lang=issue.lang, header=header,
            articles=placed, masthead=masthead,
            teasers=tuple(teaser_list) if front else ()))
    return IssuePlan(issue=issue, pages=tuple(pages), warnings=tuple(warnings),
                     jump_page=_jump_page(issue, per_page))


def _jump_page(issue: Issue, per_page: list[list[Article]]) -> int | None:
    """The inner page with the least copy (the first on ties): where a desk sends the
    jumps of the day, so the page short of copy is the one that gets more."""
    inner = [(sum(len(a.text_chars()) for a in arts), page.number)
             for page, arts in zip(issue.pages[1:], per_page[1:], strict=True)]
    return min(inner)[1] if inner else None
