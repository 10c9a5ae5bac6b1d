"""Page furniture: the 報頭 (masthead, with the 導讀 box) on page 1, the 報眉 elsewhere."""

from __future__ import annotations

from ..display import Box, Item, Rule
from ..plan import Masthead, PageHeader, Teaser
from .config import LayoutConfig
from .text import Segment, fit_one_line, runs_for_line, set_text

RED = (0.78, 0.05, 0.08)

#: The few fixed words the furniture prints, per script.
WORDS = {
    "zh-Hant": {"issue": "第{n}期", "total": "總第{n}期", "pages": "今日{n}版",
                "weather": "天氣", "serial": "國內統一連續出版物號", "teasers": "本期導讀",
                "editor": "責任編輯", "art": "美術編輯", "proof": "校對",
                "page": "第{n}版", "date": "{y}年{m}月{d}日"},
    "zh-Hans": {"issue": "第{n}期", "total": "总第{n}期", "pages": "今日{n}版",
                "weather": "天气", "serial": "国内统一连续出版物号", "teasers": "本期导读",
                "editor": "责任编辑", "art": "美术编辑", "proof": "校对",
                "page": "第{n}版", "date": "{y}年{m}月{d}日"},
}


def words(lang: str) -> dict[str, str]:
    """The furniture's words in ``lang``'s script."""
    return WORDS["zh-Hant" if lang == "zh-Hant" else "zh-Hans"]


def _line(text: str, role: str, cfg: LayoutConfig, lang: str, x: float, baseline: float,
          width: float, align: str, color=(0.0, 0.0, 0.0), size: float | None = None
          ) -> list[Item]:
    style = cfg.style(role)
    s, line = fit_one_line(text, style, lang, width, role, size=size or style.size)
    return list(runs_for_line(line, x, baseline, s, width, align, "", color))


def masthead(m: Masthead, teasers: tuple[Teaser, ...], cfg: LayoutConfig, lang: str
             ) -> list[Item]:
    """The 報頭 zone of page 1: paper name, facts, 導讀 box, date band."""
    g = cfg.grid
    w = words(lang)
    zone = cfg.masthead_lines
    items: list[Item] = []
    left_w = g.width * (0.58 if teasers else 1.0)
    style = cfg.style("masthead")
    name_lines = max(3, round(style.leading))
    name_base = g.line_y(0) + name_lines * g.pitch / 2 + style.size * 0.38
    items += _line(m.paper, "masthead", cfg, lang, g.left, name_base, left_w - g.body_size,
                   "start", RED)
    info = []
    if m.publisher:
        info.append(f"{m.publisher}出版")
    info.append(f"{w['serial']} {m.serial}")
    for i, text in enumerate(info):
        items += _line(text, "masthead_info", cfg, lang, g.left,
                       g.baseline(name_lines + 1 + i, cfg.style("masthead_info").size),
                       left_w - g.body_size, "start")
    if teasers:
        items += _teaser_box(teasers, cfg, lang, g.left + left_w, g.width - left_w,
                             zone - 3)
    band = zone - 3
    date = w["date"].format(y=m.date.year, m=m.date.month, d=m.date.day)
    facts = [date, m.weekday]
    if m.lunar:
        facts.append(m.lunar)
    if m.number:
        facts.append(w["issue"].format(n=m.number))
    if m.total_number:
        facts.append(w["total"].format(n=m.total_number))
    if m.pages_today:
        facts.append(w["pages"].format(n=m.pages_today))
    if m.weather:
        facts.append(f"{w['weather']} {m.weather}")
    y_top = g.line_y(band) + 0.4 * g.pitch
    items.append(Rule(g.left, y_top, g.left + g.width, y_top, width=2.0))
    items += _line("　".join(facts), "masthead_info", cfg, lang, g.left,
                   g.baseline(band + 1, cfg.style("masthead_info").size) - 0.2 * g.pitch,
                   g.width, "center")
    y_bot = g.line_y(band + 2) + 0.1 * g.pitch
    items.append(Rule(g.left, y_bot, g.left + g.width, y_bot, width=0.6))
    return items


def _teaser_box(teasers: tuple[Teaser, ...], cfg: LayoutConfig, lang: str, x: float,
                width: float, lines: int) -> list[Item]:
    g = cfg.grid
    w = words(lang)
    items: list[Item] = [Box(x, g.line_y(0) + 0.3 * g.pitch, width, (lines - 0.6) * g.pitch,
                             stroke_width=0.8)]
    inner_x, inner_w = x + g.body_size, width - 2 * g.body_size
    head = cfg.style("teaser_head")
    items += _line(w["teasers"], "teaser_head", cfg, lang, inner_x,
                   g.line_y(0) + 0.3 * g.pitch + 1.25 * g.pitch / 2 + head.size * 0.38,
                   inner_w, "center", RED)
    style = cfg.style("teaser")
    room = lines - 3
    for i, teaser in enumerate(teasers[:room]):
        label = w["page"].format(n=teaser.page)
        label_w = (len(label) + 1) * style.size
        y = g.baseline(2 + i, style.size) + 0.2 * g.pitch
        title = teaser.title
        lines_set = set_text([Segment(title, "teaser")], (inner_w - label_w) / style.size,
                             style, lang, kind="headline")
        if len(lines_set) > 1:  # long titles are cut at the line end with an ellipsis
            first = lines_set[0].text
            title = first[:-1] + "…"
        items += _line("■" + title, "teaser", cfg, lang, inner_x, y, inner_w - label_w, "start")
        items += _line(label, "teaser", cfg, lang, inner_x + inner_w - label_w, y, label_w,
                       "end")
    return items


def page_header(h: PageHeader, cfg: LayoutConfig, lang: str) -> list[Item]:
    """The 報眉 of an inner page: 版次 and 版名 on the outer edge, paper and date,
    credits, and the rule under it (the 眉線)."""
    g = cfg.grid
    w = words(lang)
    zone = cfg.header_lines
    odd = h.number % 2 == 1
    items: list[Item] = []
    slot = (zone - 1) * g.pitch
    big = cfg.style("header_page")
    base = g.line_y(0) + slot / 2 + big.size * 0.38
    page = f"{w['page'].format(n=h.number)}　{h.section}"
    date = w["date"].format(y=h.date.year, m=h.date.month, d=h.date.day)
    half = g.width / 2
    outer_x = g.left + half if odd else g.left
    inner_x = g.left if odd else g.left + half
    items += _line(page, "header_page", cfg, lang, outer_x, base, half,
                   "end" if odd else "start")
    paper_style = cfg.style("header_paper")
    # At most half of the inner half, so a long paper name is set smaller instead of
    # leaving the date a negative width.
    paper_w = min((len(h.paper) + 1) * paper_style.size, half / 2)
    items += _line(h.paper, "header_paper", cfg, lang, inner_x if odd else g.left + g.width
                   - paper_w, base, paper_w, "start" if odd else "end")
    info_x = inner_x + paper_w if odd else g.left + half
    items += _line(f"{date}　{h.weekday}", "header", cfg, lang, info_x,
                   base, half - paper_w, "start" if odd else "end")
    credits = []
    if h.credits.editor:
        credits.append(f"{w['editor']}：{h.credits.editor}")
    if h.credits.art_editor:
        credits.append(f"{w['art']}：{h.credits.art_editor}")
    if h.credits.proofreader:
        credits.append(f"{w['proof']}：{h.credits.proofreader}")
    if credits:
        items += _line("　".join(credits), "header", cfg, lang, g.left,
                       g.baseline(zone - 1, cfg.style("header").size) - 0.25 * g.pitch,
                       g.width, "start" if odd else "end")
    y = g.line_y(zone) - 0.3 * g.pitch
    items.append(Rule(g.left, y, g.left + g.width, y, width=1.5))
    items.append(Rule(g.left, y + 2.2, g.left + g.width, y + 2.2, width=0.4))
    return items
