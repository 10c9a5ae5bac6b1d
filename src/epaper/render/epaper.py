"""The e-paper outputs: page images, thumbnails, issue.json, reader site.

The manifest records the page images' pixel sizes and scales the hot zones to them;
those sizes follow from the page PDFs, so the images render in worker processes
while this process writes the article photos; the site and ``issue.json`` come
last, once everything it points to exists.
"""

from __future__ import annotations

from pathlib import Path

from ..display import IssueLayout
from .atomic import write_text
from .images import start_page_images
from .manifest import build_manifest, dumps
from .photos import write_photos
from .site import write_site


def write_epaper(layout: IssueLayout, out_dir: Path, *, dpi: int = 150,
                 image_format: str = "png", site: bool = True,
                 site_url: str | None = None) -> list[Path]:
    """Write page images, thumbnails, issue.json and (optionally) the reader site
    into ``out_dir`` (which already holds ``<date>.pdf`` and ``pages/NN.pdf``).
    ``site_url`` is where the output root will be published (permalinks and QR
    codes on article views; without it they are relative). Returns the paths
    written."""
    # The page images render in worker processes while this one writes the photos
    # (docs/performance.md); the manifest and the site then take the images as
    # written, WebP copies included.
    pending = start_page_images(out_dir, [p.number for p in layout.pages], dpi=dpi,
                                image_format=image_format, webp=site)
    photos: dict = {}
    photo_warnings: list[str] = []
    photo_files: list[Path] = []
    try:
        if site:
            photos, photo_warnings, photo_files = write_photos(layout.articles, out_dir)
    except BaseException:
        pending.cancel()
        raise
    images = pending.result()
    written = [out_dir / img.image for img in images] + [out_dir / img.thumb for img in images]
    written += [out_dir / w.src for img in images for w in img.webp + img.thumb_webp]
    written += photo_files
    manifest = build_manifest(layout, images, dpi=dpi, image_format=image_format, site=site)
    manifest["warnings"].extend(photo_warnings)
    if site:
        written.extend(write_site(layout, manifest, out_dir, photos, site_url=site_url))
    # issue.json last: the archive lists an issue by it, so it appears only once the
    # site it points to is complete.
    written.append(write_text(out_dir / "issue.json", dumps(manifest)))
    remove_stale(out_dir, written)
    return written


# Files of ours an earlier build may have left: a page or article since removed, or
# images in the other format. The print renderer's PDFs are not ours to touch.
STALE_PATTERNS = ("page-*.html", "articles/*.html", "articles/photos/*", "pages/*.png",
                  "pages/*.jpg", "pages/*.webp", "assets/*", "search.js")


def remove_stale(out_dir: Path, written: list[Path]) -> list[Path]:
    """Delete e-paper files under ``out_dir`` that this build did not write, so the
    folder holds exactly one issue's e-paper. Returns the paths removed."""
    keep = {p.resolve() for p in written}
    removed = []
    for pattern in STALE_PATTERNS:
        for path in sorted(out_dir.glob(pattern)):
            if path.is_file() and path.resolve() not in keep:
                path.unlink()
                removed.append(path)
    return removed
