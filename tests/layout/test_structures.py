"""Verse, tables, briefs lead-ins, placeholders and overlong runs in the body flow."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from epaper.display import Box, Rule, TextRun
from epaper.layout import finalize, layout_drafts
from epaper.layout.config import load_layout
from epaper.layout.overlong import breakable, set_breakable
from epaper.layout.prepare import prepare
from epaper.layout.table import table_units
from epaper.layout.text import SetLine
from epaper.model import Paragraph, Photo, SourcePos, Table, Verse

from .helpers import article, article_text, han, plan

CFG = load_layout("tabloid")
MEASURE = CFG.grid.chars_per_column  # em


def ascii_art(lines: tuple[SetLine, ...] | list[SetLine]) -> list[str]:
    """Each line as text on a half-em grid: a character at its x, rounded (CJK
    characters take two cells); trailing blanks dropped."""
    out = []
    for line in lines:
        cells = [" "] * int(MEASURE * 2 + 4)
        x = line.indent
        for ch, adv in zip(line.text, line.advances, strict=True):
            col = round(x * 2)
            if ch != " ":
                cells[col] = ch
                if ord(ch) > 0x2000:  # a full-width character fills two cells
                    cells[col + 1] = ""
            x += adv
        out.append("".join(cells).rstrip())
    return out


def _table(**kw) -> Table:
    base = dict(header=("城市", "最低", "最高"),
                rows=(("聊城", "-7", "3"), ("濟南", "-5", "12")),
                align=("start", "end", "end"), caption="表：天氣預報",
                source=SourcePos("x.md", 9))
    base.update(kw)
    return Table(**base)


def test_table_rows_on_the_grid_with_numbers_to_the_end():
    units, warnings = table_units(_table(), MEASURE, CFG, "zh-Hant", "x.md:9", True)
    assert warnings == []
    lines = [line for u in units for line in u.lines]
    art = ascii_art(lines)
    # caption centred, header and rows: text at the start, figures flush right
    assert art[0].strip() == "表：天氣預報"
    assert [row.split() for row in art[1:4]] == [["城市", "最低", "最高"], ["聊城", "-7", "3"],
                                                 ["濟南", "-5", "12"]]
    ends = {row.rstrip()[-1:] for row in art[2:4]}
    assert ends == {"3", "2"} and len({len(r.rstrip()) for r in art[2:4]}) == 1
    minus = [r.index("-") + 1 for r in art[2:4]]  # the -7 and -5 end in the same column
    assert minus[0] == minus[1]
    assert all(line.width <= MEASURE + 1e-6 for line in lines)
    # rules: under the caption (top), under the header, under the last row
    # one unit (a short table never breaks); rules under the caption, under the
    # header and under the last row, then a blank line
    assert len(units) == 1 and [r.line for r in units[0].rules] == [1, 2, 4]
    assert units[0].lines[-1].text == ""


def test_long_table_breaks_between_rows_with_its_head_kept():
    rows = tuple((f"甲{i}", str(i), str(i * 3)) for i in range(12))
    units, _ = table_units(_table(rows=rows), MEASURE, CFG, "zh-Hant", "x.md:9", False)
    assert len(units) == 12 and units[0].keep_next and units[0].pad == 1
    assert len(units[0].lines) == 3 and [r.line for r in units[0].rules] == [1, 2]
    assert [r.line for r in units[-1].rules] == [1]


def test_table_header_is_bold_and_digits_tabular():
    units, _ = table_units(_table(rows=(("甲", "111", "1"), ("乙", "888", "8"))), MEASURE,
                           CFG, "zh-Hant", "x.md:9", True)
    header = units[0].lines[1]
    assert set(header.faces) - {""} == {"sans-bold-tc"}
    row1, row2 = units[0].lines[2], units[0].lines[3]
    assert row1.advances == row2.advances  # 111 and 888 take the same room


def test_too_wide_table_is_set_row_by_row_and_reported():
    wide = _table(header=("名稱", "甲", "乙", "丙", "丁"),
                  rows=(("上證指數", "1194.10", "1200.95", "1250.01", "1200.22"),) * 3,
                  align=("start",) + ("end",) * 4)
    units, warnings = table_units(wide, MEASURE, CFG, "zh-Hant", "x.md:9", True)
    assert len(warnings) == 1 and warnings[0].startswith("x.md:9: table is ")
    assert all(line.width <= MEASURE + 1e-6 for u in units for line in u.lines)
    text = "".join(line.text for u in units for line in u.lines).replace("\u3000", "")
    cells = (wide.caption, *wide.header, *sum(wide.rows, ()))
    assert Counter(text) == Counter("".join(cells))


def test_verse_one_line_each_with_a_hanging_indent():
    verse = Verse(("春風", "一行很長的詩句" + han(20)), SourcePos("x.md", 4))
    prep = prepare(replace(article("v", [30]), body=(Paragraph(han(30)), verse)), CFG)
    units = [u for u in prep.units if u.role == "verse"]
    assert len(units) == 2 and units[0].pad == 1
    short, long = units
    assert len(short.lines) == 1 and short.lines[0].text == "春風"
    assert short.lines[0].indent == 2.0
    assert len(long.lines) >= 2 and long.lines[1].indent == 4.0
    # not justified: natural advances, each line within the column
    assert all(line.width <= MEASURE + 1e-6 for line in long.lines)
    assert "".join(line.text for line in long.lines) == verse.lines[1]


def test_briefs_lead_in_is_bold():
    item = Paragraph("舉辦年貨節。", lead="東昌府區")
    prep = prepare(replace(article("b", [10], lang="zh-Hant"), kind="briefs",
                           body=(item,)), CFG)
    line = prep.units[0].lines[0]
    assert ascii_art([line])[0].split()[0] == "東昌府區"
    assert line.faces[:4] == ("sans-bold-tc",) * 4 and line.faces[6] == "serif-tc"


def test_structures_print_every_character_once_and_within_columns(tmp_path: Path):
    body = (Paragraph(han(60)), Verse(("春風吹過", "雪落無聲")),
            _table(), Paragraph("**不是引題**"), Paragraph("正文。", lead="引題"))
    art = replace(article("s", [10], priority=1), body=body,
                  photos=(Photo(file=Path(""), caption="會場一角", missing=True, aspect=1.2),))
    p = plan([[art, article("o", [300, 300])]])
    page = finalize(p, CFG, layout_drafts(p, CFG)).pages[0]
    assert Counter(article_text((page,), "s")) == Counter("".join(art.text_chars().split()))
    g = CFG.grid
    runs = [it for it in page.items if isinstance(it, TextRun) and it.article_id == "s"]
    for run in runs:
        if run.role == "body":
            col = min(range(g.columns), key=lambda c: abs(g.column_x(c) - run.x))
            assert run.x + sum(run.advances) <= g.column_x(col) + g.column_width + 0.01
    rules = [it for it in page.items if isinstance(it, Rule)]
    assert len(rules) >= 3
    boxes = [it for it in page.items if isinstance(it, Box)]
    assert boxes and any(it.role == "caption" and "會場一角" in it.text for it in runs)


def test_overlong_number_broken_at_group_boundaries():
    text = "數" + "1234567" * 10 + "。"
    marked, inserted = breakable(text, MEASURE, "serif-tc")
    assert inserted and marked.replace("\u200b", "") == text
    run = "1234567" * 10  # each break follows a thousands group (counted from the end)
    for i in inserted:
        left = marked[i + 1:].split("。")[0].replace("\u200b", "")
        assert len(left) % 3 == 0 and len(left) < len(run)


def test_overlong_url_breaks_after_slash_and_lines_fit():
    url = "https://example.org/" + "abc/" * 12 + "end.html"
    lines = set_breakable(url, MEASURE, 0.0, "serif-tc", _set)
    assert "".join(line.text for line in lines) == url
    assert all(line.text.endswith(("/", ".")) for line in lines[:-1])
    assert all(line.indent + sum(line.advances) <= MEASURE + 1e-6 for line in lines)


def _set(text: str):
    from epaper.typeset import set_paragraph
    return set_paragraph(text, MEASURE, lang="zh-Hant", indent=0.0, font="serif-tc")


def test_document_is_set_one_size_down_on_the_grid():
    doc = replace(article("d", [120, 80]), document=True)
    prep = prepare(doc, CFG)
    lines = [u for u in prep.units if u.role == "document"]
    plain = [u for u in prepare(replace(doc, id="p", document=False), CFG).units
             if u.role == "body"]
    assert lines and len(lines) < len(plain)  # more characters to a line
    p = plan([[doc]])
    page = finalize(p, CFG, layout_drafts(p, CFG)).pages[0]
    runs = [it for it in page.items if isinstance(it, TextRun) and it.article_id == "d"
            and it.role == "body"]
    assert runs and {r.size for r in runs} == {7.875}
    g = CFG.grid
    for r in runs:  # centred in its grid line, as every body line
        k = (r.y - g.baseline(0, 7.875)) / g.pitch
        assert abs(k - round(k)) < 1e-3
