"""One article file: YAML front matter between ``---`` lines, then a Markdown body."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..model import ARTICLE_KINDS, Article, Photo, SourcePos
from . import yamlpos
from .charset import report_missing
from .fields import Fields
from .hygiene import clean_text
from .limits import MAX_ARTICLE_CHARS, MAX_TEXT_BYTES, read_bytes
from .photos import read_photos
from .problems import Problems
from .structures import parse_body

ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
FRONT_KEYS = ("kicker", "title", "subtitle", "summary", "editor_note", "byline", "editor",
              "priority", "lang", "section", "continue_on", "photos", "dateline", "kind",
              "form", "document")
FORMS = ("prose", "verse")
#: Circled numbers put before the captions of a photo item with several photos.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
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
    kind = fields.choice("kind", ARTICLE_KINDS, "story")
    form = fields.choice("form", FORMS, "prose")
    body = parse_body(lines[end + 1:], end + 2, path, problems, verse=form == "verse")
    if kind == "photo":
        if not photos:
            problems.error(path, fields.line("kind"), "a photo item (kind: photo) needs at "
                                                      "least one entry under 'photos'")
        photos = _numbered(photos)
    elif not body:
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
        kind=kind,
        document=fields.boolean("document"),
    )


def _numbered(photos: tuple[Photo, ...]) -> tuple[Photo, ...]:
    """Captions of a photo item with several photos start ①, ②, … (unless the editor
    numbered them already), so the captions name their photos."""
    if len(photos) < 2 or len(photos) > len(CIRCLED):
        return photos
    out = []
    for n, photo in enumerate(photos):
        mark = CIRCLED[n]
        caption = photo.caption
        if caption and caption[0] not in CIRCLED:
            caption = mark + caption
        out.append(replace(photo, caption=caption))
    return tuple(out)

