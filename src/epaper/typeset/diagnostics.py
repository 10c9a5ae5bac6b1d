"""What the typesetter has to say about a paragraph, returned to the caller as data.

Setting a paragraph can produce warnings (a number wider than the measure, a line
that must be letter-spaced beyond the limit). A caller that wants them as data
opens :func:`collect` around its calls and gets the messages in a list; the
collector lives in a context variable, so it belongs to the caller's thread or task
and never mixes with another's (pages laid out in parallel each get their own).
Without a collector the message goes to the ``epaper.typeset`` logger, as for any
library.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_log = logging.getLogger("epaper.typeset")
_SINK: ContextVar[list[str] | None] = ContextVar("epaper_typeset_warnings", default=None)


def warn(message: str) -> None:
    """Report ``message`` to the open collector, or log it when there is none."""
    sink = _SINK.get()
    if sink is None:
        _log.warning("%s", message)
    else:
        sink.append(message)


@contextmanager
def collect() -> Iterator[list[str]]:
    """Collect the typesetter's warnings of the calls made inside the block."""
    messages: list[str] = []
    token = _SINK.set(messages)
    try:
        yield messages
    finally:
        _SINK.reset(token)
