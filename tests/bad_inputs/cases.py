"""Broken, hostile and faulty inputs, each a mutation of a small valid issue folder (or
an importer input) with the exit status and message a user must get.

A case's ``make(tmp, root)`` changes the base issue folder ``root`` (``tmp/2023-01-10``)
or writes an importer input under ``tmp``, and returns the command line. ``expect``
must appear in what was printed; ``absent`` must not. Exit statuses: docs/cli.md.
"""

from __future__ import annotations

import fcntl
import json
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ISSUE_YAML = """\
paper: 測試日報
date: 2023-01-10
number: 9
total_number: 21452
serial: CN 37-0052
lang: zh-Hant
layout: tabloid
pages:
  - number: 1
    section: 要聞
    articles: [lead, second]
  - number: 2
    section: 經濟
"""

LEAD_MD = """\
---
title: 矢志不渝做忠誠衛士
byline: 本報記者 王軍豪
photos:
  - file: one.jpg
    caption: 接線員在接警
---
\u3000\u3000第一段第一行，第一段第二行。

第二段。
"""

SECOND_MD = "---\ntitle: 第二篇\nsection: 經濟\n---\n正文。\n"

SECRET = "SECRET-OUTSIDE-CONTENT"  # in a file outside the issue folder: never printed

BOMB = "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
BOMB = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + BOMB


@dataclass(frozen=True)
class Case:
    """One bad input and what the command line must answer."""

    name: str
    make: Callable[[Path, Path], list[str]]
    status: int
    expect: str
    absent: tuple[str, ...] = ()


def make_base(root: Path) -> None:
    """The valid issue folder every case starts from."""
    (root / "articles").mkdir(parents=True)
    (root / "photos").mkdir()
    (root / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
    (root / "articles" / "lead.md").write_text(LEAD_MD, encoding="utf-8")
    (root / "articles" / "second.md").write_text(SECOND_MD, encoding="utf-8")
    Image.new("RGB", (40, 30), (200, 30, 30)).save(root / "photos" / "one.jpg")


def build(tmp: Path, root: Path, *extra: str) -> list[str]:
    """The build command for ``root`` into ``tmp/out`` (no page images: faster, and
    the inputs are what is tested)."""
    return ["build", str(root), "-o", str(tmp / "out"), "--no-images", *extra]


def _secret(tmp: Path) -> Path:
    path = tmp / "secret.md"
    path.write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
    return path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def _yaml(root: Path, old: str, new: str) -> None:
    _replace(root / "issue.yaml", old, new)


def _lead(root: Path, old: str, new: str) -> None:
    _replace(root / "articles" / "lead.md", old, new)


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` (a decompression bomb's shape)
    with almost no data: decoding it is what must not happen."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def _photo(root: Path, entry: str) -> None:
    _lead(root, "  - file: one.jpg\n    caption: 接線員在接警\n", entry)


def _day(tmp: Path, data: object) -> list[str]:
    path = tmp / "day.json"
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return ["import", "pd1998", str(path), "-o", str(tmp / "imported" / "1998-01-02")]


def _article(aid: str, paragraphs: list[str], title: str = "标题") -> dict:
    return {"id": aid, "title": title, "subtitles": [], "byline": "",
            "paragraphs": paragraphs}


def _scraped(tmp: Path, text: str, *extra: str) -> list[str]:
    path = tmp / "page.txt"
    path.write_text(text, encoding="utf-8", newline="")
    return ["import", "scraped", str(path), "--date", "2023-01-10",
            "-o", str(tmp / "imported" / "2023-01-10"), *extra]


SCRAPED = ("您的位置:首頁>要聞 >\n\n標題丨主標題\n\n來源:測試日報  2023-01-10 14:22:38\n\n"
           "  第一段正文。\n\n  第二段正文。\n\n【編輯:張三】\n")


def _hold_lock(tmp: Path, root: Path) -> list[str]:
    (tmp / "out").mkdir()
    fd = os.open(tmp / "out" / ".2023-01-10.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # released when the test's tmp fd is collected
    _HELD.append(fd)
    return build(tmp, root)


_HELD: list[int] = []


def release_locks() -> None:
    """Close the lock files a case holds (called after each case)."""
    while _HELD:
        os.close(_HELD.pop())


def _deep_alias_chain(depth: int) -> str:
    lines = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


CASES: list[Case] = [
    # --- issue.yaml: resource exhaustion and YAML tricks ---
    Case("yaml-alias-bomb", lambda t, r: (_yaml(r, "pages:", BOMB + "pages:"),
                                          build(t, r))[1],
         1, "aliases expand to more than"),
    Case("yaml-deep-nesting", lambda t, r: (_yaml(r, "serial", "weather: " + "[" * 50_000
                                                  + "\nserial"), build(t, r))[1],
         1, "issue.yaml:5: YAML nested more than 20 levels deep"),
    Case("yaml-alias-chain-deeper-than-text", lambda t, r: (
        _yaml(r, "pages:", _deep_alias_chain(60) + "pages:"), build(t, r))[1],
         1, "aliases nest more than"),
    Case("yaml-alias-to-itself", lambda t, r: (_yaml(r, "pages:", "x: &a [1, *a]\npages:"),
                                               build(t, r))[1],
         1, "refers to itself"),
    Case("yaml-merge-key", lambda t, r: (_yaml(r, "pages:", "base: &b {x: 1}\nm:\n  <<: *b\n"
                                                            "pages:"), build(t, r))[1],
         1, "merge keys (<<) are not supported"),
    Case("yaml-duplicate-key", lambda t, r: (_yaml(r, "number: 9", "number: 9\nnumber: 8"),
                                             build(t, r))[1],
         1, "issue.yaml:4: duplicate key 'number'"),
    Case("yaml-huge-integer", lambda t, r: (_yaml(r, "number: 9", "number: " + "9" * 6000),
                                            build(t, r))[1],
         1, "issue.yaml:3:"),
    Case("issue-yaml-fifo", lambda t, r: ((r / "issue.yaml").unlink(),
                                          os.mkfifo(r / "issue.yaml"), build(t, r))[2],
         1, "is a FIFO (named pipe), not a regular file"),
    Case("issue-yaml-is-a-folder", lambda t, r: ((r / "issue.yaml").unlink(),
                                                 (r / "issue.yaml").mkdir(), build(t, r))[2],
         1, "is a folder, not a regular file"),
    Case("issue-yaml-links-outside", lambda t, r: (
        (r / "issue.yaml").rename(t / "elsewhere.yaml"),
        (r / "issue.yaml").symlink_to(t / "elsewhere.yaml"), build(t, r))[2],
         1, "is a link to a file outside the issue folder"),
    Case("issue-yaml-missing", lambda t, r: ((r / "issue.yaml").unlink(), build(t, r))[1],
         1, "issue.yaml: missing"),
    Case("issue-yaml-too-big", lambda t, r: (
        (r / "issue.yaml").write_text(ISSUE_YAML + "#" * (1 << 20), encoding="utf-8"),
        build(t, r))[1],
         1, "over the limit of 1,048,576 bytes"),
    Case("issue-yaml-not-utf8", lambda t, r: (
        (r / "issue.yaml").write_bytes(ISSUE_YAML.encode("big5")), build(t, r))[1],
         1, "not UTF-8 text"),
    Case("issue-folder-is-a-file", lambda t, r: ((t / "file").write_text("x"),
                                                 build(t, t / "file"))[1],
         1, "not a folder"),
    Case("layout-path-escapes", lambda t, r: (_yaml(r, "layout: tabloid",
                                                    "layout: ../../somewhere/evil"),
                                              build(t, r))[1],
         1, "must be a template name (letters, digits, '-', '_'), not a path"),
    Case("layout-absolute-path", lambda t, r: (_yaml(r, "layout: tabloid",
                                                     "layout: /etc/passwd"), build(t, r))[1],
         1, "not a path"),
    Case("paper-name-too-long", lambda t, r: (_yaml(r, "paper: 測試日報", "paper: " + "長" * 40),
                                              build(t, r))[1],
         1, "the paper's name has 40 characters, over the limit of 24"),
    Case("paper-name-at-the-limit-builds", lambda t, r: (
        _yaml(r, "paper: 測試日報", "paper: " + "長" * 22 + "日報"), build(t, r))[1],
         0, "wrote"),
    Case("section-name-too-long", lambda t, r: (_yaml(r, "section: 要聞", "section: " + "要" * 30),
                                                build(t, r))[1],
         1, "the section name has 30 characters"),
    Case("too-many-pages", lambda t, r: (_yaml(r, "  - number: 2\n    section: 經濟\n", "".join(
        f"  - number: {n}\n    section: 版{n}\n" for n in range(2, 201))), build(t, r))[1],
         1, "200 pages, over the limit of 128"),
    # --- articles ---
    Case("article-alias-bomb", lambda t, r: (_lead(r, "title:", BOMB + "title:"),
                                             build(t, r))[1],
         1, "lead.md:", ),
    Case("article-deep-nesting", lambda t, r: (_lead(r, "byline:", "x: " + "{a: " * 30_000
                                                     + "\nbyline:"), build(t, r))[1],
         1, "lead.md:3: YAML nested more than 20 levels deep"),
    Case("article-fifo", lambda t, r: (os.mkfifo(r / "articles" / "third.md"),
                                       build(t, r))[1],
         1, "third.md: is a FIFO"),
    Case("article-links-to-dev-zero", lambda t, r: (
        (r / "articles" / "zero.md").symlink_to("/dev/zero"), build(t, r))[1],
         1, "zero.md: is a device, not a regular file"),
    Case("article-links-outside", lambda t, r: (
        (r / "articles" / "third.md").symlink_to(_secret(t)), build(t, r))[1],
         1, "third.md: is a link to a file outside the issue folder", (SECRET,)),
    Case("article-link-inside-is-read", lambda t, r: (
        (r / "drafts").mkdir(), (r / "articles" / "second.md").rename(r / "drafts" / "s.md"),
        (r / "articles" / "second.md").symlink_to(r / "drafts" / "s.md"), build(t, r))[3],
         0, "wrote"),
    Case("article-broken-link", lambda t, r: (
        (r / "articles" / "third.md").symlink_to(r / "nowhere.md"), build(t, r))[1],
         1, "third.md: is a broken symbolic link"),
    Case("article-is-a-folder", lambda t, r: ((r / "articles" / "third.md").mkdir(),
                                              build(t, r))[1],
         1, "third.md: is a folder"),
    Case("article-too-big", lambda t, r: ((r / "articles" / "third.md").write_text(
        "---\ntitle: 大\n---\n" + "字" * 400_000, encoding="utf-8"), build(t, r))[1],
         1, "third.md: is 1,200,0"),
    Case("article-body-too-long", lambda t, r: (_lead(r, "第二段。", "長" * 120_000),
                                                build(t, r))[1],
         1, "lead.md:8: the body has 120,01"),
    Case("article-control-characters-dropped", lambda t, r: (
        _lead(r, "第二段。", "第二\x00段\x07。\x1b[31m紅\x7f"), build(t, r))[1],
         0, "lead.md:10: invisible character(s) dropped: U+0000 control character, "
            "U+0007 control character, U+001B control character, U+007F control character"),
    Case("article-escape-in-title-never-echoed", lambda t, r: (
        _lead(r, "title: 矢志", "title: 矢\x1b]0;pwned\x07志"), build(t, r))[1],
         0, "lead.md:2: invisible character(s) dropped: U+001B"),
    Case("article-zero-width-space-dropped", lambda t, r: (_lead(r, "第二段。", "第二\u200b段。"),
                                                           build(t, r))[1],
         0, "lead.md:10: invisible character(s) dropped: U+200B ZERO WIDTH SPACE"),
    Case("article-bidi-override-dropped", lambda t, r: (
        _lead(r, "title: 矢志", "title: 矢\u202e志"), build(t, r))[1],
         0, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("article-emoji-zwj-kept", lambda t, r: (
        _lead(r, "第二段。", "第二段\U0001f469\u200d\U0001f4bb。"), build(t, r))[1],
         0, "kept U+200D ZERO WIDTH JOINER between U+1F469 and U+1F4BB"),
    Case("article-zwj-between-ideographs-dropped", lambda t, r: (
        _lead(r, "第二段。", "第二\u200d段。"), build(t, r))[1],
         0, "dropped: U+200D ZERO WIDTH JOINER"),
    Case("article-ideographic-variation-selector-kept", lambda t, r: (
        _lead(r, "第二段。", "葛\U000e0100城。"), build(t, r))[1],
         0, "kept U+E0100 VARIATION SELECTOR-17 after U+845B"),
    Case("article-combining-sequence-composed", lambda t, r: (
        _lead(r, "第二段。", "Cafe\u0301。"), build(t, r))[1],
         0, "wrote", ("U+0301", "no bundled font")),
    Case("article-file-name-with-escape", lambda t, r: (
        (r / "articles" / "bad\x1b[2J.md").write_text(SECOND_MD, encoding="utf-8"),
        build(t, r))[1],
         1, "bad\\x1b[2J.md: article id"),
    # --- photos ---
    Case("photo-links-outside", lambda t, r: (
        (r / "photos" / "one.jpg").unlink(),
        Image.new("RGB", (8, 8)).save(t / "outside.jpg"),
        (r / "photos" / "one.jpg").symlink_to(t / "outside.jpg"), build(t, r))[3],
         1, "photo 'one.jpg' is a link to a file outside the issue folder"),
    Case("photo-fifo", lambda t, r: ((r / "photos" / "one.jpg").unlink(),
                                     os.mkfifo(r / "photos" / "one.jpg"), build(t, r))[2],
         1, "photo 'one.jpg' is a FIFO"),
    Case("photo-pixel-bomb", lambda t, r: ((r / "photos" / "one.jpg").unlink(),
                                           (r / "photos" / "one.png").write_bytes(
                                               _png_header(30_000, 30_000)),
                                           _photo(r, "  - file: one.png\n    caption: 炸\n"),
                                           build(t, r))[3],
         1, "photo 'one.png' cannot be read: over the limit of 80,000,000 pixels"),
    Case("photo-over-the-pixel-limit", lambda t, r: (
        (r / "photos" / "one.jpg").unlink(),
        (r / "photos" / "one.png").write_bytes(_png_header(12_000, 8_000)),
        _photo(r, "  - file: one.png\n    caption: 大\n"), build(t, r))[3],
         1, "12000 x 8000 pixels, over the limit of 80,000,000 pixels", ("Warning",)),
    Case("photo-path-traversal", lambda t, r: (_photo(r, "  - file: ../issue.yaml\n"
                                                         "    caption: 圖\n"), build(t, r))[1],
         1, "must be a file name inside"),
    Case("photo-not-an-image", lambda t, r: ((r / "photos" / "one.jpg").write_text("no"),
                                             build(t, r))[1],
         1, "photo 'one.jpg' cannot be read"),
    Case("too-many-photos", lambda t, r: (_photo(r, "".join(
        "  - file: one.jpg\n    caption: 圖\n" for _ in range(31))), build(t, r))[1],
         1, "31 photos, over the limit of 30 per article"),
    # --- output and environment ---
    Case("output-is-a-file", lambda t, r: ((t / "out").write_text("x"), build(t, r))[1],
         3, "out"),
    Case("output-would-replace-the-issue-folder", lambda t, r: [
        "build", str(r), "-o", str(t), "--no-images"], 2,
         "would replace the issue folder"),
    Case("output-date-folder-is-a-file", lambda t, r: (
        (t / "out").mkdir(), (t / "out" / "2023-01-10").write_text("mine"),
        build(t, r))[2],
         3, "2023-01-10: exists and is not a folder"),
    Case("concurrent-build-refused", _hold_lock, 3, "another build of this issue is running"),
    Case("dpi-out-of-range", lambda t, r: build(t, r, "--dpi", "0"), 2, "--dpi"),
    Case("unknown-option", lambda t, r: build(t, r, "--frobnicate"), 2,
         "unrecognized arguments"),
    # --- the pd1998 importer ---
    Case("pd1998-deep-json", lambda t, r: _day(t, "[" * 100_000), 1,
         "day.json:1: JSON nested more than 64 levels deep"),
    Case("pd1998-repeated-id", lambda t, r: _day(t, {"date": "1998-01-02", "pages": [
        {"page": 1, "articles": [_article("a1", ["一。"]), _article("a1", ["二。"])]}]}),
         1, "article id a1 appears twice"),
    Case("pd1998-absurd-page-number", lambda t, r: _day(t, {"date": "1998-01-02", "pages": [
        {"page": 100_000, "articles": [_article("a1", ["一。"])]}]}),
         1, "page number 100000 is over the limit of 128"),
    Case("pd1998-control-characters", lambda t, r: _day(t, {"date": "1998-01-02", "pages": [
        {"page": 1, "articles": [_article("a1", ["一\u0000二\u0007。\n## 假"])]}]}),
         0, "article a1: invisible character(s) dropped: U+0000 control character"),
    Case("pd1998-input-fifo", lambda t, r: (os.mkfifo(t / "day.json"), [
        "import", "pd1998", str(t / "day.json"), "-o", str(t / "imported")])[1],
         1, "is a FIFO"),
    Case("pd1998-not-json", lambda t, r: _day(t, "{\"date\": "), 1, "malformed JSON"),
    Case("pd1998-output-is-a-file", lambda t, r: (
        (t / "imported").write_text("x"),
        _day(t, {"date": "1998-01-02", "pages": [{"page": 1, "articles": [
            _article("a1", ["一。"])]}]}))[1],
         3, "imported"),
    # --- the scraped importer ---
    Case("scraped-nul-bytes", lambda t, r: _scraped(t, SCRAPED.replace("第一段", "第\x00一段")),
         0, "page.txt:7: warning: invisible character(s) dropped: U+0000"),
    Case("scraped-input-is-a-folder", lambda t, r: ((t / "page.txt").mkdir(), [
        "import", "scraped", str(t / "page.txt"), "--date", "2023-01-10", "-o",
        str(t / "imported")])[1],
         1, "is a folder"),
    Case("scraped-bad-date", lambda t, r: _scraped(t, SCRAPED)[:4] + ["2023-13-45", "-o",
                                                                    str(t / "i")],
         2, "is not a date"),
    Case("scraped-existing-yaml-too-deep", lambda t, r: (
        (t / "imported" / "2023-01-10").mkdir(parents=True),
        (t / "imported" / "2023-01-10" / "issue.yaml").write_text("pages: " + "[" * 40_000),
        _scraped(t, SCRAPED))[2],
         1, "cannot extend: YAML nested too deeply"),
    Case("scraped-too-big", lambda t, r: _scraped(t, SCRAPED + "字" * (2 << 20)), 1,
         "over the limit of 4,194,304 bytes"),
]
