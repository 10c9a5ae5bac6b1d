"""Regenerate the search's Traditional → Simplified folding table from OpenCC.

    python tools/fold_table.py path/to/TSCharacters.txt

OpenCC's character table (Apache License 2.0; shipped, for example, as
``opencc_purepy/dicts/TSCharacters.txt`` inside the opencc-purepy wheel: ``pip download
opencc-purepy --no-deps`` and unzip it) maps each traditional character to its
simplified candidates. The reader's search folds both the index and the query with
the first candidate, so 警察節 finds 警察节 and the other way round. Writes
``src/epaper/templates/assets/fold.txt`` (one pair a line) next to the licence.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "epaper" / "templates" / "assets" / "fold.txt"
HEADER = ("# Traditional → Simplified, one character each, for the reader's search.\n"
          "# Derived from OpenCC's TSCharacters.txt (the OpenCC project, BYVoid/OpenCC),\n"
          "# Apache License 2.0: see fold-LICENSE.txt. Regenerate with tools/fold_table.py.\n")


def pairs(text: str) -> list[str]:
    """``萬万`` for every line ``萬<TAB>万 …`` whose both sides are one character and differ."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        trad, candidates = line.split("\t", 1)
        simp = candidates.split()[0] if candidates.split() else ""
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            out.append(trad + simp)
    return sorted(set(out))


def main(argv: list[str] | None = None) -> int:
    """Write fold.txt from the TSCharacters.txt named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found = pairs(Path(args[0]).read_text("utf-8"))
    TARGET.write_text(HEADER + "\n".join(found) + "\n", "utf-8")
    print(f"wrote {TARGET} ({len(found)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
