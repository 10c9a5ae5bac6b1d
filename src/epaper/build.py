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
from .ingest import layouts_dir, load_issue
from .layout import layout_issue
from .render import RenderResult, render_issue
from .render.atomic import build_lock, recover, staged
from .render.icc import print_condition
from .render.pdf_preflight import PreflightError
from .render.site import ARCHIVE, write_archive

MAX_WARNINGS_SHOWN = 20  # the summary fits one screen; issue.json has them all


@dataclass(frozen=True)
class BuildOptions:
    """What to produce besides the print PDF."""

    dpi: int = 150
    image_format: str = "png"
    images: bool = True
    site: bool = True
    site_url: str | None = None  # where the output root is published (permalinks, QR codes)
    #: Copy that fits no page is cut, marked 「（未完）」 in print and listed, instead of
    #: failing the build with the copy-fit report.
    allow_overset: bool = False
    #: PDF profile of the issue and page PDFs: "print" (PDF/X-4, CMYK), "archive"
    #: (PDF/A-2u, sRGB) or "screen" (device RGB as drawn); see docs/outputs.md.
    pdf: str = "print"
    #: The plant's CMYK profile (an .icc file) for print PDFs instead of the shipped
    #: one: photos and colours are converted to it and it becomes the output intent.
    output_intent: str | None = None


def run_build(issue_dir: Path, out_root: Path, options: BuildOptions = BuildOptions(),
              stream: TextIO | None = None, errors: TextIO | None = None,
              on_built: Callable[[IssueLayout, list[str]], None] | None = None) -> int:
    """Build one issue folder into ``out_root/<date>/``; print a one-screen summary.

    Returns the process exit code: 0 on success, 1 when the inputs have errors
    (then nothing is written). The output is written whole into a staging folder and
    swapped in at the end (:mod:`.render.atomic`): on any failure, kill or Ctrl-C the
    previous ``out_root/<date>/`` stays as it was. I/O errors (OSError, including
    :class:`~.render.atomic.BuildLocked` for a concurrent build) propagate to the
    command line, which reports them in one line. ``on_built`` receives the
    layout and the warnings of a successful build (``epaper rebuild`` counts pages and
    warnings with it)."""
    stream = stream or sys.stdout
    errors = errors or sys.stderr
    start = time.perf_counter()
    try:
        issue = load_issue(issue_dir)
        plan = assemble(issue)
        layout = layout_issue(plan, allow_overset=options.allow_overset)
    except InputError as err:
        for problem in err.problems:
            print(problem, file=errors)
        count = sum(1 for p in err.problems if p.severity == "error")
        print(f"epaper: {issue_dir}: {count} error(s), nothing written", file=errors)
        return 1
    if options.output_intent is not None:
        if options.pdf != "print":
            print("epaper: --output-intent is for --pdf print only", file=errors)
            return 2
        try:
            print_condition(Path(options.output_intent))
        except ValueError as err:
            print(f"epaper: {err}", file=errors)
            return 1
    warnings = collect_warnings(issue.warnings, plan.warnings, layout)
    # issue.json lists layout.warnings: make sure the earlier stages' are there too,
    # with file names relative to the issue folder (the site publishes issue.json).
    layout = replace(layout, warnings=tuple(relative_to_issue(w, Path(issue_dir))
                                            for w in collect_warnings(
        issue.warnings, plan.warnings, layout.warnings)))
    out_root = Path(out_root)
    target = out_root / issue.date.isoformat()
    if Path(issue_dir).resolve().is_relative_to(target.resolve()):
        # The new output replaces the folder whole: here that would delete the inputs.
        print(f"epaper: the output {target} would replace the issue folder {issue_dir}: "
              "choose another -o", file=errors)
        return 2
    with build_lock(target):
        recover(target)
        try:
            with staged(target) as work:
                staged_result = render_issue(layout, work, options)
        except PreflightError as err:
            for problem in err.problems:
                print(f"epaper: preflight ({options.pdf}): {problem}", file=errors)
            print(f"epaper: {issue_dir}: the PDFs fail the {options.pdf} preflight, "
                  "nothing written", file=errors)
            return 1
        if (options.images and options.site) or (out_root / ARCHIVE).exists():
            write_archive(out_root)  # the archive lists the folders now in place
    # Where the files are now: the staging folder's were swapped in; the archive the
    # site wrote beside it was discarded and rewritten at out_root.
    result = RenderResult(
        pdf=target / staged_result.pdf.relative_to(work),
        files=tuple(target / f.relative_to(work) if f.is_relative_to(work)
                    else out_root / f.name for f in staged_result.files))
    elapsed = time.perf_counter() - start
    if on_built is not None:
        on_built(layout, warnings)
    print(summary(layout, result, elapsed, warnings), file=stream)
    return 0


def relative_to_issue(warning: str, issue_dir: Path) -> str:
    """``warning`` with the issue folder's path (as given and absolute) and the
    templates folder's absolute path cut from file names: outputs never carry the
    building machine's paths."""
    prefixes = {str(issue_dir.resolve()): "", str(layouts_dir().resolve()): "layouts"}
    if str(issue_dir) not in (".", ""):
        prefixes[str(issue_dir)] = ""
    # Longest first, so the absolute form is cut before a relative form inside it.
    for prefix in sorted(prefixes, key=len, reverse=True):
        replacement = prefixes[prefix]
        warning = warning.replace(prefix + "/", replacement + "/" if replacement else "")
    return warning


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
        lines.extend(f"      hole: {h.w:.0f} × {h.h:.0f} mm at ({h.x:.0f}, {h.y:.0f}) mm"
                     for h in rep.holes)
        lines.extend(f"      booked (廣告位): {r.w * 25.4 / 72:.0f} × {r.h * 25.4 / 72:.0f} mm"
                     for r in rep.booked)
        lines.extend(f"      jump: {a} → 第{n}版" for a, n in rep.jumps)
        lines.extend(f"      head broken inside a word: {a}" for a in rep.broken_heads)
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
