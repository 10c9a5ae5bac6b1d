"""Typesetting options (cjk-typesetting.md §§3–9), resolved once per call."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..fonts import is_traditional
from .classes import LEVELS

PUNCT_STYLES = ("gb", "cns", "none")
KINDS = ("body", "headline")
LINE_BREAKING = ("total-fit", "first-fit")


@dataclass(frozen=True)
class TypesetConfig:
    """Options of the CJK typesetter; every default is the spec's."""

    # Width of two adjacent full-width marks (§4.3): 1.5 em, or 1.0 in tight styles.
    pair_compression: float = 1.5
    # Hang one ，。、． beyond the measure (§4.5). Off: most Chinese publications do
    # not hang; never in zh-Hant horizontal text.
    hanging: bool = False
    # Space between Han and Western letters/digits (§6.1): ¼ em, ⅛–⅓ em or 0 (grid).
    han_latin_space_em: float = 0.25
    # Where punctuation ink sits and how it compresses (§9): "gb" (mainland), "cns"
    # (Taiwan/Hong Kong: centred marks) or "none" (every mark a full em).
    # None: "cns" for zh-Hant (and zh-TW/HK/MO), "gb" otherwise.
    punct_style: str | None = None
    # Uniform letter-space in em added between characters (§8.2: headlines down to
    # −0.1 em). Never added at a line edge.
    tracking: float = 0.0
    # Shrink step (7) of §5.2: 。？！ may give up their blank to fit a line.
    allow_stop_compression: bool = True
    # First-line indent in em (§7.1); None: the ``indent`` argument of set_paragraph.
    first_line_indent: float | None = None
    # Looseness limit (§3.4): re-break lines that need more extra space per gap.
    max_gap_em: float = 0.5
    # Orphans (§3.5): the last line holds at least this many non-punctuation chars.
    min_last_line_chars: int = 2
    # §4.4/§7.3: an opening bracket at the start of a line loses its left blank,
    # and so does one opening the indented first line (§7.3 MAY, clreq §3.1.6.3)
    # unless this is False: the default since issue 17, as it gives the fewest
    # letter-spaced first lines (docs/typeset.md, Total-fit line breaking).
    flush_first_line_opener: bool = True
    # §4.6 MAY: ？！, ？？ and ！！ set in 1 em together, ？？？ and ！！！ in 2 em.
    combine_question_exclamation: bool = False
    # §3.3: how body text is broken. "total-fit": the paragraph as a whole, least
    # total demerits (after Knuth and Plass); "first-fit": line by line with local
    # repairs (the earlier breaker, and total-fit's fallback).
    line_breaking: str = "total-fit"

    def __post_init__(self) -> None:
        if self.pair_compression not in (1.0, 1.5):
            raise ValueError(f"pair_compression must be 1.0 or 1.5, not {self.pair_compression}")
        hl = self.han_latin_space_em
        if hl != 0 and not 0.125 - 1e-9 <= hl <= 1 / 3 + 1e-9:
            raise ValueError(f"han_latin_space_em must be 0 or within 1/8..1/3 em, not {hl}")
        if self.punct_style is not None and self.punct_style not in PUNCT_STYLES:
            raise ValueError(f"punct_style must be one of {PUNCT_STYLES}, not {self.punct_style!r}")
        if not -0.1 - 1e-9 <= self.tracking <= 0.5:
            raise ValueError(f"tracking must be within -0.1..0.5 em, not {self.tracking}")
        if self.line_breaking not in LINE_BREAKING:
            raise ValueError(
                f"line_breaking must be one of {LINE_BREAKING}, not {self.line_breaking!r}"
            )
        if self.max_gap_em <= 0:
            raise ValueError("max_gap_em must be positive")


DEFAULT = TypesetConfig()


@lru_cache(maxsize=64)
def punct_style_for(lang: str) -> str:
    """Punctuation style of a language tag: cns for Traditional Chinese, else gb."""
    return "cns" if is_traditional(lang) else "gb"


class Resolved(NamedTuple):
    """The options one call runs with (arguments and config merged, validated)."""

    measure: float
    indent: float
    kind: str
    level: str
    face: str
    style: str
    config: TypesetConfig


def resolve(
    measure: float,
    *,
    lang: str,
    kind: str,
    indent: float,
    level: str,
    font: str | None,
    config: TypesetConfig | None,
    body_face: str,
) -> Resolved:
    """Validate the arguments of set_paragraph and merge them with ``config``."""
    cfg = config or DEFAULT
    if not measure > 0:
        raise ValueError(f"measure must be positive, not {measure}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    if kind == "headline":
        indent = 0.0
    elif cfg.first_line_indent is not None:
        indent = cfg.first_line_indent
    if indent < 0 or indent >= measure:
        raise ValueError(f"indent {indent} em does not fit the measure {measure} em")
    style = cfg.punct_style or punct_style_for(lang)
    return Resolved(measure, float(indent), kind, level, font or body_face, style, cfg)
