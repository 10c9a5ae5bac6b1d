"""Reader site features: unplaced articles, search index, 往期 calendar, days, share."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_epaper_synthetic import DATE, make_issue, make_layout  # noqa: E402

from epaper.display import ArticleView  # noqa: E402
from epaper.render.epaper import write_epaper  # noqa: E402
from epaper.render.site_archive import month_grids  # noqa: E402
from epaper.render.site_search import (  # noqa: E402
    bigrams,
    fold_pairs,
    normalise,
    search_index,
)


def _search_data(out_dir: Path) -> dict:
    text = (out_dir / "search.js").read_text("utf-8")
    return json.loads(re.search(r"EPAPER_SEARCH_ADD\(document\.currentScript, (.*)\);\n$",
                                text, re.S).group(1))


def second_day(tmp_path: Path, date: str = "2023-01-11", paper: str | None = None):
    """The synthetic issue again as another day (and optionally another paper), its
    PDFs copied next to the first day's."""
    layout, out_dir = make_issue(tmp_path)
    other = dataclasses.replace(layout, date=date, paper=paper or layout.paper)
    other_dir = out_dir.parent / date
    shutil.copytree(out_dir, other_dir)
    (other_dir / f"{DATE}.pdf").rename(other_dir / f"{date}.pdf")
    return layout, out_dir, other, other_dir


def test_normalise_keeps_letters_and_digits_marks_gaps_and_folds_the_script():
    assert normalise("中國，人民 ＡＢＣ１２３!") == "中国 人民 abc123"
    assert normalise("警察節") == normalise("警察节") == "警察节"
    assert bigrams("警察節。好") == {"警察", "察节"}


def test_fold_table_pairs_one_traditional_with_one_simplified_character():
    pairs = fold_pairs()
    assert len(pairs) % 2 == 0 and len(pairs) > 6000
    table = dict(zip(pairs[::2], pairs[1::2], strict=True))
    assert table["萬"] == "万" and table["報"] == "报" and "万" not in table


def test_search_index_lists_published_articles_and_their_bigrams():
    layout = make_layout()
    manifest = {"paper": "報", "date": DATE, "lang": "zh-Hant",
                "pages": [{"number": 1, "label": "第1版"}, {"number": 2, "label": "第2版"}],
                "articles": [{"id": v.article_id, "title": v.title, "kicker": v.kicker,
                              "byline": v.byline, "page": v.page,
                              "view": None if v.article_id == "third" else "articles/x.html"}
                             for v in layout.articles]}
    index = search_index(manifest, {v.article_id: v for v in layout.articles})
    assert [d["id"] for d in index["docs"]] == ["lead", "second"]  # third: not published
    assert index["bigrams"]["供应"] == [1] and index["bigrams"]["忠诚"] == [0]
    assert "聚焦主責 利劍錚錚" in index["docs"][0]["text"]  # subheads are searched too
    assert index["docs"][0]["page_label"] == "第1版"


def test_every_issue_writes_its_search_index(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    write_epaper(layout, out_dir)
    data = _search_data(out_dir)
    assert data["date"] == DATE and len(data["docs"]) == 3
    assert data["docs"][2]["text"].endswith("</script><b>不是標記</b>")


def test_unplaced_article_gets_no_view_and_is_left_out_everywhere(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    lost = ArticleView("lost", 1, "zh-Hant", "沒有位置的稿件", blocks=(("p", "未刊出。"),))
    layout = dataclasses.replace(layout, articles=layout.articles[:1] + (lost,)
                                 + layout.articles[1:])
    write_epaper(layout, out_dir)
    manifest = json.loads((out_dir / "issue.json").read_text("utf-8"))
    entry = next(a for a in manifest["articles"] if a["id"] == "lost")
    assert entry["view"] is None and entry["regions"] == []
    assert any("'lost'" in w and "not printed" in w for w in manifest["warnings"])
    assert not (out_dir / "articles/lost.html").exists()
    # 上一篇/下一篇 skip it, search does not know it
    lead = (out_dir / "articles/lead.html").read_text("utf-8")
    assert 'href="second.html"' in lead and "lost.html" not in lead
    assert "lost" not in {d["id"] for d in _search_data(out_dir)["docs"]}


def test_article_view_appears_on_lists_printed_pages_only(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    write_epaper(layout, out_dir)
    lead = (out_dir / "articles/lead.html").read_text("utf-8")
    on = re.search(r'<p class="appears-on">(.*?)</p>', lead, re.S).group(1)
    assert on.count("<a ") == 2 and "第1版" in on and "第2版" in on


def test_month_grids_start_on_monday_and_link_issue_days():
    entries = [{"date": "2023-01-10", "href": "a"}, {"date": "2023-02-01", "href": "b"},
               {"date": "odd", "href": "c"}]
    grids = month_grids(entries)
    assert [(g["year"], g["month"]) for g in grids] == [(2023, 2), (2023, 1)]
    jan = grids[1]["weeks"]
    assert jan[0][:6] == [None] * 6 and jan[0][6]["day"] == 1  # 1 Jan 2023 was a Sunday
    linked = [c for week in jan for c in week if c and c["issue"]]
    assert [(c["day"], c["issue"]["href"]) for c in linked] == [(10, "a")]


def test_two_days_link_each_other_and_the_calendar(tmp_path):
    layout, out_dir, other, other_dir = second_day(tmp_path)
    write_epaper(layout, out_dir)
    write_epaper(other, other_dir)
    later = (other_dir / "page-01.html").read_text("utf-8")
    assert 'class="prev-day" rel="prev" href="../2023-01-10/index.html"' in later
    assert 'class="next-day disabled"' in later
    archive = (out_dir.parent / "index.html").read_text("utf-8")
    assert archive.count('class="has-issue"') == 2 and "2023年1月" in archive
    data = (out_dir.parent / "archive.js").read_text("utf-8")
    issues = json.loads(data[data.index("{"):data.rindex(";")])["issues"]
    assert [i["date"] for i in issues] == ["2023-01-10", "2023-01-11"]
    assert issues[0]["search"] == "2023-01-10/search.js"
    # the earlier day, built again, now links forward without any script
    write_epaper(layout, out_dir)
    earlier = (out_dir / "articles/lead.html").read_text("utf-8")
    assert 'class="next-day" rel="next" href="../../2023-01-11/index.html"' in earlier


def test_each_paper_has_its_own_archive_section_and_days(tmp_path):
    layout, out_dir, other, other_dir = second_day(tmp_path, paper="人民日報")
    write_epaper(layout, out_dir)
    write_epaper(other, other_dir)
    archive = (out_dir.parent / "index.html").read_text("utf-8")
    assert '<section class="paper-archive" id="paper-人民日報"' in archive
    assert '<section class="paper-archive" id="paper-聊城日報"' in archive
    assert "<h2>人民日報 往期報紙</h2>" in archive and "<h2>聊城日報 往期報紙</h2>" in archive
    # another paper's issue is not the previous day
    later = (other_dir / "page-01.html").read_text("utf-8")
    assert 'class="prev-day disabled"' in later
    assert 'href="../index.html#paper-人民日報"' in later


def test_site_url_gives_absolute_permalinks_and_qr_codes(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    write_epaper(layout, out_dir, site_url="https://epaper.example.com/lc")
    lead = (out_dir / "articles/lead.html").read_text("utf-8")
    url = "https://epaper.example.com/lc/2023-01-10/articles/lead.html"
    assert f'href="{url}"' in lead
    assert lead.count("<svg") == 1 and 'class="segno"' in lead
    write_epaper(layout, out_dir)  # without: a relative link and no code
    lead = (out_dir / "articles/lead.html").read_text("utf-8")
    assert '<a href="lead.html" class="permalink-url">lead.html</a>' in lead
    assert "<svg" not in lead


def test_search_page_and_archive_have_no_broken_links(tmp_path):
    layout, out_dir = make_issue(tmp_path)
    write_epaper(layout, out_dir)
    root = out_dir.parent
    for name in ("index.html", "search.html"):
        text = (root / name).read_text("utf-8")
        for ref in re.findall(r'(?:href|src)="([^"#]+)', text):
            if not ref.startswith("data:"):
                assert (root / ref.split("?")[0]).is_file(), f"{name}: {ref}"


def test_build_with_site_url_puts_qr_codes_on_article_views(tmp_path, capsys):
    from epaper.cli import main

    issue = tmp_path / "issue"
    (issue / "articles").mkdir(parents=True)
    (issue / "issue.yaml").write_text(
        "paper: 測試日報\ndate: 2023-01-10\nnumber: 1\ntotal_number: 1\nserial: CN 37-0052\n"
        "lang: zh-Hant\nlayout: tabloid\n"
        "pages:\n  - number: 1\n    section: 要聞\n    articles: [one]\n", "utf-8")
    (issue / "articles" / "one.md").write_text("---\ntitle: 一篇稿件\n---\n正文一段。\n",
                                               "utf-8")
    code = main(["build", str(issue), "-o", str(tmp_path / "out"), "--dpi", "30",
                 "--site-url", "https://e.example.com/"])
    assert code == 0, capsys.readouterr().err
    view = (tmp_path / "out/2023-01-10/articles/one.html").read_text("utf-8")
    assert 'href="https://e.example.com/2023-01-10/articles/one.html"' in view
    assert 'class="segno"' in view


def test_an_issue_without_a_search_index_is_not_searched(tmp_path):
    layout, out_dir, other, other_dir = second_day(tmp_path)
    write_epaper(layout, out_dir)
    (out_dir / "search.js").unlink()  # as built before search existed
    write_epaper(other, other_dir)
    data = (out_dir.parent / "archive.js").read_text("utf-8")
    issues = json.loads(data[data.index("{"):data.rindex(";")])["issues"]
    assert [i["search"] for i in issues] == [None, "2023-01-11/search.js"]
