"""``epaper build``: run the pipeline ingest → assemble → layout → render."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble
from .errors import InputError
from .ingest import load_issue
from .layout import layout_issue
from .render import render_issue


@dataclass(frozen=True)
class BuildOptions:
    """What to produce besides the print PDF."""

    dpi: int = 150
    image_format: str = "png"
    images: bool = True
    site: bool = True


def run_build(issue_dir: Path, out_root: Path, options: BuildOptions = BuildOptions(),
              stream=None) -> int:
    """Build one issue folder into ``out_root/<date>/``; print a one-screen summary.

    Returns the process exit code: 0 on success, 1 when the inputs have errors
    (then nothing is written)."""
    stream = stream or sys.stdout
    start = time.perf_counter()
    try:
        issue = load_issue(issue_dir)
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"epaper: {issue_dir}: {len(err.problems)} problem(s), nothing written",
              file=sys.stderr)
        return 1
    plan = assemble(issue)
    layout = layout_issue(plan)
    result = render_issue(layout, out_root / issue.date.isoformat(), options)
    elapsed = time.perf_counter() - start
    print(summary(layout, result.pdf, elapsed), file=stream)
    return 0


def summary(layout, pdf: Path, elapsed: float) -> str:
    """The build summary: pages, articles, per-page fill report, warnings, time."""
    lines = [f"{layout.title}: {len(layout.pages)} pages, {len(layout.articles)} articles"]
    for page in layout.pages:
        rep = page.report
        lines.append(
            f"  {page.label:<5} {page.section:<6} fill {rep.fill_ratio:6.1%}  "
            f"empty cells {rep.empty_cells:4d}  blocks {len(rep.blocks):2d}"
            + (f"  overset {len(rep.overset)}" if rep.overset else ""))
    warnings = list(layout.warnings) + [w for p in layout.pages for w in p.warnings]
    for warning in warnings[:20]:
        lines.append(f"  warning: {warning}")
    if len(warnings) > 20:
        lines.append(f"  … and {len(warnings) - 20} more warnings (see issue.json)")
    lines.append(f"wrote {pdf}  ({elapsed:.2f} s, {len(warnings)} warnings)")
    return "\n".join(lines)
