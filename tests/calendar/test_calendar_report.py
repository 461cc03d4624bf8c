"""The weekly report shows meeting time beside focus time (issue 19), counted as focus time is.

Issue 18's example week (tests/report/report_week.py: notifyzen first ran Monday 11:52, was off Tuesday
20:00 to Wednesday 07:30, last seen Thursday 14:59:30) with a calendar in config.yaml: a daily
09:30 standup, a Monday planning, a Tuesday evening call that runs past the moment notifyzen
stopped, two overlapping Wednesday reviews, a Thursday workshop running past its last heartbeat,
and a Wednesday slot marked free (data/meeting-week.ics). Through `notifyzen report --json` and
`--text`, as a user runs them; and the report window under Qt offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QLineSeries
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from bench.reportweek import MAX_WAIT
from notifyzen.calendar.feed import meeting_spans
from notifyzen.core.config import CalendarSettings
from notifyzen.core.report import WeeklyReport
from notifyzen.desktop import i18n
from notifyzen.report.data import open_history, weekly_report
from notifyzen.ui.report import ReportView
from tests.report.report_week import AMS, ASKED, W47, spans, write_rules, write_week

PRESETS = Path(__file__).resolve().parents[2] / "rules"

CALENDAR = Path(__file__).parent / "data" / "meeting-week.ics"

# Mon: planning 1 h (the standup was before notifyzen first ran); Tue: standup, and the call
# until notifyzen stopped at 20:00; Wed: standup, the reviews 14:00-15:30 once; Thu: standup,
# the workshop to the last heartbeat 14:59:30; Fri-Sun: notifyzen did not run
MEETINGS = [3600, 1800 + 1800, 1800 + 5400, 1800 + 3570, 0, 0, 0]
FOCUS_WITHOUT = [31080, 59400, 39600, 44970, 0, 0, 0]  # tests/report/test_report_focus_cli.py


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("meeting-week")
    write_week(home / "notifyzen.db")
    config = write_rules(home / "config") / "notifyzen" / "config.yaml"
    config.write_text(config.read_text() + f"calendars:\n  - {{name: Work, path: {CALENDAR}}}\n")
    return home


def environment(home: Path, language: str = "C.UTF-8") -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANGUAGE")
        and not k.startswith(("LANG", "LC_"))
    }
    env.update(
        LANG=language,
        NOTIFYZEN_DB=str(home / "notifyzen.db"),
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        NOTIFYZEN_THUNDERBIRD_HOME=str(home / "no-thunderbird"),
    )
    return env


def report(home: Path, *args: str, language: str = "C.UTF-8") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "report", "--week", "2026-W47", *args],
        env=environment(home, language),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_json_counts_meetings_once_and_only_while_notifyzen_ran(home: Path) -> None:
    data: dict[str, Any] = json.loads(report(home, "--json"))
    days = data["days"]
    assert [d["meeting_seconds"] for d in days] == MEETINGS
    assert data["totals"]["meeting_seconds"] == sum(MEETINGS)
    # the meetings are focus windows as the app lived them: Tuesday's call after the 11:00-19:00
    # window adds its half hour to the focus time; the others fall inside windows already counted
    focus = [d["focus_seconds"] for d in days]
    assert focus == [f + (1800 if i == 1 else 0) for i, f in enumerate(FOCUS_WITHOUT)]
    assert all(d["meeting_seconds"] <= d["focus_seconds"] for d in days)
    assert data["previous_week"]["meeting_seconds"] == 0  # notifyzen had not run yet that week


def test_text_says_meeting_time_per_day_and_beside_the_weeks_focus(home: Path) -> None:
    lines = report(home, "--text").splitlines()
    headline = next(line for line in lines if line.startswith("Longest focus stretch:"))
    assert "17 h 00 min of it sleep, 5 h 30 min of it in meetings;" in headline  # 19,770 s
    (wednesday,) = [line for line in lines if line.startswith("  Wed 2026-11-18  ")]
    assert wednesday.endswith("; meetings 2 h 00 min")
    (friday,) = [line for line in lines if line.startswith("  Fri 2026-11-20  ")]
    assert "meetings" not in friday


def test_dutch_text(home: Path) -> None:
    text = report(home, "--text", language="nl_NL.UTF-8")
    assert "vergaderingen 2 u 00 min" in text and "waarvan 5 u 30 min in vergaderingen" in text


def test_without_calendars_no_meeting_time_is_claimed(tmp_path: Path) -> None:
    write_week(tmp_path / "notifyzen.db")
    write_rules(tmp_path / "config")
    data = json.loads(report(tmp_path, "--json"))
    assert data["totals"]["meeting_seconds"] == 0
    assert "meetings" not in report(tmp_path, "--text")


def test_the_window_shows_meeting_time_beside_focus_time(qtbot: QtBot, qapp: QApplication) -> None:
    """Asked on Thursday 15:00: Thursday's workshop counts to now; Friday on is still to come."""
    i18n.install(qapp, "en")
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_history(write_week(Path(tmp) / "notifyzen.db"))
        report = meeting_report(engine)
        if engine is not None:
            engine.dispose()
    assert [d.meetings.total_seconds() for d in report.days[:4]] == [3600, 3600, 7200, 1800 + 3600]
    view = ReportView(report)
    qtbot.addWidget(view)
    labels = [label.text() for label in view.findChildren(QLabel)]
    assert any("of it sleep, 5 h 30 min of it in meetings" in t for t in labels)
    lines = {s.name(): s for s in view.chart_views[1].chart().series() if isinstance(s, QLineSeries)}
    meetings = [(p.x(), p.y()) for p in lines["Meetings (h)"].points()]
    assert meetings == [(0, 1.0), (1, 1.0), (2, 2.0), (3, 1.5)]  # no point for the days to come


def meeting_report(engine: Any) -> WeeklyReport:
    """Issue 18's week asked on Thursday 15:00, with data/meeting-week.ics as config.yaml's calendar."""
    start, end = W47.previous().bounds(AMS)[0], W47.bounds(AMS)[1]
    lived, meetings = meeting_spans([CalendarSettings("Work", str(CALENDAR))], PRESETS, start, end, AMS)
    return weekly_report(
        engine, W47, AMS, focus_spans=[*spans(), *lived], max_wait=MAX_WAIT, now=ASKED, meetings=meetings
    )
