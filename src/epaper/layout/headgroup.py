"""The head group of a block: 引題, 主題, 副題, then the 提要 and 編者按 boxes.

A head is whole grid lines tall. Its variants at a span are the 主題 sizes its rank
allows (:func:`.heads.size_range`), each with the fewest balanced lines between
words, one variant per head height (the largest size for that height): the
placement chooses among them as a copy-fitting lever. The kicker, subtitle and the
boxes are set once per span; only the chosen variant's title is typeset.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .config import LayoutConfig, ceil_lines
from .heads import SizeRange, TitleBreak, break_title
from .prepare import Prepared
from .text import Segment, SetLine, fit_one_line, set_text

NOTE_LABEL = {"zh-Hant": "編者按", "zh-Hans": "编者按"}
#: 主題 sizes are tried in steps of this many points (the template's sizes are even).
SIZE_STEP = 2.0


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
    title_size: float = 0.0
    inside_word: bool = False  # the 主題 breaks inside a word (no other way fitted)


@dataclass(frozen=True)
class HeadVariant:
    """One way to set the head at a span: 主題 size and lines, and the height."""

    size: float
    title: TitleBreak
    height: int  # grid lines


@dataclass(frozen=True)
class _Parts:
    """The head elements that do not depend on the 主題 size, set at one span."""

    kicker: tuple[SetLine, ...]
    subtitle: tuple[SetLine, ...]
    summary: tuple[SetLine, ...]
    note: tuple[SetLine, ...]


@lru_cache(maxsize=4096)
def _parts(prep: Prepared, span: int, cfg: LayoutConfig) -> _Parts:
    art, lang, g = prep.article, prep.lang, cfg.grid
    width = g.span_width(span)
    inner = width - 2 * g.body_size

    def head_text(text: str, role: str) -> tuple[SetLine, ...]:
        if not text:
            return ()
        style = cfg.style(role)
        return set_text([Segment(text, role)], width / style.size, style, lang,
                        kind="headline")

    summary: tuple[SetLine, ...] = ()
    if art.summary:
        style = cfg.style("summary")
        summary = set_text([Segment(art.summary, "summary")], inner / style.size, style,
                           lang)
    note: tuple[SetLine, ...] = ()
    if art.editor_note:
        style = cfg.style("editor_note")
        label = cfg.style("note_label")
        segs = [Segment(NOTE_LABEL.get(lang, "编者按"), "note_label", label.face_key(lang)),
                Segment("　", "note_label"), Segment(art.editor_note, "editor_note")]
        note = set_text(segs, inner / style.size, style, lang, indent=2.0)
    return _Parts(head_text(art.kicker, "kicker"), head_text(art.subtitle, "subtitle"),
                  summary, note)


def _group_points(parts: _Parts, size: float, title_lines: int, cfg: LayoutConfig) -> float:
    """Natural height in points of kicker + title + subtitle with the head's padding."""
    g = cfg.grid
    natural = 2 * cfg.headline.pad_lines * g.pitch
    natural += cfg.style("kicker").leading * g.pitch * len(parts.kicker)
    title = cfg.style("title")
    natural += title.leading * g.pitch * size / title.size * title_lines
    natural += cfg.style("subtitle").leading * g.pitch * len(parts.subtitle)
    return natural


def _boxes_lines(parts: _Parts, cfg: LayoutConfig) -> int:
    g = cfg.grid
    n = 0
    if parts.summary:
        adv = cfg.style("summary").leading * g.pitch
        n += ceil_lines(adv * len(parts.summary), g.pitch) + 1
    if parts.note:
        n += len(parts.note) + 2
    return n


@lru_cache(maxsize=8192)
def head_variants(prep: Prepared, span: int, cfg: LayoutConfig, rank: SizeRange
                  ) -> tuple[HeadVariant, ...]:
    """The head's variants at ``span``, tallest first: for each head height the
    largest 主題 size within ``rank`` that sets in at most ``max_title_lines`` lines
    (or one line more, when no size within the lines gives that height).
    A title that fits no size between words gets its smallest size, broken inside a
    word (:attr:`TitleBreak.inside_word`)."""
    g = cfg.grid
    hl = cfg.headline
    parts = _parts(prep, span, cfg)
    width = g.span_width(span)
    boxes = _boxes_lines(parts, cfg)
    sizes = []
    s = rank.cap
    while s >= rank.floor - 1e-9:
        sizes.append(s)
        if rank.fixed:
            break
        s -= SIZE_STEP
    if not rank.fixed and sizes[-1] > rank.floor:
        sizes.append(rank.floor)
    by_height: dict[int, HeadVariant] = {}
    fallback: HeadVariant | None = None
    # One line more than the template's most is a variant too (a narrow head in three
    # lines rather than a smaller size); it costs extra (options.EXTRA_TITLE_LINE).
    most = hl.max_title_lines + 1
    for size in sizes:
        tb = break_title(prep.title, width / size, most)
        if tb is None:
            continue
        h = ceil_lines(_group_points(parts, size, len(tb.lines), cfg), g.pitch) + boxes
        variant = HeadVariant(size, tb, h)
        if tb.inside_word:
            fallback = variant if fallback is None or size < fallback.size else fallback
            continue
        old = by_height.get(h)
        if old is None or (len(tb.lines) <= hl.max_title_lines < len(old.title.lines)):
            by_height[h] = variant
    return tuple(sorted(by_height.values(), key=lambda v: -v.height))


@lru_cache(maxsize=2048)
def build_head(prep: Prepared, span: int, cfg: LayoutConfig, variant: HeadVariant) -> Head:
    """The head of ``prep`` at ``span`` set with ``variant``: every line positioned."""
    g = cfg.grid
    lang = prep.lang
    width = g.span_width(span)
    parts = _parts(prep, span, cfg)
    style = cfg.style("title")
    size = variant.size
    title = set_text([Segment("\n".join(variant.title.lines), "title")], width / size,
                     style, lang, kind="headline") if prep.article.title else ()
    stack = []
    if parts.kicker:
        k = cfg.style("kicker")
        stack.append(("kicker", k.size, k.leading * g.pitch, parts.kicker, k.align))
    stack.append(("title", size, style.leading * g.pitch * size / style.size, title,
                  style.align))
    if parts.subtitle:
        sub = cfg.style("subtitle")
        stack.append(("subtitle", sub.size, sub.leading * g.pitch, parts.subtitle,
                      sub.align))
    lines, height = _place(stack, g.pitch, cfg.headline.pad_lines * g.pitch, g.descent)
    summary_box = note_box = None
    if parts.summary:
        st = cfg.style("summary")
        adv = st.leading * g.pitch
        n = ceil_lines(adv * len(parts.summary), g.pitch) + 1
        y0 = height * g.pitch + (n * g.pitch - adv * len(parts.summary)) / 2
        for i, line in enumerate(parts.summary):
            lines.append(HeadLine(line, "summary", st.size,
                                  y0 + i * adv + (adv + st.size) / 2 - g.descent * st.size,
                                  st.align))
        summary_box = (height, n)
        height += n
    if parts.note:
        st = cfg.style("editor_note")
        for i, line in enumerate(parts.note):
            lines.append(HeadLine(line, "editor_note", st.size,
                                  g.baseline(height + 1 + i, st.size) - g.top, "note"))
        note_box = (height, len(parts.note) + 2)
        height += len(parts.note) + 2
    return Head(tuple(lines), height, note_box=note_box, summary_box=summary_box,
                title_size=size, inside_word=variant.title.inside_word)


@lru_cache(maxsize=1024)
def continuation_head(prep: Prepared, span: int, cfg: LayoutConfig) -> Head:
    """The short head of a continued article: its title on one line (smaller when
    needed), under grid line 0, which the 上接第N版 line takes."""
    g = cfg.grid
    style = cfg.style("jump_title")
    size, line = fit_one_line(prep.article.title.replace("\n", ""), style, prep.lang,
                              g.span_width(span), "jump_title", min_size=g.body_size)
    stack = [("title", size, style.leading * g.pitch, (line,), "center")]
    lines, height = _place(stack, g.pitch, 0.0, g.descent)
    moved = tuple(HeadLine(h.line, "jump_title", h.size, h.dy + g.pitch, h.align)
                  for h in lines)
    return Head(moved, height + 1, title_size=size)


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
