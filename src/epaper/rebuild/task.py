"""One issue build as a task: runs in a worker (a local process or a Dask worker).

The task builds into its own staging folder; the coordinator moves the finished
folder into ``OUT`` (see :mod:`.publish`), so an interrupted or failed build leaves
nothing in ``OUT``. A task never raises: every failure comes back as an
:class:`Outcome` with the first error line.
"""

from __future__ import annotations

import io
import os
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..build import BuildOptions
from .stamp import STAMP_NAME

BUILT, UNCHANGED, FAILED = "built", "unchanged", "failed"

# The build runs with the issue folder as working directory and is given ".", so the
# paths in its warnings (which issue.json keeps) are relative to the issue folder
# whatever path form or machine the rebuild was started from. The working directory
# belongs to the whole process: threads of one Dask worker take turns.
_CWD_LOCK = threading.Lock()


@dataclass(frozen=True)
class Task:
    """What a worker needs to build one issue (absolute paths: workers may run
    elsewhere, with their own working directory, on a shared file system)."""

    date: str  # the issue folder's name, YYYY-MM-DD
    issue_dir: str
    staging_root: str  # the build writes staging_root/<date>/
    options: BuildOptions
    stamp: str  # the stamp file's text, written with the outputs


@dataclass(frozen=True)
class Outcome:
    """What became of one issue."""

    date: str
    status: str  # BUILT, UNCHANGED or FAILED
    pages: int = 0
    warnings: int = 0
    seconds: float = 0.0
    error: str = ""  # FAILED: the first error line, "path:line: message"
    # True: ``error`` names a file of epaper's code (a crash); False: a file of the
    # issue folder, relative to it.
    crash: bool = False


@contextmanager
def _inside(folder: str) -> Iterator[None]:
    with _CWD_LOCK:
        before = os.getcwd()
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(before)


def build_task(task: Task) -> Outcome:
    """Build ``task.issue_dir`` into ``task.staging_root/<date>/`` with its stamp."""
    start = time.perf_counter()
    from ..build import run_build

    counts: dict[str, int] = {}

    def built(layout, warnings) -> None:
        counts["pages"], counts["warnings"] = len(layout.pages), len(warnings)

    errors = io.StringIO()
    try:
        with _inside(task.issue_dir):
            code = run_build(Path("."), Path(task.staging_root), task.options,
                             stream=io.StringIO(), errors=errors, on_built=built)
    except Exception as exc:  # noqa: BLE001 - a bug in one issue must not stop the others
        return Outcome(task.date, FAILED, seconds=time.perf_counter() - start,
                       error=_crash_line(exc), crash=True)
    seconds = time.perf_counter() - start
    if code != 0:
        first = next((line for line in errors.getvalue().splitlines() if line.strip()),
                     "the build failed without a message")
        return Outcome(task.date, FAILED, seconds=seconds, error=first)
    out = Path(task.staging_root) / task.date
    if not out.is_dir():
        staging = Path(task.staging_root)
        built_as = sorted(p.name for p in staging.iterdir() if p.is_dir()) if (
            staging.is_dir()) else []
        return Outcome(task.date, FAILED, seconds=seconds,
                       error=f"issue.yaml: date is {', '.join(built_as) or '?'}, "
                             f"not the folder's name {task.date}")
    (out / STAMP_NAME).write_text(task.stamp, encoding="utf-8")
    return Outcome(task.date, BUILT, pages=counts.get("pages", 0),
                   warnings=counts.get("warnings", 0), seconds=seconds)


def _crash_line(exc: BaseException) -> str:
    """``file:line: Type: message`` for an unexpected exception, at the innermost frame
    of epaper's own code (relative to the package, never an absolute path)."""
    where = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        parts = Path(frame.filename).parts
        if "epaper" in parts:
            rel = Path(*parts[len(parts) - parts[::-1].index("epaper") - 1:])
            where = f"{rel.as_posix()}:{frame.lineno}: "
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{where}{type(exc).__name__}: {message}".rstrip(": ")
