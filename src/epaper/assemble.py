"""Assemble stage: from the issue model to the plan of pages and articles."""

from __future__ import annotations

from .model import Issue
from .plan import IssuePlan


def assemble(issue: Issue) -> IssuePlan:
    """Group articles by page in order, decide jumps, build masthead/header data."""
    raise NotImplementedError("assemble: to be written (issue 6)")
