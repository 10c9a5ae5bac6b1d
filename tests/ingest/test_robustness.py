"""Whatever an article file holds, loading ends in an Issue or an InputError, never a
crash (a traceback is not a message layout staff can act on)."""

from __future__ import annotations

import itertools
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from epaper.errors import InputError
from epaper.ingest import load_issue

from .conftest import ISSUE_YAML, SECOND_MD

_counter = itertools.count()

# Pieces that make YAML and Markdown interesting: keys, fences, brackets, quotes.
PIECES = st.sampled_from(["---", "title:", "photos:", "- file: x.jpg", "  caption: 圖",
                          "## ", "priority: 1", "lang: zh-Hant", "[", "{", "'", '"', ":",
                          "\t", "\u3000", "正文。", "？", "\x00", "\ufeff", "&a", "*a",
                          "continue_on: 9", "missing: yes", "\r"])
LINES = st.lists(st.lists(PIECES | st.text(max_size=4), max_size=5).map("".join),
                 max_size=12).map("\n".join)
FRAMED = st.tuples(LINES, LINES).map(lambda fb: f"---\ntitle: 標題\n{fb[0]}\n---\n{fb[1]}")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=LINES | FRAMED)
def test_any_article_text_loads_or_reports(tmp_path_factory, text):
    root = tmp_path_factory.getbasetemp() / f"fuzz{next(_counter)}" / "2023-01-10"
    (root / "articles").mkdir(parents=True)
    (root / "photos").mkdir()
    (root / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
    (root / "articles" / "lead.md").write_text(text, encoding="utf-8", newline="")
    (root / "articles" / "second.md").write_text(SECOND_MD, encoding="utf-8")
    try:
        load_issue(root)
    except InputError as err:
        assert err.problems and all(p.path and p.message for p in err.problems)
    finally:
        shutil.rmtree(root.parent)
