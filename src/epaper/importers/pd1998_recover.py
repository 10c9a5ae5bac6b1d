"""Recovering the structure the pd1998 corpus flattened, from the text as it is.

Each rule is conservative (it fires only on a pattern that cannot be prose) and each
firing is counted, so the import summary says what was rebuilt:

- photos: ``photo_count`` placeholders (no file) with the caption paragraphs
  attached and taken out of the body: a paragraph ending in a credit (（…摄）,
  （…照片）), a lone credit paragraph (joined to the paragraph above it), 图为…,
  numbered captions (图①…, ①…, and 1、… in 图片新闻), the lines after 图片：;
  an article left with no body is a photo item (``kind: photo``);
- headlines: 引题 and 主题 split where the corpus fused them (an attribution
  ending in 指出/强调/表示/说 before the quoted line; a run of equal clauses before a
  line that opens with a subject such as a region or an institution);
- 编者按 paragraphs become ``editor_note``; short unpunctuated lines between prose
  become 小标题; runs of short lines become verse;
- tables: see :mod:`.pd1998_tables`;
- documents (公报, 名单, 全文, 条例, …法) are flagged ``document: true``;
- stray fragments (（A、C）: the page's photo-position letters) are dropped and
  reported with the line of their article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .pd1998_tables import find_tables, markdown
from .writer import PhotoEntry

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_CREDIT = r"（[^（）]*(?:摄|照片|摄影|供图|供稿|摄影报道)[^（）]*）"
#: A paragraph that ends in a photo credit (maybe with （传真照片） after it).
_ENDS_WITH_CREDIT = re.compile(rf"{_CREDIT}(?:（[^（）]*）)*$")
#: A paragraph that is nothing but credits.
_ONLY_CREDIT = re.compile(rf"^(?:{_CREDIT}|（传真照片）)+$")
_PHOTO_WORDS = re.compile(r"^(?:图为|图[①-⑩]|[①-⑩]|图[0-9]+[：:、])")
_NUMBERED = re.compile(r"^[0-9]{1,2}、")
_PHOTO_MARK = re.compile(r"^(?:图片|照片)[：:]$")
#: Photo-position letters left from the page make-up: （A、C）, （B）.
_FRAGMENT = re.compile(r"^（[A-Z](?:[、，,][A-Z])*）$")
_EDITOR_NOTE = re.compile(r"^(?:编者按|编者的话)[：:　 ]*(?P<text>.+)$")
#: The label alone on its paragraph: the note follows.
_EDITOR_LABEL = re.compile(r"^(?:编者按|编者的话)(?P<text>[：:　 ]*)$")
#: Longest paragraph taken as the caption of a lone credit line below it.
CAPTION_MAX = 120
_SENTENCE_END = "。！？；：…”’"
#: 小标题: short, no sentence punctuation at the end, no figures (a date line is not
#: a subhead), not in brackets.
SUBHEAD_MAX = 24
#: Verse: at least this many consecutive short lines.
VERSE_MIN_LINES = 4
VERSE_MAX_CHARS = 18
_LIST_ITEM = re.compile(r"^(?:（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[章条节])")
_DOCUMENT = re.compile(r"公报|名单|全文|条例|章程|办法|规定$|法$")
#: 引题 + 主题 fused: an attribution ending in a verb of saying, then the line quoted.
_ATTRIBUTION = re.compile(r"^(?P<kicker>.{4,}?(?:时指出|时强调|指出|强调|表示|时说))"
                          r"(?P<title>.{6,})$")
#: Beginnings of a 主题 naming who did it (a region, an institution): where one
#: starts right after a run of equal clauses, the clauses are the 引题.
_SUBJECTS = ("中共中央", "党中央", "中央", "国务院", "全国", "各地", "我国", "我驻", "首都",
             "北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江",
             "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东",
             "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏",
             "新疆", "香港", "澳门", "台湾", "北大", "清华", "中国", "解放军", "武警")

#: Endings that leave a clause wanting its object or its second half (关心…, 和…):
#: no 引题 ends so, so a cut there is inside one line.
_DANGLING = ("和", "对", "与", "及", "向", "为", "把", "被", "在", "将", "从", "的", "同",
             "关心", "影响", "评论", "会见", "访问", "致电", "祝贺", "视察", "考察",
             # a count or an office wants its noun: 首批…, 四名…, 当选…, 破…纪录
             "批", "名", "位", "项", "个", "当选", "破", "途经", "加快", "提出")


@dataclass
class Recovered:
    """What the rules made of one article; ``counts`` per rule, ``notes`` for the
    summary (stray fragments dropped)."""

    kicker: str = ""
    title: str = ""
    editor_note: str = ""
    blocks: list[tuple[str, str]] = field(default_factory=list)
    photos: list[PhotoEntry] = field(default_factory=list)
    kind: str = ""
    document: bool = False
    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def split_headline(title: str) -> tuple[str, str]:
    """(引题, 主题) of a fused title, or ("", title) when no rule applies."""
    if len(title) < 12 or re.search(r"[，、：；！？“”《》（）——]", title):
        return "", title
    m = _ATTRIBUTION.match(title)
    if m and not m.group("kicker").endswith(("说明", "表示出")):
        return m.group("kicker"), m.group("title")
    # The first place (equal clauses of 4 to 8 characters before it) where a
    # subject opens the rest: 建立脱贫有效机制挂钩结对共求发展 | 江苏浙江告别贫困县.
    cuts = sorted({clauses * n for clauses in (2, 3) for n in range(4, 9)} | {4 * 4})
    for cut in cuts:
        rest = title[cut:]
        if len(rest) >= 5 and rest.startswith(_SUBJECTS) and \
                not title[:cut].endswith(_DANGLING):
            return title[:cut], rest
    return "", title


def _is_caption(text: str) -> bool:
    return bool(_ENDS_WITH_CREDIT.search(text) or _PHOTO_WORDS.match(text))


def _take_captions(paras: list[str], count: int, photo_news: bool,
                   rec: Recovered) -> list[str]:
    """Caption paragraphs (removed from ``paras``, in order) of an article with
    ``count`` photos; ``photo_news`` (a 图片新闻 item) also takes 1、… paragraphs."""
    items: list[list[str]] = []  # [kind, text]: "p" body, "c" caption
    i = 0
    while i < len(paras):
        text = paras[i]
        if _PHOTO_MARK.match(text):
            # 图片： then one caption line per photo (artworks: 矿工（石膏）（孙宝田）).
            taken = paras[i + 1:i + 1 + count]
            items.extend(["c", t] for t in taken)
            rec.counts["caption paragraphs"] += len(taken) + 1
            i += 1 + len(taken)
            continue
        if _ONLY_CREDIT.match(text):
            # A credit on its own line belongs to the caption right above it.
            # (The first paragraph, or a short one: a long one in mid-story is
            # prose, and the credit is that of a photo without a caption.)
            if items and (items[-1][0] == "c" or len(items) == 1
                          or len(items[-1][1]) <= CAPTION_MAX):
                items[-1] = ["c", items[-1][1] + text]
            else:
                items.append(["c", text])
            rec.counts["caption paragraphs"] += 1
        elif (count > 1 and _NUMBERED.match(text) and len(text) <= 18 and i + 1 < len(paras)
              and _is_caption(paras[i + 1])):
            # A photo page's numbered picture title (2、棉堆如山喜煞人) heads the
            # caption that follows it.
            paras[i + 1] = _NUMBERED.sub("", text) + "　" + paras[i + 1]
            rec.counts["caption paragraphs"] += 1
        elif photo_news and _NUMBERED.match(text):
            items.append(["c", _NUMBERED.sub("", text)])  # numbered again as ①②③
            rec.counts["caption paragraphs"] += 1
        elif _is_caption(text):
            items.append(["c", text])
            rec.counts["caption paragraphs"] += 1
        else:
            items.append(["p", text])
        i += 1
    paras[:] = [t for k, t in items if k == "p"]
    return [t for k, t in items if k == "c"]


def _photos(captions: list[str], count: int) -> list[PhotoEntry]:
    """``count`` placeholders (or one per caption when the corpus counted fewer);
    surplus captions go with the last photo."""
    n = max(count, len(captions))
    caps = list(captions[:n])
    caps += [""] * (n - len(caps))
    return [PhotoEntry(file="", caption=c, missing=True) for c in caps]


def _is_short_line(text: str) -> bool:
    return (len(text) <= VERSE_MAX_CHARS and not re.search(r"[0-9]", text)
            and not _LIST_ITEM.match(text) and not text.endswith("；")
            and not _ONLY_CREDIT.match(text))


def _verse_like(lines: list[str]) -> bool:
    """Modern verse ends its lines bare; classical verse alternates ，and 。. Short
    sentences ending 。 (a caption, a fact sheet) are prose."""
    stops = sum(line.endswith("。") for line in lines)
    commas = sum(line.endswith("，") for line in lines)
    return stops == 0 or commas * 3 >= len(lines)


def _is_subhead(paras: list[str], i: int) -> bool:
    text = paras[i]
    if i == 0 or i == len(paras) - 1 or len(text) > SUBHEAD_MAX or len(text) < 3:
        return False
    if text[-1] in _SENTENCE_END or text[-1] in "，、" or re.search(r"[0-9]", text):
        return False
    if text.startswith(("（", "【", "—", "本报", "记者", "新华社")) or \
            not re.search(r"[\u4e00-\u9fff]", text):
        return False  # a bracket note, a signature, a byline, a row of ＊
    # Between prose: the paragraphs around it are real sentences.
    return len(paras[i - 1]) > 40 and len(paras[i + 1]) > 40


def _body(paras: list[str], rec: Recovered, title: str) -> None:
    """Blocks of the body: tables, verse runs, subheads, paragraphs."""
    tables = {first: (end, t) for first, end, t in find_tables(paras)}
    allow_verse = not _DOCUMENT.search(title)
    i = 0
    while i < len(paras):
        if i in tables:
            end, table = tables[i]
            rec.blocks.append(("t", markdown(table)))
            rec.counts["tables"] += 1
            i = end
            continue
        j = i
        while allow_verse and j < len(paras) and _is_short_line(paras[j]) and \
                j not in tables:
            j += 1
        if j - i >= VERSE_MIN_LINES and _verse_like(paras[i:j]):
            rec.blocks.append(("v", "\n".join(paras[i:j])))
            rec.counts["verse"] += 1
            i = j
            continue
        if _is_subhead(paras, i):
            rec.blocks.append(("h", paras[i]))
            rec.counts["subheads"] += 1
        else:
            rec.blocks.append(("p", paras[i]))
        i += 1


def recover(title: str, paras: list[str], photo_count: int, article_id: str) -> Recovered:
    """Apply every rule to one titled article (``paras`` already normalised)."""
    rec = Recovered()
    kicker, main = split_headline(title)
    if kicker:
        rec.counts["headlines split"] += 1
    rec.kicker, rec.title = kicker, main
    paras = list(paras)
    kept = []
    for text in paras:
        if _FRAGMENT.match(text):
            rec.counts["fragments dropped"] += 1
            rec.notes.append(f"article {article_id}: stray fragment {text} not printed")
            continue
        kept.append(text)
    paras = kept
    for i, text in enumerate(paras[:2]):
        m = _EDITOR_NOTE.match(text) or _EDITOR_LABEL.match(text)
        if m:
            note = m.group("text").strip(" 　：:")
            del paras[i]
            if not note and i < len(paras):
                # The label stood alone ("编者按 ："): the note is the next paragraph.
                note = paras.pop(i)
            if note:
                rec.editor_note = note
                rec.counts["editor notes"] += 1
            break
    credited = any(_ENDS_WITH_CREDIT.search(p) or _ONLY_CREDIT.match(p) for p in paras)
    if photo_count > 0 or credited:
        photo_news = title.startswith("图片新闻")
        captions = _take_captions(paras, max(photo_count, 1), photo_news, rec)
        rec.photos = _photos(captions, photo_count if photo_count > 0 else len(captions))
        rec.counts["photo placeholders"] += len(rec.photos)
        if not paras:
            rec.kind = "photo"
            rec.counts["photo items"] += 1
    if _DOCUMENT.search(main):
        rec.document = True
        rec.counts["documents"] += 1
    _body(paras, rec, main)
    return rec
