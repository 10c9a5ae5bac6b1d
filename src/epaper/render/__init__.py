"""Render stage: PDFs, page images, issue.json and the reader site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..display import IssueLayout
from .epaper import write_epaper
from .pdf import write_pdf

__all__ = ["RenderResult", "render_issue", "write_pdf"]


@dataclass(frozen=True)
class RenderResult:
    """What the renderers wrote."""

    pdf: Path
    files: tuple[Path, ...] = field(default_factory=tuple)


def render_issue(layout: IssueLayout, out_dir: Path, options) -> RenderResult:
    """Write ``<date>.pdf``, ``pages/NN.pdf`` and (per ``options``) the e-paper.

    Files are written to temporary names and moved into place, so a failed
    build never leaves a half-written file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = write_pdf(layout, out_dir / f"{layout.date}.pdf")
    files = [pdf]
    for page in layout.pages:
        files.append(write_pdf(layout, out_dir / "pages" / f"{page.number:02d}.pdf",
                               pages=[page], title=f"{layout.title} {page.label}"))
    current = {f.name for f in files}
    for stale in sorted((out_dir / "pages").glob("[0-9][0-9].pdf")):
        if stale.name not in current:  # left by an earlier build with more pages
            stale.unlink()
    if options.images:
        files.extend(write_epaper(layout, out_dir, dpi=options.dpi,
                                  image_format=options.image_format, site=options.site,
                                  site_url=getattr(options, "site_url", None)))
    return RenderResult(pdf=pdf, files=tuple(files))
