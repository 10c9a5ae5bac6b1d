"""Assertions on the problems load_issue reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from epaper.errors import InputError, Problem
from epaper.ingest import load_issue


def problems_of(root: Path) -> list[Problem]:
    """The problems load_issue raises for ``root`` (fails if it loads)."""
    with pytest.raises(InputError) as caught:
        load_issue(root)
    return caught.value.problems


def find(problems: list[Problem], file: str, line: int, text: str) -> Problem:
    """The problem at ``file`` (name):``line`` whose message holds ``text``."""
    for problem in problems:
        if Path(problem.path).name == file and problem.line == line and text in \
                problem.message:
            return problem
    raise AssertionError(f"no {file}:{line} '{text}' in:\n" + "\n".join(map(str, problems)))
