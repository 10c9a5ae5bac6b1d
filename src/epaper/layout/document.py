"""Documents (公報, 名單, 全文: ``Article.document``) set one type size down.

A long document prints in the next smaller 號 size than the body (小五 9 pt → 六號
7.875 pt), still one line per grid line, so it takes fewer lines at the same
measure. The style is derived from the template's body style, so page templates
need no new entry.
"""

from __future__ import annotations

from dataclasses import replace

from .config import LayoutConfig, Style

#: Chinese type sizes (號數) in pt, largest first: 四號, 小四, 五號, 小五, 六號, 小六.
HAO_SIZES = (14.0, 12.0, 10.5, 9.0, 7.875, 6.875)
#: Never smaller than this: below it a newspaper's body is not readable.
MIN_SIZE = 6.875


def document_style(cfg: LayoutConfig) -> Style:
    """The body style one 號 size smaller."""
    body = cfg.style("body")
    smaller = [s for s in HAO_SIZES if s < body.size - 0.01]
    return replace(body, size=max(MIN_SIZE, smaller[0] if smaller else body.size))
