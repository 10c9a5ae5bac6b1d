"""The issue model: what layout staff wrote, validated, as frozen data.

Produced by :func:`epaper.ingest.load_issue` (or the importers) and consumed by
:func:`epaper.assemble.assemble`. Nothing here knows about pages on paper.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourcePos:
    """Where a piece of input came from, for `path:line: message` reports."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Photo:
    """A photo slot of an article: the file (absolute path), its 圖說 and credit."""

    file: Path
    caption: str = ""
    credit: str = ""
    missing: bool = False  # declared or found absent: drawn as a placeholder
    source: SourcePos = field(default_factory=lambda: SourcePos(""))


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, text without indentation."""

    text: str
    source: SourcePos = field(default_factory=lambda: SourcePos(""))


@dataclass(frozen=True)
class Subhead:
    """A 小標題; several lines when the editor broke it (consecutive `## ` lines)."""

    lines: tuple[str, ...]
    source: SourcePos = field(default_factory=lambda: SourcePos(""))


BodyBlock = Paragraph | Subhead


@dataclass(frozen=True)
class Placement:
    """A manual placement from issue.yaml: 1-based first column, span, optional height."""

    column: int
    span: int
    height: int | None = None


@dataclass(frozen=True)
class Article:
    """One article with its headline system, notes, body and photos."""

    id: str
    title: str
    kicker: str = ""
    subtitle: str = ""
    summary: str = ""
    editor_note: str = ""
    byline: str = ""
    editor: str = ""
    body: tuple[BodyBlock, ...] = ()
    photos: tuple[Photo, ...] = ()
    priority: int = 5
    lang: str = "zh-Hans"
    section: str = ""
    continue_on: int | None = None
    dateline: str = ""  # kept for archives; printed at the head of the first paragraph
    source: SourcePos = field(default_factory=lambda: SourcePos(""))

    def text_chars(self) -> str:
        """All characters a reader must find in print, in reading order."""
        parts = [self.kicker, self.title, self.subtitle, self.summary, self.editor_note,
                 self.byline]
        for block in self.body:
            parts.extend(block.lines if isinstance(block, Subhead) else [block.text])
        parts.extend(p.caption for p in self.photos)
        return "".join(parts)


@dataclass(frozen=True)
class Credits:
    """責任編輯, 美術編輯, 校對 of one page."""

    editor: str = ""
    art_editor: str = ""
    proofreader: str = ""


@dataclass(frozen=True)
class PageSpec:
    """One 版 as issue.yaml describes it."""

    number: int
    section: str
    credits: Credits = Credits()
    article_ids: tuple[str, ...] = ()
    placements: tuple[tuple[str, Placement], ...] = ()
    source: SourcePos = field(default_factory=lambda: SourcePos(""))


@dataclass(frozen=True)
class Issue:
    """A whole issue: masthead facts, page specs and all its articles."""

    paper: str
    date: _dt.date
    number: int
    total_number: int
    serial: str
    lang: str
    layout: str
    pages: tuple[PageSpec, ...]
    articles: tuple[Article, ...]
    root: Path
    publisher: str = ""
    weather: str = ""
    note: str = ""
    source: SourcePos = field(default_factory=lambda: SourcePos(""))
    warnings: tuple[str, ...] = ()  # non-fatal input problems, as `path:line: warning: …`

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError when absent)."""
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)
