"""The layout pauses the cyclic garbage collector and gives it back as it found it."""

from __future__ import annotations

import gc

import pytest

from epaper.layout import layout_issue
from epaper.layout.gcpause import paused_gc

from .helpers import article, plan


@pytest.fixture
def collector():
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_enabled_again_after_even_on_error(collector):
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("a layout that fails")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused(collector):
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_layout_issue_pauses_it_and_gives_it_back(collector, monkeypatch):
    import epaper.layout as layout

    seen = []
    real = layout.layout_page

    def spy(work, cfg):
        seen.append(gc.isenabled())
        return real(work, cfg)

    monkeypatch.setattr(layout, "layout_page", spy)
    gc.enable()
    layout_issue(plan([[article("a", [120, 80], priority=1)]]))
    assert seen == [False]
    assert gc.isenabled()
