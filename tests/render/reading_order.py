"""Does a text extractor return each article of a page contiguous?

The extractor's output (e.g. ``pdftotext`` without flags) is cut into pieces at
white space; each piece is given to the one article of the page whose drawn text
contains it (pieces found in several articles, in none, or too short to tell are
left out). An article is contiguous when its pieces form one unbroken stretch of
the sequence, and whole when its text, white space removed, appears in the output
as it was drawn."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from epaper.display import PageLayout, TextRun

#: What is not article text (docs/outputs.md, "Tagged PDF"), written out here rather
#: than taken from the renderer, so the tests judge it independently.
FURNITURE = frozenset({"header", "header_page", "header_paper", "masthead",
                       "masthead_info", "jump", "jump_title", "filler"})

#: Pieces shorter than this are not attributed: short strings (dates, 記者) recur.
MIN_PIECE = 4


def norm(text: str) -> str:
    """``text`` without white space or invisible marks."""
    return "".join(ch for ch in text if not ch.isspace()
                   and unicodedata.category(ch) not in ("Cf", "Mn", "Cc"))


def article_texts(page: PageLayout) -> dict[str, str]:
    """Each article's text drawn on ``page`` (artifacts left out), in drawing order."""
    out: dict[str, list[str]] = {}
    for item in page.items:
        if isinstance(item, TextRun) and item.article_id and item.role not in FURNITURE:
            out.setdefault(item.article_id, []).append(item.text)
    return {key: norm("".join(parts)) for key, parts in out.items()}


@dataclass(frozen=True)
class Reading:
    """How an extractor's output kept the articles of one page."""

    articles: tuple[str, ...]
    contiguous: tuple[str, ...]
    whole: tuple[str, ...]


def check(page: PageLayout, extracted: str) -> Reading:
    """Judge the extractor's ``extracted`` text of ``page``."""
    texts = article_texts(page)
    labels: list[str] = []
    for piece in extracted.split():
        piece = norm(piece)
        if len(piece) < MIN_PIECE:
            continue
        owners = [key for key, text in texts.items() if piece in text]
        if len(owners) == 1:
            labels.append(owners[0])
    flat = norm(extracted)
    contiguous = []
    for key in texts:
        positions = [i for i, label in enumerate(labels) if label == key]
        if positions and positions[-1] - positions[0] + 1 == len(positions):
            contiguous.append(key)
    whole = [key for key, text in texts.items() if text and text in flat]
    return Reading(tuple(texts), tuple(contiguous), tuple(whole))
