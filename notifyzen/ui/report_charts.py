"""The weekly report's charts, built with QtCharts from a WeeklyReport.

Each builder returns a finished QChart and nothing else, so the window, the PNG/PDF export and
the HTML export draw the same charts. Colours say one thing throughout: orange is "reached you
now", blue "waited for a check-in", grey "muted"; desktop and phone are teal and violet. They
are mid-tone so they read on a light and a dark palette; text, grid and background follow the
palette (`tint`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QAreaSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen

from notifyzen.core.report import Tally, WeeklyReport
from notifyzen.desktop.i18n import translate
from notifyzen.report import words

DELIVERED = QColor("#e8743b")
HELD = QColor("#3b82c4")
MUTED = QColor("#9a9a9a")
DESKTOP = QColor("#1a9e8f")
PHONE = QColor("#8e5cc7")
KEPT = QColor("#3fa34d")
LINE = QColor("#d4a017")
MEETINGS = QColor("#c2417a")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setLocale(words.locale())  # "2,5" hours in Dutch
    chart.setLocalizeNumbers(True)
    return chart


def _set(name: str, values: Sequence[float], color: QColor) -> QBarSet:
    bar = QBarSet(name)
    bar.append([float(v) for v in values])
    bar.setColor(color)
    bar.setBorderColor(color)
    return bar


def _value_axis(title: str, top: float, *, integer: bool = True) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setRange(0, max(top, 4.0))
    axis.setTickCount(5)
    axis.applyNiceNumbers()  # round ticks a reader can count on
    axis.setLabelFormat("%.0f" if integer else "%.1f")  # "%d" draws nothing once numbers are localized
    return axis


def _attach(
    chart: QChart, series: QAbstractBarSeries | QLineSeries, x: QAbstractAxis, y: QAbstractAxis
) -> None:
    chart.addSeries(series)
    if x not in chart.axes():
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    if y not in chart.axes():
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)


def _day_labels(report: WeeklyReport) -> list[str]:
    return [words.day_label(d.day) for d in report.days]


def per_day(report: WeeklyReport) -> QChart:
    chart = _chart(translate("ReportCharts", "Notifications per day"))
    series = QStackedBarSeries()
    series.append(
        _set(translate("ReportCharts", "Delivered now"), [d.delivered for d in report.days], DELIVERED)
    )
    series.append(_set(translate("ReportCharts", "Held for a check-in"), [d.held for d in report.days], HELD))
    series.append(_set(translate("ReportCharts", "Muted"), [d.muted for d in report.days], MUTED))
    days = QBarCategoryAxis()
    days.append(_day_labels(report))
    top = max((d.total for d in report.days), default=0)
    _attach(chart, series, days, _value_axis(translate("ReportCharts", "notifications"), top))
    return chart


def focus(report: WeeklyReport) -> QChart:
    chart = _chart(translate("ReportCharts", "Focus windows: interruptions and longest quiet stretch"))
    bars = QBarSeries()
    bars.append(
        _set(translate("ReportCharts", "Avoided (held or muted)"), [d.avoided for d in report.days], HELD)
    )
    bars.append(
        _set(translate("ReportCharts", "Broke through"), [d.broke_through for d in report.days], DELIVERED)
    )
    days = QBarCategoryAxis()
    days.append(_day_labels(report))
    top = max((max(d.avoided, d.broke_through) for d in report.days), default=0)
    _attach(chart, bars, days, _value_axis(translate("ReportCharts", "notifications in focus"), top))
    line = QLineSeries()
    line.setName(translate("ReportCharts", "Longest uninterrupted stretch (h)"))
    line.setPen(QPen(LINE, 3))
    line.setPointsVisible(True)
    for i, d in enumerate(report.days):
        if not d.to_come:  # a day still to come has no stretch yet; 0 would read as a bad day
            line.append(i, d.longest_focus.total_seconds() / 3600)
    top_hours = max((max(d.focus, d.meetings).total_seconds() / 3600 for d in report.days), default=0)
    hours = _value_axis(translate("ReportCharts", "hours"), top_hours, integer=False)
    chart.addSeries(line)
    chart.addAxis(hours, Qt.AlignmentFlag.AlignRight)
    line.attachAxis(days)
    line.attachAxis(hours)
    if any(d.meetings for d in report.days):  # your calendars' meetings, beside the focus stretch
        meetings = _meetings_line(report)
        chart.addSeries(meetings)
        meetings.attachAxis(days)
        meetings.attachAxis(hours)
    return chart


def _meetings_line(report: WeeklyReport) -> QLineSeries:
    line = QLineSeries()
    line.setName(translate("ReportCharts", "Meetings (h)"))
    line.setPen(QPen(MEETINGS, 3, Qt.PenStyle.DashLine))
    line.setPointsVisible(True)
    for i, d in enumerate(report.days):
        if not d.to_come:
            line.append(i, d.meetings.total_seconds() / 3600)
    return line


HEAT_LEVELS = 5


def _heat_color(level: int, dark: bool) -> QColor:
    """From faint to strong orange; on dark backgrounds the faint end is dark, not pale."""
    weak, strong = (QColor("#4a3528"), QColor("#ff8c42")) if dark else (QColor("#fde3cf"), QColor("#c2410c"))
    t = level / (HEAT_LEVELS - 1)
    return QColor.fromRgbF(
        weak.redF() + t * (strong.redF() - weak.redF()),
        weak.greenF() + t * (strong.greenF() - weak.greenF()),
        weak.blueF() + t * (strong.blueF() - weak.blueF()),
    )


def _heat_bounds(top: int) -> list[int]:
    """Upper bounds of the colour levels, so the legend reads "1–2", "3–5", … up to the maximum."""
    if top <= HEAT_LEVELS:
        return list(range(1, max(top, 1) + 1))
    return sorted({max(1, round(top * (i + 1) / HEAT_LEVELS)) for i in range(HEAT_LEVELS)})


def heatmap(report: WeeklyReport, palette: QPalette) -> QChart:
    """Arrivals by local hour and weekday: one filled area per busy cell, shaded by level."""
    chart = _chart(translate("ReportCharts", "When notifications arrive (local time)"))
    grid = report.heatmap
    bounds = _heat_bounds(max((max(line) for line in grid), default=0))
    hours = QCategoryAxis()
    hours.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for h in range(0, 24, 3):
        hours.append(f"{h:02d}:00", h)
    hours.append(" ", 24)  # an end boundary without a label that would stick out
    hours.setRange(0, 24)
    hours.setTitleText(translate("ReportCharts", "hour of day"))
    days = QCategoryAxis()
    days.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
    for i, name in enumerate(reversed(words.weekdays())):
        days.append(name, i + 1)
    days.setRange(0, 7)
    days.setGridLineVisible(False)
    hours.setGridLineVisible(False)
    chart.addAxis(hours, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(days, Qt.AlignmentFlag.AlignLeft)
    cells = sorted(
        (next(i for i, b in enumerate(bounds) if count <= b), hour, weekday)
        for weekday, line in enumerate(grid)
        for hour, count in enumerate(line)
        if count
    )
    shift = HEAT_LEVELS - len(bounds)  # few levels use the strong end of the scale
    named: set[int] = set()
    for level, hour, weekday in cells:
        area = _cell(hour, 6 - weekday, _heat_color(level + shift, is_dark(palette)))
        low = bounds[level - 1] + 1 if level else 1
        count = f"{low}–{bounds[level]}" if low < bounds[level] else f"{low}"
        # "6–9" alone, under an hour-of-day axis, reads as 6 to 9 o'clock
        area.setName(translate("ReportCharts", "%1 per hour").replace("%1", count))
        chart.addSeries(area)
        area.attachAxis(hours)
        area.attachAxis(days)
        for marker in chart.legend().markers(area):
            marker.setVisible(level not in named)
        named.add(level)
    return chart


def _cell(x: int, y: int, color: QColor) -> QAreaSeries:
    upper, lower = QLineSeries(), QLineSeries()
    upper.append([QPointF(x + 0.04, y + 0.92), QPointF(x + 0.96, y + 0.92)])
    lower.append([QPointF(x + 0.04, y + 0.08), QPointF(x + 0.96, y + 0.08)])
    area = QAreaSeries(upper, lower)
    upper.setParent(area)  # else PySide lets the lines (and with them the area) be collected
    lower.setParent(area)
    area.setColor(color)
    area.setBorderColor(color)
    return area


def tops(title: str, tallies: Sequence[Tally]) -> QChart:
    chart = _chart(title)
    series = QHorizontalStackedBarSeries()
    shown = list(reversed(tallies))  # a horizontal chart draws its first category at the bottom
    series.append(_set(translate("ReportCharts", "Desktop"), [t.desktop for t in shown], DESKTOP))
    series.append(_set(translate("ReportCharts", "Phone"), [t.phone for t in shown], PHONE))
    names = QBarCategoryAxis()
    names.append([_short(t.name) for t in shown] or [""])
    count = _value_axis(translate("ReportCharts", "notifications"), max((t.sent for t in tallies), default=0))
    chart.addSeries(series)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(count, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(count)
    return chart


def _short(name: str, limit: int = 22) -> str:
    """An app's or person's name as an axis label: QtCharts draws labels as HTML, so a name is
    escaped (shortened first, so no entity is cut in half), never obeyed as markup."""
    return html.escape(name if len(name) <= limit else name[: limit - 1] + "…")


def checkins(report: WeeklyReport) -> QChart:
    chart = _chart(translate("ReportCharts", "Check-ins: planned and kept"))
    series = QBarSeries()
    series.append(_set(translate("ReportCharts", "Planned"), [d.checkins_planned for d in report.days], HELD))
    series.append(_set(translate("ReportCharts", "Kept"), [d.checkins_kept for d in report.days], KEPT))
    series.append(
        _set(
            translate("ReportCharts", "Extra (a break, or asked)"),
            [d.checkins_extra for d in report.days],
            MUTED,
        )
    )
    days = QBarCategoryAxis()
    days.append(_day_labels(report))
    top = max((max(d.checkins_planned, d.checkins_extra) for d in report.days), default=0)
    _attach(chart, series, days, _value_axis(translate("ReportCharts", "check-ins"), top))
    return chart


def waits(report: WeeklyReport) -> QChart:
    """Median and 95th percentile of how long people waited, beside the promised maximum."""
    chart = _chart(translate("ReportCharts", "How long people waited to be seen"))
    w = report.waits
    parts = [
        (translate("ReportCharts", "Median"), w.median, HELD),
        (translate("ReportCharts", "95th percentile"), w.p95, DELIVERED),
        (translate("ReportCharts", "Max wait (rule)"), w.max_wait, MUTED),
    ]
    minutes = [(name, _minutes(value), color) for name, value, color in reversed(parts)]
    series = QHorizontalStackedBarSeries()  # one bar per row, each its own colour
    for row, (name, value, color) in enumerate(minutes):
        values = [0.0] * len(minutes)
        values[row] = value
        series.append(_set(name, values, color))
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value min")
    series.setLabelsPrecision(4)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
    names = QBarCategoryAxis()
    names.append([name for name, _, _ in minutes])
    chart.addSeries(series)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    axis = _value_axis(translate("ReportCharts", "minutes"), max((v for _, v, _ in minutes), default=0))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(axis)
    chart.legend().setVisible(False)
    return chart


def _minutes(value: timedelta | None) -> float:
    return float(round(value.total_seconds() / 60)) if value is not None else 0.0


def compared() -> list[tuple[str, str]]:
    """The totals set against last week's, as (label, Totals field)."""
    return [
        (translate("ReportCharts", "Notifications"), "notifications"),
        (translate("ReportCharts", "Delivered now"), "delivered"),
        (translate("ReportCharts", "Held"), "held"),
        (translate("ReportCharts", "Muted"), "muted"),
        (translate("ReportCharts", "Avoided in focus"), "avoided"),
        (translate("ReportCharts", "Broke through"), "broke_through"),
    ]


def versus_last_week(report: WeeklyReport) -> QChart:
    chart = _chart(translate("ReportCharts", "Against the week before"))
    before = report.previous
    series = QHorizontalBarSeries()
    labels = list(reversed(compared()))
    now = [float(getattr(report.totals, key)) for _, key in labels]
    then = [float(getattr(before, key)) if before else 0.0 for _, key in labels]
    series.append(_set(str(report.week.previous()), then, MUTED))
    series.append(_set(str(report.week), now, HELD))
    names = QBarCategoryAxis()
    names.append([label for label, _ in labels])
    chart.addSeries(series)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    axis = _value_axis(translate("ReportCharts", "notifications"), max([*now, *then]))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(axis)
    return chart


def tint(chart: QChart, palette: QPalette) -> None:
    """Make a chart belong to the window: the palette's base, text and a soft grid."""
    text = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Base)
    grid = QColor(text)
    grid.setAlphaF(0.18)
    chart.setBackgroundBrush(base)
    chart.setBackgroundPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
    chart.setBackgroundRoundness(6)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setTitleBrush(text)
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setTitleBrush(text)
        axis.setLinePenColor(grid)
        axis.setGridLineColor(grid)
        axis.setShadesVisible(False)
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bar in series.barSets():
                bar.setLabelColor(text)
