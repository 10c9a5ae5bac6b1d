"""Checks every typeset paragraph must pass (cjk-typesetting.md §11), shared by the
rule, property and corpus tests. Independent of the breaker: they look only at the
source text and the returned lines."""

from __future__ import annotations

import re

from epaper.typeset import Line
from epaper.typeset.classes import NO_END, NO_START, classify
from epaper.typeset.tokens import analyse, resolve_dashes

TOL = 0.01
_GAPS = " \n\r\t\u2028\u2029"  # what may disappear where a line breaks
_NEWLINES = ("\n", "\r", "\u2028", "\u2029")
# §2 W tokens written out by hand (ASCII forms), to catch a break inside one.
_WORD = re.compile(r"[$#]?[A-Za-z0-9]+(?:[.,:'’\-+/&_][A-Za-z0-9]+)*%*")
_PAIRS = ("——", "……", "⋯⋯")


def line_spans(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Source positions [start, end) of each line; asserts that only spaces and
    newlines are left out between lines and that nothing else changed."""
    spans = []
    pos = 0
    for ln in lines:
        while pos < len(text) and text[pos] in _GAPS and not text.startswith(ln.text, pos):
            pos += 1
        assert text.startswith(ln.text, pos), f"line {ln.text!r} is not the source at {pos}"
        spans.append((pos, pos + len(ln.text)))
        pos += len(ln.text)
    assert text[pos:].strip(_GAPS) == "", f"text dropped at the end: {text[pos:]!r}"
    dropped = "".join(text[a:b] for (_, a), (b, _) in zip(spans, spans[1:], strict=False))
    assert set(dropped) <= set(_GAPS), f"dropped non-space characters {dropped!r}"
    return spans


def check_paragraph(
    text: str,
    lines: list[Line],
    measure: float,
    *,
    level: str = "gb",
    justified: bool = True,
) -> None:
    """Assert §11: content kept, widths exact, prohibitions, W tokens and I pairs."""
    spans = line_spans(text, lines)
    codes = resolve_dashes(classify(text))
    no_start, no_end = NO_START[level], NO_END[level]
    for k, (ln, (a, b)) in enumerate(zip(lines, spans, strict=True)):
        assert len(ln.advances) == len(ln.text) == len(ln.faces)
        assert abs(ln.width - sum(ln.advances)) < 1e-9
        assert all(x >= -1e-9 for x in ln.advances), ln
        last = k == len(lines) - 1 or text[b : b + 1] in _NEWLINES
        if k and text[a - 1 : a] not in _NEWLINES:
            assert codes[a] not in no_start, f"line starts with {text[a]!r}: {ln.text!r}"
            assert codes[a - 1] not in no_end or text[a - 1] == " ", (
                f"line ends with {text[a - 1]!r}"
            )
        if not last and justified:
            assert ln.indent + ln.width <= measure + TOL or _unbreakable(ln.text, level), ln
            assert abs(ln.indent + ln.width - measure) <= TOL or _unbreakable(ln.text, level), (
                f"line not flush: {ln.indent + ln.width:.3f} of {measure}: {ln.text!r}"
            )
        elif not _unbreakable(ln.text, level):
            assert ln.indent + ln.width <= measure + TOL, f"line overflows: {ln.text!r}"
    breaks = {a for a, _ in spans[1:]}
    for m in _WORD.finditer(text):
        inner = set(range(m.start() + 1, m.end()))
        assert not inner & breaks, f"W token {m.group()!r} broken"
    for pair in _PAIRS:
        for m in re.finditer(re.escape(pair[0]) + "+", text):
            run = m.end() - m.start()
            for i in range(m.start() + 1, m.end()):
                if i in breaks:
                    ok = run >= 4 and (i - m.start()) % 2 == 0 and level != "strict"
                    assert ok, f"I pair split in {m.group()!r}"


def _unbreakable(line_text: str, level: str) -> bool:
    """True if the line has no break opportunity inside (one overlong unit)."""
    units = analyse(classify(line_text), level)
    return not any(units.nobrk[i] == 0 for i in range(1, len(line_text)))


def max_han_gap(line: Line, natural: dict[str, float]) -> float:
    """Largest space added between two Han characters of ``line`` (em)."""
    codes = classify(line.text)
    worst = 0.0
    for i in range(len(line.text) - 1):
        if codes[i] == codes[i + 1] == ord("?"):
            worst = max(worst, line.advances[i] - natural.get(line.text[i], 1.0))
    return worst
