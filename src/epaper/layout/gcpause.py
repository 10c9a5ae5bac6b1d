"""The cyclic garbage collector paused while a layout runs.

Laying out a day makes hundreds of thousands of small objects that live for the
whole build: the placement's memo of solved runs (:mod:`.guillotine`), the options'
caches, the candidate rectangles of every run. Their allocation keeps triggering the
collector, and its full collections walk all of them to find next to nothing: the
layout makes no reference cycles of note (a process laying out the 20 shared days
ran 15 full collections, which freed 5,693 objects in all, and took a third more
CPU than with the collector paused; docs/layouts.md, Speed). Paused,
what the layout drops is still freed at once by reference counting; any cycle is
collected after the layout, when the collector runs again. Nothing about the
layout depends on it, so the pages are the same byte for byte.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block, and enable it again after (only
    when it was enabled: a caller that paused it keeps it paused)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
