"""Write src/epaper/data/headwords.txt (jieba's dictionary trimmed for headlines) and
headidioms.txt (its idioms).

Usage::

    .venv/bin/python tools/build_headwords.py [--min-freq 20]

Headlines are broken only between words (docs/layouts.md). jieba's full dictionary
(349,046 words) takes 0.55 s to load on every build; the words a head needs are the
common ones, so this keeps those of frequency ≥ ``--min-freq`` (80,000 words at 20,
0.2 s with the library's import). Rare words missing from the list fall back to
jieba's HMM, which is what segments unseen names anyway. Idioms (成語, jieba's tag
``i``) go to headidioms.txt whatever their frequency: heads use them often, one broken
in two reads as wrong as a broken word (菲律宾元旦狂欢鸣枪放炮乐极｜生悲), and 22,391
of the 25,583 are below the frequency. A head never breaks inside one (words.py);
kept out of jieba's dictionary, they cost a set, not 0.2 s more of loading. The
output is sorted and deterministic; jieba and its dictionary are MIT-licensed
(fonts/LICENSES.md lists it).
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "epaper" / "data" / "headwords.txt"
IDIOMS = OUT.with_name("headidioms.txt")


def main() -> int:
    """Read jieba's dict.txt, keep frequent words, write them with their counts, and
    write every idiom."""
    import jieba

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-freq", type=int, default=20)
    args = parser.parse_args()
    source = Path(jieba.__file__).with_name("dict.txt")
    kept = []
    idioms = []
    for line in source.read_text(encoding="utf-8").splitlines():
        word, freq, *tag = line.split(" ")
        if int(freq) >= args.min_freq:
            kept.append(f"{word} {freq}\n")
        if tag == ["i"]:
            idioms.append(f"{word}\n")
    kept.sort()
    idioms.sort()
    OUT.write_text("".join(kept), encoding="utf-8")
    IDIOMS.write_text("".join(idioms), encoding="utf-8")
    print(f"{OUT.relative_to(OUT.parents[3])}: {len(kept)} words")
    print(f"{IDIOMS.relative_to(OUT.parents[3])}: {len(idioms)} idioms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
