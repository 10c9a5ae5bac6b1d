"""Located YAML: keys and items remember their lines."""

from __future__ import annotations

from epaper.ingest.problems import Problems
from epaper.ingest.yamlpos import Map, Seq, load


def test_lines_of_keys_and_items_with_offset():
    problems = Problems()
    data = load("a: 1\nb:\n  - x\n  - y\n", "f.md", problems, line_offset=1)
    assert isinstance(data, Map) and isinstance(data["b"], Seq)
    assert data.lines == {"a": 2, "b": 3} and data["b"].lines == [4, 5]
    assert problems.items == []


def test_malformed_yaml_reports_the_mark_line():
    problems = Problems()
    assert load("a: 1\nb: [\n", "f.yaml", problems) is None
    assert problems.items[0].line == 3 and "malformed YAML" in problems.items[0].message


def test_empty_document_is_none_without_problems():
    problems = Problems()
    assert load("", "f.yaml", problems) is None and problems.items == []


def test_alias_cycle_is_an_error_not_a_crash():
    problems = Problems()
    load("a: 1\nb: &x [*x]\n", "f.yaml", problems)
    assert [(p.line, p.message) for p in problems.items] == [(2, "an alias refers to itself")]


def test_merge_keys_and_unsafe_tags_are_errors():
    problems = Problems()
    data = load("a: 1\n<<: {b: 2}\nc: !!python/object:os.system x\n", "f.yaml", problems)
    assert data == {"a": 1, "c": None}
    assert [p.line for p in problems.items] == [2, 3]
    assert "merge keys" in problems.items[0].message
    assert problems.items[1].message.startswith("bad value: could not determine a constructor")
