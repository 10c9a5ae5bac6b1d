"""``epaper rebuild``: build every issue folder of a date range, in parallel, skipping
issues whose stamp is unchanged, and refresh the archive index once at the end."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.text import Text

from ..build import BuildOptions
from .backends import Backend, make_backend, usable_cores
from .publish import clear_staging, discard, lock_out, new_staging_root, publish, unlock_out
from .report import Tally, current_text, progress_bar, summary_tables
from .stamp import Environment, environment, is_current, issue_stamp
from .task import BUILT, FAILED, UNCHANGED, Outcome, Task
from .verify import Difference, compare_files, compare_trees

_DATE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EXIT_OK, EXIT_FAILED, EXIT_ENVIRONMENT, EXIT_INTERRUPTED = 0, 1, 3, 130


@dataclass(frozen=True)
class RebuildOptions:
    """The command line's choices."""

    date_from: date | None = None
    date_to: date | None = None
    jobs: int = field(default_factory=usable_cores)
    force: bool = False
    verify: bool = False
    scheduler: str | None = None
    build: BuildOptions = BuildOptions()


def issue_dates(issues_root: Path, date_from: date | None = None,
                date_to: date | None = None) -> list[str]:
    """Names of the ``YYYY-MM-DD`` folders of ``issues_root`` within the range, sorted."""
    found = []
    for path in issues_root.iterdir():
        if not (path.is_dir() and _DATE_NAME.match(path.name)):
            continue
        try:
            day = date.fromisoformat(path.name)
        except ValueError:
            continue  # 2023-02-30: not a date, so not an issue folder
        if (date_from is None or day >= date_from) and (date_to is None or day <= date_to):
            found.append(path.name)
    return sorted(found)


def _absolute_env_paths() -> None:
    # Workers run with the issue folder as working directory: a relative
    # EPAPER_LAYOUTS or EPAPER_FONTS_DIR would point elsewhere there.
    for name in ("EPAPER_LAYOUTS", "EPAPER_FONTS_DIR"):
        if os.environ.get(name):
            os.environ[name] = str(Path(os.environ[name]).resolve())


class Rebuild:
    """One run: plan, build, publish, report."""

    def __init__(self, issues_root: Path, out: Path, options: RebuildOptions,
                 console: Console, progress_console: Console):
        self.issues_root, self.out, self.options = issues_root, out, options
        self.console, self.progress_console = console, progress_console
        self.tally = Tally()
        self.current: set[str] = set()
        self.staging: dict[str, Path] = {}  # date -> staging root of a running build

    def _shown_error(self, outcome: Outcome) -> str:
        if outcome.crash or not outcome.error:
            return outcome.error
        # The build ran inside the issue folder: name the file from where we stand.
        return f"{(self.issues_root / outcome.date).as_posix()}/{outcome.error}"

    def plan(self, env: Environment, target: Path, dates: list[str]) -> list[Task]:
        """A task per issue to build; unchanged issues go straight into the tally."""
        options = asdict(self.options.build)
        tasks = []
        for day in dates:
            issue_dir = (self.issues_root / day).resolve()
            try:
                stamp = issue_stamp(env, issue_dir, options)
            except OSError as err:
                self.tally.add(Outcome(day, FAILED, error=f"{err.filename}: {err.strerror}"))
                continue
            if not (self.options.force or self.options.verify) and is_current(
                    self.out / day, stamp):
                self.tally.add(Outcome(day, UNCHANGED))
                continue
            staging = new_staging_root(target, day)
            self.staging[day] = staging
            tasks.append(Task(day, str(issue_dir), str(staging.absolute()),
                              self.options.build, stamp))
        return tasks

    def build(self, backend: Backend, tasks: list[Task], target: Path, total: int) -> None:
        """Run the tasks with a progress bar; publish each finished issue into
        ``target``."""
        progress = progress_bar(self.progress_console)
        # The bar counts every issue; unchanged ones are done before it starts, and the
        # rate counts only builds (``built``: finished builds, failed ones included).
        bar = progress.add_task("verify" if self.options.verify else "rebuild", total=total,
                                completed=total - len(tasks), current="", built=0)

        def started(task: Task) -> None:
            self.current.add(task.date)
            progress.update(bar, current=current_text(list(self.current)))

        def finished(task: Task, outcome: Outcome) -> None:
            staging = self.staging.pop(task.date)
            if outcome.status == BUILT:
                try:
                    publish(staging, target, task.date)
                except OSError as err:  # a read-only or full OUT: this issue fails
                    discard(staging)
                    outcome = Outcome(task.date, FAILED, seconds=outcome.seconds, crash=True,
                                      error=f"{target / task.date}: cannot move the build "
                                            f"into place: {err.strerror or err}")
            if outcome.status != BUILT:
                discard(staging)
                progress.console.print(Text.assemble(("failed", "red"), f" {task.date}: ",
                                                     self._shown_error(outcome)))
            self.tally.add(outcome, self._shown_error(outcome))
            self.current.discard(task.date)
            finished_builds = progress.tasks[0].fields["built"] + 1
            progress.update(bar, advance=1, current=current_text(list(self.current)),
                            built=finished_builds)
            if progress.tasks[0].finished:
                progress.stop_task(bar)  # the clock and the rate stop with the last build

        with progress:
            backend.run(tasks, started, finished)


@dataclass(frozen=True)
class RebuildResult:
    """What a rebuild did: its exit status, each issue's outcome, ``--verify``'s
    differences."""

    status: int
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    differences: tuple[Difference, ...] = ()

    def dates(self, status: str) -> list[str]:
        """The issues that ended with ``status`` (built, unchanged, failed), sorted."""
        return sorted(d for d, o in self.outcomes.items() if o.status == status)


def run_rebuild(issues_root: Path, out: Path, options: RebuildOptions = RebuildOptions(),
                console: Console | None = None, progress_console: Console | None = None) -> int:
    """Rebuild the issues of ``issues_root`` (``<YYYY-MM-DD>/issue.yaml``) into
    ``out/<date>/``; print progress and a summary. Returns the exit status: 0 all
    built or unchanged (or, with ``verify``, identical), 1 any failed or differs,
    3 the cluster cannot be used, 130 interrupted."""
    return rebuild(issues_root, out, options, console, progress_console).status


def rebuild(issues_root: Path, out: Path, options: RebuildOptions = RebuildOptions(),
            console: Console | None = None,
            progress_console: Console | None = None) -> RebuildResult:
    """:func:`run_rebuild`, returning the outcomes as well as the exit status."""
    # markup off: paths and messages may hold [brackets] (pip install 'epaper[cluster]')
    console = console or Console(highlight=False, markup=False)
    progress_console = progress_console or Console(stderr=True, highlight=False,
                                                   markup=False)
    issues_root, out = Path(issues_root), Path(out)
    if not issues_root.is_dir():
        console.print(f"epaper: {issues_root}: not a folder of issue folders "
                      "(want <YYYY-MM-DD>/issue.yaml)", markup=False)
        return RebuildResult(EXIT_FAILED)
    dates = issue_dates(issues_root, options.date_from, options.date_to)
    if not dates:
        console.print(f"epaper: no issue folders (YYYY-MM-DD) in {issues_root} in the range",
                      markup=False)
        return RebuildResult(EXIT_OK)
    try:
        backend = make_backend(options.jobs, options.scheduler)
    except RuntimeError as err:
        console.print(f"epaper: {err}", markup=False)
        return RebuildResult(EXIT_ENVIRONMENT)
    except (OSError, TimeoutError) as err:
        console.print(f"epaper: cannot reach the scheduler {options.scheduler}: {err}",
                      markup=False)
        return RebuildResult(EXIT_ENVIRONMENT)
    _absolute_env_paths()
    from ..fonts import FONTS_DIR
    from ..ingest import layouts_dir

    start = time.perf_counter()
    env = environment(layouts_dir(), FONTS_DIR)
    if options.verify and not out.is_dir():
        console.print(f"epaper: {out}: no folder to verify against", markup=False)
        return RebuildResult(EXIT_FAILED)
    out.mkdir(parents=True, exist_ok=True)
    target = out
    if options.verify:
        target = Path(tempfile.mkdtemp(prefix=f".{out.resolve().name}.verify-",
                                       dir=out.resolve().parent))
    run = Rebuild(issues_root, out, options, console, progress_console)
    lock = lock_out(target)
    if lock is None:
        console.print(f"epaper: {out}: another epaper rebuild is writing here; wait for it "
                      f"or stop it", markup=False)
        return RebuildResult(EXIT_ENVIRONMENT)
    clear_staging(target)
    status = EXIT_OK
    try:
        tasks = run.plan(env, target, dates)
        run.build(backend, tasks, target, len(dates))
    except KeyboardInterrupt:
        console.print("epaper: interrupted; finished issues are in place, unfinished ones "
                      "left nothing behind", markup=False)
        status = EXIT_INTERRUPTED
    finally:
        unlock_out(target, lock)
    built = run.tally.count(BUILT)
    if options.build.site and options.build.images and (
            built or not (target / "index.html").exists()):
        from ..render.site import write_archive

        write_archive(target)
    for table in summary_tables(run.tally, time.perf_counter() - start, backend.name):
        console.print(table)
    differences: list[Difference] = []
    if options.verify:
        differences = [] if status else _verify(out, target, dates, run.tally)
        shutil.rmtree(target, ignore_errors=True)
        for difference in differences:
            console.print(str(difference), highlight=False, markup=False)
        if not status:
            console.print(f"verify: {len(differences)} file(s) differ" if differences
                          else "verify: every file is identical")
        if differences and status == EXIT_OK:
            status = EXIT_FAILED
    if run.tally.failed and status == EXIT_OK:
        status = EXIT_FAILED
    return RebuildResult(status, dict(run.tally.outcomes), tuple(differences))


def _verify(out: Path, fresh: Path, dates: list[str], tally: Tally) -> list[Difference]:
    """Differences between OUT and the fresh build of ``dates`` (failed ones skipped,
    they are reported as failures)."""
    differences = []
    for day in dates:
        if tally.outcomes.get(day) and tally.outcomes[day].status == BUILT:
            differences.extend(compare_trees(fresh / day, out / day, day))
    # The archive index lists every issue in OUT: comparable only when the range
    # covered them all.
    in_out = {p.parent.name for p in out.glob("*/issue.json")}
    index = fresh / "index.html"
    if index.exists() and in_out <= set(dates):
        if not (out / "index.html").exists():
            differences.append(Difference("index.html", "missing in OUT"))
        else:
            differences.extend(compare_files(index, out / "index.html", "index.html"))
    return differences
