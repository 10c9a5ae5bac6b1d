"""Staging folders and the swap of a finished issue into ``OUT``.

Workers build into ``OUT/.rebuild/<date>.<token>/<date>/`` (inside ``OUT``, so on the
same file system and a rename moves it). Only the coordinator publishes: it renames
the old ``OUT/<date>`` aside, the new folder into place, then deletes the old one, with
Ctrl-C held back for those two renames, so ``OUT/<date>`` is always one whole build.
"""

from __future__ import annotations

import secrets
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no advisory locks
    fcntl = None  # type: ignore[assignment]

STAGING = ".rebuild"
LOCK = "lock"  # in the staging area: held by the rebuild writing into OUT


def staging_area(out: Path) -> Path:
    """``OUT/.rebuild``: where unfinished builds live."""
    return out / STAGING


def new_staging_root(out: Path, date: str) -> Path:
    """A fresh folder name for one build of ``date`` (the build creates it and writes
    ``<date>/`` inside; nothing is made before the build starts, so planning 25,000
    issues makes no folders)."""
    return staging_area(out) / f"{date}.{secrets.token_hex(4)}"


def clear_staging(out: Path) -> None:
    """Remove what interrupted runs left in the staging area (the lock stays)."""
    area = staging_area(out)
    if area.is_dir():
        for path in area.iterdir():
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            elif path.name != LOCK:
                path.unlink()


def lock_out(out: Path) -> IO[str] | None:
    """Take ``OUT``'s rebuild lock (an advisory lock on ``OUT/.rebuild/lock``), so
    that two rebuilds never write one ``OUT`` (each would clear the other's staging).
    Returns the open lock file to pass to :func:`unlock_out`, or None when another
    rebuild holds it. Where advisory locks do not exist (Windows), always succeeds."""
    area = staging_area(out)
    area.mkdir(parents=True, exist_ok=True)
    handle = open(area / LOCK, "w")  # held open (and locked) until unlock_out
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return None
    return handle


def unlock_out(out: Path, handle: IO[str]) -> None:
    """Release the lock and remove the (then empty) staging area."""
    clear_staging(out)
    shutil.rmtree(staging_area(out), ignore_errors=True)
    handle.close()


@contextmanager
def _sigint_held() -> Iterator[None]:
    """Delay Ctrl-C until the block is done (only possible in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


def publish(staging_root: Path, out: Path, date: str) -> Path:
    """Move ``staging_root/<date>`` to ``out/<date>``, replacing a previous build as a
    whole; removes ``staging_root``. Returns the published folder."""
    new, target = staging_root / date, out / date
    old = staging_root / f"{date}.old"
    with _sigint_held():
        had_old = target.exists()
        if had_old:
            target.rename(old)
        try:
            new.rename(target)
        except OSError:
            if had_old:  # put the previous build back before the caller discards ours
                old.rename(target)
            raise
    shutil.rmtree(staging_root, ignore_errors=True)
    return target


def discard(staging_root: Path) -> None:
    """Remove a failed build's staging folder."""
    shutil.rmtree(staging_root, ignore_errors=True)
