"""Time a whole ``epaper build``, stage by stage, in fresh processes.

    python benchmarks/build_bench.py [ISSUE_DIR ...] [--runs 5]

For each issue folder (default: the sample issue) it runs the pipeline ``--runs``
times, each in a new Python process writing to a new temporary folder, and prints
the median seconds of ingest, assemble, layout, the print PDFs and the e-paper
(page images, issue.json, reader site), plus pages per second. A benchmark, not a
test: machines here are shared and noisy, so read the medians, not single runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs in the child process: times each stage with the package's public entry points.
CHILD = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from epaper.assemble import assemble
from epaper.ingest import load_issue
from epaper.layout import layout_issue
from epaper.render.epaper import write_epaper
t_import = time.perf_counter()
issue_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
issue = load_issue(issue_dir); t1 = time.perf_counter()
plan = assemble(issue); t2 = time.perf_counter()
layout = layout_issue(plan); t3 = time.perf_counter()
from epaper.render import render_issue
from epaper.build import BuildOptions
render_issue(layout, out, BuildOptions(images=False, site=False)); t4 = time.perf_counter()
write_epaper(layout, out); t5 = time.perf_counter()
print(json.dumps({"import": t_import - t0, "ingest": t1 - t_import, "assemble": t2 - t1,
                  "layout": t3 - t2, "pdf": t4 - t3, "e-paper": t5 - t4,
                  "pages": len(layout.pages),
                  "chars": sum(len(a.text_chars()) for a in issue.articles)}))
"""

STAGES = ("import", "ingest", "assemble", "layout", "pdf", "e-paper")


def time_once(issue_dir: Path) -> dict[str, float]:
    """One build of ``issue_dir`` in a fresh process; seconds per stage."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / issue_dir.name
        done = subprocess.run([sys.executable, "-c", CHILD, str(issue_dir), str(out)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Print the median stage times of each issue folder."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("issues", nargs="*", type=Path,
                    default=[ROOT / "issues" / "2023-01-10"])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    header = f"{'issue':<12} {'pages':>5} {'chars':>7} " + " ".join(
        f"{s:>9}" for s in STAGES) + f" {'total':>7} {'pages/s':>8}"
    print(f"median of {args.runs} fresh-process runs, seconds")
    print(header)
    for issue_dir in args.issues:
        runs = [time_once(issue_dir.resolve()) for _ in range(args.runs)]
        med = {s: statistics.median(r[s] for r in runs) for s in STAGES}
        total = sum(med.values())
        pages, chars = runs[0]["pages"], runs[0]["chars"]
        print(f"{issue_dir.name:<12} {pages:>5} {chars:>7} "
              + " ".join(f"{med[s]:>9.3f}" for s in STAGES)
              + f" {total:>7.2f} {pages / total:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
