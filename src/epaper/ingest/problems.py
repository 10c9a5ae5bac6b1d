"""Collect every problem found while loading, so one run reports them all."""

from __future__ import annotations

from ..errors import InputError, Problem


class Problems:
    """An ordered list of errors and warnings about input files."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: object, line: int, message: str) -> None:
        """Record an error at ``path:line`` (line 0: the whole file)."""
        self.items.append(Problem(str(path), line, message))

    def warn(self, path: object, line: int, message: str) -> None:
        """Record a warning: reported, but the build goes on."""
        self.items.append(Problem(str(path), line, message, severity="warning"))

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the build."""
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not stop the build."""
        return [p for p in self.items if p.severity != "error"]

    def raise_if_errors(self) -> None:
        """Raise :class:`InputError` with all problems (warnings too) if any is an error."""
        if self.errors:
            raise InputError(self.items)
