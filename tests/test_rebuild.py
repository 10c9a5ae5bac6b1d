"""``epaper rebuild``: determinism, incremental stamps, failures, Ctrl-C, the CLI.

The issues are small: the three-page mini corpus day of tests/data (one warning with
a path, so issue.json carries it) copied under several dates, and the sample issue
where photos and the site's article views matter.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from epaper.build import BuildOptions
from epaper.cli import main, make_parser
from epaper.importers.pd1998 import run_import_pd1998
from epaper.rebuild import RebuildOptions, issue_dates, rebuild
from epaper.rebuild.stamp import STAMP_NAME

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "data" / "pd1998_mini.json"
SAMPLE = REPO / "issues" / "2023-01-10"
NO_IMAGES = BuildOptions(images=False, site=False)


def import_mini(folder: Path) -> Path:
    """The mini corpus day imported as the issue folder ``folder`` (dated 1998-01-02)."""
    assert run_import_pd1998(MINI, folder, stream=io.StringIO()) == 0
    return folder


@pytest.fixture(scope="session")
def mini_issue(tmp_path_factory) -> Path:
    """The mini corpus day imported once as an issue folder (1998-01-02)."""
    return import_mini(tmp_path_factory.mktemp("mini") / "1998-01-02")


def make_issues(mini: Path, root: Path, dates: list[str]) -> Path:
    """``root/<date>/``: a copy of the mini issue per date (its issue.yaml dated so)."""
    for day in dates:
        folder = root / day
        shutil.copytree(mini, folder)
        yaml = folder / "issue.yaml"
        yaml.write_text(yaml.read_text("utf-8").replace("date: 1998-01-02", f"date: {day}"),
                        encoding="utf-8")
    return root


def quiet() -> dict:
    """Consoles that keep the output for assertions (wide: no wrapped error lines)."""
    return {"console": Console(file=io.StringIO(), width=200, highlight=False),
            "progress_console": Console(file=io.StringIO(), width=200)}


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def cli(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """``python -m epaper`` in a fresh interpreter with ``env`` on top of ours."""
    return subprocess.run([sys.executable, "-m", "epaper", *args], cwd=cwd, text=True,
                          capture_output=True, env={**os.environ, **env}, timeout=600)


def test_outputs_are_identical_whatever_jobs_order_tz_locale_hashseed_cwd_path(
        mini_issue, tmp_path):
    issues = make_issues(mini_issue, tmp_path / "issues", ["1998-01-02", "1998-01-03"])
    shutil.copytree(SAMPLE, issues / SAMPLE.name)
    # A: relative paths from the folder above, two processes, all at once.
    low = ["--dpi", "30"]  # page images and site as usual, at a fraction of the cost
    first = cli(["rebuild", "issues", "-o", "out-a", "-j", "2", *low], cwd=tmp_path,
                TZ="UTC", PYTHONHASHSEED="1", LC_ALL="C.UTF-8")
    assert first.returncode == 0, first.stdout + first.stderr
    # B: absolute paths from elsewhere, one process, newest issue first, then the rest.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"TZ": "Asia/Shanghai", "PYTHONHASHSEED": "4242", "LC_ALL": "C", "LANG": "C"}
    late = cli(["rebuild", str(issues), "-o", str(tmp_path / "out-b"), "-j", "1", *low,
                "--from", "2023-01-01"], cwd=elsewhere, **env)
    early = cli(["rebuild", str(issues), "-o", str(tmp_path / "out-b"), "-j", "1", *low,
                 "--to", "1998-12-31"], cwd=elsewhere, **env)
    assert late.returncode == 0 and early.returncode == 0, late.stderr + early.stderr
    a, b = tree(tmp_path / "out-a"), tree(tmp_path / "out-b")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    # What the comparison covered: PDFs, images, the site with photos, stamps, index.
    assert {"index.html", "1998-01-03/issue.json", f"1998-01-02/{STAMP_NAME}",
            "2023-01-10/pages/01.png", "2023-01-10/2023-01-10.pdf"} <= set(a)
    assert any(name.startswith("2023-01-10/articles/photos/") for name in a)
    assert b"issue.yaml:" in a["1998-01-03/issue.json"]  # a warning naming its file
    for name, data in a.items():
        for path in (str(tmp_path), str(REPO)):
            assert path.encode() not in data, f"{name} holds the absolute path {path}"
    assert not (tmp_path / "out-a" / ".rebuild").exists()


def test_second_run_builds_nothing_one_article_rebuilds_its_issue_template_all(
        mini_issue, tmp_path, monkeypatch):
    layouts = tmp_path / "layouts"
    shutil.copytree(REPO / "layouts", layouts)
    monkeypatch.setenv("EPAPER_LAYOUTS", str(layouts))
    dates = ["1998-01-02", "1998-01-03", "1998-01-04"]
    issues = make_issues(mini_issue, tmp_path / "issues", dates)
    out = tmp_path / "out"
    options = RebuildOptions(jobs=1, build=NO_IMAGES)
    first = rebuild(issues, out, options, **quiet())
    assert (first.status, first.dates("built")) == (0, dates)
    before = {d: (out / d / f"{d}.pdf").stat().st_mtime_ns for d in dates}

    again = rebuild(issues, out, options, **quiet())
    assert (again.status, again.dates("built"), again.dates("unchanged")) == (0, [], dates)

    article = next((issues / "1998-01-03" / "articles").glob("*.md"))
    article.write_text(article.read_text("utf-8") + "\n补充一句。\n", encoding="utf-8")
    touched = rebuild(issues, out, options, **quiet())
    assert touched.dates("built") == ["1998-01-03"]
    assert touched.dates("unchanged") == ["1998-01-02", "1998-01-04"]
    after = {d: (out / d / f"{d}.pdf").stat().st_mtime_ns for d in dates}
    assert [d for d in dates if after[d] != before[d]] == ["1998-01-03"]

    template = layouts / "broadsheet.yaml"
    template.write_text(template.read_text("utf-8") + "\n# a change\n", encoding="utf-8")
    assert rebuild(issues, out, options, **quiet()).dates("built") == dates

    forced = rebuild(issues, out, RebuildOptions(jobs=1, force=True, build=NO_IMAGES),
                     **quiet())
    assert forced.dates("built") == dates
    other_options = rebuild(issues, out, RebuildOptions(jobs=1, build=BuildOptions(
        images=False, site=False, dpi=100)), **quiet())
    assert other_options.dates("built") == dates  # the options are part of the stamp


def test_one_broken_issue_fails_alone_with_its_path_and_line(mini_issue, tmp_path):
    dates = ["1998-01-02", "1998-01-03", "1998-01-04"]
    issues = make_issues(mini_issue, tmp_path / "issues", dates)
    yaml = issues / "1998-01-03" / "issue.yaml"
    yaml.write_text(yaml.read_text("utf-8").replace("layout: broadsheet", "layout: nosuch"),
                    encoding="utf-8")
    line = yaml.read_text("utf-8").splitlines().index("layout: nosuch") + 1
    console = Console(file=io.StringIO(), width=200, highlight=False)
    result = rebuild(issues, tmp_path / "out", RebuildOptions(jobs=2, build=NO_IMAGES),
                     console=console, progress_console=Console(file=io.StringIO()))
    assert result.status == 1
    assert result.dates("built") == ["1998-01-02", "1998-01-04"]
    assert result.dates("failed") == ["1998-01-03"]
    text = console.file.getvalue()
    assert f"{(issues / '1998-01-03').as_posix()}/issue.yaml:{line}: " in text
    assert "nosuch" in text
    assert not (tmp_path / "out" / "1998-01-03").exists()
    assert not (tmp_path / "out" / ".rebuild").exists()


def test_issue_dated_unlike_its_folder_fails(mini_issue, tmp_path):
    issues = make_issues(mini_issue, tmp_path / "issues", ["1998-01-02"])
    shutil.copytree(issues / "1998-01-02", issues / "1998-02-01")
    result = rebuild(issues, tmp_path / "out", RebuildOptions(jobs=1, build=NO_IMAGES),
                     **quiet())
    assert result.dates("failed") == ["1998-02-01"]
    assert "not the folder's name 1998-02-01" in result.outcomes["1998-02-01"].error
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["1998-01-02"]


def test_dates_in_range_only_date_named_folders(tmp_path):
    for name in ("1998-01-01", "1998-01-05", "1998-02-30", "notes", "1998-01-09"):
        (tmp_path / name).mkdir()
    (tmp_path / "1998-01-07").write_text("a file, not a folder")
    from datetime import date

    assert issue_dates(tmp_path) == ["1998-01-01", "1998-01-05", "1998-01-09"]
    assert issue_dates(tmp_path, date(1998, 1, 2), date(1998, 1, 9)) == [
        "1998-01-05", "1998-01-09"]


def test_ctrl_c_keeps_finished_issues_and_leaves_nothing_half_written(mini_issue, tmp_path):
    dates = [f"1998-01-{d:02d}" for d in range(2, 10)]
    issues = make_issues(mini_issue, tmp_path / "issues", dates)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "epaper", "rebuild", str(issues), "-o",
                             str(out), "-j", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while not list(out.glob(f"*/{STAMP_NAME}")) and proc.poll() is None:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C: the whole process group
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stdout + stderr
    assert "interrupted" in stdout
    finished = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert finished and len(finished) < len(dates)
    for day in finished:  # each one whole: stamped, its manifest written last
        assert (out / day / STAMP_NAME).is_file() and (out / day / "issue.json").is_file()
    assert not (out / ".rebuild").exists()
    assert not list(out.rglob("*.tmp"))


def test_scheduler_without_dask_says_how_to_install(tmp_path, mini_issue, monkeypatch):
    issues = make_issues(mini_issue, tmp_path / "issues", ["1998-01-02"])
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if absent
    console = Console(file=io.StringIO(), width=200)
    result = rebuild(issues, tmp_path / "out", RebuildOptions(scheduler="tcp://127.0.0.1:1"),
                     console=console, progress_console=Console(file=io.StringIO()))
    assert result.status == 3
    assert "pip install 'epaper[cluster]'" in console.file.getvalue()
    assert not (tmp_path / "out").exists()


def test_missing_issues_root_and_bad_arguments(tmp_path, capsys):
    assert main(["rebuild", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 1
    assert "not a folder of issue folders" in capsys.readouterr().out
    for bad in (["-j", "0"], ["--from", "1998-13-01"]):
        with pytest.raises(SystemExit) as done:
            main(["rebuild", str(tmp_path), "-o", str(tmp_path / "out"), *bad])
        assert done.value.code == 2


def test_rebuild_help_explains_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["rebuild", "--help"])
    text = capsys.readouterr().out
    command = make_parser()._subparsers._group_actions[0].choices["rebuild"]
    for action in command._actions:
        for flag in action.option_strings:
            assert flag in text
        assert action.help, f"{action.dest} has no help"


def test_publish_that_fails_puts_the_previous_build_back(tmp_path):
    from epaper.rebuild.publish import new_staging_root, publish

    out = tmp_path / "out"
    (out / "1998-01-02").mkdir(parents=True)
    (out / "1998-01-02" / "old.txt").write_text("previous build")
    staging = new_staging_root(out, "1998-01-02")
    staging.mkdir(parents=True)  # the build wrote nothing: the rename into place fails
    with pytest.raises(OSError):
        publish(staging, out, "1998-01-02")
    assert (out / "1998-01-02" / "old.txt").read_text() == "previous build"

    (staging / "1998-01-02").mkdir()
    (staging / "1998-01-02" / "new.txt").write_text("new build")
    publish(staging, out, "1998-01-02")
    assert [p.name for p in (out / "1998-01-02").iterdir()] == ["new.txt"]
    assert not staging.exists()


def test_a_crash_in_one_issue_names_the_code_line_and_the_others_build(
        mini_issue, tmp_path, monkeypatch):
    issues = make_issues(mini_issue, tmp_path / "issues", ["1998-01-02", "1998-01-03"])
    import epaper.build

    real = epaper.build.layout_issue

    def layout_or_crash(plan, **options):
        if plan.issue.date.isoformat() == "1998-01-03":
            raise ValueError("measure must be positive")
        return real(plan, **options)

    monkeypatch.setattr(epaper.build, "layout_issue", layout_or_crash)
    result = rebuild(issues, tmp_path / "out", RebuildOptions(jobs=1, build=NO_IMAGES),
                     **quiet())
    assert result.status == 1
    assert result.dates("built") == ["1998-01-02"]
    error = result.outcomes["1998-01-03"].error
    assert error.startswith("epaper/build.py:") and error.endswith(
        "ValueError: measure must be positive")
    assert str(tmp_path) not in error and "/work" not in error


def test_a_second_rebuild_into_the_same_out_is_refused(mini_issue, tmp_path):
    from epaper.rebuild.publish import lock_out, unlock_out

    issues = make_issues(mini_issue, tmp_path / "issues", ["1998-01-02"])
    out = tmp_path / "out"
    held = lock_out(out)  # as a running rebuild holds it
    assert held is not None
    console = Console(file=io.StringIO(), width=200)
    busy = rebuild(issues, out, RebuildOptions(jobs=1, build=NO_IMAGES), console=console,
                   progress_console=Console(file=io.StringIO()))
    assert busy.status == 3
    assert "another epaper rebuild is writing here" in console.file.getvalue()
    assert not (out / "1998-01-02").exists()
    unlock_out(out, held)
    done = rebuild(issues, out, RebuildOptions(jobs=1, build=NO_IMAGES), **quiet())
    assert done.dates("built") == ["1998-01-02"]
    assert sorted(p.name for p in out.iterdir()) == ["1998-01-02"]  # no .rebuild left
