"""Hypothesis fuzzing of both importers: random and mutated inputs end in an issue
folder that ingest reads (or reports as path:line problems) or in an error message,
never in a crash, and nothing written holds a NUL or another C0 control."""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from epaper.errors import InputError
from epaper.importers.pd1998 import run_import_pd1998
from epaper.importers.scraped import run_import_scraped
from epaper.ingest import load_issue

MINI = Path(__file__).resolve().parents[1] / "data" / "pd1998_mini.json"
SEED = Path(__file__).resolve().parents[1] / "data" / "seed_000_a12cabb78c2b9679.txt"
_counter = itertools.count()
_C0 = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# Pieces of the scraped format and of hostile text.
SCRAPED_PIECES = st.sampled_from([
    "您的位置:首頁>要聞 > 社會 >", "標題丨主題——副題", "來源:測試日報  2023-01-10 14:22:38",
    "來(lái)源:報", "A+A-", "分享", "  編者按  按語。", "jc1.jpg", "圖說", "  文/圖 本報記者 王",
    "  正文第一段。", "小標題", "【編輯:張三】", "相關推薦", "?", "(", ")", "ldquo", "\ue2fd",
    "\x00", "\x07", "\x1b[31m", "\u200b", "\u200d", "\ufe0f", "\u202e", "e\u0301", "\r",
    "\t", "\u3000", "---", "## ", "title: x", "&a", "*a", "[[[[", "{{", "\ufeff"])
SCRAPED_TEXT = st.lists(st.lists(SCRAPED_PIECES | st.text(max_size=6), max_size=5)
                        .map("".join), max_size=25).map("\n".join)


def _fresh(tmp_path_factory, name: str) -> Path:
    return tmp_path_factory.getbasetemp() / f"fuzz-import{next(_counter)}" / name


def _check_folder(folder: Path) -> None:
    """What an importer wrote: no control bytes, and ingest reads it or reports."""
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yaml"):
            assert not _C0.search(path.read_bytes()), path
    try:
        load_issue(folder)
    except InputError as err:
        assert err.problems and all(p.path and p.message for p in err.problems)


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for where, length, piece in edits:
        at = where % (len(text) + 1)
        text = text[:at] + piece + text[at + length:]
    return text


@FUZZ
@given(text=SCRAPED_TEXT | st.tuples(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40), SCRAPED_PIECES),
             max_size=8)).map(lambda e: _mutate(SEED.read_text(encoding="utf-8"), e[0])),
       allow_damaged=st.booleans())
def test_scraped_importer_never_crashes(tmp_path_factory, text, allow_damaged):
    folder = _fresh(tmp_path_factory, "2023-01-10")
    folder.parent.mkdir(parents=True)
    page = folder.parent / "page.txt"
    page.write_text(text, encoding="utf-8", newline="")
    messages = io.StringIO()
    try:
        status = run_import_scraped(page, "2023-01-10", folder, allow_damaged=allow_damaged,
                                    stream=messages)
        event(f"status {status}")
        assert status in (0, 1), messages.getvalue()
        if status == 0:
            _check_folder(folder)
        else:
            assert messages.getvalue()
    finally:
        shutil.rmtree(folder.parent)


_JSON_SCALARS = st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(max_size=8)
_JSON = st.recursive(_JSON_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["date", "pages", "page", "articles", "id", "title", "subtitles",
                     "byline", "paragraphs"]) | st.text(max_size=4), inner, max_size=5),
    max_leaves=20)
_ARTICLE = st.fixed_dictionaries({
    "id": st.sampled_from(["a1", "a2", "a1", "bad id", ""]) | st.text(max_size=6),
    "title": st.none() | st.text(max_size=12) | st.sampled_from(["标题——副题", "\x00"]),
    "subtitles": st.lists(st.text(max_size=6), max_size=2) | _JSON,
    "byline": st.none() | st.text(max_size=6),
    "paragraphs": st.lists(st.text(max_size=20) | SCRAPED_PIECES, max_size=4) | _JSON})
_DAY = st.fixed_dictionaries({
    "date": st.sampled_from(["1998-01-02", "1998-02-30", "x", ""]) | _JSON_SCALARS,
    "pages": st.lists(st.fixed_dictionaries({
        "page": st.integers(-2, 300) | _JSON_SCALARS,
        "articles": st.lists(_ARTICLE, max_size=4) | _JSON}), max_size=4) | _JSON})
_PD_PIECES = st.sampled_from(['"', "[", "]", "{", "}", ",", ":", "\\", "\\u0000", "null",
                              '"page": 99999', '"id": "19980102-01-001"', "\x00", "\n"])


@FUZZ
@given(day=st.one_of(
    _DAY.map(lambda d: json.dumps(d, ensure_ascii=False)),
    _JSON.map(json.dumps),
    st.lists(st.tuples(st.integers(0, 10**5), st.integers(0, 30), _PD_PIECES), max_size=8)
    .map(lambda e: _mutate(MINI.read_text(encoding="utf-8"), e))))
def test_pd1998_importer_never_crashes(tmp_path_factory, day):
    folder = _fresh(tmp_path_factory, "1998-01-02")
    folder.parent.mkdir(parents=True)
    source = folder.parent / "day.json"
    source.write_text(day, encoding="utf-8")
    messages = io.StringIO()
    try:
        status = run_import_pd1998(source, folder, stream=messages)
        event(f"status {status}")
        assert status in (0, 1), messages.getvalue()
        if status == 0:
            _check_folder(folder)
        else:
            assert "nothing written" in messages.getvalue() and not folder.exists()
    finally:
        shutil.rmtree(folder.parent)
