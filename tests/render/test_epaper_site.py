"""Reader site pieces: inlined JSON, interface text, dates."""

from __future__ import annotations

import json

from epaper.render.site import inline_json
from epaper.render.site_text import chinese_date, interface_text


def test_inline_json_cannot_close_the_script_element():
    data = {"title": "</script><script>alert(1)</script>&"}
    text = str(inline_json(data))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_interface_text_follows_the_script():
    assert interface_text("zh-Hant")["nav"] == "版面導航"
    assert interface_text("zh-Hans")["nav"] == "版面导航"
    assert interface_text("zh-Hant").keys() == interface_text("zh-Hans").keys()


def test_chinese_date_with_weekday():
    assert chinese_date("2023-01-10", "zh-Hant") == "2023年1月10日 星期二"
    assert chinese_date("not-a-date", "zh-Hans") == "not-a-date"
