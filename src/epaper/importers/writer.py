"""Writing issue folders in the docs/inputs.md format: article files and issue.yaml.

Importers build plain data and hand it here, so both write the same format. Files
are written whole through a temporary name and renamed, so an interrupted import
never leaves a half-written file; YAML is dumped with fixed key order, so the same
input gives the same bytes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InputError, Problem
from ..ingest.hygiene import clean_text
from ..ingest.limits import MAX_SCRAPED_BYTES, file_problem
from ..ingest.problems import Problems
from ..ingest.yamlpos import deep_line


@dataclass(frozen=True)
class PhotoEntry:
    """A photo slot to write into an article's front matter."""

    file: str  # "" for an archive placeholder that never had a file (then missing)
    caption: str = ""
    credit: str = ""
    missing: bool = False
    aspect: float | None = None


@dataclass(frozen=True)
class ArticleDoc:
    """An article as it will be written: front matter fields, body blocks, comments.

    ``blocks`` are ("p", text), ("h", "line1\\nline2"), ("v", "verse line1\\nline2")
    or ("t", pipe-table Markdown) pairs; ``comments`` are
    kept as YAML comments at the head of the front matter (provenance a person
    restoring damage needs, but no field of the format)."""

    id: str
    title: str
    kicker: str = ""
    subtitle: str = ""
    summary: str = ""
    editor_note: str = ""
    byline: str = ""
    editor: str = ""
    priority: int | None = None
    lang: str = ""
    section: str = ""
    photos: tuple[PhotoEntry, ...] = ()
    blocks: tuple[tuple[str, str], ...] = ()
    comments: tuple[str, ...] = field(default=())
    kind: str = ""  # "", "photo" or "briefs" (docs/inputs.md)
    document: bool = False


_ID = re.compile(r"[^A-Za-z0-9_-]+")


def safe_id(name: str) -> str:
    """An article id from a file name: ASCII letters, digits, ``-`` and ``_``."""
    return _ID.sub("-", name).strip("-") or "article"


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000,
                          default_flow_style=False)


def article_text(doc: ArticleDoc) -> str:
    """The article file's text: YAML front matter and the Markdown body."""
    front: dict[str, object] = {}
    for key in ("kicker", "title", "subtitle", "summary", "editor_note", "byline",
                "editor"):
        value = getattr(doc, key)
        if value or key == "title":
            front[key] = value
    if doc.priority is not None:
        front["priority"] = doc.priority
    if doc.lang:
        front["lang"] = doc.lang
    if doc.section:
        front["section"] = doc.section
    if doc.kind:
        front["kind"] = doc.kind
    if doc.document:
        front["document"] = True
    if doc.photos:
        photos = []
        for p in doc.photos:
            entry: dict[str, object] = {"file": p.file} if p.file else {}
            if p.caption:
                entry["caption"] = p.caption
            if p.credit:
                entry["credit"] = p.credit
            if p.missing:
                entry["missing"] = True
            if p.aspect is not None:
                entry["aspect"] = p.aspect
            photos.append(entry)
        front["photos"] = photos
    lines = ["---"]
    lines += [f"# {c}" for c in doc.comments]
    lines.append(_dump(front).rstrip("\n"))
    lines.append("---")
    body = []
    for kind, text in doc.blocks:
        if kind == "h":
            body.append("\n".join(f"## {line}" for line in text.split("\n")))
        elif kind == "v":
            body.append("```verse\n" + text + "\n```")
        elif kind == "t":
            body.append(text)
        else:
            body.append(text)
    return "\n".join(lines) + "\n" + "\n\n".join(body) + ("\n" if body else "")


def read_utf8(path: Path, limit: int = MAX_SCRAPED_BYTES) -> str:
    """A UTF-8 text file; InputError naming the line and column of a bad byte, or why
    the file may not be read (not a regular file, over ``limit`` bytes)."""
    fault = file_problem(path, None, limit)
    if fault:
        raise InputError([Problem(str(path), 0, fault)])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), 0, f"cannot read: {exc.strerror or exc}")]) \
            from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise InputError([Problem(
            str(path), data.count(b"\n", 0, exc.start) + 1,
            f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            column=len(data[line_start:exc.start].decode("utf-8", "replace")) + 1)]) \
            from exc


def clean_input(text: str, path: object) -> tuple[str, list[Problem]]:
    """Imported text as ingest will want it: NFC, control and invisible characters
    dropped (see :mod:`epaper.ingest.hygiene`), with a warning per line naming them."""
    problems = Problems()
    # Line ends first: a CR is a line end here, not a control character to report.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean_text(text, path, problems)
    return text, problems.items


_C0 = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def write_text(path: Path, text: str) -> None:
    """Write a file whole (temporary name, then rename). Raises ValueError rather than
    write a NUL or another C0 control: importers drop those, with a warning, first."""
    bad = _C0.search(text)
    if bad:
        raise ValueError(f"{path}: refusing to write control character "
                         f"U+{ord(bad.group()):04X}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():  # the write failed (full disk, interrupted): no stray .tmp
            tmp.unlink()


def issue_yaml_text(meta: dict[str, object], pages: list[dict[str, object]]) -> str:
    """A new issue.yaml: masthead facts in the documented order, then the pages."""
    data = dict(meta)
    data["pages"] = pages
    return _dump(data)


def add_to_issue_yaml(path: Path, article_id: str, section: str,
                      create: dict[str, object]) -> str:
    """Create ``issue.yaml`` with the article on page 1, or extend it.

    Extending edits the text in place (comments and formatting of the desk's file
    survive): the id is appended to the list of the first page whose section is
    ``section``, or to a new page at the end when no page has it. A page that lists
    no ids takes articles by section, so it is left alone. Returns a description.
    """
    if not path.exists():
        write_text(path, issue_yaml_text(create, [
            {"number": 1, "section": section or "要聞", "articles": [article_id]}]))
        return f"created {path} with {article_id} on page 1"
    text = read_utf8(path)
    try:
        too_deep = deep_line(text)
        if too_deep:
            raise InputError([Problem(str(path), too_deep, "cannot extend: YAML nested too "
                                                           "deeply (docs/limits.md)")])
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError([Problem(str(path), mark.line + 1 if mark else 0,
                                  f"cannot extend: malformed YAML ({err})")]) from err
    pages_node = _child(root, "pages")
    if not isinstance(data, dict) or pages_node is None or not isinstance(
            pages_node, yaml.SequenceNode):
        raise InputError([Problem(str(path), 0, "cannot extend: no `pages:` list")])
    for page_node, page in zip(pages_node.value, data.get("pages") or [], strict=False):
        if not isinstance(page, dict) or page.get("section") != section:
            continue
        ids = page.get("articles") or []
        if article_id in ids:
            return f"{article_id} already on page {page.get('number')} of {path}"
        arts = _child(page_node, "articles")
        if arts is None or not ids:
            return (f"{article_id}: page {page.get('number')} takes articles by section "
                    f"{section!r}; issue.yaml unchanged")
        write_text(path, _append_id(text, arts, article_id))
        return f"added {article_id} to page {page.get('number')} of {path}"
    numbers = [p.get("number", 0) for p in data.get("pages") or [] if isinstance(p, dict)]
    number = max([n for n in numbers if isinstance(n, int)], default=0) + 1
    block = _dump([{"number": number, "section": section or "要聞",
                    "articles": [article_id]}])
    # The new item's dash goes where the existing items' dashes are.
    indent = " " * max(0, pages_node.value[0].start_mark.column - 2) if pages_node.value else ""
    addition = "".join(indent + line + "\n" for line in block.splitlines())
    end = _line_end(text, pages_node.end_mark.index)
    new = text[:end] + ("" if text[:end].endswith("\n") else "\n") + addition + text[end:]
    write_text(path, new)
    return f"added page {number} ({section}) with {article_id} to {path}"


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _line_end(text: str, index: int) -> int:
    """Index just after the line holding ``index - 1`` (end marks point past it)."""
    if index and text[index - 1] == "\n":
        return index
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _append_id(text: str, node: yaml.Node, article_id: str) -> str:
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        close = text.rindex("]", 0, node.end_mark.index)
        sep = ", " if node.value else ""
        return text[:close] + sep + article_id + text[close:]
    if isinstance(node, yaml.SequenceNode) and node.value:
        last = node.value[-1]
        col = last.start_mark.column
        line_start = text.rfind("\n", 0, last.start_mark.index) + 1
        dash = text[line_start:last.start_mark.index].rstrip()
        end = _line_end(text, last.end_mark.index)
        prefix = dash if dash.strip() == "-" else " " * (col - 2) + "-"
        return text[:end] + f"{prefix} {article_id}\n" + text[end:]
    raise AssertionError("only called for a non-empty list")
