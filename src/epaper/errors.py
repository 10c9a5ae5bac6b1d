"""Problems found in inputs, reported as ``path:line: message``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def printable(text: str) -> str:
    """``text`` safe for a terminal: control, format and separator characters (which a
    terminal would act on, or which hide) written as ``\\xNN``/``\\uNNNN`` escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " or unicodedata.category(ch)
                   not in ("Cc", "Cf", "Zl", "Zp") else ascii(ch)[1:-1] for ch in text)


@dataclass(frozen=True)
class Problem:
    """One problem with an input file. ``line`` 0 means the whole file."""

    path: str
    line: int
    message: str
    severity: str = "error"  # "error" or "warning"
    column: int = 0

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        prefix = "" if self.severity == "error" else "warning: "
        return printable(f"{where}: {prefix}{self.message}")


class InputError(Exception):
    """Raised when inputs have errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
