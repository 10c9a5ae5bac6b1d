"""What a rebuild shows: a progress bar while it runs and a summary table at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from .task import BUILT, FAILED, UNCHANGED, Outcome

MAX_FAILURES_SHOWN = 30  # the table stays readable; the count says how many more
MAX_CURRENT_SHOWN = 4  # dates named on the progress line; more are counted


class RateColumn(ProgressColumn):
    """Issues per minute over the builds so far (rich's own speed estimate swings
    wildly when two builds end together), and the time left at that rate."""

    def render(self, task: Task) -> Text:
        done, elapsed = task.fields.get("built", 0), task.elapsed or 0.0
        if not done or not elapsed:
            return Text("– issues/min", style="progress.data.speed")
        rate = done / elapsed
        left = (task.remaining or 0) / rate
        return Text(f"{rate * 60:.1f} issues/min, {int(left // 60)}:{int(left % 60):02d} left",
                    style="progress.data.speed")


def progress_bar(console: Console) -> Progress:
    """The live display: description, bar, done/total, rate and ETA, elapsed, current."""
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
                    TextColumn("{task.fields[current]}", style="dim"),
                    console=console, transient=False)


def current_text(dates: list[str]) -> str:
    """The issues being built, e.g. ``1998-01-03 1998-01-04 +2``."""
    shown = " ".join(sorted(dates)[:MAX_CURRENT_SHOWN])
    more = len(dates) - MAX_CURRENT_SHOWN
    return shown + (f" +{more}" if more > 0 else "")


@dataclass
class Tally:
    """Outcomes as they come in."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    failure_lines: dict[str, str] = field(default_factory=dict)  # date -> error shown

    def add(self, outcome: Outcome, error_line: str = "") -> None:
        """Record one issue's outcome (``error_line``: its error as shown)."""
        self.outcomes[outcome.date] = outcome
        if outcome.status == FAILED:
            self.failure_lines[outcome.date] = error_line or outcome.error

    def count(self, status: str) -> int:
        """How many issues ended with ``status``."""
        return sum(1 for o in self.outcomes.values() if o.status == status)

    @property
    def failed(self) -> list[str]:
        """Dates of the failed issues, in date order."""
        return sorted(self.failure_lines)


def summary_tables(tally: Tally, seconds: float, backend: str) -> list[Table]:
    """The totals table and, when any failed, the table of failures."""
    built = [o for o in tally.outcomes.values() if o.status == BUILT]
    totals = Table(title=f"epaper rebuild ({backend})", title_justify="left")
    for name in ("built", "unchanged", "failed", "warnings", "pages", "time"):
        totals.add_column(name, justify="right")
    totals.add_row(str(len(built)), str(tally.count(UNCHANGED)), str(tally.count(FAILED)),
                   str(sum(o.warnings for o in built)), str(sum(o.pages for o in built)),
                   f"{seconds:.1f} s")
    tables = [totals]
    if tally.failed:
        failures = Table(title="failed", title_justify="left", title_style="bold red")
        failures.add_column("issue")
        failures.add_column("first error (path:line: message)", overflow="fold")
        for date in tally.failed[:MAX_FAILURES_SHOWN]:
            failures.add_row(date, tally.failure_lines[date])
        if len(tally.failed) > MAX_FAILURES_SHOWN:
            failures.add_row("…", f"and {len(tally.failed) - MAX_FAILURES_SHOWN} more")
        tables.append(failures)
    return tables
