"""``make bench``: epaper against Typst, ReportLab platypus and WeasyPrint.

    .venv/bin/python benchmarks/speed_bench.py [--runs 5] [--write-readme]
        [--day ../shared/corpus/pd1998/1998-01-05.json]

* Job A (``job_a.py``): the same text on the same A3 six-column grid, built by each
  system from its own generated input (epaper: layout + issue folder; Typst: a .typ
  file; platypus: a JSON its runner turns into flowables; WeasyPrint: HTML + CSS).
  epaper builds only the print PDFs (``--no-images``), like the others.
* Job B: a 12-page People's Daily day from ``../shared/corpus`` (imported with
  ``epaper import pd1998``), built with every output: PDFs, page images, reader site.

Every run is a whole fresh process (interpreter start, imports, fonts, output),
timed by wall clock and CPU time (user + system, children included); its peak
memory is the largest resident set of the process or of any child it waited for
(``wait4``). One warm-up round first, then ``--runs``
rounds, the jobs interleaved A B A B and the systems in turn within a job, so a
noisy neighbour on this shared machine hits everyone alike. Tables give medians and
the spread (min–max), output bytes, pages, and Job A's ratio to Typst; then the
typography of each system's Job A PDF (``pdf_typography.py``).

A peer that is not installed is skipped with a message; ``make bench`` installs
the ``bench`` extra (typst, weasyprint) first and goes on without what fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import job_a  # noqa: E402  (benchmarks/ is not a package)
import pdf_typography  # noqa: E402

WORK = HERE / "work"
DEFAULT_DAY = ROOT / ".." / "shared" / "corpus" / "pd1998" / "1998-01-05.json"
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PY = sys.executable


@dataclass
class System:
    """One way to build one job: a command and where its PDF lands."""

    job: str
    name: str
    argv: list[str]
    pdf: Path
    out_dir: Path  # emptied before each run; the size of what is in it is reported
    env: dict[str, str] = field(default_factory=dict)
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # MiB
    cpus: list[float] = field(default_factory=list)  # user + system, with children
    error: str = ""


def run_once(system: System) -> None:
    """Run ``system`` once as a whole process; record wall time and peak memory."""
    shutil.rmtree(system.out_dir, ignore_errors=True)
    system.out_dir.mkdir(parents=True)
    env = {**os.environ, **system.env}
    # stderr to a file, not a pipe: nobody reads a pipe while wait4 blocks.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(system.argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if code != 0:
        system.error = (err.strip().splitlines() or [f"exit {code}"])[-1]
        return
    system.walls.append(wall)
    system.peaks.append(usage.ru_maxrss / 1024)  # Linux reports KiB
    system.cpus.append(usage.ru_utime + usage.ru_stime)


def have(module: str) -> bool:
    """True when ``module`` imports in this interpreter."""
    done = subprocess.run([PY, "-c", f"import {module}"], capture_output=True)
    return done.returncode == 0


def job_a_systems(messages: list[str]) -> list[System]:
    """Generate Job A's inputs; the systems that can build it here."""
    work = WORK / "a"
    issue = job_a.write_epaper(work)
    out = work / "out"
    systems = [System("A", "epaper", [PY, "-m", "epaper", "build", str(issue), "-o",
                                      str(out / "epaper"), "--no-images"],
                      out / "epaper" / "2023-01-10" / "2023-01-10.pdf", out / "epaper",
                      env={"EPAPER_LAYOUTS": str(work)})]
    if have("typst"):
        src = job_a.write_typst(work)
        systems.append(System("A", "Typst", [
            PY, "-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
            "font_paths=[sys.argv[3]], ignore_system_fonts=True)",
            str(src), str(out / "typst" / "job-a.pdf"), str(ROOT / "fonts")],
            out / "typst" / "job-a.pdf", out / "typst"))
    else:
        messages.append("Typst skipped: `pip install typst` failed or was not run")
    spec = job_a.write_platypus(work)
    systems.append(System("A", "ReportLab platypus", [
        PY, str(HERE / "peer_platypus.py"), str(spec), str(out / "platypus" / "job-a.pdf")],
        out / "platypus" / "job-a.pdf", out / "platypus"))
    if have("weasyprint"):
        html = job_a.write_weasy(work)
        systems.append(System("A", "WeasyPrint", [
            PY, "-m", "weasyprint", str(html), str(out / "weasyprint" / "job-a.pdf")],
            out / "weasyprint" / "job-a.pdf", out / "weasyprint"))
    else:
        messages.append("WeasyPrint skipped: `pip install weasyprint` failed or its "
                        "system libraries (Pango) are missing")
    return systems


def job_b_systems(day: Path, messages: list[str]) -> list[System]:
    """Import the corpus day; the full epaper build of it (Job B)."""
    if not day.is_file():
        messages.append(f"Job B skipped: {day} not found (../shared/corpus is optional)")
        return []
    issue = WORK / "b" / "issue"
    shutil.rmtree(issue, ignore_errors=True)
    subprocess.run([PY, "-m", "epaper", "import", "pd1998", str(day), "-o", str(issue)],
                   cwd=ROOT, check=True, capture_output=True)
    out = WORK / "b" / "out"
    return [System("B", "epaper (PDFs, images, site)",
                   [PY, "-m", "epaper", "build", str(issue), "-o", str(out)],
                   out / f"{day.stem}" / f"{day.stem}.pdf", out)]


def pages_of(pdf: Path) -> int:
    """Page count of ``pdf`` (0 when it is missing)."""
    import pypdfium2 as pdfium

    if not pdf.is_file():
        return 0
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def tree_bytes(path: Path) -> int:
    """Bytes of every file under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def spread(values: list[float], unit: str, places: int) -> str:
    """``median (min–max)``."""
    if not values:
        return "–"
    med = statistics.median(values)
    return (f"{med:.{places}f} {unit} ({min(values):.{places}f}–"
            f"{max(values):.{places}f})")


def timing_table(systems: list[System]) -> list[str]:
    """The wall/memory table of all systems (Job A's ratios to Typst)."""
    typst = next((s for s in systems if s.name == "Typst" and s.walls), None)
    base = statistics.median(typst.walls) if typst else None
    rows = ["| job | system | wall (median, min–max) | CPU | peak memory | PDF bytes | "
            "all output | pages | wall ÷ Typst |", "|---|---|---|---|---|---|---|---|---|"]
    for s in systems:
        if s.error:
            rows.append(f"| {s.job} | {s.name} | failed: {s.error} | | | | | | |")
            continue
        ratio = (f"{statistics.median(s.walls) / base:.2f}×"
                 if base and s.job == "A" else "")
        size = s.pdf.stat().st_size if s.pdf.is_file() else 0
        rows.append(f"| {s.job} | {s.name} | {spread(s.walls, 's', 2)} | "
                    f"{statistics.median(s.cpus):.2f} s | {spread(s.peaks, 'MiB', 0)} | "
                    f"{size:,} | {tree_bytes(s.out_dir):,} | "
                    f"{pages_of(s.pdf)} | {ratio} |")
    return rows


def typography_table(systems: list[System]) -> list[str]:
    """Typography of each system's Job A PDF."""
    rows = ["| system | body lines | bad start | bad end | ragged | loose | split numbers |"
            " on one grid |", "|---|---|---|---|---|---|---|---|"]
    for s in systems:
        if s.job != "A" or s.error or not s.pdf.is_file():
            continue
        t = pdf_typography.measure(s.pdf, left=job_a.LEFT, col_w=job_a.COL_W,
                                   gutter_w=job_a.GUTTER_W, columns=job_a.COLUMNS,
                                   size=job_a.SIZE, pitch=job_a.PITCH)
        rows.append(f"| {s.name} | {t.lines:,} | {t.bad_start} | {t.bad_end} | {t.ragged} |"
                    f" {t.loose} | {t.split_numbers} | {t.on_grid:.1%} |")
    return rows


def report(systems: list[System], runs: int, messages: list[str], day: Path) -> str:
    """The README section: both tables with date, machine and method."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {date} on {cores} cores by `make bench` "
        f"(`benchmarks/speed_bench.py`, {runs} runs after a warm-up, jobs interleaved). "
        "Times are medians of whole processes on a shared machine, with the spread "
        "(min–max) in brackets; CPU is user + system time of the process and the "
        "children it waited for (steadier than wall time when the machine is busy); "
        "peak memory is the largest resident set of one process.",
        "",
        f"Job A: A3, {job_a.COLUMNS} columns of {job_a.CHARS} characters at {job_a.SIZE} pt "
        f"on {job_a.PITCH} pt, {job_a.GUTTER}-character gutters, {job_a.LINES} lines; the "
        f"seed article's body {job_a.REPEATS} times ({job_a.body_chars():,} characters, "
        f"{job_a.ARTICLES} titled articles), no photos; print PDF only. Job B: "
        f"`{day.name}` of the People's Daily corpus, all outputs (PDFs, page images, site).",
        "",
        *timing_table(systems),
        "",
        "Typography of each Job A PDF (read back with PDFium, `benchmarks/pdf_typography.py`):",
        "",
        *typography_table(systems),
    ]
    lines += [f"\n{m}" for m in messages]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    """Replace the README's bench block (between the markers) with ``text``."""
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        raise SystemExit(f"{README}: markers {START} … {END} not found")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print (and optionally write) the tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--day", type=Path, default=DEFAULT_DAY)
    ap.add_argument("--jobs", default="AB", help="which jobs to run (default AB)")
    ap.add_argument("--write-readme", action="store_true",
                    help="put the tables into README.md's Benchmarks section")
    args = ap.parse_args(argv)
    messages: list[str] = []
    systems = job_a_systems(messages) if "A" in args.jobs else []
    job_b = job_b_systems(args.day.resolve(), messages) if "B" in args.jobs else []
    for m in messages:
        print(m, file=sys.stderr)
    for round_no in range(args.runs + 1):  # round 0 is the warm-up
        for s in _interleave(systems, job_b):
            run_once(s)
            if round_no == 0:
                s.walls.clear()
                s.peaks.clear()
                s.cpus.clear()
        print(f"round {round_no}/{args.runs} done", file=sys.stderr, flush=True)
    text = report(systems + job_b, args.runs, messages, args.day)
    print(text)
    if args.write_readme:
        write_readme(text)
    return 0


def _interleave(job_a_list: list[System], job_b_list: list[System]) -> list[System]:
    """One round: epaper's Job A, Job B, then the peers' Job A, so the jobs alternate
    (A B A …) and Job B runs once a round."""
    return job_a_list[:1] + job_b_list + job_a_list[1:]


if __name__ == "__main__":
    raise SystemExit(main())
