"""Property tests: random mixes of Han, punctuation, Latin, digits and spaces at
measures of 6–30 em keep every invariant of cjk-typesetting.md §11."""

from __future__ import annotations

import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from epaper.typeset import TypesetConfig, set_paragraph
from epaper.typeset.classes import classify

from .invariants import check_paragraph, line_spans

HAN = "中文国的一是在不了有和人这上们来到时大地为子中你说生年着就那"
PUNCT = list("，。、；：？！“”‘’（）《》「」『』〈〉【】·／～％") + ["——", "……", "—"]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1, max_size=7)
NUMBERS = st.sampled_from(["2022", "62.52%", "1,234.56", "COVID-19", "5G", "9:00", "−5℃", "PM2.5"])
PIECES = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=12),
    st.sampled_from(PUNCT),
    WORDS,
    NUMBERS,
    st.just(" "),
)
TEXTS = st.lists(PIECES, min_size=1, max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    text=TEXTS,
    measure=st.integers(6, 30),
    lang=st.sampled_from(["zh-Hans", "zh-Hant"]),
    level=st.sampled_from(["basic", "gb", "strict"]),
    config=st.builds(
        TypesetConfig,
        pair_compression=st.sampled_from([1.0, 1.5]),
        hanging=st.booleans(),
        han_latin_space_em=st.sampled_from([0.0, 0.125, 0.25, 1 / 3]),
        allow_stop_compression=st.booleans(),
        combine_question_exclamation=st.booleans(),
    ),
)
def test_body_invariants(text, measure, lang, level, config):
    logging.disable(logging.WARNING)  # overlong random units are reported, not errors
    try:
        lines = set_paragraph(text, measure, lang=lang, level=level, config=config)
    finally:
        logging.disable(logging.NOTSET)
    check_paragraph(text, lines, measure, level=level)
    if lines:
        # 2 em (§7.1), less the left blank of an opening bracket set flush (§7.3).
        opens = classify(lines[0].text[:1]) == b"O"
        assert lines[0].indent == 2.0 or (opens and 1.5 - 1e-9 <= lines[0].indent < 2.0)


@SETTINGS
@given(text=TEXTS, measure=st.integers(6, 30), lang=st.sampled_from(["zh-Hans", "zh-Hant"]))
def test_headline_invariants(text, measure, lang):
    logging.disable(logging.WARNING)
    try:
        lines = set_paragraph(text, measure, lang=lang, kind="headline")
    finally:
        logging.disable(logging.NOTSET)
    check_paragraph(text, lines, measure, justified=False)
    assert all(ln.indent == 0 for ln in lines)


@SETTINGS
@given(text=TEXTS, measure=st.integers(6, 30))
def test_same_input_same_output(text, measure):
    logging.disable(logging.WARNING)
    try:
        assert set_paragraph(text, measure) == set_paragraph(text, measure)
    finally:
        logging.disable(logging.NOTSET)


@SETTINGS
@given(text=st.text(), measure=st.integers(1, 30), kind=st.sampled_from(["body", "headline"]))
def test_any_unicode_text_is_set_without_loss(text, measure, kind):
    logging.disable(logging.WARNING)
    try:
        lines = set_paragraph(text, measure, kind=kind, indent=0)
    finally:
        logging.disable(logging.NOTSET)
    line_spans(text, lines)
    for ln in lines:
        assert len(ln.advances) == len(ln.text) == len(ln.faces)
