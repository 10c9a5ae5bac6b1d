"""The CJK typesetter (cjk-typesetting.md §§1-9): lines with exact advances.

Public API::

    from epaper.typeset import set_paragraph, TypesetConfig
    lines = set_paragraph(text, measure, *, lang="zh-Hans", kind="body",
                          indent=2.0, level="gb", font=None, config=None)

Every width is in em of the text's own size. The driver reads like the steps:
prepare (classes, tokens, natural advances) → break → set each line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from epaper import fonts

from .breaker import Breaker
from .config import TypesetConfig, punct_style_for, resolve
from .headline import headline_spans
from .justify import set_lines
from .line import Line, Run
from .optimal import total_fit
from .prepare import prepare

__all__ = ["Line", "Run", "TypesetConfig", "punct_style_for", "set_paragraph"]

_body_face = lru_cache(maxsize=64)(fonts.body_face)
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def set_paragraph(
    text: str,
    measure: float,
    *,
    lang: str = "zh-Hans",
    kind: str = "body",
    indent: float = 2.0,
    level: str = "gb",
    font: str | None = None,
    config: TypesetConfig | None = None,
) -> list[Line]:
    """Break ``text`` into lines of ``measure`` em and set each line's advances.

    ``kind="body"``: first line indented by ``indent`` em, every line but the last
    justified to the measure. ``kind="headline"``: no indent, lines not justified,
    the editor's newlines kept and automatic breaks balanced. ``level`` is the
    prohibition level (basic, gb, strict, none); ``font`` a face key (None: the
    body face for ``lang``). A newline in body text ends a line without justifying
    it. Raises ValueError for invalid arguments; never drops a character.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    r = resolve(
        measure,
        lang=lang,
        kind=kind,
        indent=indent,
        level=level,
        font=font,
        config=config,
        body_face=_body_face(lang),
    )
    cfg = r.config
    hanging = cfg.hanging and r.style != "cns"
    optimal = r.kind == "body" and cfg.line_breaking == "total-fit" and not hanging
    lines: list[Line] = []
    first = True
    newline = "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text
    for seg in _NEWLINES.split(text) if newline else (text,):
        if not seg:
            continue
        p = prepare(seg, r.face, r.style, r.level, cfg)
        seg_indent = r.indent if first else 0.0
        br = Breaker(
            p,
            r.measure,
            seg_indent,
            cfg,
            hanging=hanging,
            flush=r.kind == "body",
        )
        if r.kind == "headline":
            spans = headline_spans(p, r.measure, br)
        else:
            # Total-fit (§3.3); first-fit where it finds no set of lines, for a
            # paragraph that fits on one line, and with hanging punctuation.
            spans = (optimal and total_fit(br)) or br.run()
        lines += set_lines(p, spans, seg_indent, cfg.allow_stop_compression, r.kind == "body")
        first = False
    return lines
