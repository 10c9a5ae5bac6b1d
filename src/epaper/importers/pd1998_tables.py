"""Rebuilding the tables the pd1998 corpus flattened into runs of digit paragraphs.

The corpus keeps a table's rows as paragraphs with the cells fused:
``上证指数917.02914.061510.18870.18`` (a name, then figures with a fixed number of
decimals), or a ranking ``1华东电脑24.82``. Figures with a fixed number of decimals
split unambiguously; where the name itself may end in digits (``上证30``) the split
whose figures have the most alike integer parts wins (the figures of one row are
of one kind: index points, percentages). A header paragraph (no digits) right
above the rows is cut into cells when its length allows equal labels. Rows that do
not parse stay paragraphs: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Fewest rows that make a table (two could be a coincidence of two figures).
MIN_ROWS = 3
_SIGN = "[-+]?"
_RANK = re.compile(r"^(?P<rank>[0-9]{1,2})(?P<name>[^0-9.+-][^0-9]*?)(?P<value>-?[0-9]+\.[0-9]+)$")


@dataclass(frozen=True)
class TableRows:
    """A rebuilt table: header cells (may be empty), rows, column alignment."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]


def clean(text: str) -> str:
    """Unify the corpus's decimal points (．·) and minus signs (－—) to ASCII, so
    figures parse; the cell text printed is this cleaned form."""
    return (text.replace("·", ".").replace("．", ".").replace("－", "-")
            .replace("＋", "+").replace("　", "").strip())


def _figures(rest: str, decimals: int) -> list[str] | None:
    pattern = re.compile(rf"{_SIGN}[0-9]+\.[0-9]{{{decimals}}}")
    out = []
    pos = 0
    while pos < len(rest):
        m = pattern.match(rest, pos)
        if not m:
            return None
        out.append(m.group())
        pos = m.end()
    return out or None


def _spread(figures: list[str]) -> int:
    digits = [len(f.lstrip("+-").split(".")[0]) for f in figures]
    return max(digits) - min(digits)


def parse_row(text: str, decimals: int | None = None) -> tuple[str, ...] | None:
    """(name, figure, …) of one fused row, or None when it does not split cleanly;
    ``decimals`` forces the number of decimals of every figure."""
    text = clean(text)
    m = _RANK.match(text)
    if m:
        return (m.group("rank"), m.group("name"), m.group("value"))
    start = 0
    while start < len(text) and not (text[start].isdigit() or text[start] in "+-"):
        start += 1
    if start == 0 or start >= len(text):
        return None
    choices = (decimals,) if decimals else (2, 1, 3)
    plain = None
    for places in choices:
        figs = _figures(text[start:], places)
        if figs:
            plain = (text[:start], *figs)
            break
    # The name may end in digits (上证30): borrow up to 3 digits from the figures,
    # but only when that makes every figure of the row as long as the others, as
    # the figures of one index row are (points of one index), and the plain split
    # does not.
    if plain is not None and _spread(list(plain[1:])) == 0:
        return plain
    for extra in range(1, 4):
        cut = start + extra
        if cut >= len(text) or not text[cut - 1].isdigit():
            break
        for places in choices:
            figs = _figures(text[cut:], places)
            if figs and len(figs) >= 2 and _spread(figs) == 0:
                return (text[:cut], *figs)
    return plain


def decimals_of(row: tuple[str, ...]) -> int:
    """Decimals of the row's last figure (0 for a ranking's integer)."""
    last = row[-1]
    return len(last.split(".")[1]) if "." in last else 0


def _header(text: str, columns: int) -> tuple[str, ...]:
    """Cut a fused header into ``columns`` cells: equal labels after a first label
    of 2-4 characters (名称前年收盘本年开盘…); () when no cut fits."""
    text = clean(text)
    for label in (4, 3, 2, 5):
        first = len(text) - (columns - 1) * label
        if 2 <= first <= 4:
            cells = [text[:first]] + [text[first + i * label:first + (i + 1) * label]
                                      for i in range(columns - 1)]
            return tuple(cells)
    return ()


def find_tables(paragraphs: list[str]) -> list[tuple[int, int, TableRows]]:
    """Runs of at least MIN_ROWS rows with the same number of cells: (first index,
    end index, table); the paragraph right above is taken as the header when it has
    no digits and cuts into that many cells."""
    rows = [parse_row(p) if len(p) <= 60 else None for p in paragraphs]
    # One table has one number of decimals: re-split each row at the most common
    # one, so a damaged row cannot make its own (wrong) split.
    places = [decimals_of(r) for r in rows if r is not None and len(r) > 3 - 1]
    if places:
        common = max(sorted(set(places)), key=places.count)
        rows = [parse_row(p, common) if r is not None and not _RANK.match(clean(p)) else r
                for p, r in zip(paragraphs, rows, strict=True)]
    found = []
    i = 0
    while i < len(rows):
        if rows[i] is None:
            i += 1
            continue
        width = len(rows[i])
        j = i
        while j < len(rows) and rows[j] is not None and len(rows[j]) == width:
            j += 1
        if j - i >= MIN_ROWS and width >= 2:
            first = i
            header: tuple[str, ...] = ()
            if i > 0 and not re.search(r"[0-9０-９]", paragraphs[i - 1]):
                header = _header(paragraphs[i - 1], width)
                if header:
                    first = i - 1
            body = tuple(r for r in rows[i:j] if r is not None)
            align = ("end",) * width if _RANK.match(clean(paragraphs[i])) is None else (
                ("end", "start") + ("end",) * (width - 2))
            align = ("start",) + align[1:] if align[0] == "end" and not body[0][0].isdigit() \
                else align
            found.append((first, j, TableRows(header, body, align)))
        i = max(j, i + 1)
    return found


def markdown(table: TableRows, caption: str = "") -> str:
    """The table as a pipe table (with a ``表`` caption line when given)."""
    width = len(table.rows[0])
    header = table.header or ("",) * width
    marks = {"start": ":---", "end": "---:", "center": ":---:"}
    lines = [f"表：{caption}"] if caption else []
    lines.append("| " + " | ".join(c.replace("|", "\\|") for c in header) + " |")
    lines.append("| " + " | ".join(marks[a] for a in table.align) + " |")
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"
              for row in table.rows]
    return "\n".join(lines)
