"""Prepare an article once per page template: body units, heads per span, photos.

The body is set once at the column measure (every column of a template has the same
width), so the same lines serve any span and any page a jump lands on: a split never
re-breaks text and every character is printed exactly once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article, Subhead
from .config import LayoutConfig, ceil_lines
from .photos import PhotoInfo, photo_info
from .text import Segment, SetLine, fit_one_line, set_text, typeset_warnings

NOTE_LABEL = {"zh-Hant": "編者按", "zh-Hans": "编者按"}
EDITOR_LABEL = {"zh-Hant": "編輯", "zh-Hans": "编辑"}


@dataclass(frozen=True)
class Unit:
    """A piece of the body flow: grid lines that move between columns together."""

    role: str  # body, byline, subhead, editor
    lines: tuple[SetLine, ...]
    pad: int = 0  # blank grid lines above it, dropped at the top of a column
    keep_next: bool = False  # a subhead never stands alone at a column's foot

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
    warnings: tuple[str, ...] = ()  # the typesetter's, located at the paragraph's line

    @property
    def flow_lines(self) -> int:
        """Grid lines the whole body flow needs in one long column."""
        return sum(u.height for u in self.units)


@dataclass(frozen=True)
class HeadLine:
    """One line of a head element, placed relative to the block's top-left corner."""

    line: SetLine
    role: str
    size: float
    dy: float  # baseline, pt below the block top
    align: str


@dataclass(frozen=True)
class Head:
    """Everything above the body flow of a block at one span."""

    lines: tuple[HeadLine, ...]
    height: int  # grid lines
    note_box: tuple[int, int] | None = None  # first grid line and lines of the 編者按 box
    summary_box: tuple[int, int] | None = None


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
    first = True
    warnings: list[str] = []
    for block in article.body:
        if isinstance(block, Subhead):
            style = cfg.style("subhead")
            lines: list[SetLine] = []
            for text in block.lines:
                lines.extend(set_text([Segment(text, "subhead")], g.column_width / style.size,
                                      style, lang, kind="headline"))
            units.append(Unit("subhead", tuple(lines), pad=1, keep_next=True))
            continue
        segments = [Segment(block.text, "body")]
        if first and article.dateline:
            segments.insert(0, Segment(article.dateline + "　", "dateline",
                                       face=cfg.style("subhead").face_key(lang)))
        first = False
        with typeset_warnings() as found:
            lines = set_text(segments, measure, body, lang, kind="body", indent=2.0)
        where = block.source if str(block.source) else article.source
        warnings.extend(f"{where}: article {article.id}: {m}" for m in found)
        units.extend(Unit("body", (line,)) for line in lines)
    if article.editor:
        style = cfg.style("editor")
        text = f"【{EDITOR_LABEL.get(lang, '编辑')}：{article.editor}】"
        lines = set_text([Segment(text, "editor")], g.column_width / style.size, style, lang,
                         kind="headline")
        units.append(Unit("editor", lines))
    photos = tuple(photo_info(p) for p in article.photos)
    return Prepared(article=article, lang=lang, units=tuple(units), photos=photos,
                    warnings=tuple(warnings))


def _place(parts: list[tuple[str, float, float, tuple[SetLine, ...], str]], pitch: float,
           pad: float, descent: float) -> tuple[list[HeadLine], int]:
    """Stack head elements (role, size, advance, lines, align) in whole grid lines."""
    natural = sum(adv * len(lines) for _, _, adv, lines, _ in parts) + 2 * pad
    height = ceil_lines(natural, pitch)
    y = pad + (height * pitch - natural) / 2
    out = []
    for role, size, adv, lines, align in parts:
        for line in lines:
            # Centre the em box in the line's advance (the descent share is the font's).
            out.append(HeadLine(line, role, size, y + (adv + size) / 2 - descent * size,
                                align))
            y += adv
    return out, height


@lru_cache(maxsize=2048)
def head_for(prep: Prepared, span: int, cfg: LayoutConfig, continuation: bool = False
             ) -> Head:
    """The head of ``prep`` in a block ``span`` columns wide (a short one when continued)."""
    g = cfg.grid
    art = prep.article
    lang = prep.lang
    width = g.span_width(span)
    if continuation:
        style = cfg.style("jump_title")
        size, line = fit_one_line(art.title, style, lang, width, "jump_title",
                                  min_size=g.body_size)
        # Grid line 0 is left for the 上接第N版 line, written by the finalize step.
        parts = [("title", size, style.leading * g.pitch, (line,), "center")]
        lines, height = _place(parts, g.pitch, 0.0, g.descent)
        lines = [HeadLine(h.line, "jump_title", h.size, h.dy + g.pitch, h.align)
                 for h in lines]
        return Head(tuple(lines), height + 1)
    parts = []
    if art.kicker:
        style = cfg.style("kicker")
        parts.append(("kicker", style.size, style.leading * g.pitch,
                      set_text([Segment(art.kicker, "kicker")], width / style.size, style,
                               lang, kind="headline"), style.align))
    style = cfg.style("title")
    size = cfg.headline.title_size(span, art.priority)
    while True:
        title = set_text([Segment(art.title, "title")], width / size, style, lang,
                         kind="headline")
        if len(title) <= cfg.headline.max_title_lines or size <= cfg.headline.min_title:
            break
        size = max(cfg.headline.min_title, size - 1)
    parts.append(("title", size, style.leading * g.pitch * size / style.size, title,
                  style.align))
    if art.subtitle:
        style = cfg.style("subtitle")
        parts.append(("subtitle", style.size, style.leading * g.pitch,
                      set_text([Segment(art.subtitle, "subtitle")], width / style.size, style,
                               lang, kind="headline"), style.align))
    lines, height = _place(parts, g.pitch, cfg.headline.pad_lines * g.pitch, g.descent)
    summary_box = note_box = None
    if art.summary:
        style = cfg.style("summary")
        inner = width - 2 * g.body_size
        text = set_text([Segment(art.summary, "summary")], inner / style.size, style, lang)
        adv = style.leading * g.pitch
        n = ceil_lines(adv * len(text), g.pitch) + 1
        y0 = height * g.pitch + (n * g.pitch - adv * len(text)) / 2
        for i, line in enumerate(text):
            lines.append(HeadLine(line, "summary", style.size,
                                  y0 + i * adv + (adv + style.size) / 2
                                  - g.descent * style.size,
                                  style.align))
        summary_box = (height, n)
        height += n
    if art.editor_note:
        style = cfg.style("editor_note")
        label = cfg.style("note_label")
        inner = width - 2 * g.body_size
        segs = [Segment(NOTE_LABEL.get(lang, "编者按"), "note_label", label.face_key(lang)),
                Segment("　", "note_label"), Segment(art.editor_note, "editor_note")]
        text = set_text(segs, inner / style.size, style, lang, indent=2.0)
        for i, line in enumerate(text):
            lines.append(HeadLine(line, "editor_note", style.size,
                                  g.baseline(height + 1 + i, style.size) - g.top, "note"))
        note_box = (height, len(text) + 2)
        height += len(text) + 2
    return Head(tuple(lines), height, note_box=note_box, summary_box=summary_box)


def photo_lines(aspect: float, width: float, pitch: float) -> int:
    """Grid lines a photo ``width`` pt wide needs at its own aspect (at least 3)."""
    return max(3, math.floor(aspect * width / pitch + 0.5))
