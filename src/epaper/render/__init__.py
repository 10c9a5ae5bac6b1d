"""Render stage: PDFs, page images, issue.json and the reader site.

Submodules are imported where they are used: ``import epaper.render`` costs nothing,
and a build that writes no images never loads PDFium, Pillow's encoders or Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..display import IssueLayout

__all__ = ["RenderResult", "render_issue", "write_pdf"]


@dataclass(frozen=True)
class RenderResult:
    """What the renderers wrote."""

    pdf: Path
    files: tuple[Path, ...] = field(default_factory=tuple)


def render_issue(layout: IssueLayout, out_dir: Path, options) -> RenderResult:
    """Write ``<date>.pdf``, ``pages/NN.pdf`` and (per ``options``) the e-paper.

    The PDFs are in the profile ``options.pdf`` (print, archive or screen) and pass
    its preflight, else :class:`.pdf_preflight.PreflightError` is raised.

    Each page is drawn once, into ``<date>.pdf``; the page PDFs are cut from it.
    Files are written to temporary names and moved into place, so a failed
    build never leaves a half-written file."""
    from .icc import print_condition
    from .pdf import write_page_pdfs, write_pdf
    from .pdf_preflight import check_pdfs
    from .pdf_profile import DEFAULT_PROFILE, finish_pdf
    from .pdf_tags import DocumentTags

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = getattr(options, "pdf", DEFAULT_PROFILE)
    # The plant's profile, checked by the build before anything is drawn.
    condition = print_condition(getattr(options, "output_intent", None))
    used: list[dict[str, set[int]]] = []
    tags = DocumentTags(layout.lang, layout.articles)  # tagged PDF, every profile
    pdf = finish_pdf(write_pdf(layout, out_dir / f"{layout.date}.pdf", used=used,
                               profile=profile, condition=condition, tags=tags),
                     profile, condition, tags)
    files = [pdf]
    # The page PDFs are cut from the finished issue PDF (colours, boxes and font
    # widths are already there) and get the document-level parts (output intent,
    # XMP) again.
    files.extend(finish_pdf(path, profile, condition, cut=True)
                 for path in write_page_pdfs(layout, pdf, out_dir / "pages", used, tags))
    check_pdfs(files, profile, out_dir)
    current = {f.name for f in files}
    for stale in sorted((out_dir / "pages").glob("[0-9][0-9].pdf")):
        if stale.name not in current:  # left by an earlier build with more pages
            stale.unlink()
    if options.images:
        from .epaper import write_epaper

        files.extend(write_epaper(layout, out_dir, dpi=options.dpi,
                                  image_format=options.image_format, site=options.site,
                                  site_url=getattr(options, "site_url", None)))
    return RenderResult(pdf=pdf, files=tuple(files))


def __getattr__(name: str) -> Any:
    # ``from epaper.render import write_pdf`` keeps working without importing
    # ReportLab for everyone who imports the package.
    if name == "write_pdf":
        from .pdf import write_pdf

        return write_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
