"""Letter-spaced lines and line counts: the total-fit breaker against first-fit.

Sets body paragraphs with both line breakers (``TypesetConfig.line_breaking``) and
prints, per text and measure, the lines each made and the share of lines whose
inter-character expansion (``epaper.typeset.quality.han_expansion``: the median
extra space between adjacent Han characters) exceeds 0.05 and 0.10 em. Last lines
count in the total (they are set solid). Texts:

* ``sample``: the sample issue's body paragraphs (issues/2023-01-10, zh-Hant);
* ``seed``: the seed article's body (the sample's police-day.md, the text of the
  peers' benchmark job in issue 17);
* ``pd1998``: the 20 shared days of ../shared/corpus/pd1998, each imported with the
  pd1998 importer into a temporary folder and read back with the ingest stage
  (zh-Hans). Skipped when the corpus is absent.

It also lists the paragraphs where total-fit sets more lines than first-fit, and
counts the lines no breaker can keep at or below 0.10 em: first lines for which
every legal break leaves more (each candidate first line is set and measured).

    .venv/bin/python benchmarks/typeset_quality.py [--measures 12 14 20] [--texts ...]
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "issues" / "2023-01-10"
CORPUS = REPO / ".." / "shared" / "corpus" / "pd1998"
BREAKERS = ("first-fit", "total-fit")

Para = tuple[str, str, str]  # (text, lang, where: article id)


def _issue_paragraphs(issue_dir: Path, only: str | None = None) -> list[Para]:
    from epaper.ingest import load_issue
    from epaper.model import Paragraph

    issue = load_issue(issue_dir)
    out: list[Para] = []
    for art in issue.articles:
        if only is not None and art.id != only:
            continue
        for block in art.body:
            if isinstance(block, Paragraph) and block.text.strip():
                out.append((block.text, art.lang, f"{issue.date}/{art.id}"))
    return out


def pd1998_paragraphs() -> list[Para]:
    """Body paragraphs of the 20 shared days, through the importer and ingest."""
    from epaper.importers.pd1998 import run_import_pd1998

    out: list[Para] = []
    with tempfile.TemporaryDirectory() as tmp:
        for day in sorted(CORPUS.glob("*.json")):
            folder = Path(tmp) / day.stem
            if run_import_pd1998(day, folder, stream=io.StringIO()) != 0:
                raise SystemExit(f"{day.name}: the importer failed")
            out += _issue_paragraphs(folder)
    return out


def texts(names: list[str]) -> dict[str, list[Para]]:
    """The texts by name (see the module docstring)."""
    out: dict[str, list[Para]] = {}
    for name in names:
        if name == "sample":
            out[name] = _issue_paragraphs(SAMPLE)
        elif name == "seed":
            out[name] = _issue_paragraphs(SAMPLE, only="police-day")
        elif name == "pd1998":
            if not CORPUS.is_dir():
                print("pd1998: ../shared/corpus/pd1998 is absent: skipped")
                continue
            out[name] = pd1998_paragraphs()
    return out


def forced_first_lines(paras: list[Para], measure: float, limit: float = 0.10) -> int:
    """Paragraphs whose first line needs more than ``limit`` em of inter-character
    expansion per gap (§5.3 (3), after word and Han–Western spaces have widened to
    their maximum) at every legal break: a lower bound for any breaker, as the
    first line has only one start."""
    from epaper import fonts
    from epaper.typeset.breaker import Breaker
    from epaper.typeset.config import resolve
    from epaper.typeset.optimal import _Capacity
    from epaper.typeset.prepare import prepare

    forced = 0
    for text, lang, _ in paras:
        if "\n" in text:
            continue
        r = resolve(measure, lang=lang, kind="body", indent=2.0, level="gb", font=None,
                    config=None, body_face=fonts.body_face(lang))
        p = prepare(text, r.face, r.style, r.level, r.config)
        br = Breaker(p, r.measure, r.indent, r.config, hanging=False)
        cap = _Capacity(p, True)
        avail, shift = br._frame(0, True)  # the flush bracket of §7.3 when configured
        best = float("inf")
        for e in range(1, p.n + 1):
            if p.nobrk[e]:
                continue
            if e == p.n:
                best = 0.0  # the whole paragraph on one line: set solid
                break
            et = br.trim(0, e)
            slack = avail - p.width(0, et, shift)
            if slack < 0:
                if -slack <= p.shrink(0, et, True) + 1e-9:
                    best = 0.0  # fits by shrinking: no letter-spacing
                break  # longer first lines only need more shrink
            rest = slack - cap.cheap(0, et)  # word and Han–Western spaces first
            gaps = p.gaps(0, et)
            x = max(rest, 0.0) / gaps if gaps else (0.0 if rest <= 1e-9 else float("inf"))
            best = min(best, x)
        forced += best > limit + 1e-9
    return forced


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--measures", type=float, nargs="+", default=[12, 14, 20])
    ap.add_argument("--texts", nargs="+", default=["sample", "seed", "pd1998"])
    ap.add_argument("--show", type=int, default=5, help="paragraphs with more lines to print")
    args = ap.parse_args()

    from epaper.typeset import TypesetConfig, set_paragraph
    from epaper.typeset.quality import han_expansion

    logging.disable(logging.WARNING)  # stock tables hold numbers longer than a line
    configs = {b: TypesetConfig(line_breaking=b) for b in BREAKERS}
    print(
        f"{'text':7} {'measure':>7} {'breaker':10} {'paras':>6} {'chars':>8} {'lines':>6} "
        f"{'>0.05 em':>9} {'>0.10 em':>9} {'>0.25 em':>9} {'paras +lines':>12} "
        f"{'paras -lines':>12}"
    )
    for name, paras in texts(args.texts).items():
        chars = sum(len(t) for t, _, _ in paras)
        for measure in args.measures:
            counts: dict[str, list[int]] = {}
            for b in BREAKERS:
                counts[b] = []
                n = over5 = over10 = over25 = 0
                for text, lang, _ in paras:
                    lines = set_paragraph(text, measure, lang=lang, config=configs[b])
                    counts[b].append(len(lines))
                    for ln in lines:
                        x = han_expansion(ln)
                        n += 1
                        over5 += x > 0.05 + 1e-9
                        over10 += x > 0.10 + 1e-9
                        over25 += x > 0.25 + 1e-9
                more = sum(a > c for a, c in zip(counts[b], counts["first-fit"], strict=True))
                fewer = sum(a < c for a, c in zip(counts[b], counts["first-fit"], strict=True))
                print(
                    f"{name:7} {measure:>7g} {b:10} {len(paras):>6} {chars:>8,} {n:>6} "
                    f"{over5 / n:>8.2%} {over10 / n:>8.2%} {over25:>9} {more:>12} {fewer:>12}"
                )
            forced = forced_first_lines(paras, measure)
            print(
                f"    first lines above 0.10 em at every legal break: {forced} "
                f"({forced / len(counts['total-fit']):.1%} of paragraphs, "
                f"{forced / sum(counts['total-fit']):.2%} of total-fit's lines)"
            )
            shown = 0
            for (text, _, where), a, c in zip(
                paras, counts["total-fit"], counts["first-fit"], strict=True
            ):
                if a > c and shown < args.show:
                    shown += 1
                    print(f"    +{a - c} line(s) at {measure:g} em in {where}: {text[:40]}…")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
