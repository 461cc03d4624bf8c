"""The report window as a user meets it: a week, real charts, previous/next, a rule in one click."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCharts import (
    QAbstractBarSeries,
    QAreaSeries,
    QBarCategoryAxis,
    QCategoryAxis,
    QChartView,
    QStackedBarSeries,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from bench.reportweek import MAX_WAIT, lived_week, report_checkins, report_rows, write_history
from notifyzen.core.report import IsoWeek, ReportRow, WeeklyReport, build_report
from notifyzen.desktop import i18n
from notifyzen.report.export import export
from notifyzen.report.words import figures
from notifyzen.ui.report import ReportView, ReportWindow, export_view

AMS = ZoneInfo("Europe/Amsterdam")
W47 = IsoWeek(2026, 47)
SECRET = "the surprise party is on Friday"


def strava_week(week: IsoWeek, *, show_bodies: bool = False) -> WeeklyReport:
    """A week where Strava sends 30 unread kudos (one carrying a private text) and Mum interrupts."""
    evening = datetime.combine(week.monday, datetime.min.time(), AMS) + timedelta(hours=19)
    body = SECRET if show_bodies else None
    at = [(evening + timedelta(minutes=i)).timestamp() for i in range(30)]
    rows = [ReportRow(at=t, tz_offset=60, app_name="Strava", source="phone", body=body) for t in at]
    rows += [ReportRow(at=t - 9 * 3600, tz_offset=60, sender="Mum", window="deep work") for t in at[:6]]
    return build_report(rows, [], week, AMS, show_bodies=show_bodies)


def generated(week: IsoWeek) -> WeeklyReport:
    rows, checkins, spans = lived_week(week.monday, AMS, seed=week.week, size=600)
    return build_report(
        report_rows(rows), report_checkins(checkins), week, AMS, focus_spans=spans, max_wait=MAX_WAIT
    )


def with_last_week(week: IsoWeek) -> WeeklyReport:
    """A generated week and the one before it, so the figures carry their week-on-week change."""
    rows, checkins, spans = lived_week(week.monday, AMS, seed=week.week, size=600)
    old_rows, old_checkins, old_spans = lived_week(week.previous().monday, AMS, seed=1, size=700)
    return build_report(
        report_rows(rows),
        report_checkins(checkins),
        week,
        AMS,
        focus_spans=old_spans + spans,
        max_wait=MAX_WAIT,
        previous_rows=report_rows(old_rows),
        previous_checkins=report_checkins(old_checkins),
    )


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[QApplication]:
    """Every test starts in English whatever the session's locale, and leaves English behind."""
    i18n.install(qapp, "en")
    yield qapp
    i18n.install(qapp, "en")


def texts(widget: object) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))  # type: ignore[attr-defined]


def test_previous_and_next_week_ask_for_the_right_weeks(qtbot: QtBot) -> None:
    asked: list[IsoWeek] = []

    def load(week: IsoWeek) -> WeeklyReport:
        asked.append(week)
        return build_report([], [], week, AMS)

    window = ReportWindow(load, W47, latest=W47)
    qtbot.addWidget(window)
    assert "Week 47, 16 Nov – 22 Nov 2026" in texts(window)
    assert not window.next_button.isEnabled()
    window.previous_button.click()
    window.previous_button.click()
    assert window.week == IsoWeek(2026, 45) and "Week 45" in texts(window)
    assert window.next_button.isEnabled()
    window.next_button.click()
    window.this_week_button.click()
    assert asked == [W47, IsoWeek(2026, 46), IsoWeek(2026, 45), IsoWeek(2026, 46), W47]
    assert "Nothing was recorded in this week." in texts(window)


def test_the_charts_are_qtcharts_carrying_the_week(qtbot: QtBot) -> None:
    report = generated(W47)
    view = ReportView(report)
    qtbot.addWidget(view)
    titles = [v.chart().title() for v in view.findChildren(QChartView)]
    assert titles == [
        "Notifications per day",
        "Focus windows: interruptions and longest quiet stretch",
        "When notifications arrive (local time)",
        "Top apps",
        "Top people",
        "Check-ins: planned and kept",
        "How long people waited to be seen",
        "Against the week before",
    ]
    per_day = view.chart_views[0].chart().series()[0]
    assert isinstance(per_day, QStackedBarSeries)
    delivered, held, muted = per_day.barSets()
    assert [delivered.at(i) for i in range(7)] == [d.delivered for d in report.days]
    assert [held.at(i) for i in range(7)] == [d.held for d in report.days]
    assert [muted.at(i) for i in range(7)] == [d.muted for d in report.days]
    busy_cells = sum(1 for line in report.heatmap for count in line if count)
    heat = view.chart_views[2].chart().series()
    assert len(heat) == busy_cells and all(isinstance(s, QAreaSeries) for s in heat)
    assert f"{report.totals.notifications}" in texts(view)


def test_one_click_on_a_suggestion_emits_the_rule(qtbot: QtBot) -> None:
    window = ReportWindow(lambda week: strava_week(week), W47)
    qtbot.addWidget(window)
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    assert "Strava: 30 sent, 0 opened — mute?" in texts(window)
    with qtbot.waitSignal(window.write_rule, timeout=2000) as signal:
        buttons["Mute it"].click()
    assert signal.args == [
        {
            "name": "mute Strava",
            "why": "30 sent in 2026-W47, 0 opened",
            "match": {"app": "Strava", "person": False},
            "action": "mute",
        }
    ]
    with qtbot.waitSignal(window.write_rule, timeout=2000) as signal:
        buttons["Hold for check-ins"].click()
    assert signal.args[0]["match"] == {"sender": "Mum"}


def test_bodies_stay_out_unless_turned_on(qtbot: QtBot) -> None:
    hidden = ReportView(strava_week(W47))
    shown = ReportView(strava_week(W47, show_bodies=True))
    qtbot.addWidget(hidden)
    qtbot.addWidget(shown)
    assert SECRET not in texts(hidden)
    assert SECRET in texts(shown)


def test_the_window_shows_texts_only_after_the_switch(qtbot: QtBot) -> None:
    window = ReportWindow(strava_week, W47, load_with_bodies=lambda w: strava_week(w, show_bodies=True))
    qtbot.addWidget(window)
    assert window.bodies_box.isVisibleTo(window) and not window.bodies_box.isChecked()
    assert SECRET not in texts(window)
    window.bodies_box.setChecked(True)
    assert SECRET in texts(window)
    window.previous_button.click()
    window.bodies_box.setChecked(False)
    window.next_button.click()
    assert SECRET not in texts(window)


@pytest.mark.parametrize("window_color", ["#2b2b2e", "#f0f0f0"])
def test_charts_follow_the_palette(qtbot: QtBot, window_color: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    palette = QPalette(QColor(window_color))
    try:
        app.setPalette(palette)
        view = ReportView(generated(W47))
        qtbot.addWidget(view)
        for chart_view in view.chart_views:
            chart = chart_view.chart()
            assert chart.backgroundBrush().color() == palette.color(QPalette.ColorRole.Base)
            assert chart.titleBrush().color() == palette.color(QPalette.ColorRole.WindowText)
            for axis in chart.axes():
                assert axis.labelsColor() == palette.color(QPalette.ColorRole.WindowText)
            for series in chart.series():
                if isinstance(series, QAbstractBarSeries):
                    assert series.count() > 0
    finally:
        app.setPalette(old)


def test_the_tray_entry_opens_this_users_week(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """open_window is what tray → Weekly report calls: history, rules and what-if figures wired in."""
    from notifyzen.commands.report import open_window

    rows, checkins, _ = lived_week(W47.monday, AMS, seed=5, size=1000)
    write_history(tmp_path / "history.db", rows, checkins)
    monkeypatch.setenv("NOTIFYZEN_DB", str(tmp_path / "history.db"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    window = open_window(week=W47, tz=AMS)
    qtbot.addWidget(window)
    report = window.report
    assert window.isVisible() and report is not None
    assert report.totals.notifications == 1000
    assert report.totals.focus > timedelta(0)  # the default preset's windows
    mute = next(s for s in report.suggestions if s.kind == "mute_app")
    assert mute.what_if is not None and mute.what_if.startswith("would have muted")


def legend(view: ReportView, index: int) -> list[str]:
    chart = view.chart_views[index].chart()
    return [marker.label() for marker in chart.legend().markers()]


def test_the_heatmap_legend_counts_notifications_it_does_not_name_hours(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """Under an 'hour of day' axis a legend of '6–9' and '19–23' reads as 6 to 9 in the morning
    and the evening; the colours are how many notifications came in that hour."""
    report = strava_week(W47)  # 30 in Monday's 19:00 hour, 6 in its 10:00 hour

    def shown(view: ReportView) -> list[str]:
        return [m.label() for m in view.chart_views[2].chart().legend().markers()]

    english = ReportView(report)
    qtbot.addWidget(english)
    i18n.install(qapp, "nl")
    try:
        dutch = ReportView(report)
        qtbot.addWidget(dutch)
    finally:
        i18n.install(qapp, "en")
    assert shown(english) and all(label.endswith(" per hour") for label in shown(english))
    assert shown(dutch) and all(label.endswith(" per uur") for label in shown(dutch))


def test_in_dutch_the_report_speaks_dutch_with_the_same_numbers(qtbot: QtBot, qapp: QApplication) -> None:
    report = with_last_week(W47)
    english = ReportView(report)
    qtbot.addWidget(english)
    i18n.install(qapp, "nl")
    dutch = ReportView(report)
    qtbot.addWidget(dutch)

    assert "Week 47, 16 nov – 22 nov 2026" in texts(dutch)
    assert "Week 47, 16 Nov – 22 Nov 2026" in texts(english)
    captions = [label.text() for label in dutch.findChildren(QLabel)]
    assert "Meldingen" in captions and "Onderbrekingen voorkomen" in captions
    assert re.search(r"[▲▼] \d+% t\.o\.v\. 2026-W46", texts(dutch))
    assert "Notifications" not in captions and "t.o.v." not in texts(english)

    assert dutch.chart_views[0].chart().title() == "Meldingen per dag"
    assert legend(dutch, 0) == ["Meteen getoond", "Vastgehouden tot check-in", "Gedempt"]
    assert legend(english, 0) == ["Delivered now", "Held for a check-in", "Muted"]
    (_, weekdays) = dutch.chart_views[2].chart().axes()  # the heatmap: hours, then weekdays
    assert isinstance(weekdays, QCategoryAxis)
    assert weekdays.categoriesLabels() == ["zo", "za", "vr", "do", "wo", "di", "ma"]
    days = dutch.chart_views[0].chart().axes()[0]
    assert isinstance(days, QBarCategoryAxis) and days.categories()[0] == "ma 16"

    # Same week, same numbers: only the words differ.
    def numbers(view: ReportView) -> list[list[float]]:
        return [
            [bar.at(i) for i in range(bar.count())]
            for chart_view in view.chart_views
            for series in chart_view.chart().series()
            if isinstance(series, QAbstractBarSeries)
            for bar in series.barSets()
        ]

    assert numbers(dutch) == numbers(english)
    dutch_figures = figures(report)
    i18n.install(qapp, "en")
    english_figures = figures(report)
    assert [c for c, _, _ in dutch_figures] != [c for c, _, _ in english_figures]
    assert [re.findall(r"\d+", v) for _, v, _ in dutch_figures] == [
        re.findall(r"\d+", v) for _, v, _ in english_figures
    ]


def test_a_dutch_suggestion_and_its_button_write_the_same_rule(qtbot: QtBot, qapp: QApplication) -> None:
    i18n.install(qapp, "nl")
    window = ReportWindow(lambda week: strava_week(week), W47)
    qtbot.addWidget(window)
    assert window.windowTitle() == "notifyzen — wekelijks focusrapport"
    assert window.previous_button.text() == "◀ Vorige week"
    assert "Strava: 30 verstuurd, 0 geopend — dempen?" in texts(window)
    assert "Mum kwam 6 keer door tijdens focus — vasthouden tot een check-in?" in texts(window)
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    with qtbot.waitSignal(window.write_rule, timeout=2000) as signal:
        qtbot.mouseClick(buttons["Dempen"], Qt.MouseButton.LeftButton)
    assert (
        signal.args[0]["match"] == {"app": "Strava", "person": False} and signal.args[0]["action"] == "mute"
    )
    assert "Vasthouden tot check-in" in buttons


def test_the_html_export_follows_the_language(qapp: QApplication, tmp_path: Path) -> None:
    report = strava_week(W47)
    export(report, tmp_path / "en.html", render=export_view)
    i18n.install(qapp, "nl")
    export(report, tmp_path / "nl.html", render=export_view)
    dutch, english = (tmp_path / "nl.html").read_text(), (tmp_path / "en.html").read_text()
    assert '<html lang="nl">' in dutch and '<html lang="en">' in english
    assert "<h1>Week 47, 16 nov – 22 nov 2026</h1>" in dutch
    assert "<h2>Suggesties</h2>" in dutch and "<h2>Suggestions</h2>" in english
    assert "<caption>Per dag</caption>" in dutch and "<th>Meteen getoond</th>" in dutch
    assert "<td>ma 16-11-2026</td>" in dutch and "<td>Mon 2026-11-16</td>" in english
    assert '<img alt="Meldingen per dag"' in dutch
    assert "Strava: 30 verstuurd, 0 geopend — dempen?" in dutch
    assert "Strava: 30 sent, 0 opened — mute?" in english


def test_export_offers_the_documents_folder_not_where_the_app_started(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.chdir(tmp_path)  # the working directory a desktop launcher happens to give
    window = ReportWindow(lambda week: strava_week(week), W47)
    qtbot.addWidget(window)
    offered: list[str] = []

    def look_and_cancel() -> None:
        dialog = qapp.activeModalWidget()
        assert isinstance(dialog, QFileDialog), dialog
        offered.append(dialog.directory().absolutePath())
        offered.append(dialog.selectedFiles()[0])
        dialog.reject()

    QTimer.singleShot(300, look_and_cancel)
    window.export_button.click()  # the real dialog, modal until look_and_cancel answers it
    assert offered == [str(home / "Documents"), str(home / "Documents" / "notifyzen-2026-W47.pdf")]
