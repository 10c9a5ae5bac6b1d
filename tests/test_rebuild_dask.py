"""``epaper rebuild --scheduler``: the same files from a Dask cluster as from a local run.

Skipped only when Dask distributed is not installed (the dev extra installs it, so
``make test`` runs these).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from epaper.build import BuildOptions
from epaper.rebuild import RebuildOptions, rebuild
from test_rebuild import cli, import_mini, make_issues, tree

distributed = pytest.importorskip("distributed")

LOW = BuildOptions(dpi=30)  # images and site, cheaply
DATES = ["1998-01-02", "1998-01-03", "1998-01-04"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """(issues, files): three mini issues and what a local one-process rebuild made."""
    root = tmp_path_factory.mktemp("dask")
    issues = make_issues(import_mini(root / "mini" / "1998-01-02"), root / "issues", DATES)
    result = rebuild(issues, root / "local", RebuildOptions(jobs=1, build=LOW),
                     console=Console(file=io.StringIO()),
                     progress_console=Console(file=io.StringIO()))
    assert result.status == 0
    return issues, tree(root / "local")


def test_local_cluster_of_two_processes_gives_the_same_files(reference, tmp_path):
    issues, expected = reference
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        console = Console(file=io.StringIO(), width=200)
        result = rebuild(issues, tmp_path / "out",
                         RebuildOptions(scheduler=cluster.scheduler_address, build=LOW),
                         console=console, progress_console=Console(file=io.StringIO()))
    assert result.status == 0, console.file.getvalue()
    assert result.dates("built") == DATES
    assert "Dask at tcp://" in console.file.getvalue()
    actual = tree(tmp_path / "out")
    assert sorted(actual) == sorted(expected)
    assert [name for name in expected if actual[name] != expected[name]] == []


def _dask_command(name: str) -> list[str]:
    script = Path(sys.executable).parent / "dask"
    if not script.exists():
        pytest.skip("the dask command is not installed next to this Python")
    return [str(script), name]


def test_real_dask_scheduler_and_worker_processes(reference, tmp_path):
    issues, expected = reference
    scheduler_file = tmp_path / "scheduler.json"
    started = []
    try:
        started.append(subprocess.Popen(
            [*_dask_command("scheduler"), "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(scheduler_file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        deadline = time.monotonic() + 120  # a guard against a hang, not a speed check
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        started.append(subprocess.Popen(
            [*_dask_command("worker"), address, "--nthreads", "2", "--nworkers", "1",
             "--no-dashboard", "--host", "127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)
        run = cli(["rebuild", str(issues), "-o", str(tmp_path / "out"), "--dpi", "30",
                   "--scheduler", address], cwd=tmp_path)
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            process.wait(timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"Dask at {address}" in run.stdout
    actual = tree(tmp_path / "out")
    assert sorted(actual) == sorted(expected)
    assert [name for name in expected if actual[name] != expected[name]] == []


def test_unreachable_scheduler_is_a_clear_error(tmp_path, reference, monkeypatch):
    issues, _ = reference
    monkeypatch.setattr("epaper.rebuild.backends.CONNECT_TIMEOUT", "2s")
    console = Console(file=io.StringIO(), width=200)
    result = rebuild(issues, tmp_path / "out",
                     RebuildOptions(scheduler="tcp://127.0.0.1:9", build=LOW),
                     console=console, progress_console=Console(file=io.StringIO()))
    assert result.status == 3
    assert "cannot reach the scheduler tcp://127.0.0.1:9" in console.file.getvalue()
