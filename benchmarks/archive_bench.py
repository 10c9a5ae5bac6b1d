"""Time ``epaper rebuild`` over the 20 shared days of the People's Daily 1998 corpus.

    python benchmarks/archive_bench.py [--corpus ../shared/corpus/pd1998] [--jobs 1 2]
        [--days N] [--scheduler tcp://HOST:PORT] [--work DIR]

Each day is imported once with ``epaper import pd1998`` into WORK/issues/<date>/
(WORK is a new temporary folder unless given; never the repository). Then, each in a
fresh ``epaper`` process, whole wall clock: a full rebuild (page images and reader
site included) with each ``--jobs`` value into its own OUT folder, a no-op run (every
issue unchanged) and a ``--verify`` run. It prints seconds, seconds per issue and per
page, and whether the OUT folders of the different ``-j`` runs are byte-identical.
A benchmark, not a test: machines here are shared and noisy.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EPAPER = [sys.executable, "-m", "epaper"]
_TOTALS = re.compile(r"│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│")


def import_days(corpus: Path, issues: Path, days: int) -> list[str]:
    """Import the first ``days`` corpus days; returns their dates."""
    dates = []
    for day in sorted(corpus.glob("*.json"))[:days]:
        if not (issues / day.stem / "issue.yaml").exists():
            subprocess.run([*EPAPER, "import", "pd1998", str(day), "-o",
                            str(issues / day.stem)], check=True, capture_output=True)
        dates.append(day.stem)
    return dates


@dataclass(frozen=True)
class Timing:
    """One ``epaper`` command: wall clock, CPU time of it and its workers, output."""

    wall: float
    cpu: float  # user + system seconds of the command and every worker it reaped
    stdout: str
    status: int


def timed(args: list[str]) -> Timing:
    """Run one ``epaper`` command in a fresh process and time it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run([*EPAPER, *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu, run.stdout, run.returncode)


def totals(stdout: str) -> dict[str, int]:
    """built, unchanged, failed, warnings, pages from the summary table."""
    match = _TOTALS.search(stdout)
    names = ("built", "unchanged", "failed", "warnings", "pages")
    return dict(zip(names, map(int, match.groups()), strict=True)) if match else {}


def same_trees(a: Path, b: Path) -> bool:
    """Whether two folders hold the same files with the same bytes."""
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(
        same_trees(a / sub, b / sub) for sub in cmp.common_dirs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "corpus" / "pd1998")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--days", type=int, default=20, help="first N days (default 20)")
    parser.add_argument("--scheduler", help="also time a run on this Dask scheduler")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    work = args.work or Path(tempfile.mkdtemp(prefix="epaper-archive-bench-"))
    issues = work / "issues"
    dates = import_days(args.corpus, issues, args.days)
    print(f"{len(dates)} issues, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at the start (other work on the machine slows the "
          f"wall clock; CPU seconds are steadier); work folder {work}")
    outs = []
    runs = [("-j", str(j), f"out-j{j}") for j in args.jobs]
    if args.scheduler:
        runs.append(("--scheduler", args.scheduler, "out-dask"))
    for flag, value, name in runs:
        out = work / name
        run = timed(["rebuild", str(issues), "-o", str(out), "--force", flag, value])
        figures = totals(run.stdout)
        pages = figures.get("pages", 0) or 1
        if flag == "--scheduler":  # the builds ran in the Dask workers: not our children
            cpu = f"{run.cpu:6.1f} s CPU of the coordinator alone"
        else:
            cpu = (f"{run.cpu:6.1f} s CPU; an issue {run.cpu / len(dates):.2f} s CPU, "
                   f"a page {run.cpu / pages:.3f} s CPU")
        print(f"rebuild {flag} {value}: {run.wall:6.1f} s wall, an issue "
              f"{run.wall / len(dates):.2f} s, a page {run.wall / pages:.3f} s; {cpu} "
              f"({pages} pages, {figures.get('failed', '?')} failed, exit {run.status})",
              flush=True)
        outs.append(out)
    run = timed(["rebuild", str(issues), "-o", str(outs[-1])])
    print(f"no-op run:  {run.wall:6.2f} s wall, {run.cpu:.2f} s CPU "
          f"({totals(run.stdout).get('unchanged', '?')} unchanged, exit {run.status})")
    run = timed(["rebuild", str(issues), "-o", str(outs[-1]), "--verify", "-j",
                 str(max(args.jobs))])
    print(f"--verify:   {run.wall:6.1f} s wall (exit {run.status}: "
          f"{'identical' if run.status == 0 else 'differences or failures'})")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    identical = all(same_trees(outs[0], other) for other in outs[1:])
    print("outputs of the runs byte-identical: " + ("yes" if identical else "NO"))
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
