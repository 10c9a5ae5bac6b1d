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
    "prev_day": "前一天",
    "next_day": "後一天",
    "no_prev_day": "無更早一期",
    "no_next_day": "已是最新一期",
    "calendar": "往期",
    "day_nav": "按日期翻閱",
    "month": "{y}年{m}月",
    "weekday_short": "一 二 三 四 五 六 日",
    "search": "搜尋",
    "search_label": "搜尋全部往期",
    "search_placeholder": "標題、作者或正文",
    "search_title": "{paper} 全文搜尋",
    "search_title_all": "全文搜尋",
    "search_count": "找到 {n} 篇",
    "search_none": "沒有找到含「{q}」的文章。",
    "search_loading": "正在載入索引…",
    "search_needs_js": "全文搜尋需要啟用 JavaScript。",
    "zoom_in": "放大",
    "zoom_out": "縮小",
    "zoom_reset": "還原",
    "zoom_hint": "滾輪或雙指縮放，拖動平移；雙擊文章放大",
    "font_larger": "加大字號",
    "font_smaller": "減小字號",
    "share": "分享本文",
    "permalink": "本文鏈接",
    "qr_alt": "本文二維碼：{url}",
    "qr_hint": "手機掃碼閱讀",
    "print": "列印",
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
    "prev_day": "前一天",
    "next_day": "后一天",
    "no_prev_day": "无更早一期",
    "no_next_day": "已是最新一期",
    "calendar": "往期",
    "day_nav": "按日期翻阅",
    "month": "{y}年{m}月",
    "weekday_short": "一 二 三 四 五 六 日",
    "search": "搜索",
    "search_label": "搜索全部往期",
    "search_placeholder": "标题、作者或正文",
    "search_title": "{paper} 全文搜索",
    "search_title_all": "全文搜索",
    "search_count": "找到 {n} 篇",
    "search_none": "没有找到含“{q}”的文章。",
    "search_loading": "正在载入索引…",
    "search_needs_js": "全文搜索需要启用 JavaScript。",
    "zoom_in": "放大",
    "zoom_out": "缩小",
    "zoom_reset": "还原",
    "zoom_hint": "滚轮或双指缩放，拖动平移；双击文章放大",
    "font_larger": "加大字号",
    "font_smaller": "减小字号",
    "share": "分享本文",
    "permalink": "本文链接",
    "qr_alt": "本文二维码：{url}",
    "qr_hint": "手机扫码阅读",
    "print": "打印",
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
