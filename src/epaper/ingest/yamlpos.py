"""YAML with line numbers: every mapping key and list item remembers its line.

PyYAML's composer gives nodes with start marks; we build plain Python values from
them ourselves, so each error can name the line of the key at fault.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .problems import Problems


class Map(dict):
    """A YAML mapping; ``line`` is where it starts, ``lines[key]`` where each key is."""

    line: int = 0

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class Seq(list):
    """A YAML sequence; ``line`` is where it starts, ``lines[i]`` where item i is."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


def load(text: str, path: object, problems: Problems, line_offset: int = 0) -> Any:
    """Parse one YAML document; ``line_offset`` is added to every line (front matter).

    Returns None (after recording an error) when the text is not valid YAML."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else 0
        reason = getattr(err, "problem", None) or str(err)
        context = getattr(err, "context", None)
        begun = getattr(err, "context_mark", None)
        if context and begun is not None and begun.line + 1 + line_offset != line:
            context += f" that began at line {begun.line + 1 + line_offset}"
        message = f"malformed YAML: {reason}" + (f" ({context})" if context else "")
        problems.error(path, line, message)
        return None
    if node is None:
        return None
    return _Builder(path, problems, line_offset).build(node)


class _Builder:
    def __init__(self, path: object, problems: Problems, offset: int) -> None:
        self.path = path
        self.problems = problems
        self.offset = offset
        self.scalars = SafeConstructor()
        self.open: set[int] = set()  # collections being built, to stop alias cycles

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.open:  # an alias inside its own anchor: &a [*a]
            self.problems.error(self.path, self.line(node), "an alias refers to itself")
            return None
        self.open.add(id(node))
        try:
            return self.collection(node)
        finally:
            self.open.discard(id(node))

    def collection(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            result = Map(self.line(node))
            for key_node, value_node in node.value:
                line = self.line(key_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.error(self.path, line, "a key must be plain text")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.error(self.path, line, "merge keys (<<) are not supported: "
                                                         "write the keys out")
                    continue
                key = self.scalar(key_node)
                if key is None:
                    continue
                key = str(key)
                if key in result:
                    self.problems.error(self.path, line, f"duplicate key '{key}' (first at "
                                        f"line {result.lines[key]})")
                    continue
                result[key] = self.build(value_node)
                result.lines[key] = line
            return result
        if isinstance(node, yaml.SequenceNode):
            seq = Seq(self.line(node))
            for item in node.value:
                seq.append(self.build(item))
                seq.lines.append(self.line(item))
            return seq
        return None

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as err:
            reason = getattr(err, "problem", None) or str(err).splitlines()[0]
            self.problems.error(self.path, self.line(node), f"bad value: {reason}")
            return None
