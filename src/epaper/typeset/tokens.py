"""Unbreakable units and break opportunities (cjk-typesetting.md §2 W/I/Pre/Post, §3.1).

``analyse`` turns a paragraph's class codes into two flag arrays, built with bytes
operations so the cost per character stays in C:

* ``nobrk[i]`` (length n + 1): 1 when no line may break *before* character i
  (prohibited start or end, inside a W token, an I pair or a grapheme cluster,
  inside a run of spaces). ``nobrk[0]`` is 1 and ``nobrk[n]`` is 0.
* ``noexp[i]`` (length n): 1 when justification must not add space in the gap
  *after* character i (§5.3: inside W and I pairs, after O, before C/P, next to K/S,
  at spaces, which stretch themselves).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import classes

# §2 W: a maximal run of letters/digits with inner . , : ' ’ - + / & _ · only between
# two alphanumerics; an optional Pre or sign directly before a digit; trailing Post.
# Full-width digits (F) form tokens too, with a full-width point (E) between them.
# Written to start with a character class, so the regex engine skips ahead fast;
# the Pre or sign before a digit is added by looking one byte back.
_W_TOKEN = re.compile(rb"[LDF]g*(?:(?:[.,:'Z\-+/&_M]|(?<=[DFg])E)?[LDF]g*)*[Q%]*")
_PREFIX = frozenset(b"R$+")
_DIGITS = frozenset(b"DF")
_I_RUN = re.compile(rb"I{2,}")
_DASH_RUN = re.compile(rb"d+")
_SPACE_RUN = re.compile(rb" +")


class Units(NamedTuple):
    """Break and stretch flags of one paragraph (see module docstring)."""

    cls: bytes  # class codes, em dashes resolved to K (single) or I (run)
    nobrk: bytearray
    noexp: bytearray
    tokens: tuple[tuple[int, int], ...]  # W token spans [start, end)


_from_bytes = int.from_bytes
_new_units = tuple.__new__  # Units without the keyword-handling NamedTuple constructor


def resolve_dashes(cls: bytes) -> bytes:
    """A single U+2014 is a connector K (5月20日—6月10日); two or more are I (§2)."""
    if b"d" not in cls:
        return cls
    return _DASH_RUN.sub(lambda m: b"K" if len(m.group()) == 1 else b"I" * len(m.group()), cls)


def analyse(cls: bytes, level: str) -> Units:
    """Compute break and stretch flags for class codes ``cls`` at prohibition ``level``."""
    if b"d" in cls:
        cls = resolve_dashes(cls)
    n = len(cls)
    if n:
        # Bytewise OR of 0/1 flags through integers, in C (inlined: this runs
        # once per paragraph and the call shows in the per-paragraph cost).
        noend = cls.translate(_NO_END_MAPS[level])
        bits = _from_bytes(cls.translate(_NO_START_MAPS[level]), "little") | _from_bytes(
            b"\x00" + noend[:-1], "little"
        )
        nobrk = bytearray(bits.to_bytes(n, "little") + b"\x00")
        nobrk[0] = 1
        before = cls.translate(_NO_EXPAND_BEFORE)
        bits = _from_bytes(cls.translate(_NO_EXPAND_AFTER), "little") | _from_bytes(
            before[1:] + b"\x01", "little"
        )
        noexp = bytearray(bits.to_bytes(n, "little"))
    else:
        nobrk, noexp = bytearray(b"\x01"), bytearray()

    tokens: list[tuple[int, int]] = []
    for m in _W_TOKEN.finditer(cls):
        a, b = m.span()
        if a and cls[a - 1] in _PREFIX and cls[a] in _DIGITS:
            a -= 1
        if b - a > 1:
            nobrk[a + 1 : b] = b"\x01" * (b - a - 1)
            noexp[a : b - 1] = b"\x01" * (b - a - 1)
        tokens.append((a, b))
    if b"I" in cls:
        # I pairs never split; a run of 4 or more only between pairs (§2 I).
        for m in _I_RUN.finditer(cls):
            a, b = m.span()
            nobrk[a + 1 : b] = b"\x01" * (b - a - 1)
            noexp[a : b - 1] = b"\x01" * (b - a - 1)
            if b - a >= 4:
                for k in range(a + 2, b - 1, 2):
                    if level != "strict":
                        nobrk[k] = 0
    if b" " in cls:
        # A run of spaces breaks once, after its last space; the spaces are dropped
        # there. It may only if the characters around the run allow it.
        ne = _NO_END_MAPS[level]
        ns = _NO_START_MAPS[level]
        for m in _SPACE_RUN.finditer(cls):
            a, b = m.span()
            nobrk[a:b] = b"\x01" * (b - a)
            if a == 0:  # leading spaces stay with the first word
                nobrk[b] = 1
            elif b < n:
                nobrk[b] = ne[cls[a - 1]] | ns[cls[b]]
    return _new_units(Units, (cls, nobrk, noexp, tuple(tokens)))


_NO_START_MAPS = {lv: classes.bitmap(codes) for lv, codes in classes.NO_START.items()}
_NO_END_MAPS = {lv: classes.bitmap(codes) for lv, codes in classes.NO_END.items()}
_NO_EXPAND_AFTER = classes.bitmap(classes.NO_EXPAND_AFTER)
_NO_EXPAND_BEFORE = classes.bitmap(classes.NO_EXPAND_BEFORE)
