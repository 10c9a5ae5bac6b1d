"""Character classes of cjk-typesetting.md §2, as one-byte codes.

Every character of a paragraph is mapped to a one-byte *class code* (``classify``), so
the rules downstream run as C-speed ``bytes`` operations (translate, regex) instead of
per-character Python. Han characters and anything the tables do not name get ``?``
(ideographic: breakable on both sides, 1 em in the font).

Each table cites the spec rule (and the clreq / JLReq class it comes from).
"""

from __future__ import annotations

HAN = ord("?")  # ideographs, kana, symbols the tables do not name

# --- §2 table, full-width marks -------------------------------------------------
# P pause/stop 点号 (clreq §3.1.2): split by shrink step (§5.2 (5) and (7)).
PAUSE = "、，：；"  # code p: shrink step (5)
STOP = "。？！‼⁇⁈⁉"  # code e: shrink step (7), allow_stop_compression
FULLWIDTH_STOP = "．"  # code E: as e, and a decimal point inside full-width numbers
# C closing (not at line start); ’ gets its own code because it may also stand
# inside a Western word (§2 W: don’t).
CLOSING = "”）〕］｝〉》」』】〗〙〛｠｣〞〟"  # code C
APOSTROPHE = "’"  # code Z
# O opening (not at line end).
OPENING = "‘“（〔［｛〈《「『【〖〘〚｟｢〝"  # code O
# K connector 连接号 (not at line start). A single U+2014 is a connector too; two
# or more in a row are an I pair (decided in tokens.py from the run length).
CONNECTOR = "～〜–"  # code K
EM_DASH = "—"  # code d until resolved to K (single) or I (run)
# M interpunct 间隔号 (not at line start; also may stand inside a W token).
INTERPUNCT = "·・‧"  # code M
# S solidus 分隔号 (gb: neither at line start nor at line end).
SOLIDUS = "／"  # code S
# I inseparable (never split inside a pair; strict: not at line start).
INSEPARABLE = "⸺…⋯‥―"  # code I
# J small kana and iteration marks (JLReq cl-09–11): not at line start.
SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶーヽヾゝゞ々〻" + "".join(
    chr(c) for c in range(0x31F0, 0x3200)
)  # code J
# Post postfix (JLReq cl-13): no break before, joins the number before it.
POSTFIX = "％‰℃℉°′″￠"  # code Q
# Pre prefix (JLReq cl-12): no break after, joins the number after it.
PREFIX = "＄¥￥£￡€№"  # code R
# H hangable (§4.5): only these may hang when hanging is on.
HANGABLE = "，。、．,."

# --- ASCII forms (§2 third column; treated like the marks beside CJK text) -------
ASCII_CODES: dict[str, str] = {
    ",": ",",
    ".": ".",
    ":": ":",
    ";": ";",
    "?": "q",  # ? itself is the Han code
    "!": "!",
    ")": ")",
    "]": ")",
    "}": ")",
    "(": "(",
    "[": "(",
    "{": "(",
    "/": "/",
    "%": "%",
    "$": "$",
    "#": "$",
    "-": "-",
    "+": "+",
    "'": "'",
    "&": "&",
    "_": "_",
    " ": " ",
    "\n": "\n",
}

# Letters of Latin, Greek and Cyrillic scripts (§2 W); European digits.
_LETTER_RANGES = (
    (0x41, 0x5A),
    (0x61, 0x7A),
    (0xAA, 0xAA),
    (0xB5, 0xB5),
    (0xBA, 0xBA),
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x24F),
    (0x370, 0x373),
    (0x376, 0x377),
    (0x37B, 0x37D),
    (0x386, 0x386),
    (0x388, 0x3FF),
    (0x400, 0x52F),
    (0x1E00, 0x1FFF),
)
# Full-width alnum (should be normalised at ingest, §6.3): kept whole like W
# tokens but 1 em wide, so no Han–Latin space.
_FULLWIDTH_ALNUM = ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
# Grapheme extenders (§2: never split): combining marks, variation selectors,
# ZWJ/ZWNJ, IVS. U+200B (ZWSP) is a break opportunity, so it is not here.
_EXTENDER_RANGES = (
    (0x300, 0x36F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x200C, 0x200D),
    (0x20D0, 0x20FF),
    (0x302A, 0x302F),
    (0x3099, 0x309A),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
    (0xE0100, 0xE01EF),
)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Every ASCII character gets a code so that nothing ASCII collides with "?".
    for cp in range(0x80):
        table[cp] = "X"  # other ASCII symbols and controls
    for lo, hi in _LETTER_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = "L"
    for cp in range(0x30, 0x3A):
        table[cp] = "D"
    for ch, code in ASCII_CODES.items():
        table[ord(ch)] = code
    table[ord("\t")] = " "
    table[ord("\r")] = "\n"
    table[0x2212] = "+"  # − minus sign: a sign before digits (§2 W)
    for lo, hi in _FULLWIDTH_ALNUM:
        for cp in range(lo, hi + 1):
            table[cp] = "F"
    for lo, hi in _EXTENDER_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = "g"
    for chars, code in (
        (PAUSE, "p"),
        (STOP, "e"),
        (FULLWIDTH_STOP, "E"),
        (CLOSING, "C"),
        (APOSTROPHE, "Z"),
        (OPENING, "O"),
        (CONNECTOR, "K"),
        (EM_DASH, "d"),
        (INTERPUNCT, "M"),
        (SOLIDUS, "S"),
        (INSEPARABLE, "I"),
        (SMALL_KANA, "J"),
        (POSTFIX, "Q"),
        (PREFIX, "R"),
    ):
        for ch in chars:
            table[ord(ch)] = code
    return table


CODE_TABLE: dict[int, str] = _build_table()
# The same for the BMP as a tuple: str.translate indexes a tuple about three times
# faster than it looks up a dict, and this runs once per character of every text.
_BMP_TABLE: tuple[str, ...] = tuple(CODE_TABLE.get(cp, "?") for cp in range(0x10000))


def classify(text: str) -> bytes:
    """Return one class code byte per character of ``text`` (see module docstring).

    Characters outside the tables encode as ``?`` (Han): ``str.translate`` maps the
    named ones to ASCII codes and the ``ascii``/``replace`` encoder turns every
    remaining code point into one ``?``.
    """
    codes = text.translate(_BMP_TABLE)
    if codes.isascii():  # O(1): every BMP character became an ASCII code
        return codes.encode("ascii")
    # A character above U+FFFF was left as it was: use the full table.
    return text.translate(CODE_TABLE).encode("ascii", "replace")


def _codes(s: str) -> frozenset[int]:
    return frozenset(s.encode("ascii"))


# --- Prohibition levels (§2 "Prohibition levels"; clreq §3.1.4; GB §5.1.1-5.1.4) ---
# Codes that may not start a line. Post (Q, %) never starts one at any level but
# none; grapheme extenders (g) never, at any level.
NO_START_BASIC = _codes("peECZKMJ,.:;q!)") | _codes("Q%")
NO_END_BASIC = _codes("O(") | _codes("R$")
NO_START: dict[str, frozenset[int]] = {
    "basic": NO_START_BASIC | _codes("g"),
    "gb": NO_START_BASIC | _codes("S/g"),
    "strict": NO_START_BASIC | _codes("S/Ig"),
    "none": _codes("g"),
}
NO_END: dict[str, frozenset[int]] = {
    "basic": NO_END_BASIC,
    "gb": NO_END_BASIC | _codes("S/"),
    "strict": NO_END_BASIC | _codes("S/"),
    "none": frozenset(),
}
LEVELS = tuple(NO_START)

# --- Justification (§5.3): no space added after these / before these ----------
# "Never add space ... after an O mark, before a C or P mark, or next to K/S marks".
NO_EXPAND_AFTER = _codes("O(KSR$")
NO_EXPAND_BEFORE = _codes("peECZ,.:;q!)KSQ%g ")

# Full-width marks that carry an adjustable blank (§4.1); codes → shrink step (§5.2).
SHRINK_STEP: dict[int, int] = {
    ord("M"): 3,
    ord("O"): 4,
    ord("C"): 4,
    ord("Z"): 4,
    ord("p"): 5,
    ord("e"): 7,
    ord("E"): 7,
}
MARK_CODES = frozenset(SHRINK_STEP)

# Han–Western space (§6.1): between these two groups, in either order.
HANLIKE = _codes("?J")
WESTERN = _codes("LD")


def bitmap(codes: frozenset[int]) -> bytes:
    """A 256-byte ``bytes.translate`` table: 1 for the given codes, else 0."""
    return bytes(1 if i in codes else 0 for i in range(256))
