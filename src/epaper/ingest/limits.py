"""Limits on what an issue folder may hold, and the one safe way to read its files.

Every number here is in docs/limits.md; each breach is a ``path:line`` error, never a
hang, a memory blow-up or a read outside the issue folder. The limits sit far above
any real newspaper (a broadsheet day of the 1998 corpus: 12-16 pages, about 120
articles, the longest article under 20,000 characters) and far below what would
exhaust a build machine.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .problems import Problems

MAX_TEXT_BYTES = 1 << 20  # issue.yaml and each article file: 1 MiB ≈ 350,000 CJK chars
MAX_PHOTO_BYTES = 64 << 20  # a photo file: a 60 MP camera JPEG is about 30 MB
# Decoded pixels of one photo: 80 MP (about 11,000 x 7,300) is 240 MB as RGB.
MAX_PHOTO_PIXELS = 80_000_000
MAX_PHOTOS_PER_ARTICLE = 30
MAX_ARTICLE_CHARS = 100_000  # body characters; a broadsheet page holds about 10,000
MAX_ARTICLES = 1_000  # article files in articles/
MAX_PAGES = 128  # pages per issue (also the highest page number an importer accepts)
# Names set on one line of the 報眉 (page header) and 報頭: a 24-character paper name
# still fits a tabloid header at the 6 pt floor; real ones have 4-12 (中華人民共和國
# 國務院公報 is 12).
MAX_PAPER_CHARS = 24
MAX_SECTION_CHARS = 16
MAX_YAML_DEPTH = 20  # nesting of lists and mappings; issue.yaml needs 5
# Values built from one YAML document, counting every alias expansion: caps a
# "billion laughs" alias bomb; a 128-page issue.yaml has about 3,000.
MAX_YAML_NODES = 50_000
MAX_JSON_DEPTH = 64  # a corpus day nests 4 deep
MAX_SCRAPED_BYTES = 4 << 20  # one scraped web page


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def file_problem(path: Path, root: Path | None, limit: int) -> str:
    """Why ``path`` may not be read as an input file ("" when it may): it must be a
    regular file (after following links) inside ``root`` and at most ``limit`` bytes."""
    try:
        info = os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "is a symbolic link that loops"
        if os.path.islink(path):
            return "is a broken symbolic link"
        return f"cannot read: {err.strerror or err}"
    if not stat.S_ISREG(info.st_mode):
        return f"is {_kind(info.st_mode)}, not a regular file: only plain files are read"
    if root is not None and not is_inside(path, root):
        return ("is a link to a file outside the issue folder: copy the file into the "
                "folder instead")
    if info.st_size > limit:
        return (f"is {info.st_size:,} bytes, over the limit of {limit:,} bytes "
                "(docs/limits.md)")
    return ""


def is_inside(path: Path, root: Path) -> bool:
    """True when ``path``, with every link followed, lies inside ``root``."""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def read_bytes(path: Path, root: Path | None, limit: int, problems: Problems) -> bytes | None:
    """The bytes of an input file, or None after recording why it may not be read
    (see :func:`file_problem`). Opened non-blocking, so a FIFO swapped in after the
    check cannot hang the build, and never more than ``limit`` bytes are read."""
    fault = file_problem(path, root, limit)
    if fault:
        problems.error(path, 0, fault)
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                problems.error(path, 0, "is not a regular file: only plain files are read")
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        finally:
            os.close(fd)
    except OSError as err:
        problems.error(path, 0, f"cannot read: {err.strerror or err}")
        return None
    if len(data) > limit:
        problems.error(path, 0, f"is over the limit of {limit:,} bytes (docs/limits.md)")
        return None
    return data
