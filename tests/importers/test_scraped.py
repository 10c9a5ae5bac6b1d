"""Tests for ``epaper import scraped`` on the seed page (tests/data, the project's seed)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from epaper.cli import main
from epaper.importers.scraped import detect_lang, parse_scraped, run_import_scraped, split_title

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_000_a12cabb78c2b9679.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_scraped(SEED.read_text(encoding="utf-8"), str(SEED), "police-day")


def _front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_headline_system(seed):
    doc = seed.doc
    assert (doc.kicker, doc.title) == ("致敬警察節", "矢志不渝做黨和人民的忠誠衛士")
    assert doc.subtitle == "——寫在第三個“中國人民警察節”到來之際"
    assert doc.lang == "zh-Hant" and doc.section == "要聞"


def test_note_photos_byline_editor(seed):
    doc = seed.doc
    assert doc.editor_note.startswith("寒冬臘月，盛夏酷暑")
    assert doc.editor_note.endswith("致敬人民警察，敬請關注！")
    assert [(p.file, p.caption) for p in doc.photos] == [
        ("jc1.jpg", "110接線員在接警"), ("jc2.jpg", "英姿颯爽的聊城公安民警")]
    assert doc.byline == "文/圖 本報記者 王軍豪 本報通訊員 付延濤"
    assert doc.editor == "任玉偉"


def test_every_subhead_joined_and_paragraphs_clean(seed):
    heads = [text for kind, text in seed.doc.blocks if kind == "h"]
    assert heads == ["聚焦主責主業\n利劍錚錚守護平安", "牢牢把握機遇\n改革攻堅高效推進",
                     "堅持黨建統領\n鑄就忠誠公安隊伍"]
    paras = [text for kind, text in seed.doc.blocks if kind == "p"]
    assert paras[0] == "歷史時針指向2023年，新年曙光照耀神州大地。"
    assert paras[-1].startswith("2023年，全市公安機關") and len(paras) == 20
    body = "".join(paras)
    for junk in ("(", ")", "?", "\ue2fd", "ldquo", "A+A-", "分享", "相關推薦", "  "):
        assert junk not in body, junk
    assert "怎么辦？霍先生" in body  # the real question mark, made full-width


def test_damage_reported_exactly(seed):
    where = [(p.line, p.column) for p in seed.problems]
    assert where == [(17, 12), (43, 116), (51, 214), (51, 233), (65, 249)]
    assert all(p.severity == "error" for p in seed.problems)


def test_without_allow_damaged_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "2023-01-10"
    code = main(["import", "scraped", str(SEED), "--date", "2023-01-10", "-o", str(out)])
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "damaged passage" in line]
    assert [line.split(": ")[0].split(":", 1)[1] for line in lines] == [
        "17:12", "43:116", "51:214", "51:233", "65:249"]


def test_allow_damaged_writes_geta_and_issue_yaml(tmp_path):
    out = tmp_path / "2023-01-10"
    code = run_import_scraped(SEED, "2023-01-10", out, allow_damaged=True)
    assert code == 0
    article = out / "articles" / "seed_000_a12cabb78c2b9679.md"
    text = article.read_text(encoding="utf-8")
    assert "以新〓〓新作為" in text and "著力打〓“聊城二哥”" in text and "?" not in text
    front = _front(article)
    assert [p.get("missing") for p in front["photos"]] == [True, True]
    issue = yaml.safe_load((out / "issue.yaml").read_text(encoding="utf-8"))
    assert issue["lang"] == "zh-Hant" and issue["layout"] == "tabloid"
    assert issue["pages"] == [{"number": 1, "section": "要聞",
                               "articles": ["seed_000_a12cabb78c2b9679"]}]


def test_photo_next_to_page_is_copied_not_missing(tmp_path):
    page = tmp_path / "src" / "page.txt"
    page.parent.mkdir()
    shutil.copyfile(SEED, page)
    (page.parent / "jc1.jpg").write_bytes(b"\xff\xd8stand-in")
    out = tmp_path / "issue"
    assert run_import_scraped(page, "2023-01-10", out, allow_damaged=True) == 0
    front = _front(out / "articles" / "page.md")
    assert "missing" not in front["photos"][0] and front["photos"][1]["missing"] is True
    assert (out / "photos" / "jc1.jpg").read_bytes() == b"\xff\xd8stand-in"


def test_extends_existing_issue_keeping_comments(tmp_path):
    out = tmp_path / "issue"
    out.mkdir()
    (out / "issue.yaml").write_text(
        "paper: 聊城日報  # 報名\ndate: 2023-01-10\nnumber: 1\ntotal_number: 2\n"
        "serial: CN 37-0052\nlang: zh-Hant\nlayout: tabloid\npages:\n"
        "  - number: 1\n    section: 要聞\n    articles: [lead]   # the desk's order\n"
        "  - number: 2\n    section: 經濟\n", encoding="utf-8")
    assert run_import_scraped(SEED, "2023-01-10", out, allow_damaged=True) == 0
    text = (out / "issue.yaml").read_text(encoding="utf-8")
    assert "articles: [lead, seed_000_a12cabb78c2b9679]   # the desk's order" in text
    assert "# 報名" in text
    # importing again does not list the article twice
    assert run_import_scraped(SEED, "2023-01-10", out, allow_damaged=True) == 0
    assert (out / "issue.yaml").read_text(encoding="utf-8") == text


def test_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        run_import_scraped(SEED, "2023-01-10", out, allow_damaged=True)
    for rel in ("issue.yaml", "articles/seed_000_a12cabb78c2b9679.md"):
        assert (a / rel).read_bytes() == (b / rel).read_bytes()


def test_bad_date_and_missing_file(tmp_path):
    assert run_import_scraped(SEED, "2023-13-01", tmp_path / "x") == 2
    assert run_import_scraped(tmp_path / "nope.txt", "2023-01-10", tmp_path / "x") == 1
    assert not (tmp_path / "x").exists()


def test_page_without_title_is_a_clear_error(tmp_path, capsys):
    page = tmp_path / "empty.txt"
    page.write_text("\n\n", encoding="utf-8")
    assert run_import_scraped(page, "2023-01-10", tmp_path / "x") == 1
    assert "no title line" in capsys.readouterr().err


@pytest.mark.parametrize("line, expected", [
    ("致敬警察節丨矢志不渝——寫在節前", ("致敬警察節", "矢志不渝", "——寫在節前")),
    ("只有主題", ("", "只有主題", "")),
    ("——以防為先", ("", "——以防為先", "")),
])
def test_split_title(line, expected):
    assert split_title(line) == expected


def test_detect_lang():
    assert detect_lang("我們的報紙") == "zh-Hant"
    assert detect_lang("我们的报纸") == "zh-Hans"


def test_round_trip_through_ingest(tmp_path):
    ingest = pytest.importorskip("epaper.ingest")
    out = tmp_path / "2023-01-10"
    run_import_scraped(SEED, "2023-01-10", out, allow_damaged=True, paper="聊城日報",
                       serial="CN 37-0052")
    issue = ingest.load_issue(out)
    art = issue.articles[0]
    assert art.kicker == "致敬警察節" and art.editor == "任玉偉"
    assert [p.missing for p in art.photos] == [True, True]
    assert [b.lines for b in art.body if hasattr(b, "lines")][0] == ("聚焦主責主業",
                                                                     "利劍錚錚守護平安")


def test_allow_damaged_import_builds(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    from epaper.build import BuildOptions, run_build

    issue_dir = tmp_path / "issues" / "2023-01-10"
    assert run_import_scraped(SEED, "2023-01-10", issue_dir, allow_damaged=True) == 0
    out = tmp_path / "out"
    code = run_build(issue_dir, out, BuildOptions(images=False, site=False),
                     stream=io.StringIO())
    assert code == 0
    pdf = pdfium.PdfDocument(str(out / "2023-01-10" / "2023-01-10.pdf"))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "矢志不渝做黨和人民的忠誠衛士" in text.replace("\r", "").replace("\n", "")
    assert "〓" in text and "?" not in text


def test_malformed_issue_yaml_stops_before_any_write(tmp_path, capsys):
    out = tmp_path / "issue"
    out.mkdir()
    (out / "issue.yaml").write_text("paper: x\npages: [\n", encoding="utf-8")
    assert run_import_scraped(SEED, "2023-01-10", out, allow_damaged=True) == 1
    assert not (out / "articles").exists()
    assert "issue.yaml:" in capsys.readouterr().err


def test_crlf_page_gives_no_control_character_warnings(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    messages = io.StringIO()
    assert run_import_scraped(page, "2023-01-10", tmp_path / "2023-01-10",
                              allow_damaged=True, stream=messages) == 0
    assert "U+000D" not in messages.getvalue()
    assert b"\r" not in (tmp_path / "2023-01-10" / "articles" / "page.md").read_bytes()


def test_nul_and_escape_bytes_are_dropped_with_their_line(tmp_path):
    page = tmp_path / "page.txt"
    text = SEED.read_text(encoding="utf-8").replace("新年曙光", "新年\x00曙\x1b[2J光", 1)
    page.write_text(text, encoding="utf-8")
    line = text[:text.index("新年\x00")].count("\n") + 1
    messages = io.StringIO()
    assert run_import_scraped(page, "2023-01-10", tmp_path / "2023-01-10",
                              allow_damaged=True, stream=messages) == 0
    said = messages.getvalue()
    assert (f"page.txt:{line}: warning: invisible character(s) dropped: U+0000 control "
            "character, U+001B control character") in said
    assert "\x00" not in said and "\x1b" not in said
    written = (tmp_path / "2023-01-10" / "articles" / "page.md").read_text(encoding="utf-8")
    assert "新年曙[2J光" in written and "\x00" not in written
