"""Class tables of cjk-typesetting.md §2, checked against the spec's lists."""

from __future__ import annotations

import pytest

from epaper.typeset.classes import NO_END, NO_START, classify

# The spec's table, column "characters", class by class.
P = "、。，．：；？！‼⁇⁈⁉"
C = "’”）〕］｝〉》」』】〗〙〛｠｣〞〟"
OPEN = "‘“（〔［｛〈《「『【〖〘〚｟｢〝"
K = "～〜–"
M = "·・‧"
J = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー々〻ゝゞヽヾ"
POST = "％‰℃℉°′″￠%"
PRE = "＄¥￥£￡€№$#"


def codes(text: str) -> list[int]:
    return list(classify(text))


@pytest.mark.parametrize("level", ["basic", "gb", "strict"])
def test_line_start_prohibited_at_every_level(level):
    for ch in P + C + K + M + J + POST + ",.:;?!)]}":
        assert classify(ch)[0] in NO_START[level], ch


@pytest.mark.parametrize("level", ["basic", "gb", "strict"])
def test_line_end_prohibited_at_every_level(level):
    for ch in OPEN + PRE + "([{":
        assert classify(ch)[0] in NO_END[level], ch


def test_solidus_only_at_gb_and_strict():
    s = classify("／")[0]
    assert s not in NO_START["basic"] and s not in NO_END["basic"]
    for level in ("gb", "strict"):
        assert s in NO_START[level] and s in NO_END[level]


def test_inseparable_not_at_line_start_only_when_strict():
    for ch in "…⋯‥―⸺":
        c = classify(ch)[0]
        assert c in NO_START["strict"]
        assert c not in NO_START["gb"]


def test_level_none_has_no_prohibitions_but_keeps_grapheme_clusters():
    assert classify("，")[0] not in NO_START["none"]
    assert classify("“")[0] not in NO_END["none"]
    assert classify("\u0301")[0] in NO_START["none"]


def test_han_latin_digits_and_unknowns():
    assert classify("中文a1Ωж") == b"??LDLL"
    # Characters no table names (symbols, other scripts) are Han-like: "?".
    assert classify("●①") == b"??"
    # Astral characters are one code each (one per code point).
    assert classify("𬬻a") == b"?L"


def test_fullwidth_alnum_is_its_own_class():
    assert classify("１９９８ＡＰＥＣ") == b"FFFFFFFF"


def test_simplified_and_traditional_marks_share_classes():
    assert classify("“中国”，「中國」，") == classify("“中国”，「中國」，".replace("国", "國"))
    assert classify("「」『』") == b"OCOC"
