"""Shared fixtures: where the repo and /work/shared are, PDF facts, one sample build."""

from __future__ import annotations

import ctypes
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import settings

# CI (.ci/run sets CI=true) draws the property tests' examples from a fixed seed, so
# a run is reproducible and cannot go red on a draw no commit caused; on developers'
# machines they stay random and keep hunting for new counterexamples.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SAMPLE_ISSUE = REPO / "issues" / "2023-01-10"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (holds pyproject.toml, issues/, layouts/, fonts/)."""
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """/work/shared next to the repository; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (it is read-only and optional in CI)")
    return SHARED


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page as pypdfium2 extracts it (content-stream order)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def pdf_page_labels(path: Path) -> list[str]:
    """The /PageLabels of each page, e.g. 第1版."""
    doc = pdfium.PdfDocument(str(path))
    try:
        labels = []
        for i in range(len(doc)):
            size = pdfium_c.FPDF_GetPageLabel(doc, i, None, 0)
            buf = ctypes.create_string_buffer(size)
            pdfium_c.FPDF_GetPageLabel(doc, i, buf, size)
            labels.append(buf.raw.decode("utf-16-le").rstrip("\x00"))
        return labels
    finally:
        doc.close()


def pdf_outline(path: Path) -> list[tuple[int, str]]:
    """Bookmarks as (level, title), in order."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return [(item.level, item.get_title()) for item in doc.get_toc()]
    finally:
        doc.close()


_BASEFONT = re.compile(rb"/BaseFont\s*/([^\s/>\[]+)")
_EMBEDDED = re.compile(rb"/FontFile2?\s+\d+\s+0\s+R[^>]*?/FontName\s*/([^\s/>]+)|"
                       rb"/FontName\s*/([^\s/>]+)[^>]*?/FontFile[23]?\s")


def pdf_fonts(path: Path) -> tuple[set[str], set[str]]:
    """(fonts the PDF uses, fonts it embeds), by name, read from the object dicts
    (ReportLab writes them uncompressed)."""
    data = Path(path).read_bytes()
    used = {m.decode() for m in _BASEFONT.findall(data)}
    embedded = {(a or b).decode() for a, b in _EMBEDDED.findall(data)}
    return used, embedded


@pytest.fixture(scope="session")
def pdf_facts() -> dict[str, Callable]:
    """The PDF readers above, for tests in any folder."""
    return {"texts": pdf_page_texts, "labels": pdf_page_labels, "outline": pdf_outline,
            "fonts": pdf_fonts}


def write_one_page_issue(folder: Path, articles: dict[str, str], paper: str = "測試日報"
                         ) -> Path:
    """A one-page tabloid issue at ``folder/2023-01-10`` whose articles are
    ``{id: markdown}``; returns the issue folder."""
    issue = folder / "2023-01-10"
    (issue / "articles").mkdir(parents=True)
    (issue / "issue.yaml").write_text(
        f"paper: {paper}\ndate: 2023-01-10\nnumber: 1\ntotal_number: 1\n"
        "serial: CN 00-0000\nlang: zh-Hant\nlayout: tabloid\npages:\n  - number: 1\n"
        f"    section: 要聞\n    articles: [{', '.join(articles)}]\n", encoding="utf-8")
    for name, text in articles.items():
        (issue / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    return issue


@pytest.fixture(scope="session")
def one_page_issue() -> Callable[..., Path]:
    """:func:`write_one_page_issue`, for tests in any folder."""
    return write_one_page_issue


@pytest.fixture(scope="session")
def built_issue(tmp_path_factory) -> Path:
    """The sample issue built once per session: the ``out/2023-01-10`` folder."""
    from epaper.build import BuildOptions, run_build

    out = tmp_path_factory.mktemp("built")
    code = run_build(SAMPLE_ISSUE, out, BuildOptions())
    assert code == 0, "the sample issue must build"
    return out / "2023-01-10"


@pytest.fixture(scope="session")
def built_manifest(built_issue: Path) -> tuple[Path, dict]:
    """(out folder, parsed issue.json) of the session's sample build."""
    return built_issue, json.loads((built_issue / "issue.json").read_text("utf-8"))
