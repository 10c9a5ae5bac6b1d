"""Text clean-up at ingest: full-width alnum (cjk-typesetting.md §6.3), body blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Ａ–Ｚ ａ–ｚ ０–９ → ASCII; punctuation stays full-width (§6.4).
_FULLWIDTH_ALNUM = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A),
                                              (0xFF41, 0xFF5A))
                    for cp in range(r[0], r[1] + 1)}
_INDENT = " \t\u3000"
SUBHEAD_MARK = "## "


# Once the digits are ASCII, a full-width point or colon between two of them is a
# decimal point or a ratio/time colon (27．7, 9：00, 3：2), part of one number token
# (§2 W): left full-width it would keep its ½ em blank and split the number.
_NUMBER_SEPARATOR = re.compile(r"(?<=[0-9])[．：](?=[0-9])")
_ASCII_SEPARATOR = {"．": ".", "：": ":"}


def normalize(text: str) -> str:
    """Full-width Latin letters and digits to ASCII (cjk-typesetting.md §6.3), and a
    full-width point or colon between digits to its ASCII form."""
    text = text.translate(_FULLWIDTH_ALNUM)
    return _NUMBER_SEPARATOR.sub(lambda m: _ASCII_SEPARATOR[m.group()], text)


@dataclass(frozen=True)
class RawBlock:
    """A body block before it becomes a model object: ``kind`` "p" or "h"."""

    kind: str
    lines: tuple[str, ...]  # "p": joined text as one item; "h": one item per line
    line: int  # 1-based line in the file where the block starts


def split_body(lines: list[str], first_line: int) -> list[RawBlock]:
    """Group Markdown body lines into paragraphs and subheads.

    A blank line ends a paragraph; the lines of one paragraph join without a space;
    consecutive ``## `` lines form one subhead. ``first_line`` is the file line of
    ``lines[0]``. Subhead lines keep their text even when empty (the caller reports)."""
    blocks: list[RawBlock] = []
    para: list[str] = []
    para_line = 0
    head: list[str] = []
    head_line = 0

    def flush_para() -> None:
        nonlocal para
        if para:
            blocks.append(RawBlock("p", ("".join(para),), para_line))
            para = []

    def flush_head() -> None:
        nonlocal head
        if head:
            blocks.append(RawBlock("h", tuple(head), head_line))
            head = []

    for number, raw in enumerate(lines, start=first_line):
        line = normalize(raw.rstrip())
        if line.startswith(SUBHEAD_MARK) or line == SUBHEAD_MARK.rstrip():
            flush_para()
            if not head:
                head_line = number
            head.append(line[len(SUBHEAD_MARK):].strip(_INDENT))
            continue
        flush_head()
        stripped = line.strip(_INDENT)
        if not stripped:
            flush_para()
            continue
        if not para:
            para_line = number
        para.append(stripped)
    flush_para()
    flush_head()
    return blocks
