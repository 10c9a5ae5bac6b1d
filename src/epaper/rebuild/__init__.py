"""``epaper rebuild``: many issues at once, in parallel, incremental and verifiable.

:func:`run_rebuild` is the entry; the parts are the stamps (:mod:`.stamp`), the task a
worker runs (:mod:`.task`), where tasks run (:mod:`.backends`), the swap into OUT
(:mod:`.publish`), the display (:mod:`.report`) and ``--verify`` (:mod:`.verify`).
"""

from __future__ import annotations

from .run import RebuildOptions, RebuildResult, issue_dates, rebuild, run_rebuild

__all__ = ["RebuildOptions", "RebuildResult", "issue_dates", "rebuild", "run_rebuild"]
