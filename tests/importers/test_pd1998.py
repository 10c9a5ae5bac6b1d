"""Tests for ``epaper import pd1998`` on a mini fixture in the corpus format (always),
and on one real corpus day when ../shared/corpus is present (skipped otherwise)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from epaper.errors import InputError
from epaper.importers.pd1998 import load_day, run_import_pd1998

MINI = Path(__file__).resolve().parents[1] / "data" / "pd1998_mini.json"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "pd1998"


@pytest.fixture(scope="module")
def mini():
    return load_day(MINI)


def _front(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_pages_keep_numbers_and_order_absent_page_empty(mini):
    assert [(n, s) for n, s, _ in mini.pages] == [(1, "要闻"), (2, "第2版"), (3, "第3版")]
    assert mini.pages[0][2] == ("19980102-01-001", "19980102-01-briefs", "19980102-01-003")
    assert mini.pages[1][2] == () and mini.missing_pages == (2,)


def test_headline_rule_and_normalisation(mini):
    lead, briefs, green = mini.articles[:3]
    assert (lead.title, lead.subtitle) == ("全市新建三座公园", "——写在春节前夕")
    assert lead.byline == "本报记者王小明" and lead.priority == 1
    assert lead.blocks[0] == ("p", "本报北京1月1日讯今年全市新建公园3座，面积共120公顷。")
    assert lead.blocks[1] == ("p", "公园设有ATM机和wifi。")
    assert (green.subtitle, green.summary) == ("市民休闲有了新去处", "公园免费开放")
    assert green.kicker == "" and green.priority == 3
    assert mini.articles[3].subtitle == "——读者的话"


def test_untitled_briefs_grouped_in_order(mini):
    briefs = mini.articles[1]
    assert briefs.title == "简讯"
    assert [t for _, t in briefs.blocks] == ["第一条简讯的正文。", "第二条简讯，", "分两段。",
                                              "（李四）"]


def test_written_folder(tmp_path):
    out = tmp_path / "1998-01-02"
    assert run_import_pd1998(MINI, out) == 0
    issue = yaml.safe_load((out / "issue.yaml").read_text(encoding="utf-8"))
    assert (issue["paper"], issue["serial"], issue["lang"], issue["layout"]) == (
        "人民日报", "CN 11-0065", "zh-Hans", "broadsheet")
    assert (issue["number"], issue["total_number"]) == (0, 0)
    assert "第2版" in issue["note"]
    front, body = _front(out / "articles" / "19980102-01-001.md")
    # photo_count 1 and no caption in the body: one placeholder without a caption.
    assert front["title"] == "全市新建三座公园" and front["photos"] == [{"missing": True}]
    assert body.startswith("本报北京1月1日讯")  # the dateline heads the first paragraph


def test_deterministic(tmp_path):
    run_import_pd1998(MINI, tmp_path / "a")
    run_import_pd1998(MINI, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                   if p.is_file())
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
                         for f in files)


def test_malformed_json_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"date": "1998-01-02",\n "pages": [\n  {"page": 1,,}]}', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_day(bad)
    problem = exc.value.problems[0]
    assert (problem.line, problem.column) == (3, 14) and "malformed JSON" in problem.message
    assert run_import_pd1998(bad, tmp_path / "out") == 1 and not (tmp_path / "out").exists()


def test_missing_key_names_the_article_and_its_line(tmp_path):
    data = json.loads(MINI.read_text(encoding="utf-8"))
    del data["pages"][0]["articles"][2]["paragraphs"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_day(bad)
    (problem,) = exc.value.problems
    assert "19980102-01-003" in problem.message and "paragraphs" in problem.message
    text = bad.read_text(encoding="utf-8").splitlines()
    assert '"19980102-01-003"' in text[problem.line - 1]


def test_round_trip_through_ingest_and_assemble(tmp_path):
    ingest = pytest.importorskip("epaper.ingest")
    from epaper.assemble import assemble

    out = tmp_path / "1998-01-02"
    run_import_pd1998(MINI, out)
    plan = assemble(ingest.load_issue(out))
    assert [p.number for p in plan.pages] == [1, 2, 3]
    assert plan.pages[0].masthead.paper == "人民日报"
    assert plan.pages[0].masthead.lunar == "农历腊月初四"
    assert [t.article_id for t in plan.pages[0].teasers] == ["19980102-03-001"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/pd1998 is absent")
def test_real_corpus_day_imports_and_loads(tmp_path):
    ingest = pytest.importorskip("epaper.ingest")
    src = CORPUS / "1998-01-01.json"
    out = tmp_path / "1998-01-01"
    assert run_import_pd1998(src, out) == 0
    issue = ingest.load_issue(out)
    data = json.loads(src.read_text(encoding="utf-8"))
    assert [p.number for p in issue.pages] == list(range(1, 8))  # pages 4 and 6 absent
    titled = [a for p in data["pages"] for a in p["articles"] if a["title"]]
    assert {a.id for a in issue.articles} >= {a["id"] for a in titled}
    # every paragraph of the day is in some article, normalised, except the stray
    # fragments, which are reported; recovered structure drops only labels (编者按：,
    # the 1、 of a numbered caption, renumbered ①②③)
    printed = "".join(a.text_chars() for a in issue.articles)
    warned = "\n".join(str(w) for w in load_day(src).warnings)
    for page in data["pages"]:
        for art in page["articles"]:
            for para in art["paragraphs"]:
                ascii_alnum = para.translate({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF5B)
                                              if chr(cp).isalnum()})
                numbers_joined = re.sub(r"(?<=[0-9])．(?=[0-9])", ".", ascii_alnum)
                numbers_joined = re.sub(r"(?<=[0-9])：(?=[0-9])", ":", numbers_joined)
                text = re.sub(r"^(编者按：|[0-9]{1,2}、)", "", numbers_joined.strip())
                if re.fullmatch(r"（[A-Z](、[A-Z])*）", text):
                    assert f"stray fragment {text}" in warned
                    continue
                assert text in printed


def test_non_utf8_file_names_line_and_column(tmp_path):
    bad = tmp_path / "gbk.json"
    bad.write_bytes('{"date": "1998-01-02",\n "pages": ["人民"]}'.encode("gbk"))
    with pytest.raises(InputError) as exc:
        load_day(bad)
    problem = exc.value.problems[0]
    assert (problem.line, problem.column) == (2, 13) and "not UTF-8" in problem.message
