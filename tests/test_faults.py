"""Faults in the middle of a build: kill -9 and Ctrl-C at several points, a full disk,
a read-only output, two builds at once. Whatever happens, ``OUT/<date>/`` is the
previous output, whole, or the new one, complete; never a mix, never a stray
staging folder after the next build, never an orphaned worker process."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from epaper.build import BuildOptions, run_build
from epaper.cli import main

DATE = "2023-01-10"
DPI = "100"  # the faults are the point, not the pictures
WAIT = 120.0  # s: how long a stage of a child build may take to appear (not a timing test)


PAGES = 6  # enough pages that each stage of the build lasts a while


def _make_issue(root: Path) -> None:
    """A small issue: one photo-less article per page, a few paragraphs each."""
    (root / "articles").mkdir(parents=True)
    pages = "".join(f"  - number: {n}\n    section: 第{n}版\n    articles: [a{n}]\n"
                    for n in range(1, PAGES + 1))
    (root / "issue.yaml").write_text(
        f"paper: 測試日報\ndate: {DATE}\nnumber: 1\ntotal_number: 1\nserial: CN 00-0000\n"
        f"lang: zh-Hant\nlayout: tabloid\npages:\n{pages}", encoding="utf-8")
    for n in range(1, PAGES + 1):
        body = "\n\n".join(f"第{n}版第{k}段，" + "新聞正文內容。" * 12 for k in range(1, 5))
        (root / "articles" / f"a{n}.md").write_text(
            f"---\ntitle: 第{n}版的標題\n---\n{body}\n", encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict:
    """An issue folder with an output already built from it ("old"), the issue
    changed since, and the complete output of the changed issue ("new")."""
    base = tmp_path_factory.mktemp("faults")
    issue = base / "issue" / DATE
    _make_issue(issue)
    options = BuildOptions(dpi=int(DPI))
    seed_out = base / "seed-out"
    assert run_build(issue, seed_out, options) == 0
    old = _tree(seed_out / DATE)
    lead = issue / "articles" / "a1.md"
    text = lead.read_text(encoding="utf-8")
    lead.write_text(text.replace("title:", "title: 改", 1), encoding="utf-8")
    ref = base / "new-out"
    assert run_build(issue, ref, options) == 0
    new = _tree(ref / DATE)
    assert old != new
    return {"issue": issue, "seed": seed_out, "old": old, "new": new}


def _fresh_out(world: dict, tmp_path: Path) -> Path:
    """An output root holding the old build."""
    out = tmp_path / "out"
    shutil.copytree(world["seed"], out)
    return out


def _start(world: dict, out: Path, group: bool = False) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "epaper", "build", str(world["issue"]), "-o", str(out),
         "--dpi", DPI], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=group)


def _staging(out: Path) -> list[Path]:
    return sorted(out.glob(f".{DATE}.build-*/{DATE}"))


# Points of a build, seen from outside: the staging folder exists; the issue PDF is in
# it; page images are being written (the worker processes are busy).
POINTS = {
    "staging": lambda out: bool(_staging(out)),
    "pdf": lambda out: any((s / f"{DATE}.pdf").exists() for s in _staging(out)),
    "images": lambda out: any(list((s / "pages").glob("*.png")) for s in _staging(out)),
}


def _wait_for(job: subprocess.Popen, out: Path, point: str) -> bool:
    """Poll until the build reaches ``point``; False if it ended first."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if POINTS[point](out):
            return True
        if job.poll() is not None:
            return False
        time.sleep(0.002)
    raise AssertionError(f"the build never reached {point}")


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (the rasteriser workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _assert_whole(world: dict, out: Path) -> str:
    """The output is the old one or the new one, entire; returns which."""
    tree = _tree(out / DATE)
    if tree == world["old"]:
        return "old"
    assert tree == world["new"], "a mix of old and new output"
    return "new"


def _rebuild_cleans_up(world: dict, out: Path) -> None:
    job = _start(world, out)
    _stdout, stderr = job.communicate(timeout=600)
    assert job.returncode == 0, stderr
    assert _tree(out / DATE) == world["new"]
    assert not list(out.glob(".*.build-*")), "the next build leaves no staging folder"


linux_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="needs /proc to find worker processes")


@linux_proc
@pytest.mark.parametrize("point", list(POINTS))
def test_kill_9_leaves_the_old_output_whole_and_no_orphans(world, tmp_path, point):
    out = _fresh_out(world, tmp_path)
    job = _start(world, out)
    reached = _wait_for(job, out, point)
    workers = _children(job.pid)
    job.kill()
    job.communicate(timeout=60)
    which = _assert_whole(world, out)
    # Killed mid-build it is the old output; only a build that ended before the kill
    # (the test process descheduled on a busy machine) may show the new one.
    assert which == "new" or reached
    deadline = time.monotonic() + WAIT
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "workers outlived their killed parent"
    _rebuild_cleans_up(world, out)


@pytest.mark.parametrize("group", [False, True], ids=["process", "terminal-group"])
@pytest.mark.parametrize("point", list(POINTS))
def test_ctrl_c_exits_130_quietly_with_the_old_output_whole(world, tmp_path, point, group):
    out = _fresh_out(world, tmp_path)
    job = _start(world, out, group=group)
    reached = _wait_for(job, out, point)
    if group:  # what a terminal's Ctrl-C does: the whole foreground group
        os.killpg(job.pid, signal.SIGINT)
    else:
        job.send_signal(signal.SIGINT)
    _stdout, stderr = job.communicate(timeout=600)
    assert "Traceback" not in stderr, stderr
    if reached and job.returncode != 0:
        assert job.returncode == 130, stderr
        assert "epaper: interrupted" in stderr
        assert _assert_whole(world, out) == "old"
    else:  # the signal came as the build finished: then it is the new output, whole
        assert _assert_whole(world, out) == "new"
    assert not list(out.glob(".*.build-*")), "Ctrl-C leaves no staging folder"


def _full_disk_at(monkeypatch, suffix: str) -> None:
    """Writing the first file whose name ends with ``suffix`` fails half-way with
    ENOSPC, as on a full disk (page images are written in worker processes, which
    inherit the patch when they fork)."""
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        # Atomic writes go through temporary names: .<name>.<pid>.tmp
        if self.name.endswith(".tmp") and self.name.rsplit(".", 2)[0].endswith(suffix):
            real(self, data[:len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


@pytest.mark.parametrize("suffix", [".png", ".html", "issue.json"])
def test_full_disk_exits_3_and_keeps_the_old_output(world, tmp_path, monkeypatch, capsys,
                                                    suffix):
    out = _fresh_out(world, tmp_path)
    _full_disk_at(monkeypatch, suffix)
    status = main(["build", str(world["issue"]), "-o", str(out), "--dpi", DPI])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status == 3, err
    assert "No space left on device" in err and "Traceback" not in err
    assert f"{out / DATE}/" in err and ".build-" not in err  # the file as it would be
    assert _assert_whole(world, out) == "old"
    assert not [p for p in out.rglob("*") if ".tmp" in p.name or ".build-" in p.name]


def test_read_only_output_exits_3(world, tmp_path, monkeypatch, capsys):
    out = _fresh_out(world, tmp_path)
    real_open = os.open

    def read_only_open(path, flags, *args, **kwargs):
        if Path(path).is_relative_to(out) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    status = main(["build", str(world["issue"]), "-o", str(out), "--dpi", DPI])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status == 3 and "Read-only file system" in err and "Traceback" not in err
    assert _assert_whole(world, out) == "old"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes through folder permissions")
def test_output_folder_without_write_permission_exits_3(world, tmp_path, capsys):
    out = _fresh_out(world, tmp_path)
    out.chmod(0o555)
    try:
        status = main(["build", str(world["issue"]), "-o", str(out), "--dpi", DPI])
    finally:
        out.chmod(0o755)
    err = capsys.readouterr().err
    assert status == 3 and "Permission denied" in err and "Traceback" not in err
    assert _assert_whole(world, out) == "old"


def test_two_builds_into_one_output_never_mix(world, tmp_path):
    out = _fresh_out(world, tmp_path)
    jobs = [_start(world, out) for _ in range(2)]
    results = [job.communicate(timeout=600) for job in jobs]
    codes = sorted(job.returncode for job in jobs)
    assert codes in ([0, 0], [0, 3]), results
    if codes == [0, 3]:
        assert any("another build of this issue is running" in err for _o, err in results)
    assert _assert_whole(world, out) == "new"
    assert not list(out.glob(".*.build-*"))


def test_a_no_images_rebuild_leaves_no_old_site_beside_the_new_pdf(world, tmp_path):
    out = _fresh_out(world, tmp_path)
    assert (out / DATE / "index.html").exists()
    assert main(["build", str(world["issue"]), "-o", str(out), "--no-images"]) == 0
    names = set(_tree(out / DATE))
    assert f"{DATE}.pdf" in names and not {"index.html", "issue.json"} & names
    assert not any(n.endswith(".png") for n in names)


def test_sigterm_exits_143_with_the_old_output_whole(world, tmp_path):
    out = _fresh_out(world, tmp_path)
    job = _start(world, out)
    reached = _wait_for(job, out, "pdf")
    job.terminate()
    _stdout, stderr = job.communicate(timeout=600)
    assert "Traceback" not in stderr, stderr
    if reached and job.returncode != 0:
        assert job.returncode == 143 and "epaper: terminated" in stderr, stderr
        assert _assert_whole(world, out) == "old"
    assert not list(out.glob(".*.build-*"))
