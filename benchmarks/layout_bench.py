"""Layout CPU per 12-page day on the 20 shared 1998 days, and a fingerprint of every
page's layout (to show a speed-up left the layouts as they were).

    .venv/bin/python benchmarks/layout_bench.py [--runs 3] [--corpus DIR]
        [--save-hashes FILE | --check-hashes FILE]

Each day of ``../shared/corpus/pd1998`` is imported with the pd1998 importer into a
temporary folder (never the repository); the sample issue is added. Every run is a
fresh process (so no run finds the layout caches of an earlier one): it warms up on
the test suite's small day (imports, fonts, the dictionary), then lays every day out
once with ``layout_issue`` and times it by process CPU (not wall: the machine is
shared). The figure is the 20 days' layout CPU divided by their pages, times 12;
the median and spread of the runs are printed.

The fingerprint of a page is the SHA-256 of the ``repr`` of its ``PageLayout``
(every item, its position and text, the report with blocks, booked positions,
holes and jumps, the warnings). ``--save-hashes`` writes them; ``--check-hashes``
compares (exit 1 and the differing pages when any changed).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / ".." / "shared" / "corpus" / "pd1998"
SAMPLE = ROOT / "issues" / "2023-01-10"


def _lay_out(folder: Path) -> tuple[float, int, list[str]]:
    """Layout CPU seconds, pages and per-page fingerprints of one issue folder."""
    from epaper.assemble import assemble
    from epaper.ingest import load_issue
    from epaper.layout import layout_issue

    plan = assemble(load_issue(folder))
    start = time.process_time()
    layout = layout_issue(plan)
    cpu = time.process_time() - start
    # Photo paths are absolute in the display list: the folder is named neutrally so
    # that runs from different temporary folders compare.
    root = str(folder.resolve())
    hashes = [hashlib.sha256(repr(p).replace(root, "<issue>").encode()).hexdigest()[:16]
              for p in layout.pages]
    return cpu, len(layout.pages), hashes


def _child(folders: list[str]) -> None:
    """One run: warm up, lay every folder out once, print JSON to stdout."""
    from epaper.importers.pd1998 import run_import_pd1998

    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm-up"
        run_import_pd1998(ROOT / "tests" / "data" / "pd1998_mini.json", warm,
                          stream=io.StringIO())
        _lay_out(warm)
    out = {}
    for folder in folders:
        cpu, pages, hashes = _lay_out(Path(folder))
        out[Path(folder).name] = {"cpu": cpu, "pages": pages, "hashes": hashes}
    print(json.dumps(out))


def main() -> int:
    """Import the days, run the measuring processes, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--save-hashes")
    ap.add_argument("--check-hashes")
    ap.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        _child(args.child)
        return 0
    from epaper.importers.pd1998 import run_import_pd1998

    days = sorted(Path(args.corpus).glob("*.json"))
    if not days:
        print(f"no days in {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for day in days:
            folder = Path(tmp) / day.stem
            run_import_pd1998(day, folder, stream=io.StringIO())
            folders.append(str(folder))
        runs = []
        for _ in range(args.runs):
            done = subprocess.run([sys.executable, __file__, "--child", *folders,
                                   str(SAMPLE)], check=True, capture_output=True,
                                  text=True)
            runs.append(json.loads(done.stdout))
    names = [Path(f).name for f in folders]
    pages = sum(runs[0][n]["pages"] for n in names)
    per_day = [sum(r[n]["cpu"] for n in names) / pages * 12 for r in runs]
    print(f"{len(names)} days, {pages} pages, {args.runs} runs (fresh processes)")
    for n in [*names, SAMPLE.name]:
        cpus = sorted(r[n]["cpu"] for r in runs)
        print(f"  {n}: {runs[0][n]['pages']:2d} pages, layout CPU "
              f"{statistics.median(cpus):.2f} s ({cpus[0]:.2f}–{cpus[-1]:.2f})")
    print(f"layout CPU per 12-page day: median {statistics.median(per_day):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in per_day)})")
    hashes = {n: runs[0][n]["hashes"] for n in runs[0]}
    if any({n: r[n]["hashes"] for n in r} != hashes for r in runs):
        print("the runs' layouts differ from each other (not deterministic)")
        return 1
    if args.save_hashes:
        Path(args.save_hashes).write_text(json.dumps(hashes, indent=1) + "\n")
    if args.check_hashes:
        old = json.loads(Path(args.check_hashes).read_text())
        changed = [f"{n} page {k + 1}" for n in sorted(old.keys() | hashes.keys())
                   for k in range(max(len(old.get(n, [])), len(hashes.get(n, []))))
                   if old.get(n, [])[k:k + 1] != hashes.get(n, [])[k:k + 1]]
        if changed:
            print(f"{len(changed)} pages changed: {', '.join(changed)}")
            return 1
        print(f"all {sum(len(h) for h in hashes.values())} pages identical to "
              f"{args.check_hashes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
