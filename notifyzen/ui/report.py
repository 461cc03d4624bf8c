"""The weekly focus report window (tray → Weekly report, `notifyzen report`).

`ReportView` lays one WeeklyReport out: headline figures, the charts, suggestions. It is a plain
widget so the exports render exactly what the window shows. `ReportWindow` adds the week chooser
and asks a loader for each week, so it never touches the database itself; one click on a
suggestion emits `write_rule(dict)` and the app decides how the rule gets written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from notifyzen.core.report import IsoWeek, Suggestion, WeeklyReport
from notifyzen.desktop.i18n import translate
from notifyzen.report import words
from notifyzen.ui import report_charts as charts
from notifyzen.ui.floating import make_floating_window

Loader = Callable[[IsoWeek], WeeklyReport]


class Figure(QFrame):
    """One headline number with what it means and how it moved."""

    def __init__(self, caption: str, value: str, note: str = "") -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.caption, self.value, self.note = QLabel(caption), QLabel(value), QLabel(note)
        big = QFont(self.value.font())
        big.setPointSizeF(big.pointSizeF() * 1.9)
        big.setBold(True)
        self.value.setFont(big)
        self.note.setWordWrap(True)
        for label in (self.caption, self.value, self.note):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)  # numbers line up across a row whatever the notes' length
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)


class ReportView(QWidget):
    """One week, laid out. Sections are separate widgets so a PDF can break pages between them."""

    write_rule = Signal(dict)

    def __init__(
        self, report: WeeklyReport, *, interactive: bool = True, palette: QPalette | None = None
    ) -> None:
        super().__init__()
        if palette is not None:
            self.setPalette(palette)
            self.setAutoFillBackground(True)
        self.report = report
        self.interactive = interactive
        self.chart_views: list[QChartView] = []
        self.chart_rows: list[list[QChartView]] = []  # as laid out: two side by side, or one wide
        self.not_running: QLabel | None = None  # when notifyzen was off this week, if it was
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        self.sections: list[QWidget] = [self._headline(), *self._chart_rows(), self._suggestions()]
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)

    def _headline(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        title = QLabel(words.week_title(self.report))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        grid.addWidget(title, 0, 0, 1, 3)
        if self.report.empty:
            grid.addWidget(QLabel(words.nothing_recorded()), 1, 0, 1, 3)
        if self.report.not_running:  # the figures below count only what notifyzen was there for
            self.not_running = QLabel(words.not_running(self.report))
            self.not_running.setWordWrap(True)
            self.not_running.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(self.not_running, 2, 0, 1, 3)
        for i, (caption, value, note) in enumerate(words.figures(self.report)):
            grid.addWidget(Figure(caption, value, note), 3 + i // 3, i % 3)
        return box

    def _chart_rows(self) -> list[QWidget]:
        r, palette = self.report, self.palette()
        rows = [
            [charts.per_day(r), charts.focus(r)],
            [charts.heatmap(r, palette)],
            [
                charts.tops(words.top_apps_title(), r.top_apps),
                charts.tops(words.top_people_title(), r.top_people),
            ],
            [charts.checkins(r), charts.waits(r)],
            [charts.versus_last_week(r)],
        ]
        out = []
        for row in rows:
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(12)
            views = [self._view(chart, 300 if len(row) > 1 else 330) for chart in row]
            for view in views:
                line.addWidget(view)
            self.chart_rows.append(views)
            out.append(box)
        return out

    def _view(self, chart: QChart, height: int) -> QChartView:
        charts.tint(chart, self.palette())
        view = QChartView(chart)
        view.setAccessibleName(chart.title())
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(height)
        view.setMinimumWidth(420)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        view.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_views.append(view)
        return view

    def _suggestions(self) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        heading = QLabel(words.suggestions_heading())
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        layout.addWidget(heading)
        if not self.report.suggestions:
            nothing = translate(
                "Report", "Nothing to suggest: no app went unread, nobody kept breaking through."
            )
            layout.addWidget(QLabel(nothing))
        for suggestion in self.report.suggestions:
            layout.addWidget(self._suggestion(suggestion))
        return box

    def _suggestion(self, s: Suggestion) -> QWidget:
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        text = QLabel(words.suggestion_text(s) + (f"  ({s.what_if})" if s.what_if else ""))
        text.setTextFormat(Qt.TextFormat.PlainText)  # it holds names as sent, never markup
        text.setWordWrap(True)
        row.addWidget(text, 1)
        if s.example is not None:
            example = QLabel(f"“{s.example}”")
            example.setTextFormat(Qt.TextFormat.PlainText)
            example.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            row.addWidget(example)
        if self.interactive:
            button = QPushButton(words.suggestion_button(s))
            button.setToolTip(words.suggestion_tooltip(s))
            button.clicked.connect(lambda _=False, rule=dict(s.rule): self.write_rule.emit(rule))
            row.addWidget(button)
        return line


def export_view(report: WeeklyReport, palette: QPalette | None) -> ReportView:
    """The view an export draws (notifyzen.report.export's `render`): the window's, without buttons."""
    return ReportView(report, interactive=False, palette=palette)


class ReportWindow(QWidget):
    """The report for one ISO week, with previous / next week; never goes past `latest`."""

    write_rule = Signal(dict)
    week_changed = Signal(object)  # IsoWeek

    def __init__(
        self,
        load: Loader,
        week: IsoWeek,
        *,
        latest: IsoWeek | None = None,
        load_with_bodies: Loader | None = None,
    ) -> None:
        """`load_with_bodies`, if given, offers a "Show notification texts" switch (off at start)."""
        super().__init__()
        self.setWindowTitle(translate("Report", "notifyzen — weekly focus report"))
        self.load = load
        self.load_with_bodies = load_with_bodies
        self.latest = latest or week
        self.week = week
        self.view: ReportView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._bar())
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroller, 1)
        QShortcut(QKeySequence("Alt+Left"), self, self.previous_week)
        QShortcut(QKeySequence("Alt+Right"), self, self.next_week)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        make_floating_window(self, QSize(1240, 900))  # floating and centred on i3 and sway too
        self.show_week(week)

    def _bar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        self.previous_button = QPushButton(translate("Report", "◀ Previous week"))
        self.next_button = QPushButton(translate("Report", "Next week ▶"))
        self.this_week_button = QPushButton(translate("Report", "This week"))
        self.week_label = QLabel()
        font = QFont(self.week_label.font())
        font.setBold(True)
        self.week_label.setFont(font)
        self.bodies_box = QCheckBox(translate("Report", "Show notification texts"))
        self.bodies_box.setToolTip(
            translate("Report", "Off: the report shows apps, people and counts, never what they wrote")
        )
        self.bodies_box.setVisible(self.load_with_bodies is not None)
        self.bodies_box.toggled.connect(lambda _: self.show_week(self.week))
        self.export_button = QPushButton(translate("Report", "Export…"))
        self.previous_button.clicked.connect(self.previous_week)
        self.next_button.clicked.connect(self.next_week)
        self.this_week_button.clicked.connect(lambda: self.show_week(self.latest))
        self.export_button.clicked.connect(self._export)
        for widget in (self.previous_button, self.week_label, self.next_button, self.this_week_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.bodies_box)
        row.addWidget(self.export_button)
        return bar

    @property
    def report(self) -> WeeklyReport | None:
        return self.view.report if self.view else None

    def previous_week(self) -> None:
        self.show_week(self.week.previous())

    def next_week(self) -> None:
        if self.week < self.latest:
            self.show_week(self.week.next())

    def show_week(self, week: IsoWeek) -> None:
        self.week = week
        bodies = self.load_with_bodies is not None and self.bodies_box.isChecked()
        view = ReportView((self.load_with_bodies if bodies and self.load_with_bodies else self.load)(week))
        view.write_rule.connect(self.write_rule)
        self.scroller.setWidget(view)  # the scroll area deletes the previous week's view
        self.view = view
        self.week_label.setText(str(week))
        self.next_button.setEnabled(week < self.latest)
        self.this_week_button.setEnabled(week != self.latest)
        self.week_changed.emit(week)

    def _export(self) -> None:
        from notifyzen.report.export import export

        # where a person keeps documents, not wherever the process happened to start
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if not folder or not Path(folder).is_dir():
            folder = str(Path.home())
        path, chosen = QFileDialog.getSaveFileName(
            self,
            translate("Report", "Export the weekly report"),
            str(Path(folder) / f"notifyzen-{self.week}.pdf"),
            "PDF (*.pdf);;PNG (*.png);;HTML (*.html)",
        )
        if not path or self.report is None:
            return
        if "." not in path.rsplit("/", 1)[-1]:  # a bare name takes the chosen type's suffix
            path += chosen[chosen.find("*") + 1 : chosen.rfind(")")] if "*" in chosen else ".pdf"
        try:
            export(self.report, path, render=export_view)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, translate("Report", "Export failed"), str(exc))
