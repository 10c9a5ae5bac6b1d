"""The pd1998 importer's recoveries: rules on invented text (always), and expected
structures written by hand for articles of the shared corpus days (skipped when
../shared/corpus is absent). Only ids, counts, positions and short fragments of the
1998 text appear here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from epaper.importers.pd1998 import load_day, run_import_pd1998
from epaper.importers.pd1998_recover import recover, split_headline
from epaper.importers.pd1998_tables import find_tables, parse_row

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "pd1998"
corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/pd1998 is absent")
_CREDIT_END = re.compile(r"（[^（）]*(摄|照片)[^（）]*）$")


# -- rules on invented text ---------------------------------------------------------

def test_attribution_splits_kicker_from_quote():
    assert split_headline("某某在某地视察工作时指出一定要把好事办好办实") == (
        "某某在某地视察工作时指出", "一定要把好事办好办实")


def test_equal_clauses_before_a_subject_are_the_kicker():
    assert split_headline("冬日有暖意春风满人间各地群众欢度节日") == (
        "冬日有暖意春风满人间", "各地群众欢度节日")


def test_no_split_inside_a_clause_or_with_punctuation():
    assert split_headline("某部门关心西藏牧区过冬工作")[0] == ""  # ends 关心: one line
    assert split_headline("某人：西藏牧区过冬工作顺利进行中")[0] == ""
    assert split_headline("短标题")[0] == ""


def test_lone_credit_joins_the_first_paragraph_as_caption():
    rec = recover("标题", ["人们在广场上欢度节日。", "（本报记者某某摄）", "正文第一段。"], 1, "x")
    assert [p.caption for p in rec.photos] == ["人们在广场上欢度节日。（本报记者某某摄）"]
    assert rec.blocks == [("p", "正文第一段。")] and rec.kind == ""


def test_caption_only_article_is_a_photo_item():
    rec = recover("标题", ["孩子们在雪地里堆雪人。（某某摄）", "（传真照片）"], 1, "x")
    assert rec.kind == "photo" and rec.blocks == []
    assert rec.photos[0].caption.endswith("（某某摄）（传真照片）")


def test_photo_marker_takes_one_line_per_photo():
    rec = recover("画展", ["画展开幕。", "图片：", "甲（油画）（某）", "乙（版画）（某）"], 2, "x")
    assert [p.caption for p in rec.photos] == ["甲（油画）（某）", "乙（版画）（某）"]
    assert rec.blocks == [("p", "画展开幕。")]


def test_photo_count_without_captions_gives_empty_placeholders():
    rec = recover("剪纸", ["剪纸历史悠久。"], 3, "x")
    assert [(p.file, p.caption, p.missing) for p in rec.photos] == [("", "", True)] * 3


def test_fragment_dropped_and_reported():
    rec = recover("标题", ["正文。", "（A、C）"], 0, "a1")
    assert rec.blocks == [("p", "正文。")]
    assert rec.notes == ["article a1: stray fragment （A、C） not printed"]


def test_editor_note_subhead_and_verse():
    long = "这是一段足够长的正文，用来说明小标题两边都是真正的句子，而不是一行一行的诗。" * 2
    rec = recover("标题", ["编者按：请读者注意。", long, "春天的消息", long,
                         "一行", "两行诗", "三行诗句", "四行诗句啊"], 0, "x")
    assert rec.editor_note == "请读者注意。"
    assert rec.blocks == [("p", long), ("h", "春天的消息"), ("p", long),
                          ("v", "一行\n两行诗\n三行诗句\n四行诗句啊")]


def test_short_sentences_ending_in_stops_are_not_verse():
    rec = recover("标题", ["他来了。", "她走了。", "天黑了。", "灯亮了。"], 0, "x")
    assert all(kind == "p" for kind, _ in rec.blocks)


def test_fused_rows_split_at_fixed_decimals():
    assert parse_row("甲指数123.45120.00130.10") == (
        "甲指数", "123.45", "120.00", "130.10")
    assert parse_row("乙302222.222333.33") == ("乙30", "2222.22", "2333.33")
    assert parse_row("1某某股份24.82") == ("1", "某某股份", "24.82")
    assert parse_row("甲地－1.2－3.10·0") == ("甲地", "-1.2", "-3.1", "0.0")
    assert parse_row("这是一句话，没有数字。") is None


def test_table_needs_three_rows_and_takes_a_fitting_header():
    paras = ["名称今日昨日", "甲1.001.10", "乙2.002.20", "丙3.003.30", "结语。"]
    ((first, end, table),) = find_tables(paras)
    assert (first, end) == (0, 4) and table.header == ("名称", "今日", "昨日")
    assert table.align == ("start", "end", "end")
    assert find_tables(["甲1.001.10", "乙2.002.20"]) == []


# -- the shared corpus days -----------------------------------------------------------

_days: dict[str, dict] = {}


def art(aid: str):
    """The imported ArticleDoc ``aid`` (its day is loaded once)."""
    day = f"{aid[:4]}-{aid[4:6]}-{aid[6:8]}"
    if day not in _days:
        _days[day] = {a.id: a for a in load_day(CORPUS / f"{day}.json").articles}
    return _days[day][aid]


@corpus
@pytest.mark.parametrize(("aid", "photos", "kind", "caption_end"), [
    ("19980101-01-001", 1, "", "兰红光摄）"),         # caption opened the body
    ("19980101-01-003", 1, "", "樊如钧摄）"),         # lone credit joins paragraph 1
    ("19980101-01-005", 1, "photo", "（传真照片）"),   # caption + second credit line
    ("19980101-05-001", 8, "", "李舸摄）"),           # the photo page: eight captions
    ("19980102-02-002", 2, "photo", "张悦摄）"),       # 图片新闻, numbered 1、2、
    ("19980102-04-006", 3, "", "（孙宝田）"),          # 图片： then one line per work
    ("19980103-03-011", 1, "photo", "美联社照片）"),
    ("19980104-01-001", 1, "", "徐建荣摄）"),          # 图为… inside a long story
])
def test_photo_placeholders_and_captions(aid, photos, kind, caption_end):
    a = art(aid)
    assert len(a.photos) == photos and a.kind == kind
    assert all(p.missing and p.file == "" for p in a.photos)
    assert a.photos[0].caption.endswith(caption_end)
    assert not any(_CREDIT_END.search(t) for _, t in a.blocks)


@corpus
def test_numbered_picture_titles_head_their_captions():
    captions = [p.caption for p in art("19980101-05-001").photos]
    assert captions[1].startswith("棉堆如山喜煞人　") and captions[7].endswith("摄）")
    assert not any(t.startswith(("2、", "3、")) for _, t in art("19980101-05-001").blocks)
    assert not art("19980102-02-002").photos[0].caption.startswith("1、")


@corpus
def test_uncaptioned_photos_stay_empty_placeholders():
    a = art("19980101-07-006")
    assert [p.caption for p in a.photos] == [""] * 4 and len(a.blocks) == 2


@corpus
@pytest.mark.parametrize(("aid", "kicker", "title"), [
    ("19980101-02-007", "温家宝在贵州农村考察时指出", "动员全社会力量打好扶贫攻坚战"),
    ("19980102-01-003", "北国有寒趣南疆闻花香", "各地群众喜庆元旦"),
    ("19980103-01-005", "人车分流减少堵塞净化环境", "重庆综合整治市区交通"),
    ("19980101-02-003", "", "党中央国务院关心西藏雪灾救灾工作"),   # one line: not split
    ("19980101-02-008", "", "于永波会见全军和武警先进典型代表时指出"),
    ("19980104-01-004", "改变空域拥挤状况保证航班安全正点", "首都国际机场实行空中雷达管制"),
    ("19980113-01-002", "建立脱贫有效机制挂钩结对共求发展", "江苏浙江告别贫困县"),  # first cut
    ("19980114-01-005", "", "王建功当选黑龙江省人大主任田凤山当选黑龙江省省长"),
    ("19980116-02-009", "", "治理高定价砍掉大回扣首批中央管理药品价格公布"),  # not 首批|
])
def test_headline_split(aid, kicker, title):
    assert (art(aid).kicker, art(aid).title) == (kicker, title)


@corpus
def test_editor_note_taken_out_of_the_body():
    a = art("19980104-01-001")
    assert a.editor_note.startswith("新年伊始")
    assert not any(t.startswith("编者按") for _, t in a.blocks)


@corpus
def test_subheads_of_a_document():
    a = art("19980113-02-003")
    assert a.document and a.blocks[1] == ("h", "一、农村从业人员")
    assert sum(k == "h" for k, _ in a.blocks) >= 2


@corpus
@pytest.mark.parametrize(("aid", "index", "first_line", "lines"), [
    ("19980101-07-002", 0, "归来的雁阵飞过渭水", 73),
    ("19980116-11-005", 2, "演员时兴“抢银行”，", 14),   # classical: ，and 。 alternate
    ("19980110-08-004", 0, "还未到春天", 16),
])
def test_verse_runs(aid, index, first_line, lines):
    kind, text = art(aid).blocks[index]
    assert kind == "v" and text.split("\n")[0] == first_line
    assert len(text.split("\n")) == lines


@corpus
@pytest.mark.parametrize("aid", ["19980104-04-011", "19980106-02-001"])
def test_fact_sheets_and_law_contents_are_not_verse(aid):
    assert all(kind != "v" for kind, _ in art(aid).blocks)


@corpus
@pytest.mark.parametrize(("aid", "tables", "row"), [
    ("19980105-10-010", 2, "| 上证30 | 2442.43 | 2434.56 | 4460.28 | 2331.06 |"),
    ("19980112-10-007", 1, "| 上证B股 | 55.88 | 55.88 | 55.94 | 44.31 |"),
    ("19980112-10-012", 1, "| 1 | 华东电脑 | 24.82 |"),
    ("19980119-02-011", 2, "| 上海 | -1.2 | -3.1 | -0.1 |"),
    ("19980113-02-003", 3, "| 东部地区 | 14914.13 | 66.50 | 7511.89 | 33.50 |"),
])
def test_tables_rebuilt(aid, tables, row):
    found = [t for k, t in art(aid).blocks if k == "t"]
    assert len(found) == tables and any(row in t.split("\n") for t in found)


@corpus
def test_table_header_cut_into_cells():
    first = next(t for k, t in art("19980105-10-010").blocks if k == "t")
    assert first.split("\n")[0] == "| 名称 | 前年收盘 | 本年开盘 | 本年最高 | 本年最低 |"


@corpus
@pytest.mark.parametrize(("aid", "document"), [
    ("19980113-02-003", True), ("19980106-02-001", True), ("19980101-01-001", False)])
def test_documents_flagged(aid, document):
    assert art(aid).document is document


@corpus
def test_fragment_reported_with_its_line():
    day = load_day(CORPUS / "1998-01-01.json")
    notes = [w for w in day.warnings if "stray fragment" in w.message]
    assert len(notes) == 1 and notes[0].line > 0 and "19980101-01-004" in notes[0].message
    assert not any(t == "（A、B）" for a in day.articles for _, t in a.blocks)


@corpus
def test_summary_counts_each_recovery(tmp_path, capsys):
    assert run_import_pd1998(CORPUS / "1998-01-05.json", tmp_path / "1998-01-05") == 0
    summary = [line for line in capsys.readouterr().err.splitlines() if "recovered:" in line]
    assert len(summary) == 1
    for what in ("photo placeholders", "caption paragraphs", "tables", "subheads",
                 "editor notes", "headlines split", "fragments dropped", "photo items"):
        assert re.search(rf"\b[1-9][0-9]* {what}\b", summary[0]), what


@corpus
@pytest.mark.parametrize("day", sorted(p.stem for p in CORPUS.glob("*.json"))
                         if CORPUS.is_dir() else [])
def test_every_day_no_caption_in_body_and_every_photo_placed(day):
    import json
    data = json.loads((CORPUS / f"{day}.json").read_text(encoding="utf-8"))
    counts = {a["id"]: a.get("photo_count") or 0 for p in data["pages"] for a in p["articles"]}
    for a in load_day(CORPUS / f"{day}.json").articles:
        assert not any(_CREDIT_END.search(t) for k, t in a.blocks if k == "p"), a.id
        assert len(a.photos) >= counts.get(a.id, 0), a.id
        if a.kind == "photo":
            assert a.photos and not a.blocks, a.id
        for kind, text in a.blocks:
            if kind == "t":  # figures in their cells: a figure column holds figures
                rows = [r.strip("|").split(" | ") for r in text.split("\n")[2:]]
                assert all(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", c.strip())
                           for r in rows for c in r[-1:]), a.id
