"""Build stamps: what an issue's output was made from, to skip unchanged issues.

A stamp is the SHA-256 of everything that can change an issue's bytes:

- the issue folder's files (issue.yaml, articles, photos: every regular file, by
  path relative to the folder, so the folder may move);
- the page template named by ``layout:`` in issue.yaml;
- the fonts (the files of ``fonts/``);
- epaper itself: its version and the bytes of its code, templates and data (a fix
  that does not bump the version must still rebuild);
- the versions of the libraries whose output lands in the files (ReportLab, Pillow,
  pypdfium2, fontTools, Jinja2, jieba, lunardate, PyYAML), of Python and of zlib
  (PDF streams and PNGs are deflated: another zlib may compress differently);
- the build options (dpi, image format, images, site).

The stamp file ``OUT/<date>/.epaper-stamp.json`` lists the parts' digests (names
relative, never absolute paths) so that a person can see why an issue was rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .. import __version__

STAMP_NAME = ".epaper-stamp.json"
STAMP_FORMAT = 1
LIBRARIES = ("reportlab", "Pillow", "pypdfium2", "fonttools", "Jinja2", "jieba",
             "lunardate", "PyYAML")
_PACKAGE = Path(__file__).resolve().parents[1]
# issue.yaml's top-level `layout: name` (the ingest stage checks it properly; here a
# wrong or missing name only means the stamp covers every template instead).
_LAYOUT_LINE = re.compile(r"^layout:\s*['\"]?([A-Za-z0-9_.-]+)['\"]?\s*(?:#.*)?$", re.M)


def _digest_files(root: Path, files: list[Path]) -> str:
    """One digest over ``files`` (path relative to ``root`` and content), in name order."""
    total = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        total.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


def _regular_files(root: Path) -> list[Path]:
    """Every regular file under ``root`` except byte-code caches (hidden files count:
    the ingest stage may read them)."""
    if not root.is_dir():
        return []
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


@dataclass(frozen=True)
class Environment:
    """Digests of what every issue shares: code, fonts, libraries, templates."""

    parts: dict[str, str]  # name -> digest or version, e.g. "fonts" -> sha256 hex
    layouts: Path  # where the page templates are (not part of any output)

    def layout_digest(self, issue_dir: Path) -> tuple[str, str]:
        """(name, digest) of the page template ``issue_dir/issue.yaml`` names, or of
        every template when the name cannot be read."""
        try:
            match = _LAYOUT_LINE.search((issue_dir / "issue.yaml").read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            match = None
        if match and (self.layouts / f"{match.group(1)}.yaml").is_file():
            path = self.layouts / f"{match.group(1)}.yaml"
            return f"layout:{match.group(1)}", _digest_files(self.layouts, [path])
        return "layouts", _digest_files(self.layouts, _regular_files(self.layouts))


def environment(layouts: Path, fonts: Path) -> Environment:
    """Hash what every issue depends on; done once per rebuild."""
    parts = {
        "epaper": __version__,
        "code": _digest_files(_PACKAGE, _regular_files(_PACKAGE)),
        "fonts": _digest_files(fonts, _regular_files(fonts)),
        "python": ".".join(map(str, sys.version_info[:3])),
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
    }
    for name in LIBRARIES:
        try:
            parts[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            parts[name] = "absent"
    return Environment(parts=parts, layouts=layouts)


def issue_stamp(env: Environment, issue_dir: Path, options: dict[str, object]) -> str:
    """The stamp file's text for building ``issue_dir`` with ``options`` (sorted JSON,
    relative names only): same inputs, same text."""
    layout_name, layout_digest = env.layout_digest(issue_dir)
    parts = dict(env.parts)
    parts["inputs"] = _digest_files(issue_dir, _regular_files(issue_dir))
    parts[layout_name] = layout_digest
    parts["options"] = json.dumps(options, sort_keys=True)
    whole = hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()
    return json.dumps({"format": STAMP_FORMAT, "stamp": whole, "parts": parts},
                      sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def stamp_digest(text: str) -> str | None:
    """The ``stamp`` of a stamp file's text; None when it is not one of ours."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != STAMP_FORMAT:
        return None
    value = data.get("stamp")
    return value if isinstance(value, str) else None


def is_current(out_issue: Path, stamp_text: str) -> bool:
    """Whether ``out_issue`` was built from exactly what ``stamp_text`` describes."""
    try:
        stored = (out_issue / STAMP_NAME).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    wanted = stamp_digest(stamp_text)
    return wanted is not None and stamp_digest(stored) == wanted
