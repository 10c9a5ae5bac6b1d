"""The typesetter's warnings reach a caller as data inside diagnostics.collect(), and
the logger only outside it."""

from __future__ import annotations

import logging
import threading

from epaper.typeset import set_paragraph
from epaper.typeset.diagnostics import collect

WIDE = "1234567890123456789012345"  # one unbreakable number, wider than 6 em


def test_warnings_are_collected_as_data_and_not_logged(caplog):
    with caplog.at_level(logging.WARNING), collect() as messages:
        set_paragraph(WIDE, 6.0, lang="zh-Hans")
    assert messages and "overflows the measure" in messages[0]
    assert not caplog.records


def test_without_a_collector_the_warning_is_logged(caplog):
    with caplog.at_level(logging.WARNING):
        set_paragraph(WIDE, 6.0, lang="zh-Hans")
    assert any("overflows the measure" in r.getMessage() for r in caplog.records)


def test_collectors_of_two_threads_do_not_mix():
    seen: dict[str, list[str]] = {}

    def work(name: str, text: str) -> None:
        with collect() as messages:
            set_paragraph(text, 6.0, lang="zh-Hans")
        seen[name] = messages

    threads = [threading.Thread(target=work, args=("wide", WIDE)),
               threading.Thread(target=work, args=("plain", "春節臨近市民採購年貨"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["wide"] and not seen["plain"]
