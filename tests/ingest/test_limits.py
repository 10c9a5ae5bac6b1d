"""Limits and safe reading: only regular files inside the issue folder, within size."""

from __future__ import annotations

import os

from epaper.ingest import yamlpos
from epaper.ingest.limits import MAX_YAML_DEPTH, file_problem, is_inside, read_bytes
from epaper.ingest.problems import Problems


def test_regular_file_inside_is_read(tmp_path):
    (tmp_path / "a.md").write_bytes(b"abc")
    problems = Problems()
    assert read_bytes(tmp_path / "a.md", tmp_path, 10, problems) == b"abc"
    assert not problems.items


def test_what_may_not_be_read(tmp_path):
    root = tmp_path / "issue"
    root.mkdir()
    (tmp_path / "outside.md").write_text("x")
    (root / "link.md").symlink_to(tmp_path / "outside.md")
    (root / "loop.md").symlink_to(root / "loop.md")
    os.mkfifo(root / "pipe.md")
    (root / "big.md").write_bytes(b"x" * 11)
    assert "outside the issue folder" in file_problem(root / "link.md", root, 10)
    assert file_problem(root / "link.md", None, 10) == ""  # no root: links may go anywhere
    assert "FIFO" in file_problem(root / "pipe.md", root, 10)
    assert "over the limit of 10 bytes" in file_problem(root / "big.md", root, 10)
    assert "loops" in file_problem(root / "loop.md", root, 10)
    assert not is_inside(tmp_path / "outside.md", root)


def test_yaml_depth_is_checked_before_composing():
    problems = Problems()
    deep = "a: " + "[" * (MAX_YAML_DEPTH + 1) + "]" * (MAX_YAML_DEPTH + 1) + "\n"
    assert yamlpos.load(deep, "x.yaml", problems) is None
    assert "nested more than" in str(problems.items[0])
    ok = "a: " + "[" * (MAX_YAML_DEPTH - 1) + "]" * (MAX_YAML_DEPTH - 1) + "\n"
    assert yamlpos.load(ok, "x.yaml", Problems()) is not None


def test_alias_bomb_stops_at_the_budget():
    lines = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 8)]
    problems = Problems()
    assert yamlpos.load("\n".join(lines), "x.yaml", problems, line_offset=1) is None
    assert problems.items[0].line >= 2 and "aliases expand" in problems.items[0].message
    # A few honest aliases are fine.
    value = yamlpos.load("a: &x [1, 2]\nb: *x\n", "x.yaml", Problems())
    assert value["b"] == [1, 2]
