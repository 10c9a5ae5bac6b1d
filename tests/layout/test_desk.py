"""The desk check (tests/layout/deskcheck.py) on the sample issue and on every shared
1998 day (imported from ../shared/corpus into a temporary folder; skipped when the
corpus is absent, and its text never enters the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

from epaper.importers.pd1998 import run_import_pd1998

from .deskcheck import desk_check

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "issues" / "2023-01-10"
CORPUS = REPO / ".." / "shared" / "corpus" / "pd1998"
DAYS = sorted(p.stem for p in CORPUS.glob("*.json")) if CORPUS.is_dir() else []


def _assert_passes(report) -> None:
    assert not report.failures, "\n".join(report.failures)


def test_the_sample_passes_the_desk_check():
    report = desk_check(SAMPLE)
    _assert_passes(report)
    assert report.pages == 8
    assert not report.booked  # the sample has copy for every page


@pytest.mark.skipif(not DAYS, reason="../shared/corpus/pd1998 is absent")
@pytest.mark.parametrize("day", DAYS)
def test_every_shared_day_passes_the_desk_check(day, tmp_path):
    folder = tmp_path / day
    assert run_import_pd1998(CORPUS / f"{day}.json", folder, stream=_Null()) == 0
    _assert_passes(desk_check(folder))


class _Null:
    """A stream that swallows the importer's summary."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass
