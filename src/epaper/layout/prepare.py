"""Prepare an article once per page template: body units, title metrics, photos.

The body is set once at the column measure (every column of a template has the same
width), so the same lines serve any span and any page a jump lands on: a split never
re-breaks text and every character is printed exactly once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article, Subhead, Table, Verse
from .config import LayoutConfig
from .document import document_style
from .heads import TitleMetrics, metrics
from .photos import PhotoInfo, photo_info
from .table import UnitRule, table_units
from .text import Segment, SetLine, set_text, typeset_warnings
from .verse import verse_units

EDITOR_LABEL = {"zh-Hant": "編輯", "zh-Hans": "编辑"}


@dataclass(frozen=True)
class Unit:
    """A piece of the body flow: grid lines that move between columns together."""

    role: str  # body, byline, subhead, editor, verse, table, document
    lines: tuple[SetLine, ...]
    pad: int = 0  # blank grid lines above it, dropped at the top of a column
    keep_next: bool = False  # a subhead never stands alone at a column's foot
    rules: tuple[UnitRule, ...] = ()  # a table's rules, drawn with its lines

    @property
    def height(self) -> int:
        """Grid lines taken in mid-column."""
        return self.pad + len(self.lines)


@dataclass(frozen=True, eq=False)
class Prepared:
    """An article ready to be composed at any span.

    Compared and hashed by identity: :func:`prepare` returns one object per article
    and template, and the placement search hashes it thousands of times."""

    article: Article
    lang: str
    units: tuple[Unit, ...]
    photos: tuple[PhotoInfo, ...]
    title: TitleMetrics
    warnings: tuple[str, ...] = ()  # the typesetter's, located at the paragraph's line

    @property
    def flow_lines(self) -> int:
        """Grid lines the whole body flow needs in one long column."""
        return sum(u.height for u in self.units)


@lru_cache(maxsize=512)
def prepare(article: Article, cfg: LayoutConfig) -> Prepared:
    """Set the body flow of ``article`` at the column measure of ``cfg``."""
    lang = article.lang
    g = cfg.grid
    measure = g.chars_per_column
    units: list[Unit] = []
    if article.byline:
        style = cfg.style("byline")
        lines = set_text([Segment(article.byline, "byline")], g.column_width / style.size,
                         style, lang, kind="headline")
        units.append(Unit("byline", lines))
    body = cfg.style("body")
    doc_style = document_style(cfg)  # a 公報 or 名單: one size down (layout/document.py)
    first = True
    warnings: list[str] = []
    for block in article.body:
        if isinstance(block, Verse | Table):
            # Verse and tables: layout/verse.py and layout/table.py.
            where = block.source if str(block.source) else article.source
            at_start = not any(u.role != "byline" for u in units)
            with typeset_warnings() as found:
                if isinstance(block, Verse):
                    units.extend(verse_units(block, measure, cfg, lang, at_start))
                else:
                    more, notes = table_units(block, measure, cfg, lang, str(where), at_start)
                    units.extend(more)
                    warnings.extend(f"{n} (article {article.id})" for n in notes)
            warnings.extend(f"{where}: article {article.id}: {m}" for m in found)
            first = False
            continue
        if isinstance(block, Subhead):
            style = cfg.style("subhead")
            lines: list[SetLine] = []
            for text in block.lines:
                lines.extend(set_text([Segment(text, "subhead")], g.column_width / style.size,
                                      style, lang, kind="headline"))
            units.append(Unit("subhead", tuple(lines), pad=1, keep_next=True))
            continue
        segments = [Segment(block.text, "body")]
        if block.lead:  # a 簡訊 item's lead-in, bold, then a blank
            segments.insert(0, Segment(block.lead + "　", "body",
                                       face=cfg.style("subhead").face_key(lang)))
        if first and article.dateline:
            segments.insert(0, Segment(article.dateline + "　", "dateline",
                                       face=cfg.style("subhead").face_key(lang)))
        first = False
        style, role = (doc_style, "document") if article.document else (body, "body")
        with typeset_warnings() as found:
            width = measure if role == "body" else g.column_width / style.size
            lines = set_text(segments, width, style, lang, kind="body", indent=2.0)
        where = block.source if str(block.source) else article.source
        warnings.extend(f"{where}: article {article.id}: {m}" for m in found)
        units.extend(Unit(role, (line,)) for line in lines)
    if article.editor:
        style = cfg.style("editor")
        text = f"【{EDITOR_LABEL.get(lang, '编辑')}：{article.editor}】"
        lines = set_text([Segment(text, "editor")], g.column_width / style.size, style, lang,
                         kind="headline")
        units.append(Unit("editor", lines))
    photos = tuple(photo_info(p) for p in article.photos)
    return Prepared(article=article, lang=lang, units=tuple(units), photos=photos,
                    title=_title_metrics(article.title, cfg, lang),
                    warnings=tuple(warnings))


def _title_metrics(title: str, cfg: LayoutConfig, lang: str) -> TitleMetrics:
    """The title's natural advances in em (the same at every size) and its breaks."""
    style = cfg.style("title")
    advances: list[float] = []
    for i, part in enumerate(title.split("\n")):
        if i:
            advances.append(0.0)  # the editor's newline
        if part:
            lines = set_text([Segment(part, "title")], 10_000.0, style, lang,
                             kind="headline")
            # One line at this measure; its text drops nothing but a trailing blank.
            line = lines[0]
            adv = list(line.advances) + [0.0] * (len(part) - len(line.text))
            advances.extend(adv[:len(part)])
    return metrics(title, tuple(advances))


def photo_lines(aspect: float, width: float, pitch: float) -> int:
    """Grid lines a photo ``width`` pt wide needs at its own aspect (at least 3)."""
    return max(3, math.floor(aspect * width / pitch + 0.5))
