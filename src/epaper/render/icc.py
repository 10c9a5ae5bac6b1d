"""The colour profiles the PDF profiles name: sRGB and the print CMYK profile.

Both ship in ``epaper/data`` (licences and how the CMYK one was made:
``data/ICC-PROFILES.md``). They are files, not profiles made at run time: littleCMS
stamps a profile it creates with the current time, which would break byte-identical
rebuilds.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

SRGB_FILE = "sRGB.icc"
CMYK_FILE = "uncoated-240.icc"
#: The print output condition, as the output intent names it.
CMYK_CONDITION = "epaper uncoated 240% (FOGRA29L data, ink limited; not newsprint)"
SRGB_CONDITION = "sRGB IEC61966-2.1"
#: ISO 12647-3 (newsprint): total area coverage at most 240 %.
TOTAL_INK_LIMIT = 240


@cache
def profile_bytes(name: str) -> bytes:
    """The bytes of the shipped profile ``name`` (``SRGB_FILE`` or ``CMYK_FILE``)."""
    return resources.files("epaper").joinpath("data", name).read_bytes()
