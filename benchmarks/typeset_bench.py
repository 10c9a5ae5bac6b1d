"""Typesetting speed and rule compliance: epaper.typeset against ReportLab's CJK wrap.

Sets the body text of the sample issue (issues/2023-01-10/articles/*.md; the seed text
in ../shared/seed when the issue is absent) at 12, 14 and 20 em. Every timed run is a
fresh process that first sets about as much other text (fonts load, code warms up,
the heap grows) and then sets the body text once, so nothing is memoised across runs.
Prints the median of the runs in characters per second, and for each engine the lines
that break the §2 rules (start with a mark that may not start a line, end with one
that may not end it) and the justified lines that are not flush.

    .venv/bin/python benchmarks/typeset_bench.py [--runs 7] [--measures 12 14 20]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "issues" / "2023-01-10" / "articles"
SEED = REPO / ".." / "shared" / "seed"
SIZE = 10.0  # pt; only ReportLab needs a size, epaper works in em
# Warm-up text: not the timed text, but the same kinds of characters and about as
# much of it, so that the interpreter has specialised the hot code and the process
# has grown its heap before the clock starts (as in a build, which sets many pages).
_PHRASES = (
    "熱身文字用來載入字型",
    "，",
    "今年一季度全市",
    "GDP增長5.2%",
    "。",
    "「預熱段落」",
    "（暫定）",
    "、",
    "2023年1月",
    "——",
    "《樣本》",
    "：",
    "“引號”",
    "……",
    "！",
)
WARMUP_ALL = [
    "".join(_PHRASES[(i * 7 + j * 3 + i // 60) % len(_PHRASES)] for j in range(8 + i % 9))
    for i in range(360)
]
WARMUP_PARAS = 90  # default --warmup: 4,340 characters, a quarter of the timed text


def body_paragraphs() -> tuple[list[str], str]:
    """The sample issue's body paragraphs (or the seed text's), and where from."""
    paras: list[str] = []
    for path in sorted(SAMPLE.glob("*.md")):
        body = re.split(r"^---\s*$", path.read_text(encoding="utf-8"), maxsplit=2, flags=re.M)
        paras += [ln.strip() for ln in body[-1].splitlines() if ln.strip() and ln[0] not in "#!<"]
    if paras:
        return paras, str(SAMPLE.relative_to(REPO))
    for path in sorted(SEED.glob("*.txt")):
        paras += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return paras, "../shared/seed"


Timing = tuple[float, float]  # (wall seconds, CPU seconds of this process)
Facts = tuple[str, float, bool]  # a line: text, em short of the measure (0 if last), last


def _clock() -> Timing:
    return time.perf_counter(), time.process_time()


def _since(t0: Timing) -> Timing:
    t1 = _clock()
    return t1[0] - t0[0], t1[1] - t0[1]


def _epaper(
    paras: list[str], measure: float, warmup: list[str], breaking: str = "total-fit"
) -> tuple[Timing, list[Facts]]:
    from epaper import fonts
    from epaper.typeset import TypesetConfig, set_paragraph

    cfg = TypesetConfig(line_breaking=breaking)

    # Setup, as a build does once: load every face (fallbacks too), warm the code.
    for key in fonts.FACE_KEYS:
        fonts.advance_table(key)
    warm = [set_paragraph(text, measure, lang="zh-Hant", config=cfg) for text in warmup]
    del warm
    t = _clock()
    out = [set_paragraph(p, measure, lang="zh-Hant", config=cfg) for p in paras]
    dt = _since(t)
    lines = []
    for lines_of_para in out:
        for k, ln in enumerate(lines_of_para):
            last = k == len(lines_of_para) - 1
            lines.append((ln.text, 0.0 if last else measure - ln.indent - ln.width, last))
    return dt, lines


def _reportlab(paras: list[str], measure: float, warmup: list[str]) -> tuple[Timing, list[Facts]]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from epaper import fonts

    style = ParagraphStyle(
        "body",
        fontName=fonts.register("serif-tc"),
        fontSize=SIZE,
        leading=SIZE * 1.4,
        wordWrap="CJK",
        firstLineIndent=2 * SIZE,
    )
    warm = []
    for text in warmup:
        para = Paragraph(text, style)
        para.wrap(measure * SIZE, 1e6)
        warm.append(para)
    del warm
    t = _clock()
    done = []
    for p in paras:
        para = Paragraph(p, style)
        para.wrap(measure * SIZE, 1e6)
        done.append(para)
    dt = _since(t)
    lines = []
    for para in done:
        bl = para.blPara.lines
        for k, (extra, words) in enumerate(bl):
            last = k == len(bl) - 1
            lines.append(("".join(words), 0.0 if last else extra / SIZE, last))
    return dt, lines


def worker(engine: str, measure: float, warmup_paras: int) -> None:
    """One timed run (in its own process); prints a JSON line."""
    paras, _ = body_paragraphs()
    warmup = WARMUP_ALL[:warmup_paras]
    if engine == "reportlab":
        # Paragraph markup: escape what ReportLab would read as tags.
        paras = [p.replace("&", "&amp;").replace("<", "&lt;") for p in paras]
        dt, lines = _reportlab(paras, measure, warmup)
    elif engine == "first-fit":
        dt, lines = _epaper(paras, measure, warmup, "first-fit")
    else:
        dt, lines = _epaper(paras, measure, warmup)
    chars = sum(len(p) for p in paras)
    out = {"chars": chars, "wall": dt[0], "cpu": dt[1], "lines": lines}
    print(json.dumps(out, ensure_ascii=False))


def rule_report(lines: list[Facts]) -> tuple[int, int, int]:
    """(bad starts, bad ends, justified lines more than 0.01 em short)."""
    from epaper.typeset.classes import NO_END, NO_START, classify

    starts = ends = short = 0
    for k, (text, slack, _) in enumerate(lines):
        if not text:
            continue
        codes = classify(text)
        if k and codes[0] in NO_START["gb"]:
            starts += 1
        if codes[-1] in NO_END["gb"]:
            ends += 1
        short += slack > 0.01
    return starts, ends, short


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--measures", type=float, nargs="+", default=[12, 14, 20])
    ap.add_argument(
        "--warmup",
        type=int,
        default=WARMUP_PARAS,
        help=f"paragraphs of other text set before the clock (0-360, default {WARMUP_PARAS})",
    )
    ap.add_argument(
        "--engines",
        nargs="+",
        default=["epaper", "first-fit", "reportlab"],
        help="epaper (total-fit, the default breaker), first-fit (epaper's previous "
        "breaker), reportlab",
    )
    ap.add_argument(
        "--worker", nargs=3, metavar=("ENGINE", "MEASURE", "WARMUP"), help=argparse.SUPPRESS
    )
    args = ap.parse_args()
    if args.worker:
        worker(args.worker[0], float(args.worker[1]), int(args.worker[2]))
        return
    paras, source = body_paragraphs()
    print(f"text: {source}, {len(paras)} paragraphs, {sum(map(len, paras)):,} characters")
    print(
        f"runs: median of {args.runs}, each in a fresh process, interleaved; "
        f"python {sys.version.split()[0]}"
    )
    warm = WARMUP_ALL[: args.warmup]
    chars = sum(map(len, warm))
    print(f"warm-up before the clock: {len(warm)} other paragraphs, {chars:,} characters")
    print("chars/s: characters over the CPU time of the worker process (wall clock in")
    print("brackets; it also counts time other processes take from a shared machine)")
    print(
        f"{'engine':10} {'measure':>7} {'chars/s':>11} {'(wall)':>11} {'lines':>6} "
        f"{'bad start':>9} {'bad end':>7} {'not flush':>9}"
    )
    # Runs are interleaved (run by run over every measure and engine), so that a
    # burst of load on a shared machine slows all of them alike.
    keys = [(m, e) for m in args.measures for e in args.engines]
    cpu: dict[tuple[float, str], list[float]] = {k: [] for k in keys}
    wall: dict[tuple[float, str], list[float]] = {k: [] for k in keys}
    last: dict[tuple[float, str], dict] = {}
    for _ in range(args.runs):
        for measure, engine in keys:
            out = subprocess.run(
                [sys.executable, __file__, "--worker", engine, str(measure), str(args.warmup)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            cpu[measure, engine].append(result["chars"] / result["cpu"])
            wall[measure, engine].append(result["chars"] / result["wall"])
            last[measure, engine] = result
    for measure, engine in keys:
        result = last[measure, engine]
        starts, ends, short = rule_report([tuple(x) for x in result["lines"]])
        print(
            f"{engine:10} {measure:>7g} {statistics.median(cpu[measure, engine]):>11,.0f} "
            f"({statistics.median(wall[measure, engine]):>9,.0f}) {len(result['lines']):>6} "
            f"{starts:>9} {ends:>7} {short:>9}"
        )


if __name__ == "__main__":
    main()
