"""Body structures beyond prose: fenced verse, GitHub pipe tables, bold lead-ins.

The body is cut into stretches: a fenced block (```` ``` ```` … ```` ``` ````) is
verse, a run of ``|`` lines with a delimiter row is a table (a ``表…`` line right
above it is its caption), and everything else goes to
:func:`epaper.ingest.text.split_body` for paragraphs and subheads. Rules are in
docs/inputs.md ("Verse, tables and briefs").
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import BodyBlock, Paragraph, SourcePos, Subhead, Table, Verse
from .problems import Problems
from .text import normalize, split_body

FENCE = "```"
#: Languages a fence may name; anything else is reported (it is probably a typo, and
#: this format has no code blocks).
FENCE_KINDS = ("", "verse", "poem", "詩", "诗")
_DELIMITER_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_CAPTION = re.compile(r"^表\s*[0-9一二三四五六七八九十]*\s*[：:　 ]")
#: A bold lead-in at the head of a paragraph: **…** (the 簡訊 item heads).
_LEAD = re.compile(r"^\*\*(?P<lead>[^*]+?)\*\*\s*(?P<rest>.*)$")
_INDENT = " \t\u3000"


def parse_body(lines: list[str], first_line: int, path: Path, problems: Problems, *,
               verse: bool = False) -> tuple[BodyBlock, ...]:
    """Body blocks of an article's Markdown ``lines`` (``lines[0]`` is file line
    ``first_line``). ``verse``: the whole body is verse (front matter ``form: verse``);
    blank lines separate stanzas."""
    if verse:
        return _verse_stanzas(lines, first_line, path)
    blocks: list[BodyBlock] = []
    prose: list[str] = []
    prose_line = first_line
    i = 0

    def flush(upto_caption: bool = False) -> str:
        """Turn the pending prose into blocks; with ``upto_caption`` a last ``表…``
        line is held back and returned as the caption of the table that follows."""
        nonlocal prose
        caption = ""
        if upto_caption and prose and _CAPTION.match(prose[-1].strip(_INDENT)):
            caption = normalize(prose[-1].strip(_INDENT))
            prose = prose[:-1]
        blocks.extend(_prose(prose, prose_line, path, problems))
        prose = []
        return caption

    while i < len(lines):
        raw = lines[i]
        number = first_line + i
        stripped = raw.strip(_INDENT)
        if stripped.startswith(FENCE):
            flush()
            i = _fence(lines, i, first_line, path, problems, blocks)
            prose_line = first_line + i
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and _is_delimiter(lines[i + 1]):
            caption = flush(upto_caption=True)
            end = i + 2
            while end < len(lines) and lines[end].strip(_INDENT).startswith("|"):
                end += 1
            table = _table(lines[i:end], number, caption, path, problems)
            if table is not None:
                blocks.append(table)
            i = end
            prose_line = first_line + i
            continue
        if not prose:
            prose_line = number
        prose.append(raw)
        i += 1
    flush()
    return tuple(blocks)


def _prose(lines: list[str], first_line: int, path: Path,
           problems: Problems) -> list[BodyBlock]:
    out: list[BodyBlock] = []
    for raw in split_body(lines, first_line):
        pos = SourcePos(str(path), raw.line)
        if raw.kind == "p":
            out.append(_paragraph(raw.lines[0], pos))
            continue
        for offset, head in enumerate(raw.lines):
            if not head:
                problems.error(path, raw.line + offset, "empty subhead: '## ' needs text")
        out.append(Subhead(tuple(h for h in raw.lines if h), pos))
    return out


def _paragraph(text: str, pos: SourcePos) -> Paragraph:
    """A paragraph; ``**lead**text`` gives a bold lead-in (the rest may be empty)."""
    m = _LEAD.match(text)
    if m:
        return Paragraph(m.group("rest"), pos, lead=m.group("lead").strip())
    return Paragraph(text, pos)


def _fence(lines: list[str], start: int, first_line: int, path: Path, problems: Problems,
           blocks: list[BodyBlock]) -> int:
    """Read the fenced block opening at ``lines[start]``; returns the index after it."""
    opener = lines[start].strip(_INDENT)
    kind = opener[len(FENCE):].strip()
    if kind not in FENCE_KINDS:
        problems.error(path, first_line + start,
                       f"unknown fenced block '{kind}': only verse is fenced (write "
                       f"'{FENCE}' or '{FENCE}verse')")
    end = start + 1
    while end < len(lines) and not lines[end].strip(_INDENT).startswith(FENCE):
        end += 1
    if end >= len(lines):
        problems.error(path, first_line + start,
                       f"verse block opened here is not closed by a '{FENCE}' line")
    blocks.extend(_verse_stanzas(lines[start + 1:end], first_line + start + 1, path))
    return end + 1


def _verse_stanzas(lines: list[str], first_line: int, path: Path) -> tuple[Verse, ...]:
    """One Verse per stanza (stanzas are separated by blank lines)."""
    stanzas: list[Verse] = []
    current: list[str] = []
    start = first_line
    for number, raw in enumerate(lines, start=first_line):
        # Leading blanks of a verse line are the poet's, but the layout indents by
        # itself; trailing blanks are noise.
        text = normalize(raw.strip(_INDENT))
        if not text:
            if current:
                stanzas.append(Verse(tuple(current), SourcePos(str(path), start)))
                current = []
            continue
        if not current:
            start = number
        current.append(text)
    if current:
        stanzas.append(Verse(tuple(current), SourcePos(str(path), start)))
    return tuple(stanzas)


def _is_delimiter(line: str) -> bool:
    cells = _cells(line)
    return bool(cells) and all(_DELIMITER_CELL.match(c) for c in cells)


def _cells(line: str) -> list[str]:
    """The cells of a pipe-table row (outer pipes optional, ``\\|`` is a literal pipe)."""
    text = line.strip(_INDENT)
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    parts = re.split(r"(?<!\\)\|", text)
    return [normalize(p.replace("\\|", "|").strip(_INDENT)) for p in parts]


def _align(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith(":") and cell.endswith(":"):
        return "center"
    if cell.endswith(":"):
        return "end"
    if cell.startswith(":"):
        return "start"
    return ""  # not given: the layout aligns numbers to the end, text to the start


#: A figure as tables print them: signs, digits with separators, units like % ℃ 元.
NUMBER = re.compile(r"^[-+−±～~]?[0-9][0-9,.:/～~\-－]*\s*(%|％|℃|元|万|亿|斤|公斤|米|\*)?$")


def _numeric_column(rows: list[tuple[str, ...]], j: int) -> bool:
    """True when every filled cell of column ``j`` is a figure."""
    cells = [r[j] for r in rows if r[j] and r[j] not in ("-", "—", "－")]
    return bool(cells) and all(NUMBER.match(c) for c in cells)


def _table(lines: list[str], first_line: int, caption: str, path: Path,
           problems: Problems) -> Table | None:
    header = _cells(lines[0])
    align = [_align(c) for c in _cells(lines[1])]
    width = len(header)
    if len(align) != width:
        problems.error(path, first_line + 1, f"table delimiter row has {len(align)} cells, "
                                             f"the header has {width}")
        return None
    rows: list[tuple[str, ...]] = []
    for offset, raw in enumerate(lines[2:], start=2):
        cells = _cells(raw)
        if len(cells) != width:
            problems.error(path, first_line + offset,
                           f"table row has {len(cells)} cells, the header has {width}")
            continue
        rows.append(tuple(cells))
    if not rows:
        problems.warn(path, first_line, "table has a header but no rows")
    align = [a or ("end" if _numeric_column(rows, j) else "start")
             for j, a in enumerate(align)]
    return Table(header=tuple(header), rows=tuple(rows), align=tuple(align),
                 caption=caption, source=SourcePos(str(path), first_line))
