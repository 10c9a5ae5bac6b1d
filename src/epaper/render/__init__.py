"""Render stage: PDFs, page images, issue.json and the reader site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..display import IssueLayout


@dataclass(frozen=True)
class RenderResult:
    """What the renderers wrote."""

    pdf: Path
    files: tuple[Path, ...] = field(default_factory=tuple)


def render_issue(layout: IssueLayout, out_dir: Path, options) -> RenderResult:
    """Write ``<date>.pdf``, ``pages/NN.pdf`` and (per ``options``) the e-paper.

    Files are written to temporary names and moved into place, so a failed
    build never leaves a half-written file."""
    raise NotImplementedError("render: to be written (issue 3)")
