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
    #: Height / width of a photo that has no pixels (a placeholder); None: the
    #: layout's default (4:3 landscape). Ignored when the file can be read.
    aspect: float | None = None


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, text without indentation; ``lead`` is a bold lead-in printed
    before the text (the item heads of a 簡訊 block)."""

    text: str
    source: SourcePos = field(default_factory=lambda: SourcePos(""))
    lead: str = ""


@dataclass(frozen=True)
class Subhead:
    """A 小標題; several lines when the editor broke it (consecutive `## ` lines)."""

    lines: tuple[str, ...]
    source: SourcePos = field(default_factory=lambda: SourcePos(""))


@dataclass(frozen=True)
class Verse:
    """Lines of verse, set one per line (long lines wrap with a hanging indent)."""

    lines: tuple[str, ...]
    source: SourcePos = field(default_factory=lambda: SourcePos(""))


@dataclass(frozen=True)
class Table:
    """A table in the body: a header row, rows of cells, per-column alignment
    (``start``, ``center``, ``end``) and an optional 表 caption."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...] = ()
    caption: str = ""
    source: SourcePos = field(default_factory=lambda: SourcePos(""))


BodyBlock = Paragraph | Subhead | Verse | Table

#: Article kinds: a story (head and body), a photo item (圖片新聞: photos with
#: captions, no body) or a briefs block (簡訊: short items with lead-ins, one head).
ARTICLE_KINDS = ("story", "photo", "briefs")


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
    kind: str = "story"  # one of ARTICLE_KINDS
    #: A long document (公報, 名單, 全文): the layout may set its body one size down.
    document: bool = False

    def text_chars(self) -> str:
        """All characters a reader must find in print, in reading order."""
        parts = [self.kicker, self.title, self.subtitle, self.summary, self.editor_note,
                 self.byline]
        for block in self.body:
            parts.extend(block_texts(block))
        parts.extend(p.caption for p in self.photos)
        return "".join(parts)


def block_texts(block: BodyBlock) -> tuple[str, ...]:
    """The printed strings of one body block, in reading order."""
    if isinstance(block, Subhead):
        return block.lines
    if isinstance(block, Verse):
        return block.lines
    if isinstance(block, Table):
        cells = [c for row in (block.header, *block.rows) for c in row]
        return (block.caption, *cells) if block.caption else tuple(cells)
    return (block.lead, block.text) if block.lead else (block.text,)


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
