"""Options and argument checks (TypesetConfig, punctuation style per language)."""

from __future__ import annotations

import dataclasses

import pytest

from epaper.typeset import TypesetConfig, punct_style_for, set_paragraph


@pytest.mark.parametrize(
    ("lang", "style"),
    [
        ("zh-Hans", "gb"),
        ("zh-Hant", "cns"),
        ("zh-Hant-TW", "cns"),
        ("zh-HK", "cns"),
        ("zh-CN", "gb"),
        ("zh", "gb"),
    ],
)
def test_punct_style_follows_the_language(lang, style):
    assert punct_style_for(lang) == style


def test_defaults_are_the_specs():
    cfg = TypesetConfig()
    assert cfg.pair_compression == 1.5
    assert cfg.hanging is False
    assert cfg.han_latin_space_em == 0.25
    assert cfg.tracking == 0.0
    assert cfg.allow_stop_compression is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.hanging = True  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"pair_compression": 1.2},
        {"han_latin_space_em": 0.5},
        {"punct_style": "jis"},
        {"tracking": -0.3},
    ],
)
def test_bad_options_are_refused(kwargs):
    with pytest.raises(ValueError):
        TypesetConfig(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [{"measure": 0}, {"kind": "caption"}, {"level": "loose"}, {"measure": 2, "indent": 2}],
)
def test_bad_arguments_are_refused(kwargs):
    args = {"measure": 10, **kwargs}
    measure = args.pop("measure")
    with pytest.raises(ValueError):
        set_paragraph("中文", measure, **args)


def test_unknown_face_is_refused():
    with pytest.raises(KeyError):
        set_paragraph("中文", 10, font="comic-sans")


def test_config_first_line_indent_overrides_the_argument():
    cfg = TypesetConfig(first_line_indent=1.0)
    assert set_paragraph("中" * 20, 8, config=cfg)[0].indent == 1.0


def test_explicit_punct_style_wins_over_the_language():
    cfg = TypesetConfig(punct_style="none")
    (line,) = set_paragraph("他说：“好。”", 20, indent=0, config=cfg)
    assert line.advances[2] == 1.0 and line.advances[4] == 1.0


def test_empty_text_gives_no_lines():
    assert set_paragraph("", 10) == []
