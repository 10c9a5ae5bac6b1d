"""Page templates: the bundled layouts are sound, bad YAML is reported as path:line."""

from __future__ import annotations

import shutil

import pytest

from epaper.errors import InputError
from epaper.layout.config import ROLES, load_layout, parse_layout

from .helpers import SMALL_LAYOUT


@pytest.mark.parametrize("name, columns", [("tabloid", 5), ("broadsheet", 8)])
def test_bundled_layouts_follow_newspaper_practice(name, columns):
    cfg = load_layout(name)
    g = cfg.grid
    assert g.columns == columns
    assert 7.875 <= g.body_size <= 10.5  # 六號 … 五號 (cjk-typesetting.md §1.4)
    assert 1.5 * g.body_size <= g.pitch <= 2.0 * g.body_size  # gap 50–100 % of S
    assert g.gutter_chars * 2 == int(g.gutter_chars * 2)  # whole or half em
    assert g.left > 0 and g.left + g.width < cfg.width  # type area inside the page
    assert g.top + g.lines * g.pitch < cfg.height
    assert {r for r, _ in cfg.styles} == set(ROLES)


def test_grid_geometry_is_whole_columns_and_lines():
    g = load_layout("tabloid").grid
    assert g.span_width(2) == pytest.approx(g.column_x(2) - g.column_x(0) - g.gutter)
    assert g.span_chars(5) == 74
    # Body baselines are one pitch apart and centre the em box in the line.
    assert g.baseline(1) - g.baseline(0) == pytest.approx(g.pitch)


def _error_lines(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_layout(text, "layouts/bad.yaml")
    return [str(p) for p in info.value.problems]


def test_unknown_key_and_bad_value_name_their_lines():
    text = SMALL_LAYOUT.replace("  columns: 4\n", "  columns: 0\n  colums: 4\n")
    errors = _error_lines(text)
    assert any(e.startswith("layouts/bad.yaml:6: ") and "grid.columns" in e for e in errors)
    assert any(e.startswith("layouts/bad.yaml:7: ") and "colums" in e for e in errors)


def test_malformed_yaml_and_missing_style_are_reported():
    assert _error_lines("grid: [1, 2\n")[0].startswith("layouts/bad.yaml:")
    text = SMALL_LAYOUT.replace("  caption:     {face: kai,        size: 8,  leading: 1, "
                                "align: justify}\n", "")
    assert any("styles.caption: missing" in e for e in _error_lines(text))
    bad_face = SMALL_LAYOUT.replace("body:        {face: serif,", "body:        {face: comic,")
    assert any(":18: " in e and "comic" in e for e in _error_lines(bad_face))


def test_unknown_template_is_an_input_error():
    with pytest.raises(InputError, match="cannot read layout template"):
        load_layout("no-such-layout")


def test_rules_section_is_optional_and_checked():
    from epaper.layout.config import Rules

    assert parse_layout(SMALL_LAYOUT, "small.yaml").rules == Rules()
    text = SMALL_LAYOUT.replace("styles:\n", "rules:\n  min_column_lines: 8\n"
                                "  photo_share: 3\n  photo_dip: 150\nstyles:\n")
    errors = _error_lines(text)
    assert any(":19: " in e and "photo_share" in e for e in errors)
    assert any(":20: " in e and "photo_dip" in e for e in errors)
    ok = SMALL_LAYOUT.replace("styles:\n", "rules:\n  min_column_lines: 8\nstyles:\n")
    assert parse_layout(ok, "small.yaml").rules.min_column_lines == 8


def test_a_template_in_epaper_layouts_is_found_by_the_layout_stage_too(tmp_path, monkeypatch):
    # Ingest checks the name in $EPAPER_LAYOUTS; the layout stage must read the same
    # file (it read the checkout's layouts/ only, so a custom template passed ingest
    # and then failed to load).
    from epaper.ingest import layouts_dir

    shutil.copy(layouts_dir() / "tabloid.yaml", tmp_path / "house-style.yaml")
    monkeypatch.setenv("EPAPER_LAYOUTS", str(tmp_path))
    assert load_layout("house-style").grid.columns > 0
    monkeypatch.delenv("EPAPER_LAYOUTS")
    with pytest.raises(InputError):
        load_layout("house-style")
