"""One-byte keys per character: class code, advance and mark model in one lookup.

The hot part of ``prepare`` used to classify a paragraph (one ``str.translate``) and
then look every character up in the face's advance dict (a new one-character str and
a hash per character). Within one face, the characters fall into fewer than 255
kinds, a kind being (class code, advance, punctuation blank model): 216 in the Noto
serif faces, 70 in AR PL UKai. So each face gets, once per process, a table mapping
every BMP code point to a one-byte key (``str.translate`` with a tuple, the fastest
per-character lookup Python has), and three small tables mapping a key to its class
code, its advance and its blank model. Font facts only: nothing here depends on the
text being set, so this is setup like loading the font, not memoising.

Key ``?`` (63) means "not in the fast table": a character the face lacks, or one
above U+FFFF (``str.translate`` leaves those alone and the ``replace`` encoder turns
them into ``?``). A paragraph with such a character takes the general path.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from . import classes
from .metrics import NO_MARK, MarkTuple, face_model

SLOW = ord("?")
_BMP = 0x10000


class KeyTable(NamedTuple):
    """Per-face lookup tables (see module docstring)."""

    keys: tuple[str, ...]  # BMP code point -> one-character str of the key byte
    cls: bytes  # key -> class code (a ``bytes.translate`` table)
    adv: list[float]  # key -> natural advance in em (a list: map() indexes it fastest)
    mark: tuple[MarkTuple, ...]  # key -> blank model (NO_MARK for non-marks)
    # The blank model's two blanks per key, and two bytes.translate tables: 1 for marks
    # with an adjustable blank, 1 for marks whose frame changes for good (pads).
    left: list[float]
    right: list[float]
    has_blank: bytes
    padded: bytes


@cache
def key_table(face: str, style: str) -> KeyTable | None:
    """The KeyTable of ``face`` in punctuation ``style``; None if its characters
    fall into more kinds than one byte can name (the general path then)."""
    model = face_model(face, style)
    code_of = classes.CODE_TABLE.get
    kinds: dict[tuple[int, float, MarkTuple], int] = {}
    keys = ["?"] * _BMP
    mark_codes = classes.MARK_CODES
    for ch, adv in model.table.items():
        cp = ord(ch)
        if cp >= _BMP:
            continue
        code = ord(code_of(cp, "?"))
        mark = model.blank(ch, code) if code in mark_codes else NO_MARK
        kind = (code, adv, mark)
        k = kinds.get(kind)
        if k is None:
            k = len(kinds)
            if k >= SLOW:  # skip the reserved key
                k += 1
            if k > 255:
                return None
            kinds[kind] = k
        keys[cp] = chr(k)
    cls = bytearray(b"?" * 256)
    adv_of = [1.0] * 256
    mark_of = [NO_MARK] * 256
    for (code, adv, mark), k in kinds.items():
        cls[k] = code
        adv_of[k] = adv
        mark_of[k] = mark
    left, right = [0.0] * 256, [0.0] * 256
    has_blank, padded = bytearray(256), bytearray(256)
    for k, (pad_left, pad_right, lb, rb, _) in enumerate(mark_of):
        left[k], right[k] = lb, rb
        has_blank[k] = bool(lb or rb)
        padded[k] = bool(pad_left or pad_right)
    return KeyTable(
        tuple(keys),
        bytes(cls),
        adv_of,
        tuple(mark_of),
        left,
        right,
        bytes(has_blank),
        bytes(padded),
    )


def lookup(text: str, face: str, style: str) -> tuple[bytes, list[float], bytes] | None:
    """(class codes, natural advances, keys) of ``text`` in ``face``, or None when
    the text needs the general path (a character outside the face or the BMP)."""
    kt = key_table(face, style)
    if kt is None:
        return None
    keys = text.translate(kt.keys).encode("latin-1", "replace")
    if SLOW in keys:
        return None
    return keys.translate(kt.cls), list(map(kt.adv.__getitem__, keys)), keys
