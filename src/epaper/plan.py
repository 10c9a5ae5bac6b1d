"""The issue plan: which articles go on which page, in which order.

Produced by :func:`epaper.assemble.assemble` from a :class:`model.Issue`; the
layout stage reads only this.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .model import Article, Credits, Issue, Placement


@dataclass(frozen=True)
class Masthead:
    """報頭 facts for page 1."""

    paper: str
    date: _dt.date
    weekday: str  # 星期二
    lunar: str  # 農曆臘月十九, or "" when unknown
    number: int
    total_number: int
    serial: str
    publisher: str = ""
    weather: str = ""
    pages_today: int = 0


@dataclass(frozen=True)
class PageHeader:
    """版頭/報眉 facts for every page (page 1 shows the masthead instead)."""

    paper: str
    date: _dt.date
    weekday: str
    number: int  # 版次
    section: str  # 版名
    credits: Credits


@dataclass(frozen=True)
class Teaser:
    """A 導讀 entry on page 1: an inner page's lead story."""

    article_id: str
    title: str
    page: int


@dataclass(frozen=True)
class PlacedArticle:
    """An article on a page, with its manual placement and jump target if any."""

    article: Article
    placement: Placement | None = None
    continue_on: int | None = None  # page where the rest continues, if it does not fit


@dataclass(frozen=True)
class PagePlan:
    """One page to lay out."""

    number: int
    section: str
    lang: str
    header: PageHeader
    articles: tuple[PlacedArticle, ...]
    masthead: Masthead | None = None
    teasers: tuple[Teaser, ...] = ()


@dataclass(frozen=True)
class IssuePlan:
    """All pages in order, plus the issue they came from."""

    issue: Issue
    pages: tuple[PagePlan, ...]
    warnings: tuple[str, ...] = ()
    #: The page the desk sends the day's jumps to (when an article names none): the
    #: inner page with the least copy. None for a one-page issue.
    jump_page: int | None = None
