"""Issue 18's example week asked on Thursday 15:00, from a real history: the window, the text and
the JSON say the same focus figures, and the days to come are "not yet", never a drop to 0."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QLineSeries
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from notifyzen.core.report import WeeklyReport
from notifyzen.core.report_json import report_json
from notifyzen.desktop import i18n
from notifyzen.report.data import open_history, weekly_report
from notifyzen.report.text import summary_lines
from notifyzen.report.words import duration
from notifyzen.ui.report import ReportView
from tests.report.report_week import AMS, ASKED, W47, spans, write_week


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[QApplication]:
    i18n.install(qapp, "en")
    yield qapp
    i18n.install(qapp, "en")


@pytest.fixture
def report(tmp_path: Path) -> WeeklyReport:
    engine = open_history(write_week(tmp_path / "notifyzen.db"))
    return weekly_report(engine, W47, AMS, focus_spans=spans(), now=ASKED)


def test_window_text_and_json_agree_mid_week(qtbot: QtBot, report: WeeklyReport) -> None:
    data = report_json(report)
    longest = [d["longest_focus_seconds"] for d in data["days"]]
    assert longest == [16200, 10800, 12600, 14400, None, None, None]  # Thursday: 11:00 to now
    assert [d["focus_seconds"] for d in data["days"]][3:] == [45000, None, None, None]

    view = ReportView(report)
    qtbot.addWidget(view)
    labels = [label.text() for label in view.findChildren(QLabel)]
    assert "4 h 30 min" in labels  # the headline figure
    assert any(
        t.startswith("on Mon 16; 48 h 38 min in focus windows, 17 h 00 min of it sleep") for t in labels
    )
    (line,) = [s for s in view.chart_views[1].chart().series() if isinstance(s, QLineSeries)]
    points = [(p.x(), p.y()) for p in line.points()]
    assert points == [(i, s / 3600) for i, s in enumerate(longest) if s is not None]  # no point for Fri-Sun

    text = summary_lines(report)
    for day, lived in zip(report.days[:4], data["days"][:4], strict=True):
        (said,) = [t for t in text if t.startswith(f"  {day.day:%a %Y-%m-%d}  ")]
        assert f"focus {duration(day.focus)} " in said and lived["focus_seconds"] == day.focus.total_seconds()
    assert [t for t in text if t.endswith("not yet")] == [
        "  Fri 2026-11-20  not yet",
        "  Sat 2026-11-21  not yet",
        "  Sun 2026-11-22  not yet",
    ]
    assert not any("Chat" in s.subject for s in report.suggestions)


def test_in_dutch_too(qapp: QApplication, report: WeeklyReport) -> None:
    i18n.install(qapp, "nl")
    text = summary_lines(report)
    assert "  vr 20-11-2026  nog niet" in text
    (tuesday,) = [t for t in text if t.startswith("  di 17-11-2026  ")]
    assert tuesday.endswith(
        "focus 16 u 30 min (waarvan 7 u 00 min slaap), langste periode 3 u 00 min; check-ins gehouden 1 van 1"
    )
