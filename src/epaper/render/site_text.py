"""Interface text of the reader site, in traditional and simplified Chinese.

The site speaks the issue's script: a zh-Hant paper gets 版面導航, a zh-Hans paper
版面导航. Templates read these strings by key and never hold Chinese themselves.
"""

from __future__ import annotations

import datetime as _dt

_HANT = {
    "nav": "版面導航",
    "prev_page": "上一版",
    "next_page": "下一版",
    "first_page": "已是第一版",
    "last_page": "已是最後一版",
    "page_pdf": "下載本版 PDF",
    "issue_pdf": "下載全部版面 PDF",
    "page_image": "查看本版大圖",
    "downloads": "下載",
    "page_titles": "本版標題",
    "page_hint": "點擊版面上的文章閱讀全文",
    "back_to_page": "返回{label}",
    "prev_article": "上一篇",
    "next_article": "下一篇",
    "no_prev_article": "已是第一篇",
    "no_next_article": "已是最後一篇",
    "archive": "往期回顧",
    "archive_title": "{paper} 往期報紙",
    "archive_empty": "尚無已出版的報紙。",
    "issue_pages": "共{n}版",
    "read_issue": "閱讀本期",
    "editor": "【編輯：{name}】",
    "editor_note": "編者按",
    "summary": "提要",
    "photo_missing": "圖片暫缺",
    "photo_credit": "攝影：{credit}",
    "appears_on": "本文刊於",
    "continued_on": "轉{label}",
    "continuation": "（續）",
    "page_image_alt": "{label} {section} 版面圖",
    "thumb_alt": "{label} {section} 縮略圖",
    "weekday": "星期一 星期二 星期三 星期四 星期五 星期六 星期日",
    "date": "{y}年{m}月{d}日",
    "skip": "跳到版面",
    "page_of": "{label}：{section}",
}

_HANS = {
    "nav": "版面导航",
    "prev_page": "上一版",
    "next_page": "下一版",
    "first_page": "已是第一版",
    "last_page": "已是最后一版",
    "page_pdf": "下载本版 PDF",
    "issue_pdf": "下载全部版面 PDF",
    "page_image": "查看本版大图",
    "downloads": "下载",
    "page_titles": "本版标题",
    "page_hint": "点击版面上的文章阅读全文",
    "back_to_page": "返回{label}",
    "prev_article": "上一篇",
    "next_article": "下一篇",
    "no_prev_article": "已是第一篇",
    "no_next_article": "已是最后一篇",
    "archive": "往期回顾",
    "archive_title": "{paper} 往期报纸",
    "archive_empty": "尚无已出版的报纸。",
    "issue_pages": "共{n}版",
    "read_issue": "阅读本期",
    "editor": "【编辑：{name}】",
    "editor_note": "编者按",
    "summary": "提要",
    "photo_missing": "图片暂缺",
    "photo_credit": "摄影：{credit}",
    "appears_on": "本文刊于",
    "continued_on": "转{label}",
    "continuation": "（续）",
    "page_image_alt": "{label} {section} 版面图",
    "thumb_alt": "{label} {section} 缩略图",
    "weekday": "星期一 星期二 星期三 星期四 星期五 星期六 星期日",
    "date": "{y}年{m}月{d}日",
    "skip": "跳到版面",
    "page_of": "{label}：{section}",
}


def interface_text(lang: str) -> dict[str, str]:
    """The interface strings for ``lang`` (zh-Hant or zh-Hans; anything else: zh-Hans)."""
    return dict(_HANT if lang == "zh-Hant" else _HANS)


def chinese_date(iso: str, lang: str) -> str:
    """``2023-01-10`` as ``2023年1月10日 星期二``; the ISO text itself when unparsable."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    text = interface_text(lang)
    weekday = text["weekday"].split()[day.weekday()]
    return text["date"].format(y=day.year, m=day.month, d=day.day) + " " + weekday
