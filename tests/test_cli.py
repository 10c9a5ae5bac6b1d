"""The command line: help for every option, exit codes, nothing written on errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from epaper.cli import main, make_parser


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_top_level_help_names_the_commands(capsys):
    text = _help(capsys)
    assert "build" in text and "import" in text


def test_build_help_explains_every_option(capsys):
    text = _help(capsys, "build")
    build = make_parser()._subparsers._group_actions[0].choices["build"]
    for action in build._actions:
        for flag in action.option_strings:
            assert flag in text
        assert action.help, f"{action.dest} has no help"


def test_build_with_bad_input_exits_1_and_writes_nothing(tmp_path, capsys):
    issue = tmp_path / "2023-01-10"
    issue.mkdir()
    (issue / "issue.yaml").write_text("paper: 報\ndate: [\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(issue), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{issue / 'issue.yaml'}:3: malformed YAML" in err
    assert "nothing written" in err
    assert not out.exists()


def test_build_of_a_missing_folder_exits_1(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]) == 1
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("dpi", ["5000", "0", "abc"])
def test_build_rejects_a_dpi_the_rasteriser_cannot_take(dpi, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "issues/2023-01-10", "--dpi", dpi, "-o", "unused"])
    assert exc.value.code == 2
    assert "--dpi" in capsys.readouterr().err


def _failing_build(monkeypatch, error: BaseException) -> None:
    import epaper.build

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(epaper.build, "run_build", fail)


@pytest.mark.parametrize(("error", "status", "message"), [
    (KeyboardInterrupt(), 130, "epaper: interrupted; the previous output is unchanged"),
    (OSError(28, "No space left on device", "out/2023-01-10/.x.png.tmp"), 3,
     "epaper: out/2023-01-10/.x.png.tmp: No space left on device"),
    (PermissionError(13, "Permission denied", "out/.2023-01-10.build-77/2023-01-10/a.pdf"),
     3, "epaper: out/2023-01-10/a.pdf: Permission denied"),
    (RuntimeError("boom"), 4, "epaper: internal error: RuntimeError: boom"),
])
def test_every_failure_is_one_line_and_a_documented_status(monkeypatch, capsys, error,
                                                           status, message):
    _failing_build(monkeypatch, error)
    assert main(["build", "issues/2023-01-10", "-o", "unused"]) == status
    err = capsys.readouterr().err
    assert err.strip() == message or err.strip().startswith(message)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["--debug", "build"], ["build", "--debug"]])
def test_debug_adds_the_traceback(monkeypatch, capsys, argv):
    _failing_build(monkeypatch, RuntimeError("boom"))
    assert main([*argv, "issues/2023-01-10", "-o", "unused"]) == 4
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "RuntimeError: boom" in err
    assert err.strip().splitlines()[-1].startswith("epaper: internal error")


def test_build_into_a_file_exits_3(tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    issue = tmp_path / "2023-01-10"
    issue.mkdir()
    (issue / "issue.yaml").write_text(
        "paper: 報\ndate: 2023-01-10\nnumber: 1\ntotal_number: 1\nserial: CN 00-0000\n"
        "lang: zh-Hant\nlayout: tabloid\npages:\n  - number: 1\n    section: 要聞\n",
        encoding="utf-8")
    assert main(["build", str(issue), "-o", str(blocker), "--no-images"]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"epaper: {blocker}") and "Traceback" not in err


@pytest.fixture
def overlong_issue(tmp_path: Path, one_page_issue) -> Path:
    """A one-page tabloid issue whose only article is three times the page."""
    body = "\n\n".join("市民採購年貨的熱情逐漸升溫，記者走訪城區多家超市和農貿市場。" * 6
                       for _ in range(90))
    return one_page_issue(
        tmp_path, {"long": f"---\ntitle: 一篇比版面長的稿件\n---\n{body}\n"}, paper="報")


def test_copy_that_fits_no_page_fails_with_the_copy_fit_report(tmp_path, capsys, overlong_issue):
    issue = overlong_issue
    out = tmp_path / "out"
    assert main(["build", str(issue), "-o", str(out), "--no-images"]) == 1
    err = capsys.readouterr().err
    assert f"{issue / 'articles' / 'long.md'}:1:" in err
    assert "cut article long by" in err and "--allow-overset" in err
    assert not (out / "2023-01-10").exists()


def test_allow_overset_builds_marks_the_cut_and_lists_it(tmp_path, capsys, overlong_issue):
    issue = overlong_issue
    out = tmp_path / "out"
    assert main(["build", str(issue), "-o", str(out), "--no-site", "--dpi", "30",
                 "--allow-overset"]) == 0
    summary = capsys.readouterr().out
    assert "characters cut on 第1版" in summary
    manifest = json.loads((out / "2023-01-10" / "issue.json").read_text(encoding="utf-8"))
    assert any("characters cut" in m for m in manifest["pages"][0]["report"]["overset"])
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(out / "2023-01-10" / "2023-01-10.pdf"))
    text = doc[0].get_textpage().get_text_range()
    assert "未完" in text
