"""``epaper rebuild --verify``: a fresh build compared with OUT, nothing changed."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from epaper.build import BuildOptions
from epaper.rebuild import RebuildOptions, rebuild
from epaper.rebuild.verify import page_owners, pdf_difference
from test_rebuild import import_mini, make_issues, tree

LOW = BuildOptions(dpi=30)  # images and site, cheaply


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(issues, out): two mini issues rebuilt once, with images and site."""
    root = tmp_path_factory.mktemp("verify")
    mini = import_mini(root / "mini" / "1998-01-02")
    issues = make_issues(mini, root / "issues", ["1998-01-02", "1998-01-03"])
    result = rebuild(issues, root / "out", RebuildOptions(jobs=1, build=LOW),
                     console=Console(file=io.StringIO()),
                     progress_console=Console(file=io.StringIO()))
    assert result.status == 0
    return issues, root / "out"


def verify(issues: Path, out: Path) -> tuple[int, str]:
    """Run --verify; (exit status, what it printed)."""
    console = Console(file=io.StringIO(), width=300, highlight=False)
    result = rebuild(issues, out, RebuildOptions(jobs=1, verify=True, build=LOW),
                     console=console, progress_console=Console(file=io.StringIO()))
    return result.status, console.file.getvalue()


def flip(path: Path, offset: int) -> None:
    """Change the byte at ``offset``."""
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def stream_offset(pdf: bytes, page: int) -> int:
    """Where the first content stream of ``page`` starts (after ``stream``)."""
    for number, owner in sorted(page_owners(pdf).items()):
        start = pdf.find(f"\n{number} 0 obj".encode())
        body = pdf[start:pdf.find(b"endobj", start)]
        if owner == page and b"stream" in body:
            return start + body.find(b"stream") + len(b"stream")
    raise AssertionError(f"no content stream for page {page}")


def test_verify_of_an_unchanged_output_passes_and_changes_nothing(built, tmp_path):
    issues, golden = built
    out = tmp_path / "out"
    shutil.copytree(golden, out)
    before = tree(out)
    status, text = verify(issues, out)
    assert status == 0, text
    assert "every file is identical" in text
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary left


def test_verify_names_the_page_of_a_changed_pdf_byte(built, tmp_path):
    issues, golden = built
    out = tmp_path / "out"
    shutil.copytree(golden, out)
    pdf = out / "1998-01-03" / "1998-01-03.pdf"
    flip(pdf, stream_offset(pdf.read_bytes(), page=2) + 10)
    before = tree(out)
    status, text = verify(issues, out)
    assert status == 1
    assert "1998-01-03/1998-01-03.pdf: differs (first differing page 2" in text
    assert "1 file(s) differ" in text
    assert tree(out) == before  # verify reports; it does not repair


def test_verify_catches_one_changed_byte_in_issue_json(built, tmp_path):
    issues, golden = built
    out = tmp_path / "out"
    shutil.copytree(golden, out)
    manifest = out / "1998-01-02" / "issue.json"
    flip(manifest, manifest.read_bytes().index(b'"paper"') + 2)
    status, text = verify(issues, out)
    assert status == 1
    assert "1998-01-02/issue.json: differs" in text
    assert "1998-01-03/" not in text  # the other issue is identical


def test_verify_reports_missing_and_extra_files(built, tmp_path):
    issues, golden = built
    out = tmp_path / "out"
    shutil.copytree(golden, out)
    (out / "1998-01-02" / "pages" / "01.png").unlink()
    (out / "1998-01-02" / "stray.txt").write_text("not ours")
    status, text = verify(issues, out)
    assert status == 1
    assert "1998-01-02/pages/01.png: missing in OUT" in text
    assert "1998-01-02/stray.txt: only in OUT" in text


def test_pdf_difference_outside_pages_says_so():
    pdf = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
           b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n"
           b"4 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n"
           b"5 0 obj\n<< /Producer (x) >>\nendobj\n")
    assert page_owners(pdf) == {3: 1, 4: 1}
    in_page = pdf.replace(b"abc", b"abd")
    assert "first differing page 1" in pdf_difference(pdf, in_page)
    in_info = pdf.replace(b"(x)", b"(y)")
    assert "not a page's own content" in pdf_difference(pdf, in_info)
