"""Unbreakable units and break opportunities (cjk-typesetting.md §2 W, I; §3.1)."""

from __future__ import annotations

import pytest

from epaper.typeset.classes import classify
from epaper.typeset.tokens import analyse, resolve_dashes


def breaks(text: str, level: str = "gb") -> list[int]:
    """Positions i (0 < i < n) where a line may break before text[i]."""
    u = analyse(classify(text), level)
    return [i for i in range(1, len(text)) if not u.nobrk[i]]


@pytest.mark.parametrize(
    "token",
    [
        "2022",
        "62.52%",
        "1,234.56",
        "COVID-19",
        "5G",
        "9:00",
        "−5℃",
        "CRISPR-Cas9",
        "PM2.5",
        "$100",
        "don’t",
        "１９９８",
        "１２．５％",
    ],
)
def test_spec_w_tokens_are_single_units(token):
    text = f"中文{token}中文"
    u = analyse(classify(text), "gb")
    assert (2, 2 + len(token)) in u.tokens
    inside = set(range(3, 2 + len(token)))
    assert not inside & set(breaks(text))
    # A break between a token and a Han character is allowed (2022|年).
    assert 2 + len(token) in breaks(text)


def test_spaces_separate_tokens_and_break_after_the_run():
    text = "iPhone 15  Pro"
    assert breaks(text) == [7, 11]


def test_space_run_does_not_break_before_a_closing_mark():
    assert breaks("ab ）中") == [4]


def test_single_em_dash_is_a_connector_and_a_pair_is_inseparable():
    assert resolve_dashes(classify("5月20日—6月10日")) == classify("5月20日～6月10日")
    text = "中文——中文"
    assert 3 not in breaks(text)  # inside the pair
    assert 2 in breaks(text)  # before the pair (gb allows I at line start)
    assert 2 not in breaks(text, "strict")


def test_run_of_four_splits_only_in_its_middle():
    text = "中…………文"  # 4 ellipses
    b = breaks(text)
    assert 3 in b and 2 not in b and 4 not in b


@pytest.mark.parametrize("text", ["中文，中文", "中文。」中文", "中文！中文", "中文、中文"])
def test_no_break_before_pause_and_closing(text):
    pos = next(i for i, ch in enumerate(text) if ch in "，。」！、")
    assert pos not in breaks(text)


def test_no_break_after_opening_or_prefix():
    assert 3 not in breaks("中文“中文”")
    assert 3 not in breaks("中文（中文）")
    assert 3 not in breaks("中文「中文」")
    assert 3 not in breaks("售价￥１００")


def test_postfix_stays_with_its_number():
    assert 4 not in breaks("上升５０％")


def test_grapheme_clusters_are_never_split():
    text = "葛\U000e0100中e\u0301文"
    b = breaks(text)
    assert 1 not in b and 4 not in b
    assert 1 not in breaks(text, "none")


def test_level_none_allows_any_break_but_inside_units():
    assert breaks("中，文", "none") == [1, 2]
    assert 3 not in breaks("ab12cd", "none")


def test_no_stretch_inside_tokens_after_openers_before_closers():
    text = "中“OK”，中文"
    u = analyse(classify(text), "gb")
    assert u.noexp[1] == 1  # after “
    assert u.noexp[2] == 1  # inside OK
    assert u.noexp[3] == 1  # before ”
    assert u.noexp[4] == 1  # before ，
    assert u.noexp[6] == 0  # between 中 and 文
