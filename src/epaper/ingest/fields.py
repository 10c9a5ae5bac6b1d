"""Typed reads from a located YAML mapping, recording a problem for each misfit."""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterable
from typing import Any

from .problems import Problems
from .text import normalize
from .yamlpos import Map, Seq

LANGS = ("zh-Hans", "zh-Hant")


class Fields:
    """Read keys of one mapping of ``path``; ``what`` names it in messages."""

    def __init__(self, mapping: Map, path: object, problems: Problems, what: str) -> None:
        self.map = mapping
        self.path = path
        self.problems = problems
        self.what = what

    def line(self, key: str) -> int:
        """The line of ``key`` (or of the mapping when absent)."""
        return self.map.line_of(key)

    def error(self, key: str, message: str) -> None:
        """Record an error at ``key``'s line."""
        self.problems.error(self.path, self.line(key), message)

    def check_keys(self, allowed: Iterable[str]) -> None:
        """Every key not in ``allowed`` is an error: it is nearly always a typo."""
        allowed = list(allowed)
        for key in self.map:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.error(key, f"unknown key '{key}' in {self.what}{hint}")

    def _missing(self, key: str, required: bool) -> bool:
        value = self.map.get(key)
        if value is None or value == "":
            if required:
                self.problems.error(self.path, self.map.line,
                                    f"{self.what}: required key '{key}' is missing or empty")
            return True
        return False

    def text(self, key: str, required: bool = False) -> str:
        """A text value, full-width alnum normalised; "" when absent."""
        if self._missing(key, required):
            return ""
        value = self.map[key]
        if not isinstance(value, str):
            self.error(key, f"'{key}' must be text, not {_kind(value)} (quote it)")
            return ""
        text = normalize(value.strip())
        if required and not text:
            self.error(key, f"{self.what}: required key '{key}' is empty")
        return text

    def integer(self, key: str, required: bool = False, minimum: int | None = None,
                maximum: int | None = None) -> int | None:
        """An integer value within the bounds, or None."""
        if self._missing(key, required):
            return None
        value = self.map[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"'{key}' must be a whole number, not {_kind(value)}")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None
                                                         and value > maximum):
            bounds = f"{minimum}..{maximum}" if maximum is not None else f">= {minimum}"
            self.error(key, f"'{key}' is {value}, must be {bounds}")
            return None
        return value

    def date(self, key: str, required: bool = False) -> _dt.date | None:
        """An ISO date (YYYY-MM-DD), or None."""
        if self._missing(key, required):
            return None
        value = self.map[key]
        if isinstance(value, str):
            try:
                value = _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
            self.error(key, f"'{key}' must be a date YYYY-MM-DD, not {value!r}")
            return None
        return value

    def boolean(self, key: str) -> bool:
        """true/false; False when absent."""
        value = self.map.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not {value!r}")
            return False
        return value

    def lang(self, key: str, default: str, required: bool = False) -> str:
        """zh-Hans or zh-Hant."""
        value = self.text(key, required)
        if not value:
            return default
        if value not in LANGS:
            self.error(key, f"'{key}' is '{value}', must be one of {', '.join(LANGS)}")
            return default
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        """One of ``allowed`` (``default`` when absent or wrong, which is reported)."""
        value = self.text(key)
        if not value:
            return default
        if value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.error(key, f"'{key}' is '{value}', must be one of {', '.join(allowed)}{hint}")
            return default
        return value

    def number(self, key: str, minimum: float, maximum: float) -> float | None:
        """A number (int or decimal) within the bounds, or None."""
        value = self.map.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(key, f"'{key}' must be a number, not {_kind(value)}")
            return None
        if not minimum <= value <= maximum:
            self.error(key, f"'{key}' is {value}, must be {minimum}..{maximum}")
            return None
        return float(value)

    def mapping(self, key: str) -> Map | None:
        """A nested mapping, or None."""
        value = self.map.get(key)
        if value is None:
            return None
        if not isinstance(value, Map):
            self.error(key, f"'{key}' must be a mapping of keys, not {_kind(value)}")
            return None
        return value

    def sequence(self, key: str) -> Seq | None:
        """A list, or None."""
        value = self.map.get(key)
        if value is None:
            return None
        if not isinstance(value, Seq):
            self.error(key, f"'{key}' must be a list, not {_kind(value)}")
            return None
        return value


def _kind(value: Any) -> str:
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return repr(value)
