"""Photos: pixel sizes (after EXIF orientation), crops to whole grid lines, resolution."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from ..model import Photo

#: Below this effective resolution at the printed size a photo prints soft.
MIN_DPI = 150.0
#: Aspect (height / width) assumed for a placeholder when the photo cannot be read.
PLACEHOLDER_ASPECT = 0.75

# EXIF orientations 5-8 swap width and height (ImageOps.exif_transpose rotates them).
_SWAPPING = {5, 6, 7, 8}


@dataclass(frozen=True)
class PhotoInfo:
    """What layout needs to know about one photo file."""

    src: str
    width: int  # pixels after EXIF orientation
    height: int
    problem: str = ""  # why it cannot be drawn ("" when fine)
    placeholder: float = PLACEHOLDER_ASPECT  # aspect of the box drawn when it cannot

    @property
    def ok(self) -> bool:
        """True when the file can be drawn."""
        return not self.problem

    @property
    def aspect(self) -> float:
        """Height / width (a placeholder's when the file is unusable)."""
        if not self.ok or not self.width:
            return self.placeholder
        return self.height / self.width


@lru_cache(maxsize=256)
def _probe(path: str) -> PhotoInfo:
    try:
        with PILImage.open(path) as im:
            width, height = im.size
            try:
                orientation = int(im.getexif().get(0x0112, 1) or 1)
            except Exception:  # noqa: BLE001 - a broken EXIF block is not fatal
                orientation = 1
    except FileNotFoundError:
        return PhotoInfo(path, 0, 0, "photo file not found")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, RuntimeError) as err:
        return PhotoInfo(path, 0, 0, f"photo cannot be read ({err.__class__.__name__})")
    if orientation in _SWAPPING:
        width, height = height, width
    return PhotoInfo(path, width, height)


def photo_info(photo: Photo) -> PhotoInfo:
    """Size of ``photo`` as drawn (EXIF orientation applied) or why it cannot be drawn."""
    src = str(Path(photo.file))
    aspect = photo.aspect or PLACEHOLDER_ASPECT
    if photo.missing:
        return PhotoInfo(src, 0, 0, "photo marked missing", aspect)
    info = _probe(src)
    return info if info.ok else replace(info, placeholder=aspect)


def crop_for(info: PhotoInfo, w: float, h: float) -> tuple[float, float, float, float]:
    """Centred crop (source pixels) that gives the photo the aspect of a w × h frame."""
    if not info.ok:
        return (0.0, 0.0, 0.0, 0.0)
    target = h / w
    if info.aspect > target:  # too tall: cut top and bottom, a little more from the bottom
        keep = info.width * target
        top = (info.height - keep) * 0.4
        return (0.0, round(top, 2), float(info.width), round(top + keep, 2))
    keep = info.height / target
    left = (info.width - keep) / 2
    return (round(left, 2), 0.0, round(left + keep, 2), float(info.height))


def effective_dpi(crop: tuple[float, float, float, float], w: float) -> float:
    """Pixels per inch of the cropped photo printed ``w`` points wide."""
    return (crop[2] - crop[0]) / (w / 72.0) if w > 0 else 0.0
