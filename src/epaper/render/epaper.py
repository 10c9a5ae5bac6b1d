"""The e-paper outputs: page images, thumbnails, issue.json, reader site."""

from __future__ import annotations

from pathlib import Path

from ..display import IssueLayout


def write_epaper(layout: IssueLayout, out_dir: Path, *, dpi: int = 150,
                 image_format: str = "png", site: bool = True) -> list[Path]:
    """Write page images, thumbnails, issue.json and (optionally) the reader site
    into ``out_dir`` (which already holds ``<date>.pdf`` and ``pages/NN.pdf``).
    Returns the paths written."""
    raise NotImplementedError("e-paper outputs: to be written (issue 7)")
