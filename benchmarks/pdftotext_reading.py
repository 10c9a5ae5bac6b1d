"""How many articles ``pdftotext`` (poppler) returns contiguous, per page PDF.

    python benchmarks/pdftotext_reading.py [ISSUE_DIR ...] [--mode raw]

Builds each issue's page PDFs (screen profile, the same pages as every profile) in a
temporary folder, runs ``pdftotext`` on each page (default: no flags, poppler's
reading-order heuristics) and counts, with ``tests/render/reading_order.py``, the
articles whose text comes out as one stretch (contiguous) and whose whole text
comes out as drawn (whole). Default issue: the sample. Needs poppler-utils.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "render"))

from reading_order import check  # noqa: E402

from epaper.assemble import assemble  # noqa: E402
from epaper.ingest import load_issue  # noqa: E402
from epaper.layout import layout_issue  # noqa: E402
from epaper.render import render_issue  # noqa: E402


def measure(issue_dir: Path, flags: list[str]) -> tuple[int, int, int, int]:
    """(pages, articles, contiguous, whole) of one issue."""
    layout = layout_issue(assemble(load_issue(issue_dir)))
    articles = contiguous = whole = 0
    with tempfile.TemporaryDirectory() as tmp:
        render_issue(layout, Path(tmp), SimpleNamespace(images=False, pdf="screen"))
        for page in layout.pages:
            pdf = Path(tmp) / "pages" / f"{page.number:02d}.pdf"
            text = subprocess.run(["pdftotext", *flags, str(pdf), "-"], check=True,
                                  capture_output=True, text=True).stdout
            reading = check(page, text)
            articles += len(reading.articles)
            contiguous += len(reading.contiguous)
            whole += len(reading.whole)
    return len(layout.pages), articles, contiguous, whole


def main(argv: list[str] | None = None) -> int:
    """Print one line per issue and the total."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("issues", nargs="*", type=Path,
                    default=[ROOT / "issues" / "2023-01-10"])
    ap.add_argument("--mode", choices=("default", "raw", "layout"), default="default",
                    help="pdftotext's mode: default (no flags), -raw or -layout")
    args = ap.parse_args(argv)
    if shutil.which("pdftotext") is None:
        print("pdftotext (poppler-utils) is not installed")
        return 1
    total = [0, 0, 0, 0]
    print("issue         pages  articles  contiguous  whole")
    for issue in args.issues:
        row = measure(issue, [] if args.mode == "default" else [f"-{args.mode}"])
        total = [a + b for a, b in zip(total, row, strict=True)]
        print(f"{issue.name:12} {row[0]:6} {row[1]:9} {row[2]:11} {row[3]:6}")
    print(f"{'total':12} {total[0]:6} {total[1]:9} {total[2]:11} {total[3]:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
