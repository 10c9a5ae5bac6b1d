"""The colour profiles the PDF profiles name: sRGB and the print CMYK profile.

Both ship in ``epaper/data`` (licences and how the CMYK one was made:
``data/ICC-PROFILES.md``). They are files, not profiles made at run time: littleCMS
stamps a profile it creates with the current time, which would break byte-identical
rebuilds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

SRGB_FILE = "sRGB.icc"
CMYK_FILE = "newsprint-240.icc"
#: The characterisation the shipped CMYK profile is made from, as the ICC registry
#: (http://www.color.org) names it: ANSI CGATS/SNAP TR 002, coldset offset on
#: newsprint. A PDF/X output intent names a registered condition by this identifier.
CMYK_CONDITION = "CGATS TR 002"
CMYK_CONDITION_INFO = "epaper newsprint 240% (CGATS TR 002 coldset newsprint data)"
ICC_REGISTRY = "http://www.color.org"
SRGB_CONDITION = "sRGB IEC61966-2.1"
#: ISO 12647-3 (newsprint): total area coverage at most 240 %.
TOTAL_INK_LIMIT = 240


@cache
def profile_bytes(name: str) -> bytes:
    """The bytes of the shipped profile ``name`` (``SRGB_FILE`` or ``CMYK_FILE``)."""
    return resources.files("epaper").joinpath("data", name).read_bytes()


@dataclass(frozen=True)
class PrintCondition:
    """The CMYK condition a print PDF is made for: the profile photos and colours are
    converted to and the output intent embeds, and the name the intent gives it."""

    icc: bytes
    name: str
    #: A longer description for the intent's /Info.
    info: str
    #: The registry that defines ``name``, or None for a plant's own (unregistered)
    #: condition, which PDF/X then identifies by the embedded profile alone.
    registry: str | None


def print_condition(path: Path | None = None) -> PrintCondition:
    """The shipped print condition, or the plant's profile at ``path`` (``epaper build
    --output-intent FILE.icc``). Raises ValueError naming the file when it is not a
    readable CMYK output (printer) profile."""
    if path is None:
        return PrintCondition(profile_bytes(CMYK_FILE), CMYK_CONDITION,
                              CMYK_CONDITION_INFO, ICC_REGISTRY)
    from PIL import ImageCms  # deferred: only print builds with a plant profile

    try:
        data = Path(path).read_bytes()
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    except (OSError, ImageCms.PyCMSError) as err:
        raise ValueError(f"{path}: cannot read the output profile ({err})") from None
    if profile.xcolor_space.strip() != "CMYK" or profile.device_class != "prtr":
        raise ValueError(f"{path}: not a CMYK output profile (colour space "
                         f"{profile.xcolor_space.strip()}, class {profile.device_class})")
    # The intent names the condition by the profile's own description.
    name = (profile.profile_description or Path(path).stem).strip()
    return PrintCondition(data, name, name, None)
