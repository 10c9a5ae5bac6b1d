"""Every case of cases.py through the command line: the documented exit status, the
expected message, and never a traceback, a raw control character on the terminal, a
half-written output, or a file read from outside the issue folder."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest

from epaper.cli import main

from .cases import CASES, SECRET, Case, make_base, release_locks

HANG_GUARD = 120  # s: a case that hangs (a FIFO read) fails instead of stopping the suite
_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hang(signum, frame):
    raise AssertionError(f"the case hung for {HANG_GUARD} s")


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as done:  # argparse's usage errors
        return int(done.code or 0)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, capsys) -> None:
    root = tmp_path / "2023-01-10"
    make_base(root)
    argv = case.make(tmp_path, root)
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(HANG_GUARD)
    try:
        status = _run(argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        release_locks()
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert status == case.status, said
    assert case.expect in said, said
    for text in case.absent:
        assert text not in said, said
    assert "Traceback" not in said
    assert not _RAW_CONTROL.search(said.replace("\t", "")), repr(said)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()
               and p.is_relative_to(tmp_path / "out") or p.is_relative_to(
                   tmp_path / "imported") and p.is_file()]
    for path in written:
        data = path.read_bytes()
        assert SECRET.encode() not in data, path
        if path.suffix in (".md", ".yaml"):
            assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data), path
    if argv[0] == "build" and (tmp_path / "out").is_dir():
        out = tmp_path / "out"
        assert not list(out.glob(".*.build-*")), "a staging folder was left behind"
        if status != 0:
            assert not (out / "2023-01-10").is_dir(), "errors, yet something was written"
    assert (root / "articles" / "lead.md").is_file(), "the inputs were removed"


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40 and len({c.name for c in CASES}) == len(CASES)
