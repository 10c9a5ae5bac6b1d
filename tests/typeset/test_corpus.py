"""Invariants over real text: the sample issue (in the repository) and People's Daily
1998 paragraphs from ../shared/corpus (skipped when absent; never copied here)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from epaper import fonts
from epaper.typeset import set_paragraph

from .invariants import check_paragraph, max_han_gap

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus" / "pd1998"
SAMPLE = REPO / "issues" / "2023-01-10"
# Full-width letters and digits are normalised at ingest (§6.3), so do it here too.
FULLWIDTH = {
    c: c - 0xFEE0
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(lo, hi + 1)
}
DAYS = ("1998-01-03", "1998-01-12")


def sample_paragraphs() -> list[str]:
    """Body paragraphs of the sample issue's articles (front matter and subheads off)."""
    paras = []
    for path in sorted((SAMPLE / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = re.split(r"^---\s*$", text, maxsplit=2, flags=re.M)[-1]
        paras += [ln.strip() for ln in body.splitlines() if ln.strip() and ln[0] not in "#!<"]
    return paras


@pytest.mark.parametrize("measure", [12, 14, 20])
def test_sample_issue_body_lines(measure):
    paras = sample_paragraphs()
    if not paras:
        pytest.skip("sample issue has no articles")
    natural = fonts.advance_table("serif-tc")
    for text in paras:
        lines = set_paragraph(text, measure, lang="zh-Hant")
        check_paragraph(text, lines, measure)
        for ln in lines[:-1]:
            assert max_han_gap(ln, natural) <= 0.5 + 1e-9, ln.text


@pytest.fixture(scope="module")
def corpus_paragraphs() -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/pd1998 is absent")
    paras = []
    for day in DAYS:
        issue = json.loads((CORPUS / f"{day}.json").read_text(encoding="utf-8"))
        for page in issue["pages"]:
            for art in page["articles"]:
                paras += [p.translate(FULLWIDTH) for p in art["paragraphs"] if p.strip()]
    return paras


@pytest.mark.parametrize("measure", [12, 20])
def test_corpus_invariants(corpus_paragraphs, measure):
    natural = fonts.advance_table("serif-sc")
    justified = loose = 0
    logging.disable(logging.WARNING)  # stock tables hold numbers longer than a line
    try:
        for text in corpus_paragraphs:
            lines = set_paragraph(text, measure)
            check_paragraph(text, lines, measure)
            for k, ln in enumerate(lines[:-1]):
                justified += 1
                # A first line followed by one huge number cannot borrow from above.
                loose += k > 0 and max_han_gap(ln, natural) > 0.5 + 1e-9
    finally:
        logging.disable(logging.NOTSET)
    assert justified > 1000
    assert loose <= justified // 5000, f"{loose} loose lines of {justified}"
