"""Photos for the article views: copied next to them at a web-friendly size.

The print PDF embeds the photos; the reader site needs them as files. Each photo is
turned upright (EXIF orientation, which browsers and ReportLab treat differently),
scaled down to at most ``MAX_WIDTH`` and re-encoded without metadata, so the site
is self-contained and the same photo gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..display import ArticleView
from .atomic import write_bytes

MAX_WIDTH = 1200  # px: sharp in a 720 px article column on a 1.5x screen
JPEG_QUALITY = 85
# What a broken, truncated or absurdly large photo raises: a warning, not a crash.
UNREADABLE = (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError)


@dataclass(frozen=True)
class WebPhoto:
    """A photo as the article view shows it; ``src`` is relative to the issue folder
    ("" when missing: the view shows a placeholder)."""

    src: str
    caption: str
    credit: str
    width: int = 0
    height: int = 0

    @property
    def missing(self) -> bool:
        """True when there is no picture to show."""
        return not self.src


def _encode(path: Path) -> tuple[bytes, str, int, int]:
    with Image.open(path) as source:
        image = ImageOps.exif_transpose(source)
        has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
        if image.width > MAX_WIDTH:
            height = max(1, round(image.height * MAX_WIDTH / image.width))
            image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        if has_alpha:
            # Keep transparency (graphics, logos); JPEG would turn it black.
            image.convert("RGBA").save(buf, "PNG", optimize=False)
            return buf.getvalue(), "png", image.width, image.height
        image.convert("RGB").save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return buf.getvalue(), "jpg", image.width, image.height


def write_photos(views: tuple[ArticleView, ...], out_dir: Path
                 ) -> tuple[dict[str, tuple[WebPhoto, ...]], list[str], list[Path]]:
    """Write every article's photos to ``out_dir/articles/photos/<id>-<n>.<ext>``.

    Returns the photos per article id, warnings for photos that could not be used
    (missing or unreadable files: shown as placeholders), and the paths written."""
    result: dict[str, tuple[WebPhoto, ...]] = {}
    warnings: list[str] = []
    written: list[Path] = []
    for view in views:
        photos = []
        for n, photo in enumerate(view.photos, start=1):
            path = Path(photo.src) if photo.src else None
            if photo.missing or path is None or not path.is_file():
                if not photo.missing:
                    warnings.append(f"{photo.src or view.article_id}: photo file not found; "
                                    "the article view shows a placeholder")
                photos.append(WebPhoto("", photo.caption, photo.credit))
                continue
            try:
                data, ext, width, height = _encode(path)
            except UNREADABLE as err:
                warnings.append(f"{path}: photo cannot be read ({err}); "
                                "the article view shows a placeholder")
                photos.append(WebPhoto("", photo.caption, photo.credit))
                continue
            rel = f"articles/photos/{view.article_id}-{n}.{ext}"
            written.append(write_bytes(out_dir / rel, data))
            photos.append(WebPhoto(rel, photo.caption, photo.credit, width, height))
        result[view.article_id] = tuple(photos)
    return result, warnings, written
