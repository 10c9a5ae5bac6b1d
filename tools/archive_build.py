"""Import and build every People's Daily 1998 day; write the table in docs/archive.md.

To rebuild an archive (in parallel, incrementally, verified) use ``epaper rebuild``
(docs/scale.md; its timings: benchmarks/archive_bench.py). This tool remains for
what the command does not do: the per-day quality table (jumps, overset, whether
every article's text is in the PDF).

Usage::

    .venv/bin/python tools/archive_build.py [--corpus ../shared/corpus/pd1998]
        [--work DIR] [--no-images] [--days 1998-01-01,1998-01-05] [--no-write]

Each day is imported with ``epaper import pd1998`` into WORK/issues/<date>/ and built
into WORK/out/<date>/ (WORK is a fresh temporary folder unless given; never the
repository). Per day the table gives pages, articles, jumps (articles continued on
another page), overset (articles reported as not fitting), warnings, whether every
article's text is found in the PDF by text extraction, and the build time
(ingest → render, wall clock on this machine). A failing day is listed with its error.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import time
import traceback
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "archive.md"
START, END = "<!-- archive-table:start -->", "<!-- archive-table:end -->"


@dataclass
class DayResult:
    """One row of the table."""

    date: str
    pages: int = 0
    articles: int = 0
    jumps: int = 0
    overset: int = 0
    warnings: int = 0
    text_missing: int = -1  # articles whose text is not found in the PDF; -1 unknown
    text_unreported: int = 0  # of those, articles not reported as overset
    seconds: float = 0.0
    error: str = ""


def _pdf_text(pdf: Path) -> list[str]:
    """Text of each page, without whitespace (lines are joined)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for i in range(len(doc)):
            textpage = doc[i].get_textpage()
            pages.append(re.sub(r"\s+", "", textpage.get_text_range()))
        return pages
    finally:
        doc.close()


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def build_day(day_json: Path, work: Path, images: bool) -> DayResult:
    """Import and build one day; never raises (errors go into the row)."""
    from epaper.assemble import assemble
    from epaper.build import BuildOptions
    from epaper.importers.pd1998 import run_import_pd1998
    from epaper.ingest import load_issue
    from epaper.layout import layout_issue
    from epaper.render import render_issue

    date = day_json.stem
    row = DayResult(date)
    issue_dir = work / "issues" / date
    try:
        with redirect_stderr(io.StringIO()) as err:
            code = run_import_pd1998(day_json, issue_dir)
        if code:
            row.error = "import failed: " + err.getvalue().strip().splitlines()[0]
            return row
        start = time.perf_counter()
        issue = load_issue(issue_dir)
        plan = assemble(issue)
        layout = layout_issue(plan)
        result = render_issue(layout, work / "out" / date,
                              BuildOptions(images=images, site=images))
        row.seconds = time.perf_counter() - start
        row.pages = len(layout.pages)
        row.articles = len(issue.articles)
        row.jumps = sum(1 for a in layout.articles if a.continued_on is not None)
        row.overset = sum(len(p.report.overset) for p in layout.pages)
        warnings = list(dict.fromkeys(list(layout.warnings) +
                                      [w for p in layout.pages for w in p.warnings]))
        row.warnings = len(warnings)
        texts = _pdf_text(result.pdf)
        views = {a.article_id: a for a in layout.articles}
        missing = unreported = 0
        overset = "\n".join(o for p in layout.pages for o in p.report.overset)
        for art in issue.articles:
            view = views.get(art.id)
            pages = view.pages if view else ()  # an article placed nowhere is missing
            hay = "".join(texts[n - 1] for n in sorted(pages) if 0 < n <= len(texts))
            if not _is_subsequence(re.sub(r"\s+", "", art.text_chars()), hay):
                missing += 1
                unreported += f"article {art.id}:" not in overset
        row.text_missing, row.text_unreported = missing, unreported
    except Exception as exc:  # a tool: report the day and go on with the next
        row.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        traceback.print_exc(file=sys.stderr)
    return row


def table(rows: list[DayResult]) -> str:
    """The Markdown table for docs/archive.md."""
    lines = ["| date | pages | articles | jumps | overset | warnings | text in PDF | "
             "build s |", "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for r in rows:
        if r.error:
            lines.append(f"| {r.date} | – | – | – | – | – | **failed**: {r.error} | – |")
            continue
        text = "all" if r.text_missing == 0 else f"all but {r.text_missing} overset"
        if r.text_unreported:
            text = f"**{r.text_unreported} articles missing, not reported**"
        lines.append(f"| {r.date} | {r.pages} | {r.articles} | {r.jumps} | {r.overset} | "
                     f"{r.warnings} | {text} | {r.seconds:.1f} |")
    ok = [r for r in rows if not r.error]
    if ok:
        lines.append(f"| **total** | {sum(r.pages for r in ok)} | "
                     f"{sum(r.articles for r in ok)} | {sum(r.jumps for r in ok)} | "
                     f"{sum(r.overset for r in ok)} | {sum(r.warnings for r in ok)} | "
                     f"{sum(r.text_missing == 0 for r in ok)}/{len(rows)} days complete, "
                     f"{sum(r.text_unreported for r in ok)} unreported | "
                     f"{sum(r.seconds for r in ok):.1f} |")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    """Replace the table between the markers in docs/archive.md."""
    doc = DOC.read_text(encoding="utf-8")
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "corpus" / "pd1998")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--no-images", action="store_true",
                        help="skip page images and the reader site")
    parser.add_argument("--days", help="comma-separated dates (default: every day)")
    parser.add_argument("--no-write", action="store_true",
                        help="print the table, leave docs/archive.md alone")
    args = parser.parse_args(argv)
    days = sorted(args.corpus.glob("*.json"))
    if args.days:
        wanted = set(args.days.split(","))
        days = [d for d in days if d.stem in wanted]
    if not days:
        print(f"no day files in {args.corpus}", file=sys.stderr)
        return 1
    work = args.work or Path(tempfile.mkdtemp(prefix="epaper-archive-"))
    rows = []
    for day in days:
        row = build_day(day, work, images=not args.no_images)
        print(f"{row.date}: " + (row.error or f"{row.pages} pages, {row.articles} articles, "
              f"{row.jumps} jumps, {row.overset} overset, {row.warnings} warnings, "
              f"text missing in {row.text_missing} ({row.text_unreported} unreported), "
              f"{row.seconds:.1f} s"), flush=True)
        rows.append(row)
    text = table(rows)
    print(text)
    print(f"work folder: {work}")
    if not args.no_write:
        write_doc(text)
    return 1 if any(r.error for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
