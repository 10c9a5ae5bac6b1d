"""Line breaking side by side: epaper.typeset, ReportLab's CJK wrap and Typst.

Sets the sample issue's body text (as typeset_bench.py does) in one column of 12,
14 and 20 em at 10 pt, zh-Hant, justified, 2 em first-line indent, with each
engine (epaper twice: its default total-fit breaker, and first-fit), and prints
one table: characters per second (median of fresh-process
runs) and, for the lines each engine made,

* bad start: lines starting with a mark that may not start one (§2, level gb);
* bad end: lines ending with a mark that may not end one (an opening bracket);
* not flush: non-final lines of a paragraph more than 0.05 em short of the measure;
* loose: non-final lines with more than 0.5 em of extra space between two Han
  characters (letter-spaced lines, §3.4);
* >0.05 em, >0.10 em: the share of all lines whose median extra space between
  adjacent Han characters exceeds 0.05 and 0.10 em (grey lines; issue 17's measure,
  ``epaper.typeset.quality.han_expansion``).

epaper and ReportLab are measured from the lines they return (as in
typeset_bench.py; ReportLab never justifies, so it has no loose lines). Typst is
measured from its PDF: pypdfium2 gives each character's origin and box; a line is
the characters on one baseline, a line whose first character starts 2 em in opens a
paragraph, a line's right end is its last character's advance box, and the space
between two Han characters is the distance between their origins less 1 em.
Typst's figure is a whole compile (parse, layout, PDF export) of the text as one
document, in a process that has compiled another small document first (fonts
loaded); its pages are A4-high columns.

Typst is optional (``pip install typst``, or the ``bench`` extra); without it the
table says so and shows the other two.

    .venv/bin/python benchmarks/peers_bench.py [--runs 5] [--measures 12 14 20]
"""

from __future__ import annotations

import argparse
import ctypes
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import typeset_bench as tb  # noqa: E402  (the sibling script: text and ReportLab run)

REPO = tb.REPO
SIZE = tb.SIZE
FACE = "serif-tc"
PAGE_HEIGHT = 842.0  # pt, A4: Typst's pages are columns this high
FLUSH_TOL = 0.05  # em
LOOSE = 0.5  # em of extra space between two Han characters

# (text, last line of its paragraph, em short of the measure, max extra Han gap in em,
# median extra Han gap in em)
LineFacts = tuple[str, bool, float, float, float]

TYPST_SOURCE = """\
#set page(width: {width}pt, height: {height}pt, margin: 0pt)
#set text(font: "{family}", size: {size}pt, lang: "zh", region: "TW")
#set par(justify: true, first-line-indent: (amount: 2em, all: true), spacing: 0.65em)
#for p in json("paras.json") {{ par(p) }}
"""


def _gaps_facts(gaps: list[float]) -> tuple[float, float]:
    """(largest, median) of a line's extra Han-Han gaps; 0 when it has none."""
    if not gaps:
        return 0.0, 0.0
    return max(gaps), statistics.median(gaps)


def _han(ch: str) -> bool:
    from epaper.typeset.classes import classify

    return classify(ch) == b"?" and not ch.isspace()


def _epaper(
    paras: list[str], measure: float, warm: list[str], breaking: str = "total-fit"
) -> tuple[float, list[LineFacts]]:
    from epaper import fonts
    from epaper.typeset import TypesetConfig, set_paragraph

    cfg = TypesetConfig(line_breaking=breaking)
    for key in fonts.FACE_KEYS:
        fonts.advance_table(key)
    done = [set_paragraph(t, measure, lang="zh-Hant", config=cfg) for t in warm]
    del done
    t0 = time.process_time()
    out = [set_paragraph(p, measure, lang="zh-Hant", config=cfg) for p in paras]
    dt = time.process_time() - t0
    facts: list[LineFacts] = []
    for lines in out:
        for k, ln in enumerate(lines):
            last = k == len(lines) - 1
            extra, median = _gaps_facts(
                [
                    a - 1.0
                    for a, c, d in zip(ln.advances, ln.text, ln.text[1:], strict=False)
                    if _han(c) and _han(d)
                ]
            )
            facts.append((ln.text, last, measure - ln.indent - ln.width, extra, median))
    return dt, facts


def _reportlab(paras: list[str], measure: float, warm: list[str]) -> tuple[float, list[LineFacts]]:
    paras = [p.replace("&", "&amp;").replace("<", "&lt;") for p in paras]
    (_, cpu), lines = tb._reportlab(paras, measure, warm)
    return cpu, [(text, last, slack, 0.0, 0.0) for text, slack, last in lines]


def _typst_compile(paras: list[str], measure: float, workdir: Path) -> tuple[float, bytes]:
    import typst

    from epaper import fonts

    family = fonts.face_info(FACE).family
    src = TYPST_SOURCE.format(width=measure * SIZE, height=PAGE_HEIGHT, family=family, size=SIZE)
    (workdir / "main.typ").write_text(src, encoding="utf-8")
    font_dir = str(REPO / "fonts")
    warm = workdir / "warm"
    warm.mkdir(exist_ok=True)
    (warm / "main.typ").write_text(src, encoding="utf-8")
    (warm / "paras.json").write_text(json.dumps(tb.WARMUP_ALL[:20], ensure_ascii=False))
    typst.compile(str(warm / "main.typ"), root=str(warm), font_paths=[font_dir])
    (workdir / "paras.json").write_text(json.dumps(paras, ensure_ascii=False), encoding="utf-8")
    t0 = time.process_time()
    pdf = typst.compile(str(workdir / "main.typ"), root=str(workdir), font_paths=[font_dir])
    return time.process_time() - t0, pdf


def typst_lines(pdf: bytes, measure: float) -> tuple[int, list[LineFacts]]:
    """(pages, line facts) read back from Typst's PDF with pypdfium2."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from epaper import fonts

    doc = pdfium.PdfDocument(pdf)
    rows: list[tuple[str, list[float], float]] = []  # text, origins x (em), right end (em)
    x, y = ctypes.c_double(), ctypes.c_double()
    for page in doc:
        tp = page.get_textpage()
        line: list[tuple[str, float, float]] = []
        base = None
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if ch in "\r\n" or raw.FPDFText_IsGenerated(tp, i) == 1:
                continue
            raw.FPDFText_GetCharOrigin(tp, i, ctypes.byref(x), ctypes.byref(y))
            # The right end of the character's frame: its advance box, or its
            # origin plus its advance in the face where that reaches further.
            right = max(tp.get_charbox(i, loose=True)[2], x.value + SIZE * fonts.advance(FACE, ch))
            if base is not None and abs(y.value - base) > 0.5:
                rows.append(_row(line))
                line = []
            base = y.value
            line.append((ch, x.value / SIZE, right / SIZE))
        if line:
            rows.append(_row(line))
    pages = len(doc)
    facts: list[LineFacts] = []
    for k, (text, xs, right) in enumerate(rows):
        # The next line is indented (2 em, or 1.5 em where an opening bracket
        # gives up its blank): this line ends a paragraph.
        last = k == len(rows) - 1 or rows[k + 1][1][0] > 1.0
        extra, median = _gaps_facts(
            [
                xs[j + 1] - xs[j] - fonts.advance(FACE, text[j])
                for j in range(len(text) - 1)
                if _han(text[j]) and _han(text[j + 1])
            ]
        )
        facts.append((text, last, measure - right, extra, median))
    return pages, facts


def _row(line: list[tuple[str, float, float]]) -> tuple[str, list[float], float]:
    return "".join(c for c, _, _ in line), [x for _, x, _ in line], max(r for _, _, r in line)


def grey_shares(facts: list[LineFacts]) -> tuple[float, float]:
    """Shares of all lines whose median extra Han gap exceeds 0.05 and 0.10 em."""
    n = len(facts) or 1
    over5 = sum(f[4] > 0.05 + 1e-9 for f in facts)
    over10 = sum(f[4] > 0.10 + 1e-9 for f in facts)
    return over5 / n, over10 / n


def rule_report(facts: list[LineFacts]) -> tuple[int, int, int, int]:
    """(bad starts, bad ends, non-final lines not flush, loose lines)."""
    from epaper.typeset.classes import NO_END, NO_START, classify

    starts = ends = short = loose = 0
    for k, (text, last, slack, extra, _) in enumerate(facts):
        text = text.strip()
        if not text:
            continue
        codes = classify(text)
        prev_last = k == 0 or facts[k - 1][1]
        starts += not prev_last and codes[0] in NO_START["gb"]
        ends += not last and codes[-1] in NO_END["gb"]
        short += not last and slack > FLUSH_TOL
        loose += not last and extra > LOOSE
    return starts, ends, short, loose


def worker(engine: str, measure: float, warmup: int) -> None:
    """One timed run in its own process; prints a JSON line."""
    paras, _ = tb.body_paragraphs()
    warm = tb.WARMUP_ALL[:warmup]
    pages = 0
    if engine == "typst":
        with tempfile.TemporaryDirectory() as tmp:
            cpu, pdf = _typst_compile(paras, measure, Path(tmp))
        pages, facts = typst_lines(pdf, measure)
    elif engine == "reportlab":
        cpu, facts = _reportlab(paras, measure, warm)
    elif engine == "first-fit":
        cpu, facts = _epaper(paras, measure, warm, "first-fit")
    else:
        cpu, facts = _epaper(paras, measure, warm)
    chars = sum(map(len, paras))
    print(json.dumps({"chars": chars, "cpu": cpu, "pages": pages, "facts": facts}))


def _have_typst() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--measures", type=float, nargs="+", default=[12, 14, 20])
    ap.add_argument("--warmup", type=int, default=tb.WARMUP_PARAS)
    ap.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker[0], float(args.worker[1]), int(args.worker[2]))
        return
    engines = ["epaper", "first-fit", "reportlab"]
    if _have_typst():
        import typst

        engines.append("typst")
        print(f"typst-py {getattr(typst, '__version__', '?')}")
    else:
        print("typst: not installed (pip install typst, or the bench extra): skipped")
    paras, source = tb.body_paragraphs()
    print(f"text: {source}, {len(paras)} paragraphs, {sum(map(len, paras)):,} characters, zh-Hant")
    print(f"runs: median of {args.runs} fresh processes, interleaved; chars/s over CPU time")
    print(
        f"{'engine':10} {'measure':>7} {'chars/s':>11} {'lines':>6} {'pages':>5} "
        f"{'bad start':>9} {'bad end':>7} {'not flush':>9} {'loose':>5} "
        f"{'>0.05 em':>8} {'>0.10 em':>8}"
    )
    # Interleaved run by run, so that a burst of load slows every engine alike.
    keys = [(m, e) for m in args.measures for e in engines]
    speeds: dict[tuple[float, str], list[float]] = {k: [] for k in keys}
    last: dict[tuple[float, str], dict] = {}
    for _ in range(args.runs):
        for measure, engine in keys:
            cmd = [sys.executable, __file__, "--worker", engine, str(measure), str(args.warmup)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            speeds[measure, engine].append(result["chars"] / result["cpu"])
            last[measure, engine] = result
    for measure, engine in keys:
        result = last[measure, engine]
        facts = [tuple(f) for f in result["facts"]]
        starts, ends, short, loose = rule_report(facts)  # type: ignore[arg-type]
        loose_s = "-" if engine == "reportlab" else str(loose)
        pages = str(result["pages"]) if engine == "typst" else "-"
        g5, g10 = grey_shares(facts)  # type: ignore[arg-type]
        grey = f"{'-':>8} {'-':>8}" if engine == "reportlab" else f"{g5:>8.2%} {g10:>8.2%}"
        print(
            f"{engine:10} {measure:>7g} {statistics.median(speeds[measure, engine]):>11,.0f} "
            f"{len(facts):>6} {pages:>5} {starts:>9} {ends:>7} {short:>9} {loose_s:>5} {grey}"
        )


if __name__ == "__main__":
    main()
