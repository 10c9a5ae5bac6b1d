"""Photos for the print PDF: converted to the print CMYK profile, total ink limited.

RGB (and CMYK with its own embedded profile) goes through littleCMS (Pillow's
ImageCms) with the perceptual intent and black point compensation. The shipped
profile already limits ink to 240 %, but table interpolation can overshoot by a few
percent, so the limit is then enforced on the converted pixels themselves: where
C+M+Y+K exceeds it, C, M and Y are scaled down (K is kept: it carries the detail).
Greyscale photos stay DeviceGray, which a PDF/X output intent prints on K alone.
"""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageCms, ImageMath

from .icc import TOTAL_INK_LIMIT, PrintCondition, print_condition

_FULL = 255  # one channel at 100 %


@cache
def _cmyk_profile(icc: bytes) -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(io.BytesIO(icc))


@cache
def _rgb_transform(icc: bytes) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), _cmyk_profile(icc), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def to_print(img: Image.Image, icc: bytes | None = None,
             condition: PrintCondition | None = None) -> Image.Image:
    """``img`` (mode L, RGB or CMYK) as the print PDF embeds it: L unchanged, RGB
    (taken as sRGB) and CMYK converted to ``condition``'s profile (default: the
    shipped one), ink limited. ``icc`` is the photo's embedded profile, used for CMYK
    (a CMYK photo without one is taken to be in the print condition already and only
    ink limited)."""
    target = (condition or print_condition()).icc
    if img.mode == "L":
        return img
    if img.mode == "CMYK":
        if icc:
            try:
                source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                img = ImageCms.profileToProfile(
                    img, source, _cmyk_profile(target),
                    renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="CMYK",
                    flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
            except (ImageCms.PyCMSError, OSError):
                pass  # a broken embedded profile: keep the numbers as they are
        return limit_ink(img)
    return limit_ink(ImageCms.applyTransform(img.convert("RGB"), _rgb_transform(target)))


def total_ink(img: Image.Image) -> float:
    """The largest C+M+Y+K of any pixel of the CMYK ``img``, in percent."""
    c, m, y, k = (band.convert("I") for band in img.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                  c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100 / _FULL


def limit_ink(img: Image.Image, limit: float = TOTAL_INK_LIMIT) -> Image.Image:
    """``img`` (CMYK) with every pixel's total ink at most ``limit`` percent."""
    if total_ink(img) <= limit:
        return img
    cap = int(limit * _FULL // 100)  # floor: rounding must not push a pixel over
    c, m, y, k = (band.convert("I") for band in img.split())

    def scaled(band: str):
        def expr(a):
            cmy = a["c"] + a["m"] + a["y"]
            room = a["cap"] - a["k"]
            over = (cmy + a["k"]) > a["cap"]
            # Integer division rounds down, so the scaled total never exceeds cap.
            fitted = (a[band] * room) / (cmy + (cmy < 1))
            return over * fitted + (1 - over) * a[band]
        return ImageMath.lambda_eval(expr, c=c, m=m, y=y, k=k, cap=cap).convert("L")

    return Image.merge("CMYK", (scaled("c"), scaled("m"), scaled("y"), k.convert("L")))
