"""A full build of the sample issue: every article's text is in the PDF, fonts are
embedded, and rebuilds in other processes give the same bytes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from epaper import fonts
from epaper.build import BuildOptions, collect_warnings, run_build, summary
from epaper.display import IssueLayout, PageLayout, PageReport
from epaper.ingest import load_issue
from epaper.model import Article, Paragraph, Subhead, block_texts

SAMPLE_ISSUE = Path(__file__).resolve().parents[1] / "issues" / "2023-01-10"


def squeeze(text: str) -> str:
    return "".join(text.split())


JUMP = re.compile(r"[（(]?下?轉第[0-9一二三四五六七八九十]+版")


def found_in_order(needle: str, haystack: str, start: int = 0) -> int:
    """Find ``needle`` in ``haystack`` after ``start``: whole, or cut only by jumps, each
    piece but the last ending right before a 下轉第N版 line. Returns the end, or -1."""
    i = 0
    while True:
        at = haystack.find(needle[i:], start)
        if at >= 0:
            return at + len(needle) - i
        best, best_end = 0, -1  # the jump preceded by the longest prefix of needle[i:]
        for jump in JUMP.finditer(haystack, start):
            m = jump.start()
            for length in range(min(len(needle) - i, m - start), best, -1):
                if haystack[m - length:m] == needle[i:i + length]:
                    best, best_end = length, jump.end()
                    break
        if not best:
            return -1
        i, start = i + best, best_end


def expected_pieces(article: Article) -> list[str]:
    """The texts a reader must find, each contiguous (or cut by a jump), with
    characters no bundled font has removed (they print as boxes, with a warning)."""
    texts = [article.kicker, article.title, article.subtitle, article.summary,
             article.editor_note, article.byline, article.editor]
    for block in article.body:
        texts.extend(block_texts(block))
    texts.extend(p.caption for p in article.photos)
    face = fonts.body_face(article.lang)
    out = []
    for text in texts:
        missing = set(fonts.find_missing(text, face))
        kept = squeeze("".join(c for i, c in enumerate(text) if i not in missing))
        if kept:
            out.append(kept)
    return out


def test_found_in_order_is_strict():
    hay = "甲乙丙丁（下轉第2版）戊己庚辛"
    assert found_in_order("乙丙丁戊己", hay) == len(hay) - 2
    assert found_in_order("乙丁", hay) == -1  # a dropped character is caught
    assert found_in_order("丙丁戊庚", hay) == -1  # also after the jump
    assert found_in_order("丁乙", hay) == -1  # order matters


@pytest.fixture(scope="module")
def sample():
    return load_issue(SAMPLE_ISSUE)


@pytest.fixture(scope="module")
def issue_text(built_issue, pdf_facts) -> str:
    return squeeze("".join(pdf_facts["texts"](built_issue / "2023-01-10.pdf")))


def test_issue_pdf_has_at_least_four_pages(built_issue, pdf_facts):
    texts = pdf_facts["texts"](built_issue / "2023-01-10.pdf")
    assert len(texts) >= 4
    assert sorted(p.name for p in (built_issue / "pages").glob("*.pdf")) == [
        f"{n:02d}.pdf" for n in range(1, len(texts) + 1)]
    assert pdf_facts["labels"](built_issue / "2023-01-10.pdf")[:2] == ["第1版", "第2版"]


@pytest.mark.parametrize("which", ["2023-01-10.pdf", "pages/01.pdf"])
def test_every_font_embedded_no_helvetica(built_issue, pdf_facts, which):
    used, embedded = pdf_facts["fonts"](built_issue / which)
    assert used and used <= embedded
    assert b"Helvetica" not in (built_issue / which).read_bytes()


def test_every_article_character_is_in_the_pdf(sample, issue_text):
    lost = []
    for article in sample.articles:
        for piece in expected_pieces(article):
            if found_in_order(piece, issue_text) < 0:
                lost.append(f"{article.id}: {piece[:30]}…")
    assert not lost, "\n".join(lost)


def test_seed_article_title_subheads_and_paragraphs(sample, issue_text):
    seed = sample.article("police-day")
    assert squeeze(seed.title) in issue_text
    heads = [line for b in seed.body if isinstance(b, Subhead) for line in b.lines]
    assert heads and all(h in issue_text for h in heads)
    paragraphs = [b.text for b in seed.body if isinstance(b, Paragraph)]
    assert all(found_in_order(squeeze(p), issue_text) > 0 for p in paragraphs)


def test_bookmarks_name_pages_and_articles(built_issue, sample, pdf_facts):
    outline = pdf_facts["outline"](built_issue / "2023-01-10.pdf")
    assert outline[0] == (0, "第1版 要聞")
    titles = {title for level, title in outline if level == 1}
    assert sample.article("police-day").title in titles


def _build(out: Path, seed: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.Popen([sys.executable, "-m", "epaper", "build", str(SAMPLE_ISSUE),
                             "-o", str(out)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_rebuilds_in_other_processes_are_byte_identical(tmp_path, built_issue):
    jobs = [(tmp_path / seed, _build(tmp_path / seed, seed)) for seed in ("1", "4242")]
    for _out, job in jobs:
        stdout, stderr = job.communicate(timeout=600)
        assert job.returncode == 0, stderr
        assert "wrote" in stdout and "2023-01-10.pdf" in stdout
    first, second = (_tree(out / "2023-01-10") for out, _job in jobs)
    assert first.keys() == second.keys() and "2023-01-10.pdf" in first
    differ = [name for name in first if first[name] != second[name]]
    assert not differ
    assert first == _tree(built_issue)  # and the same as the in-process build


def _page(number: int, warnings=()) -> PageLayout:
    return PageLayout(number, "要聞", 100, 100, (), warnings=warnings,
                      report=PageReport(total_cells=10, empty_cells=1))


def test_summary_fits_a_screen_and_lists_warnings():
    layout = IssueLayout("報", "2023-01-10", "zh-Hant", "報 2023年1月10日",
                         (_page(1, ("p1 warn",)), _page(2)), warnings=("w0",))
    many = collect_warnings(["a.md:1: warning: x"] * 2, [f"w{i}" for i in range(30)],
                            layout)
    text = summary(layout, Path("out/x.pdf"), 1.5, many)
    assert text.splitlines()[0] == "報 2023年1月10日: 2 pages, 0 articles"
    assert "  第1版   要聞       fill  90.0%" in text  # CJK counted two columns wide
    assert "warning: a.md:1: x" in text and "more warnings" in text
    assert len(text.splitlines()) <= 25
    assert many.count("a.md:1: warning: x") == 1 and "p1 warn" in many


def test_warnings_of_every_stage_reach_the_summary_and_issue_json(tmp_path, capsys,
                                                                  one_page_issue):
    issue = one_page_issue(tmp_path, {"only": "---\ntitle: 標題\n---\n正文有一個\U000f0001字。\n"})
    out = tmp_path / "out"
    assert run_build(issue, out, BuildOptions(site=False)) == 0
    printed = capsys.readouterr().out
    assert "only.md:4: no bundled font has" in printed
    manifest = json.loads((out / "2023-01-10" / "issue.json").read_text(encoding="utf-8"))
    assert any("only.md:4: warning: no bundled font has" in w for w in manifest["warnings"])


def test_outputs_carry_no_path_of_the_building_machine(tmp_path, capsys, one_page_issue):
    issue = one_page_issue(
        tmp_path, {"only": "---\ntitle: 標題\n---\n正文\u200b有一個\U000f0001字。\n"})
    (issue / "articles" / "stray.md").write_text("---\ntitle: 無版\n---\n正文。\n",
                                                 encoding="utf-8")
    out = tmp_path / "out"
    assert run_build(issue.resolve(), out, BuildOptions(dpi=30)) == 0
    printed = capsys.readouterr().out
    assert str(issue.resolve()) in printed  # the terminal names files as given
    manifest = json.loads((out / "2023-01-10" / "issue.json").read_text(encoding="utf-8"))
    assert "articles/only.md:4: warning: invisible character(s) dropped" in "\n".join(
        manifest["warnings"])
    assert any(w.startswith("articles/stray.md:1: warning:") for w in manifest["warnings"])
    for path in (out / "2023-01-10").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert str(tmp_path).encode() not in data, path
            assert str(Path.cwd()).encode() + b"/" not in data, path
