"""Layout stage: article blocks on the page grid, then one finalize step."""

from __future__ import annotations

from ..display import IssueLayout
from ..plan import IssuePlan


def layout_issue(plan: IssuePlan) -> IssueLayout:
    """Lay out every page of the plan and settle cross-page facts (jumps, regions)."""
    raise NotImplementedError("layout: to be written (issues 3 and 5)")
