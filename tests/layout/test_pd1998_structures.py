"""Shared corpus days through import, layout and the display list: body lines stay in
their columns, photo items print frames, rebuilt tables print their rows whole.
Skipped when ../shared/corpus is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from epaper.assemble import assemble
from epaper.display import Box, Image, TextRun
from epaper.importers.pd1998 import run_import_pd1998
from epaper.ingest import load_issue
from epaper.layout import layout_issue
from epaper.layout.config import load_layout
from epaper.model import Table

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "pd1998"
#: A day with verse and photo items, and a day with stock and ranking tables.
DAYS = ("1998-01-01", "1998-01-12")


@pytest.fixture(scope="module", params=DAYS)
def day(request, tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/pd1998 is absent")
    out = tmp_path_factory.mktemp("pd") / request.param
    assert run_import_pd1998(CORPUS / f"{request.param}.json", out, stream=_Null()) == 0
    issue = load_issue(out)
    return issue, layout_issue(assemble(issue), allow_overset=True)


class _Null:
    def write(self, _text: str) -> int:
        return 0


def test_no_body_line_leaves_its_column(day):
    issue, lay = day
    g = load_layout(issue.layout).grid
    lefts = [g.column_x(c) for c in range(g.columns)]
    for page in lay.pages:
        for run in page.items:
            if not isinstance(run, TextRun) or run.role != "body":
                continue
            # An opening mark at a line's head keeps its glyph on the column edge and
            # its blank (half an em) in the gutter: ink stays inside.
            blank = run.size / 2 + 0.05
            col = max(c for c, x in enumerate(lefts) if x <= run.x + blank)
            right = lefts[col] + g.column_width
            assert run.x + sum(run.advances) <= right + blank, (page.number, run.text)


def test_photo_items_print_their_frames(day):
    issue, lay = day
    items = [a for a in issue.articles if a.kind == "photo"]
    assert items
    for page in lay.pages:
        frames = [it for it in page.items if isinstance(it, Box | Image)]
        for region in page.regions:
            art = next((a for a in items if a.id == region.article_id), None)
            if art is None:
                continue
            inside = [f for f in frames for r in region.rects
                      if r.x - 0.5 <= f.x < r.x + r.w and r.y - 0.5 <= f.y < r.y + r.h]
            assert len(inside) >= len(art.photos), art.id


def test_rebuilt_table_rows_print_whole(day):
    issue, lay = day
    tables = [(a.id, b) for a in issue.articles for b in a.body if isinstance(b, Table)]
    runs = {" ".join(it.text.split()) for p in lay.pages for it in p.items
            if isinstance(it, TextRun) and it.role == "body"}
    whole = 0
    for _aid, table in tables:
        rows = [" ".join(c for c in row if c) for row in table.rows]
        if all(r in runs for r in rows):
            whole += 1
    # the ranking tables fit a column; the wide index table is set row by row
    assert whole >= (4 if tables else 0)
