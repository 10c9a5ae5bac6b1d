"""What each change bought: epaper at several git revisions, in the same run.

    .venv/bin/python benchmarks/revisions_bench.py REV [REV ...] [--runs 5]

Each revision is exported with ``git archive`` into a temporary folder and run with
this virtual environment's interpreter and libraries (``PYTHONPATH`` points at the
revision's ``src``), on Job A (print PDFs, ``--no-images``) and Job B (all outputs),
generated as ``speed_bench.py`` does. Runs are whole processes, a warm-up round
first, revisions interleaved within each round. Prints, per job and revision, the
median wall time, median CPU time (user + system of the process and its children,
steadier than wall on a shared machine), peak memory and output bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import speed_bench  # noqa: E402


@dataclass
class Build:
    """One job at one revision."""

    rev: str
    job: str
    tree: Path
    argv: list[str]
    out: Path
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    error: str = ""


def export(rev: str, dest: Path) -> Path:
    """``git archive`` of ``rev`` unpacked into ``dest``; returns ``dest``."""
    dest.mkdir(parents=True)
    data = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, check=True,
                          capture_output=True).stdout
    tar_path = dest.with_suffix(".tar")
    tar_path.write_bytes(data)
    with tarfile.open(tar_path) as tar:
        tar.extractall(dest, filter="data")
    tar_path.unlink()
    return dest


def run(build: Build) -> None:
    """One whole-process run of ``build``."""
    shutil.rmtree(build.out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(build.tree / "src")}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(build.argv, cwd=build.tree, env=env,
                                stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        build.error = (err.strip().splitlines() or ["failed"])[-1]
        return
    build.walls.append(wall)
    build.cpus.append(usage.ru_utime + usage.ru_stime)
    build.peaks.append(usage.ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> int:
    """Measure; print one table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("revs", nargs="+")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--day", type=Path, default=speed_bench.DEFAULT_DAY)
    args = ap.parse_args(argv)
    messages: list[str] = []
    job_a_issue = speed_bench.job_a_systems(messages)[0].argv[4]
    b = speed_bench.job_b_systems(args.day.resolve(), messages)
    job_b_issue = b[0].argv[4] if b else ""
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        builds: list[Build] = []
        for n, rev in enumerate(args.revs):
            tree = export(rev, Path(tmp) / f"rev{n}")
            # Job A's issue names its layout relative to layouts/: the same place here.
            (tree / "benchmarks" / "work" / "a").mkdir(parents=True, exist_ok=True)
            shutil.copy(HERE / "work" / "a" / "bench-a3.yaml",
                        tree / "benchmarks" / "work" / "a" / "bench-a3.yaml")
            out = Path(tmp) / f"out{n}"
            builds.append(Build(rev, "A", tree, [py, "-m", "epaper", "build", job_a_issue,
                                                 "-o", str(out / "a"), "--no-images"],
                                out / "a"))
            if job_b_issue:
                builds.append(Build(rev, "B", tree, [py, "-m", "epaper", "build",
                                                     job_b_issue, "-o", str(out / "b")],
                                    out / "b"))
        for round_no in range(args.runs + 1):
            for build in sorted(builds, key=lambda b: b.job):  # A A … B B …: revs adjacent
                run(build)
                if round_no == 0:
                    build.walls.clear()
                    build.cpus.clear()
                    build.peaks.clear()
            print(f"round {round_no}/{args.runs} done", file=sys.stderr, flush=True)
        print(f"{args.runs} runs after a warm-up, {len(os.sched_getaffinity(0))} cores")
        print("| job | revision | wall | CPU (user+sys) | peak memory | output bytes |")
        print("|---|---|---|---|---|---|")
        for build in sorted(builds, key=lambda b: b.job):
            if build.error:
                print(f"| {build.job} | {build.rev} | failed: {build.error} | | | |")
                continue
            print(f"| {build.job} | {build.rev} | {speed_bench.spread(build.walls, 's', 2)} | "
                  f"{statistics.median(build.cpus):.2f} s | "
                  f"{statistics.median(build.peaks):.0f} MiB | "
                  f"{speed_bench.tree_bytes(build.out):,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
