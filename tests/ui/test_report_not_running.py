"""The report window says when notifyzen was not running that week, read from a real history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.report import build_report
from notifyzen.core.runs import Run
from notifyzen.desktop import i18n
from notifyzen.history.store import Store
from notifyzen.report.data import open_history, weekly_report
from notifyzen.report.words import not_running
from notifyzen.ui.report import ReportView, ReportWindow

AMS = ZoneInfo("Europe/Amsterdam")
W47 = IsoWeek(2026, 47)  # Mon 16 Nov – Sun 22 Nov 2026


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[QApplication]:
    i18n.install(qapp, "en")
    yield qapp
    i18n.install(qapp, "en")


def texts(widget: object) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]  # type: ignore[attr-defined]


def history(path: Path) -> Path:
    """notifyzen ran the week before and this week except Tue 14:00 – Thu 09:10 (stopped, started)."""
    for start, end in ((at(9, 8), at(17, 14)), (at(19, 9, 10), at(23, 9))):
        s = Store(path)
        s.run_started(start)
        s.alive(end - timedelta(minutes=1))
        s.run_ended(end)
        s.close()
    return path


def test_the_window_says_when_notifyzen_was_off(qtbot: QtBot, tmp_path: Path) -> None:
    engine = open_history(history(tmp_path / "h.db"))
    window = ReportWindow(lambda week: weekly_report(engine, week, AMS), W47)
    qtbot.addWidget(window)
    line = "notifyzen was not running: Tue 14:00 – Thu 09:10 (43 h 10 min); nothing was recorded then"
    assert line in texts(window)
    assert window.view is not None and window.view.not_running is not None
    assert window.view.not_running.text() == line

    window.next_week()  # W47 is the latest: nothing happens
    window.previous_week()  # W46 ran throughout, and before it the log cannot tell
    assert window.week == W47.previous()
    assert not any("not running" in t for t in texts(window))
    assert window.view is not None and window.view.not_running is None


def test_in_dutch(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    engine = open_history(history(tmp_path / "h.db"))
    i18n.install(qapp, "nl")
    view = ReportView(weekly_report(engine, W47, AMS))
    qtbot.addWidget(view)
    assert (
        "notifyzen draaide niet: di 14:00 – do 09:10 (43 u 10 min); in die tijd is er niets vastgelegd"
        in texts(view)
    )


def test_a_stretch_to_the_end_of_the_week_ends_at_24_00_and_many_are_summed_up() -> None:
    t = [at(d, h) for d in (16, 17, 18, 19) for h in (9, 18)]
    runs = [Run(a.timestamp(), b.timestamp(), b.timestamp()) for a, b in zip(t[::2], t[1::2], strict=True)]
    short = build_report([], [], W47, AMS, runs=runs[:2], now=at(30, 9))
    assert not_running(short) == (
        "notifyzen was not running: Mon 18:00 – Tue 09:00 (15 h 00 min), Tue 18:00 – Sun 24:00"
        " (126 h 00 min); nothing was recorded then"
    )
    three = build_report([], [], W47, AMS, runs=runs, now=at(19, 18, 10))  # 10 min: not counted
    assert not_running(three).count("(15 h 00 min)") == 3
    four = build_report([], [], W47, AMS, runs=runs, now=at(20, 9, 30))
    assert not_running(four) == (
        "notifyzen was not running 4 times (60 h 30 min in all), longest Thu 18:00 – Fri 09:30"
        " (15 h 30 min); nothing was recorded then"
    )
    assert not_running(build_report([], [], W47, AMS)) == ""
