"""Characters no bundled font has: a warning with file and line, never an error."""

from __future__ import annotations

from epaper.ingest import load_issue

from .conftest import LEAD_MD

PRIVATE = "\U000f0001"  # a private-use code point no font covers


def test_uncovered_body_character_warns_at_its_line(make_issue):
    text = LEAD_MD.replace("第一段第二行。", f"第一段{PRIVATE}第二行。")
    issue = load_issue(make_issue(articles={"lead": text}))
    assert any(f"lead.md:12: warning: no bundled font has {PRIVATE} (U+F0001)" in w
               for w in issue.warnings)
    assert PRIVATE in issue.article("lead").body[0].text  # kept, never dropped


def test_uncovered_title_character_warns_at_the_key_line(make_issue):
    text = LEAD_MD.replace("title: 矢志不渝做忠誠衛士", f"title: 矢志{PRIVATE}")
    issue = load_issue(make_issue(articles={"lead": text}))
    assert any("lead.md:3: warning: no bundled font has" in w for w in issue.warnings)
