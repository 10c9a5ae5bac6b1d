"""§4.6 ？！ combinations (prepare.py), with the spec's examples."""

from __future__ import annotations

import pytest

from epaper import fonts
from epaper.typeset import TypesetConfig, set_paragraph

from .invariants import check_paragraph

ON = TypesetConfig(combine_question_exclamation=True)
SAY = {"zh-Hans": "你说什么{}我们走", "zh-Hant": "你說什麼{}我們走"}


def _group(text: str, lang: str, config: TypesetConfig | None) -> tuple[list[float], float]:
    """Ink extents (em, from the line origin) of the ？！ run and the width it adds."""
    (line,) = set_paragraph(text, 30, lang=lang, indent=0, config=config)
    a = min(text.index(c) for c in "？！" if c in text)
    b = a
    while b < len(text) and text[b] in "？！":
        b += 1
    x = [0.0]
    for v in line.advances:
        x.append(x[-1] + v)
    face = line.faces[a]
    inks = []
    for i in range(a - 1, min(b + 1, len(text))):
        ink = fonts.ink_box(face, text[i])
        inks += [x[i] + ink[0], x[i] + ink[2]]
    return inks, x[b] - x[a - 1] - fonts.advance(face, text[a - 1])


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize(
    ("run", "box"), [("？！", 1.0), ("？？", 1.0), ("！！", 1.0), ("？？？", 2.0), ("！！！", 2.0)]
)
def test_runs_take_one_or_two_em(lang, run, box):
    text = SAY[lang].format(run)
    inks, width = _group(text, lang, ON)
    assert width == pytest.approx(box)
    # The inks of the previous character, the marks and the next character keep
    # their order without overlapping.
    assert inks == sorted(inks)
    check_paragraph(text, set_paragraph(text, 5, lang=lang, config=ON), 5)


@pytest.mark.parametrize(("lang", "box"), [("zh-Hans", 1.5), ("zh-Hant", 2.0)])
def test_off_by_default(lang, box):
    # Off: a GB pair compresses to 1.5 em (§4.3), zh-Hant ？！ are fixed full ems.
    _, width = _group(SAY[lang].format("？！"), lang, None)
    assert width == pytest.approx(box)


def test_a_single_mark_and_a_run_of_four_are_left_alone():
    assert _group("你說什麼？我們走", "zh-Hant", ON)[1] == pytest.approx(1.0)
    assert _group("你說什麼？？？？我們走", "zh-Hant", ON)[1] == pytest.approx(4.0)
