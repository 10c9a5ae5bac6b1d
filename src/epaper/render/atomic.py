"""Write files so that a failed build never leaves a half-written one behind, and a
whole issue folder so that a failed, killed or interrupted build leaves the previous
one whole: everything goes into a staging folder beside it, swapped in at the end."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary name next to ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The pid keeps two builds apart that write one shared file (the archive page).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 with Unix newlines, atomically (see :func:`write_bytes`)."""
    return write_bytes(path, text.encode("utf-8"))


# --- a whole issue folder, swapped in at once -------------------------------------

_STAGING = ".{name}.build-{pid}"  # beside the output, hidden from the archive's glob
_LOCK = ".{name}.lock"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def public_path(text: str) -> str:
    """``text`` with staging folders cut from the paths in it, so a message names the
    file as it will be (``out/2023-01-10/pages/01.png``)."""
    return re.sub(r"\.[^/\\]+\.build-[0-9]+[/\\]", "", text)


class BuildLocked(OSError):
    """Another process is building into the same output folder."""


def staging_dirs(target: Path) -> list[Path]:
    """Staging folders of builds of ``target`` (left behind only by a killed build)."""
    return sorted(target.parent.glob(_STAGING.format(name=target.name, pid="*")))


@contextmanager
def build_lock(target: Path) -> Iterator[Path]:
    """Hold ``.<name>.lock`` beside ``target`` for the duration; raises
    :class:`BuildLocked` when another build holds it. The kernel drops the lock when
    the process ends however it ends (kill -9 too), so a stale lock never blocks."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.parent / _LOCK.format(name=target.name)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(errno.EBUSY, "another build of this issue is running (it "
                                           "holds the lock file); wait for it to finish",
                              str(lock)) from None
        yield lock
    finally:
        os.close(fd)


def recover(target: Path) -> None:
    """Undo what a killed build left (call with the lock held): if it died between the
    two renames of a fallback swap, the previous output goes back in place; then every
    staging folder is removed."""
    for stale in staging_dirs(target):
        previous = stale / "previous"
        if not target.exists() and previous.is_dir():
            os.rename(previous, target)
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh folder ``.<name>.build-<pid>/<name>`` beside ``target`` to write the
    whole output into; when the block ends normally it replaces ``target`` in one
    step. On any exception (Ctrl-C included) it is removed and ``target`` is untouched.
    Hold :func:`build_lock` around it."""
    if target.exists() and not target.is_dir():  # someone's file: not ours to replace
        raise NotADirectoryError(errno.ENOTDIR, "exists and is not a folder", str(target))
    staging = target.parent / _STAGING.format(name=target.name, pid=os.getpid())
    work = staging / target.name
    try:  # from the first mkdir on: a Ctrl-C at any point leaves nothing behind
        shutil.rmtree(staging, ignore_errors=True)
        work.mkdir(parents=True)
        yield work
        swap_in(work, target)
    finally:
        previous = staging / "previous"
        if not target.exists() and previous.is_dir():  # the fallback swap failed halfway
            os.rename(previous, target)
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``; the old ``target`` ends up at ``new``'s place
    (or in ``previous`` beside it). Linux exchanges the two in one atomic step, so a
    reader or a kill at any moment sees the old folder or the new one, whole."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return
    # No atomic exchange (not Linux, or the file system refuses): two renames; a kill
    # between them is repaired by :func:`recover` at the next build.
    os.rename(target, new.parent / "previous")
    os.rename(new, target)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE); False when unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
