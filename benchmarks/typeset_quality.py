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

It also lists the paragraphs where total-fit sets more lines than first-fit.

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
        f"{'>0.05 em':>9} {'>0.10 em':>9} {'paras +lines':>12} {'paras -lines':>12}"
    )
    for name, paras in texts(args.texts).items():
        chars = sum(len(t) for t, _, _ in paras)
        for measure in args.measures:
            counts: dict[str, list[int]] = {}
            for b in BREAKERS:
                counts[b] = []
                n = over5 = over10 = 0
                for text, lang, _ in paras:
                    lines = set_paragraph(text, measure, lang=lang, config=configs[b])
                    counts[b].append(len(lines))
                    for ln in lines:
                        x = han_expansion(ln)
                        n += 1
                        over5 += x > 0.05 + 1e-9
                        over10 += x > 0.10 + 1e-9
                more = sum(a > c for a, c in zip(counts[b], counts["first-fit"], strict=True))
                fewer = sum(a < c for a, c in zip(counts[b], counts["first-fit"], strict=True))
                print(
                    f"{name:7} {measure:>7g} {b:10} {len(paras):>6} {chars:>8,} {n:>6} "
                    f"{over5 / n:>8.2%} {over10 / n:>8.2%} {more:>12} {fewer:>12}"
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
