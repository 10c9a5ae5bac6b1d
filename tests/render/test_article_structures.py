"""The reader's article view of the sample's structures: a table is an HTML table,
verse keeps its lines, a brief's lead-in is bold, a photo item shows its photos."""

from __future__ import annotations

import re


def _html(built_issue, aid: str) -> str:
    return (built_issue / "articles" / f"{aid}.html").read_text(encoding="utf-8")


def test_table_is_an_html_table(built_issue):
    html = _html(built_issue, "weather-notice")
    table = re.search(r"<table class=\"table\">.*?</table>", html, re.S).group()
    assert "<caption>表：聊城市區未來三天天氣預報</caption>" in table
    assert table.count("<th ") == 3 and table.count("<tr>") == 4
    assert '<td style="text-align:end">-7～3</td>' in table


def test_verse_keeps_its_lines(built_issue):
    html = _html(built_issue, "winter-poem")
    stanzas = re.findall(r"<p class=\"verse\">(.*?)</p>", html)
    assert [s.count("<br>") for s in stanzas] == [3, 3]
    assert stanzas[0].startswith("雪落在運河的肩上<br>")


def test_briefs_lead_ins_are_bold(built_issue):
    leads = re.findall(r"<b class=\"lead\">(.*?)</b>", _html(built_issue, "county-briefs"))
    assert leads == ["陽穀縣", "高唐縣", "茌平區"]


def test_photo_item_shows_numbered_photos(built_issue):
    html = _html(built_issue, "photo-history")
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert [c[0] for c in captions] == ["①", "②", "③"]
