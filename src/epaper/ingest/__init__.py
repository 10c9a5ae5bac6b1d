"""Ingest stage: read and validate an issue folder into :class:`model.Issue`."""

from __future__ import annotations

from pathlib import Path

from ..model import Issue


def load_issue(issue_dir: Path) -> Issue:
    """Read ``issue.yaml``, ``articles/*.md`` and check ``photos/``.

    Raises :class:`epaper.errors.InputError` listing every problem as
    ``path:line: message``; warnings are kept on the returned issue's articles.
    """
    raise NotImplementedError("ingest: to be written (issue 3)")
