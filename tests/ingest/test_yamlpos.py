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
