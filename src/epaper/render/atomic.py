"""Write files so that a failed build never leaves a half-written one behind."""

from __future__ import annotations

import os
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary name next to ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 with Unix newlines, atomically (see :func:`write_bytes`)."""
    return write_bytes(path, text.encode("utf-8"))
