"""Text hygiene at input: NFC, and invisible characters kept or dropped, never silently.

- NFC: a base letter plus a combining mark becomes the precomposed character the fonts
  have (e + U+0301 → é). CJK compatibility ideographs (U+F900-FAFF, U+2F800-2FA1F)
  are left as written: NFC would swap them for the unified ideograph, and a name set
  with a particular form must print with it.
- Control characters (C0 but tab and newline, DEL, C1) are dropped with a warning that
  names each by code point; the character itself is never echoed.
- Zero-width and other format characters (Unicode Cf, U+2028/2029) are dropped with a
  warning, except where they mean something: a variation selector (an ideographic
  variant, an emoji's presentation) and a zero-width joiner between two symbols (an
  emoji sequence) are kept, with a warning that the print fonts draw the base
  characters (the reader site shows the sequence).
"""

from __future__ import annotations

import re
import unicodedata

from .problems import Problems

_COMPAT_IDEOGRAPH = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f])")
_KEEP_CONTROLS = "\t\n"
ZWJ = "\u200d"


def nfc(text: str) -> str:
    """``text`` in NFC, with CJK compatibility ideographs kept as they are."""
    if unicodedata.is_normalized("NFC", text):
        return text
    parts = _COMPAT_IDEOGRAPH.split(text)
    # Odd indices are the compatibility ideographs the split kept; they are starters
    # (combining class 0), so normalising the runs between them is safe.
    return "".join(p if i % 2 else unicodedata.normalize("NFC", p)
                   for i, p in enumerate(parts))


def is_variation_selector(ch: str) -> bool:
    """U+FE00-FE0F and U+E0100-E01EF."""
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _is_symbol(ch: str) -> bool:
    """Characters an emoji ZWJ sequence joins: symbols, and emoji modifiers."""
    return unicodedata.category(ch) in ("So", "Sk") or 0x1F000 <= ord(ch) <= 0x1FAFF


def describe(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: a character named without echoing it."""
    name = unicodedata.name(ch, "")
    if not name:
        name = "control character" if unicodedata.category(ch) == "Cc" else "unnamed"
    return f"U+{ord(ch):04X} {name}"


def is_unsafe(ch: str) -> bool:
    """Controls (but tab and newline), format characters and line/paragraph separators:
    characters that are invisible, or that a terminal would act on."""
    if ch in _KEEP_CONTROLS:
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def clean_line(line: str) -> tuple[str, list[str], list[str]]:
    """(cleaned line, descriptions of dropped characters, of kept meaningful ones)."""
    if not any(is_unsafe(ch) or is_variation_selector(ch) for ch in line):
        return line, [], []
    out: list[str] = []
    dropped: list[str] = []
    kept: list[str] = []
    for index, ch in enumerate(line):
        if is_variation_selector(ch):
            if out:
                kept.append(f"{describe(ch)} after U+{ord(out[-1]):04X}")
                out.append(ch)
            else:
                dropped.append(describe(ch) + " (at the start of a line, selects nothing)")
            continue
        if not is_unsafe(ch):
            out.append(ch)
            continue
        after = line[index + 1:index + 2]
        if ch == ZWJ and out and after and _is_symbol(out[-1]) and _is_symbol(after):
            kept.append(f"{describe(ch)} between U+{ord(out[-1]):04X} and "
                        f"U+{ord(after):04X}")
            out.append(ch)
            continue
        dropped.append(describe(ch))
    return "".join(out), dropped, kept


def clean_text(text: str, path: object, problems: Problems, first_line: int = 1) -> str:
    """``text`` in NFC with unsafe characters dropped; one warning per line that lost
    or kept invisible characters (each listed once, by code point)."""
    text = nfc(text)
    lines = text.split("\n")
    for offset, line in enumerate(lines):
        cleaned, dropped, kept = clean_line(line)
        if cleaned is line:
            continue
        lines[offset] = cleaned
        number = first_line + offset
        if dropped:
            names = ", ".join(dict.fromkeys(dropped))
            problems.warn(path, number, f"invisible character(s) dropped: {names}")
        if kept:
            names = ", ".join(dict.fromkeys(kept))
            problems.warn(path, number, f"kept {names}: the reader site shows the "
                                        "sequence, print draws the base characters")
    return "\n".join(lines)
