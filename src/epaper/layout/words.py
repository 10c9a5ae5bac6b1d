"""Word boundaries for headlines: where a head may break (docs/layouts.md).

A head broken inside a word ("知识分／子", "人／大常委会") reads wrong, so heads break
only between words. Words come from jieba (MIT, pure Python) with a dictionary
trimmed to the words of frequency ≥ 20 (``tools/build_headwords.py``: 0.2 s to load
instead of 0.55 s) plus ``headwords-user.txt`` for names and terms it splits wrong;
its HMM segments unseen names. Numbers stay whole with their units and dates
("1月12日", "三千二百五十亿美元").
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parents[1] / "data"
DICTIONARY = _DATA / "headwords.txt"
USER_DICTIONARY = _DATA / "headwords-user.txt"
#: Idioms (成語) of jieba's dictionary: a head never breaks inside one.
IDIOMS = _DATA / "headidioms.txt"

_NUMERALS = frozenset("0123456789０１２３４５６７８９〇一二三四五六七八九十百千万亿两零廿卅"
                      "萬億兩.．,，%％·")
# Units and counters that belong to the number before them (年 月 日 …, 亿美元).
_UNITS = frozenset("年月日时分秒时點点号號亿億万萬元角岁歲个個名位人次件台辆輛架艘项項条條"
                   "家所座吨噸米里克斤公届屆期版度倍户戶%％℃‰")


@lru_cache(maxsize=1)
def _tokenizer():
    """jieba's tokenizer on the trimmed dictionary, loaded once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it logs its loading at DEBUG to stderr
    tk = jieba.Tokenizer(str(DICTIONARY))
    tk.initialize()
    if USER_DICTIONARY.exists():
        tk.load_userdict(str(USER_DICTIONARY))
    return tk


def _numeric(token: str) -> bool:
    return bool(token) and all(c in _NUMERALS for c in token)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into words; numbers joined with their units and with each other."""
    out: list[str] = []
    after_number = False  # the last group ends with a number or a number's unit
    for token in _tokenizer().cut(text, HMM=True):
        if out and after_number and (_numeric(token) or token[0] in _UNITS):
            out[-1] += token
        elif out and _numeric(token) and out[-1].endswith("第"):
            out[-1] += token
        else:
            out.append(token)
        after_number = _numeric(token) or (after_number and token[0] in _UNITS
                                            and len(token) <= 3)
    return tuple(out)


@lru_cache(maxsize=1)
def _idioms() -> tuple[frozenset[str], tuple[int, ...]]:
    """The idioms, and their lengths (longest first)."""
    found = frozenset(IDIOMS.read_text(encoding="utf-8").split()) if IDIOMS.exists() \
        else frozenset()
    return found, tuple(sorted({len(i) for i in found}, reverse=True))


def inside_idioms(text: str) -> frozenset[int]:
    """Offsets strictly inside an idiom of ``text`` (乐极生悲: 1, 2, 3): jieba's trimmed
    dictionary lacks most idioms, and its HMM may cut one in two."""
    found, lengths = _idioms()
    inside: set[int] = set()
    for size in lengths:
        for i in range(len(text) - size + 1):
            if text[i:i + size] in found:
                inside.update(range(i + 1, i + size))
    return frozenset(inside)


@lru_cache(maxsize=4096)
def word_starts(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a word begins (0 excluded): the places a head may
    break. Spaces are word boundaries too (zh-Hant heads often use them); the inside
    of an idiom is not."""
    starts: set[int] = set()
    pos = 0
    for word in words(text):
        if pos:
            starts.add(pos)
        pos += len(word)
    idiom = inside_idioms(text)
    return frozenset(i for i in starts if 0 < i < len(text) and i not in idiom)
