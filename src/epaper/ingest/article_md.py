"""One article file: YAML front matter between ``---`` lines, then a Markdown body."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Article, BodyBlock, Paragraph, SourcePos, Subhead
from . import yamlpos
from .charset import report_missing
from .fields import Fields
from .hygiene import clean_text
from .limits import MAX_ARTICLE_CHARS, MAX_TEXT_BYTES, read_bytes
from .photos import read_photos
from .problems import Problems
from .text import split_body

ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
FRONT_KEYS = ("kicker", "title", "subtitle", "summary", "editor_note", "byline", "editor",
              "priority", "lang", "section", "continue_on", "photos", "dateline")
TEXT_KEYS = ("kicker", "title", "subtitle", "summary", "editor_note", "byline", "editor",
             "dateline")
_FENCE = "---"


def read_text(path: Path, problems: Problems, root: Path | None = None) -> str | None:
    """The file's text as UTF-8 (BOM dropped, newlines unified, NFC, invisible characters
    dropped with a warning), or None after an error. ``root`` is the issue folder the
    file must lie in (default: its own folder); see :mod:`.limits`."""
    data = read_bytes(path, path.parent if root is None else root, MAX_TEXT_BYTES, problems)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        problems.error(path, line, f"not UTF-8 text (byte 0x{data[err.start]:02x})")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return clean_text(text, path, problems)


def read_article(path: Path, photos_dir: Path, issue_lang: str, pages: int,
                 problems: Problems) -> Article | None:
    """Parse and validate ``articles/<id>.md``; None when it is unusable."""
    article_id = path.stem
    if not ARTICLE_ID.match(article_id):
        problems.error(path, 0, f"article id '{article_id}' (the file name) may use only "
                                "ASCII letters, digits, '-' and '_'")
        return None
    text = read_text(path, problems, photos_dir.parent)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        problems.error(path, 1, "an article starts with a '---' line, then its front "
                                "matter (title: …), then '---'")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == _FENCE)
    except StopIteration:
        problems.error(path, 1, "front matter is not closed by a '---' line")
        return None
    known = len(problems.items)
    front = yamlpos.load("\n".join(lines[1:end]), path, problems, line_offset=1)
    if front is None:
        if len(problems.items) == known:
            problems.error(path, 2, "front matter is empty: 'title' is required")
        return None
    if not isinstance(front, yamlpos.Map):
        problems.error(path, 2, "front matter must be 'key: value' lines")
        return None
    fields = Fields(front, path, problems, "front matter")
    fields.check_keys(FRONT_KEYS)
    photo_list = fields.sequence("photos")
    photos = read_photos(photo_list, photos_dir, path, problems) if photo_list else ()
    body_chars = sum(len(line) for line in lines[end + 1:])
    if body_chars > MAX_ARTICLE_CHARS:
        problems.error(path, end + 2, f"the body has {body_chars:,} characters, over the "
                                      f"limit of {MAX_ARTICLE_CHARS:,} (docs/limits.md)")
        return None
    body = _body(lines[end + 1:], end + 2, path, problems)
    if not body:
        problems.warn(path, end + 2, "the article has no body text")
    lang = fields.lang("lang", issue_lang)
    texts = {key: fields.text(key, required=key == "title") for key in TEXT_KEYS}
    for key, value in texts.items():
        report_missing(value, lang, path, fields.line(key), problems)
    for number, line in enumerate(lines[end + 1:], start=end + 2):
        report_missing(line, lang, path, number, problems)
    for photo in photos:
        report_missing(photo.caption + photo.credit, lang, path, photo.source.line, problems)
    return Article(
        id=article_id,
        title=texts["title"],
        kicker=texts["kicker"],
        subtitle=texts["subtitle"],
        summary=texts["summary"],
        editor_note=texts["editor_note"],
        byline=texts["byline"],
        editor=texts["editor"],
        body=body,
        photos=photos,
        priority=fields.integer("priority", minimum=1) or 5,
        lang=lang,
        section=fields.text("section"),
        continue_on=fields.integer("continue_on", minimum=1, maximum=max(pages, 1)),
        dateline=texts["dateline"],
        source=SourcePos(str(path), 1),
    )


def _body(lines: list[str], first_line: int, path: Path,
          problems: Problems) -> tuple[BodyBlock, ...]:
    blocks: list[BodyBlock] = []
    for raw in split_body(lines, first_line):
        pos = SourcePos(str(path), raw.line)
        if raw.kind == "p":
            blocks.append(Paragraph(raw.lines[0], pos))
            continue
        for offset, head in enumerate(raw.lines):
            if not head:
                problems.error(path, raw.line + offset, "empty subhead: '## ' needs text")
        blocks.append(Subhead(tuple(h for h in raw.lines if h), pos))
    return tuple(blocks)
