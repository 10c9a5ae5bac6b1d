"""Cleaning one line of scraped text: pinyin readings, damaged passages, punctuation.

Scraped archives went through a simplified → traditional converter that appended a
pinyin reading after some characters (``評(píng)``), and some passages lost
characters on the way: a ``?`` followed by a reading without its ``(``
(``日?qǐng)?bào)``), by mojibake with private-use characters
(``我們?yōu)槟<U+E32D>k理``), or an HTML entity that lost its ``&`` (``打?ldquo;``).
Nobody can guess the lost characters, so each such passage is reported with its
column; a person restores it, or the importer keeps 〓 (U+3013) per lost character
when told to. A ``?`` followed by ordinary text (``怎么辦?霍先生``) is a real
question mark.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

GETA = "\u3013"  # 〓: the printers' mark for a character that could not be set

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = f"[a-zü{_TONED}]"
# A reading: pinyin with at least one tone mark, parenthesised, right after a Han char.
_READING = re.compile(rf"(?<=[\u3400-\u9fff\U00020000-\U0003ffff])\({_PINYIN}*[{_TONED}]"
                      rf"{_PINYIN}*\)")
# What follows a ``?`` that stands for lost characters: a reading that lost its "(",
# an intact reading, a private-use character or an entity name that lost its "&".
_ENTITY_NAMES = ("ldquo", "rdquo", "lsquo", "rsquo", "quot", "amp", "nbsp", "mdash",
                 "ndash", "hellip", "middot", "lt", "gt", "times", "deg")
_ENTITY = re.compile(r"(?<!&)(?:" + "|".join(_ENTITY_NAMES) + ");")
_BROKEN_READING = re.compile(rf"\(?{_PINYIN}*[{_TONED}]{_PINYIN}*\)")
_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")
# Mojibake between two damage marks: letters and Han characters, no punctuation.
_GAP = re.compile(r"[A-Za-z\u3400-\u9fff\U00020000-\U0003ffff]{1,12}")
_LETTERS = re.compile("[A-Za-z]+")
_ASCII_PUNCT = {",": "，", ":": "：", "?": "？", "!": "！", ";": "；"}
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018\u2019\u201c\u201d"
                  r"\u2014\u2026\U00020000-\U0003ffff]")


@dataclass(frozen=True)
class Damage:
    """One passage that cannot be trusted: 1-based column in the raw line, the raw
    text, and how many characters it probably stands for."""

    column: int
    raw: str
    replacement: str

    @property
    def lost(self) -> int:
        """Estimated number of lost characters (each kept as 〓)."""
        return self.replacement.count(GETA)


def _damage_token(line: str, pos: int) -> int:
    """End of a damage mark starting at ``pos`` (0 when there is none)."""
    if _PUA.match(line, pos):
        return pos + 1
    if line.startswith("?", pos):
        nxt = pos + 1
        for pattern in (_BROKEN_READING, _ENTITY, _PUA):
            m = pattern.match(line, nxt)
            if m:
                return m.end() if pattern is not _PUA else nxt
        return 0
    m = _ENTITY.match(line, pos)
    return m.end() if m else 0


def _continues(line: str, pos: int) -> int:
    """End of a further damage mark at ``pos`` inside a passage already begun: besides
    the starting marks, a ``?`` that is not followed by a Han character (a real
    question mark is followed by the next sentence) and stray pinyin letters."""
    end = _damage_token(line, pos)
    if end:
        return end
    if line.startswith("?", pos) and not _HAN.match(line, pos + 1):
        return pos + 1
    m = _BROKEN_READING.match(line, pos)
    return m.end() if m else 0


def _replacement(raw: str) -> str:
    """〓 for the estimated lost characters, keeping what an entity still tells."""
    out = []
    rest = raw
    for m in list(_ENTITY.finditer(raw))[::-1]:  # entities name their character
        out.append(html.unescape("&" + m.group()))
        rest = rest[:m.start()]
        break
    rest = _BROKEN_READING.sub("", rest)
    # A lost character is about 1.5 mojibake units (3 UTF-8 bytes read as 2-byte
    # GBK pairs); readings were added by the converter and count nothing.
    units = len(rest)
    lost = max(1, round(units * 2 / 3)) if units else 0
    return GETA * lost + "".join(out)


def find_damage(line: str) -> list[Damage]:
    """Every damaged passage of one raw line, in order."""
    found = []
    pos = 0
    while pos < len(line):
        end = _damage_token(line, pos)
        if not end:
            pos += 1
            continue
        start = pos
        while True:
            nxt = _continues(line, end)
            if nxt:
                end = nxt
                continue
            # Mojibake between marks belongs to the passage when another mark
            # follows right after it; trailing stray letters (``k``) too.
            gap = _GAP.match(line, end)
            if gap and _continues(line, gap.end()):
                end = gap.end()
                continue
            # Letters right after a private-use character are the rest of its
            # mojibake (``槟<U+E32D>k理``); after an entity they are real text.
            stray = _LETTERS.match(line, end)
            if stray and _PUA.match(line[end - 1]):
                end = stray.end()
                continue
            break
        raw = line[start:end]
        found.append(Damage(start + 1, raw, _replacement(raw)))
        pos = end
    return found


def remove_readings(text: str) -> str:
    """Drop the pinyin readings the converter appended after Han characters."""
    return _READING.sub("", text)


def fullwidth_punct(text: str) -> str:
    """ASCII , : ? ! ; next to Chinese text become full-width; ``14:22`` and
    ``1,000`` between digits stay as they are."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch not in _ASCII_PUNCT:
            continue
        prev = chars[i - 1] if i else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if prev.isascii() and prev.isdigit() and nxt.isascii() and nxt.isdigit():
            continue
        if (prev and _CJK.match(prev)) or (nxt and _CJK.match(nxt)) or (
                prev in "%" and nxt and not nxt.isascii()):
            chars[i] = _ASCII_PUNCT[ch]
    return "".join(chars)


@dataclass(frozen=True)
class CleanLine:
    """A line with damage replaced (〓), readings removed and punctuation fixed."""

    text: str
    damage: tuple[Damage, ...]


def clean_line(line: str) -> CleanLine:
    """Clean one raw line; damaged passages become 〓 and are returned for reporting."""
    damage = find_damage(line)
    parts = []
    pos = 0
    for d in damage:
        parts.append(line[pos:d.column - 1])
        parts.append(d.replacement)
        pos = d.column - 1 + len(d.raw)
    parts.append(line[pos:])
    text = html.unescape("".join(parts)) if "&" in line else "".join(parts)
    text = fullwidth_punct(remove_readings(text))
    return CleanLine(text, tuple(damage))
