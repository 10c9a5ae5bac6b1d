"""``epaper build``: run the pipeline ingest → assemble → layout → render."""

from __future__ import annotations

import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from .assemble import assemble
from .display import IssueLayout
from .errors import InputError
from .ingest import load_issue
from .layout import layout_issue
from .render import RenderResult, render_issue

MAX_WARNINGS_SHOWN = 20  # the summary fits one screen; issue.json has them all


@dataclass(frozen=True)
class BuildOptions:
    """What to produce besides the print PDF."""

    dpi: int = 150
    image_format: str = "png"
    images: bool = True
    site: bool = True


def run_build(issue_dir: Path, out_root: Path, options: BuildOptions = BuildOptions(),
              stream: TextIO | None = None, errors: TextIO | None = None,
              on_built: Callable[[IssueLayout, list[str]], None] | None = None) -> int:
    """Build one issue folder into ``out_root/<date>/``; print a one-screen summary.

    Returns the process exit code: 0 on success, 1 when the inputs have errors
    (then nothing is written). ``on_built`` receives the layout and the warnings of a
    successful build (``epaper rebuild`` counts pages and warnings with it)."""
    stream = stream or sys.stdout
    errors = errors or sys.stderr
    start = time.perf_counter()
    try:
        issue = load_issue(issue_dir)
        plan = assemble(issue)
        layout = layout_issue(plan)
    except InputError as err:
        for problem in err.problems:
            print(problem, file=errors)
        count = sum(1 for p in err.problems if p.severity == "error")
        print(f"epaper: {issue_dir}: {count} error(s), nothing written", file=errors)
        return 1
    warnings = collect_warnings(issue.warnings, plan.warnings, layout)
    # issue.json lists layout.warnings: make sure the earlier stages' are there too.
    layout = replace(layout, warnings=tuple(collect_warnings(
        issue.warnings, plan.warnings, layout.warnings)))
    result = render_issue(layout, Path(out_root) / issue.date.isoformat(), options)
    elapsed = time.perf_counter() - start
    if on_built is not None:
        on_built(layout, warnings)
    print(summary(layout, result, elapsed, warnings), file=stream)
    return 0


def collect_warnings(*sources: object) -> list[str]:
    """Warnings of every stage, in pipeline order, each once. A source is a sequence of
    strings or an :class:`IssueLayout` (its own warnings, then each page's)."""
    seen: dict[str, None] = {}
    for source in sources:
        if isinstance(source, IssueLayout):
            items = list(source.warnings) + [w for p in source.pages for w in p.warnings]
        else:
            items = list(source)  # type: ignore[call-overload]
        for warning in items:
            seen.setdefault(str(warning), None)
    return list(seen)


def summary(layout: IssueLayout, result: RenderResult | Path, elapsed: float,
            warnings: list[str] | None = None) -> str:
    """The build summary: pages, articles, per-page fill report, warnings, time."""
    pdf = result.pdf if isinstance(result, RenderResult) else result
    if warnings is None:
        warnings = collect_warnings(layout)
    lines = [f"{layout.title}: {len(layout.pages)} pages, {len(layout.articles)} articles"]
    for page in layout.pages:
        rep = page.report
        lines.append(
            f"  {_pad(page.label, 7)} {_pad(page.section, 10)} fill {rep.fill_ratio:6.1%}  "
            f"empty cells {rep.empty_cells:4d}  blocks {len(rep.blocks):2d}"
            + (f"  overset {len(rep.overset)}" if rep.overset else ""))
        lines.extend(f"      overset: {message}" for message in rep.overset)
    for warning in warnings[:MAX_WARNINGS_SHOWN]:
        lines.append(f"  warning: {warning.replace(': warning: ', ': ')}")
    if len(warnings) > MAX_WARNINGS_SHOWN:
        lines.append(f"  … and {len(warnings) - MAX_WARNINGS_SHOWN} more warnings "
                     "(see issue.json)")
    lines.append(f"wrote {pdf}  ({elapsed:.2f} s, {len(warnings)} warnings)")
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)
