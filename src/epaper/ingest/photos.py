"""Photo entries of an article: the file must be a regular file of the issue folder,
within the size and pixel limits of :mod:`.limits`, and open with Pillow."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..model import Photo, SourcePos
from .fields import Fields
from .limits import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MAX_PHOTOS_PER_ARTICLE, file_problem
from .problems import Problems
from .yamlpos import Map, Seq

PHOTO_KEYS = ("file", "caption", "credit", "missing", "aspect")
#: Placeholder aspects (height / width) outside this range are surely typos.
ASPECT_RANGE = (0.2, 5.0)


def read_photos(items: Seq, photos_dir: Path, path: Path,
                problems: Problems) -> tuple[Photo, ...]:
    """Validate each entry of an article's ``photos:`` list into :class:`Photo`."""
    photos = []
    if len(items) > MAX_PHOTOS_PER_ARTICLE:
        problems.error(path, items.line, f"{len(items)} photos, over the limit of "
                                         f"{MAX_PHOTOS_PER_ARTICLE} per article "
                                         "(docs/limits.md)")
        return ()
    for item, line in zip(items, items.lines, strict=True):
        if not isinstance(item, Map):
            problems.error(path, line, "each photo must be a mapping with 'file' and "
                                       "'caption'")
            continue
        fields = Fields(item, path, problems, "photo")
        fields.check_keys(PHOTO_KEYS)
        declared_missing = fields.boolean("missing")
        name = fields.text("file", required=not declared_missing)
        caption = fields.text("caption")
        credit = fields.text("credit")
        aspect = fields.number("aspect", *ASPECT_RANGE)
        if not name:
            if declared_missing:  # an archive placeholder: no file was ever known
                problems.warn(path, item.line, "photo without a file: a placeholder is "
                                               "printed")
                photos.append(Photo(file=Path(""), caption=caption, credit=credit,
                                    missing=True, source=SourcePos(str(path), item.line),
                                    aspect=aspect))
            continue
        file_line = item.line_of("file")
        file = (photos_dir / name).resolve()
        if Path(name).is_absolute() or ".." in Path(name).parts:
            problems.error(path, file_line, f"photo '{name}' must be a file name inside "
                                            f"{photos_dir}")
            continue
        missing = declared_missing
        if os.path.lexists(photos_dir / name):
            fault = file_problem(photos_dir / name, photos_dir.parent, MAX_PHOTO_BYTES)
            if fault:
                problems.error(path, file_line, f"photo '{name}' {fault}")
                continue
        if not file.is_file():
            if declared_missing:
                problems.warn(path, file_line, f"photo '{name}' is marked missing: a "
                                               "placeholder is printed")
            else:
                problems.error(path, file_line, f"photo '{name}' not found in {photos_dir} "
                                                "(add 'missing: true' to print a placeholder)")
                continue
        else:
            fault = _open_fault(file)
            if fault:
                problems.error(path, file_line, f"photo '{name}' cannot be read: {fault}")
                continue
            if declared_missing:
                problems.warn(path, item.line_of("missing"),
                              f"photo '{name}' exists but is marked missing: ignoring the file")
        if not caption:
            problems.warn(path, item.line, f"photo '{name}' has no caption (圖說)")
        photos.append(Photo(file=file, caption=caption, credit=credit, missing=missing,
                            source=SourcePos(str(path), item.line), aspect=aspect))
    return tuple(photos)


def _open_fault(file: Path) -> str:
    """Why Pillow cannot decode ``file``, or "" when it can."""
    too_big = f"over the limit of {MAX_PHOTO_PIXELS:,} pixels (docs/limits.md)"
    try:
        # Pillow's own bomb warning would reach the terminal as a Python warning;
        # our limit is lower and reported as a problem instead.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as img:
                # Checked before decoding: the header alone gives the size, and a
                # decompression bomb must not be expanded to find out.
                if img.width * img.height > MAX_PHOTO_PIXELS:
                    return f"{img.width} x {img.height} pixels, {too_big}"
                img.load()
    except Image.DecompressionBombError:  # past Pillow's own limit, at open
        return too_big
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        return str(err) or type(err).__name__
    return ""
