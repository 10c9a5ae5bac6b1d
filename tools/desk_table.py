"""Run the desk check on the sample and every shared 1998 day; write the table in
docs/layouts.md (between the desk-table markers).

Usage::

    .venv/bin/python tools/desk_table.py [--corpus ../shared/corpus/pd1998] [--no-write]

Each day is imported with the pd1998 importer into a temporary folder (never the
repository), laid out, printed to a temporary PDF and checked with the test suite's
desk check (tests/layout/deskcheck.py). Layout CPU time is measured in this process
after a warm-up on a small test day, so it excludes imports and the dictionary load.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
DOC = ROOT / "docs" / "layouts.md"
START, END = "<!-- desk-table:start -->", "<!-- desk-table:end -->"


def _row(name: str, folder: Path) -> tuple[str, float, int]:
    """One table row for an issue folder: the desk check's counts and layout CPU."""
    from epaper.assemble import assemble
    from epaper.ingest import load_issue
    from epaper.layout import layout_issue
    from epaper.layout.config import load_layout
    from layout.deskcheck import desk_check

    issue = load_issue(folder)
    plan = assemble(issue)
    start = time.process_time()
    layout = layout_issue(plan)
    cpu = time.process_time() - start
    g = load_layout(issue.layout, str(issue.root)).grid
    cell = (g.width / g.columns) * g.pitch  # pt² of one grid cell
    booked = sum(r.w * r.h for p in layout.pages for r in p.report.booked)
    area = sum(p.report.total_cells for p in layout.pages) * cell
    share = 100 * booked / area if area else 0.0
    report = desk_check(folder)
    line = (f"| {name} | {report.pages} | {len(issue.articles)} | {len(report.holes)} | "
            f"{len(report.missing)} | {len(report.off_page)} | {len(report.spread)} | "
            f"{len(report.unsigned_jumps)} | {len(report.broken_heads)} | "
            f"{len(report.hierarchy)} | {report.jumps} | {len(report.booked)} "
            f"({share:.1f} %) | {cpu:.2f} |")
    return line, cpu, len(report.failures)


def main() -> int:
    """Build the table; print it; write it into docs/layouts.md unless --no-write."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "pd1998"))
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    from epaper.importers.pd1998 import run_import_pd1998

    rows = ["| day | pages | articles | holes | missing | off page | on 3+ pages | "
            "unsigned jumps | heads broken | heads out of rank | jumps | booked (share "
            "of text area) | layout CPU s |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    total_cpu = 0.0
    failures = 0
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        days = sorted(Path(args.corpus).glob("*.json"))
        # Warm-up on the test suite's small day (imports, fonts, the dictionary), so
        # no measured day pays for them and none finds its own layout cached.
        warm = Path(tmp) / "warm-up"
        run_import_pd1998(ROOT / "tests" / "data" / "pd1998_mini.json", warm,
                          stream=io.StringIO())
        _row("warm-up", warm)
        for day in days:
            folder = Path(tmp) / day.stem
            run_import_pd1998(day, folder, stream=io.StringIO())
            line, cpu, failed = _row(day.stem, folder)
            rows.append(line)
            print(line, flush=True)
            total_cpu += cpu
            failures += failed
            from epaper.ingest import load_issue

            pages += len(load_issue(folder).pages)
        line, _, failed = _row("sample 2023-01-10", ROOT / "issues" / "2023-01-10")
        rows.append(line)
        failures += failed
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    summary = (f"\nMeasured {stamp} on this 2-core machine (shared, so CPU times vary by "
               f"about ±30 %): {failures} desk-check failures; layout CPU "
               f"{total_cpu:.1f} s for {pages} pages, {total_cpu / pages * 12:.2f} s per "
               f"12-page day.\n")
    table = "\n".join(rows) + "\n" + summary
    print(summary)
    if not args.no_write:
        text = DOC.read_text(encoding="utf-8")
        a, b = text.index(START) + len(START), text.index(END)
        DOC.write_text(text[:a] + "\n" + table + text[b:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
