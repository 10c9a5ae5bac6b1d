"""YAML with line numbers: every mapping key and list item remembers its line.

PyYAML's composer gives nodes with start marks; we build plain Python values from
them ourselves, so each error can name the line of the key at fault.

Hostile YAML is stopped before it costs anything (limits in docs/limits.md): the event
stream is scanned for nesting deeper than ``MAX_YAML_DEPTH`` before the (recursive)
composer sees it, and building stops once ``MAX_YAML_NODES`` values, aliases expanded,
have been made, so an alias bomb ("billion laughs") is an error, not 4 GB.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .limits import MAX_YAML_DEPTH, MAX_YAML_NODES
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
        too_deep = deep_line(text)
        if too_deep:
            problems.error(path, too_deep + line_offset, f"YAML nested more than "
                                                         f"{MAX_YAML_DEPTH} levels deep "
                                                         "(docs/limits.md)")
            return None
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
    builder = _Builder(path, problems, line_offset)
    try:
        return builder.build(node)
    except _TooBig as err:
        problems.error(path, err.line, err.message)
        return None


def deep_line(text: str) -> int:
    """The 1-based line where ``text`` first nests deeper than ``MAX_YAML_DEPTH``, or 0.

    PyYAML's parser keeps its state in a list, so reading events is safe at any depth;
    its composer recurses once per level. Raises ``yaml.YAMLError`` on bad syntax."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return 0


class _TooBig(Exception):
    """Building stopped: aliases expand beyond the budget, or nest too deep."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Builder:
    def __init__(self, path: object, problems: Problems, offset: int) -> None:
        self.path = path
        self.problems = problems
        self.offset = offset
        self.scalars = SafeConstructor()
        self.open: set[int] = set()  # collections being built, to stop alias cycles
        self.made = 0  # values built so far, aliases expanded: the bomb budget

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node: yaml.Node) -> Any:
        self.made += 1
        if self.made > MAX_YAML_NODES:
            raise _TooBig(self.line(node), f"YAML aliases expand to more than "
                                           f"{MAX_YAML_NODES:,} values (docs/limits.md): "
                                           "write the values out instead of '*' aliases")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.open:  # an alias inside its own anchor: &a [*a]
            self.problems.error(self.path, self.line(node), "an alias refers to itself")
            return None
        if len(self.open) >= MAX_YAML_DEPTH:  # aliases can nest deeper than the text
            raise _TooBig(self.line(node), f"YAML aliases nest more than {MAX_YAML_DEPTH} "
                                           "levels deep (docs/limits.md)")
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
