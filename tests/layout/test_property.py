"""Property: random pages of random articles either fill every page with all their copy
(placed whole or continued by one planned jump), or fail with a copy-fit report that
names the articles to cut; nothing is ever lost in silence."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from epaper.display import TextRun
from epaper.layout import CopyFitError, finalize, layout_drafts

from .helpers import article, article_text, plan, small_layout

CFG = small_layout()
_OVERSET = re.compile(r"article (\S+): (\d+) characters")

articles = st.lists(
    st.tuples(st.lists(st.integers(5, 160), min_size=1, max_size=4),  # paragraph lengths
              st.integers(1, 6),  # priority
              st.booleans()),  # a subhead before the second paragraph
    min_size=1, max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles, min_size=1, max_size=2), st.booleans())
def test_every_character_is_printed_or_reported(pages_spec, jump_first):
    pages = []
    for p, spec in enumerate(pages_spec):
        pages.append([article(f"p{p}a{i}", paras, priority=prio,
                              subheads=(1,) if sub else ())
                      for i, (paras, prio, sub) in enumerate(spec)])
    jumps = {pages[0][0].id: 2} if jump_first and len(pages) > 1 else {}
    p = plan(pages, continue_on=jumps)
    try:
        lay = finalize(p, CFG, layout_drafts(p, CFG))
    except CopyFitError as err:
        # The report names, per page, an article of that page and how much to cut.
        ids = {a.id for page in pages for a in page}
        assert err.problems
        for problem in err.problems:
            m = re.search(r"cut article (\S+) by (\d+) characters", problem.message)
            assert m and m.group(1) in ids and int(m.group(2)) > 0, problem
        return
    assert not any(page.report.overset for page in lay.pages)
    overset: Counter[str] = Counter()
    g = CFG.grid
    for page in lay.pages:
        cells = set()
        for b in page.report.blocks:
            for c in range(b.column, b.column + b.span):
                for r in range(b.top, b.top + b.lines):
                    assert (c, r) not in cells
                    cells.add((c, r))
        for it in page.items:
            if isinstance(it, TextRun) and it.role == "body":
                k = (it.y - g.baseline(0)) / g.pitch
                assert abs(k - round(k)) < 1e-3
    for page_articles in pages:
        for art in page_articles:
            printed = article_text(lay.pages, art.id)
            expected = "".join(art.text_chars().split())
            assert len(printed) + overset[art.id] == len(expected), art.id
            assert not Counter(printed) - Counter(expected)
    for page in lay.pages:
        # An article is on at most two pages (its own and one planned jump).
        for art_id in {e.article_id for e in page.articles}:
            on = [q.number for q in lay.pages
                  if art_id in {e.article_id for e in q.articles}]
            assert len(on) <= 2
