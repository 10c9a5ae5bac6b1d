"""Tests for cleaning scraped lines: readings, damage, punctuation."""

from __future__ import annotations

import pytest

from epaper.importers.damage import clean_line, find_damage, fullwidth_punct, remove_readings


def test_readings_removed_only_after_han():
    assert remove_readings("銳評(píng)視聽(tīng)") == "銳評視聽"
    assert remove_readings("第(1)條 abc(dé)") == "第(1)條 abc(dé)"  # no tone / not after Han
    assert remove_readings("版權(quán)所有") == "版權所有"


@pytest.mark.parametrize("line, raw", [
    ("聊城日?qǐng)?bào)  2023", "?qǐng)?bào)"),
    ("以新?lián)\ue2fd?dāng)新作為", "?lián)\ue2fd?dāng)"),
    ("攻防兼?zhèn)涞难策壏揽匦赂窬?。著", "?zhèn)涞难策壏揽匦赂窬?"),
    ("我們?yōu)槟\ue32dk理。", "?yōu)槟\ue32dk"),
    ("著力打?ldquo;聊城", "?ldquo;"),
    ("孤立的\ue123私用字", "\ue123"),
])
def test_damage_passages(line, raw):
    found = find_damage(line)
    assert [(d.column, d.raw) for d in found] == [(line.index(raw) + 1, raw)]
    assert found[0].lost >= 1


def test_latin_after_an_entity_is_text():
    assert [d.raw for d in find_damage("打?ldquo;ATM”機")] == ["?ldquo;"]


def test_real_question_marks_are_not_damage():
    assert find_damage("怎么辦?霍先生來到") == []
    assert find_damage("真的嗎?") == []
    assert clean_line("怎么辦?霍先生").text == "怎么辦？霍先生"


def test_entity_keeps_its_character():
    assert clean_line("著力打?ldquo;聊城二哥”").text == "著力打〓“聊城二哥”"
    assert clean_line("打造&ldquo;二哥&rdquo;").text == "打造“二哥”"  # intact entities


@pytest.mark.parametrize("text, expected", [
    ("寒冬臘月,盛夏酷暑", "寒冬臘月，盛夏酷暑"),
    ("來源:聊城  14:22:38", "來源：聊城  14:22:38"),
    ("1,000人", "1,000人"),
    ("54.77%,破案", "54.77%，破案"),
    ("敬請關注!", "敬請關注！"),
    ("a, b", "a, b"),
])
def test_fullwidth_punct(text, expected):
    assert fullwidth_punct(text) == expected
