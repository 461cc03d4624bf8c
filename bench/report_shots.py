"""Screenshots of the report window and its exports from two generated weeks (for looking at).

    Xvfb :8 -screen 0 1400x1000x24 &  DISPLAY=:8 python3 bench/report_shots.py shots/ [--dark]

A week may be named (e.g. 2026-W43, the October DST change).
Writes window.png and window-bottom.png (`import -window root`), report.{png,pdf,html}, empty.pdf.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from bench.reportweek import MAX_WAIT, engine_rules, lived_week, write_history
from notifyzen.commands.report import _what_if
from notifyzen.core.report import IsoWeek, WeeklyReport
from notifyzen.report.data import open_history, weekly_report
from notifyzen.report.export import export
from notifyzen.ui.report import ReportWindow, export_view

AMS = ZoneInfo("Europe/Amsterdam")
WEEK = next((IsoWeek.parse(a) for a in sys.argv if "-W" in a), IsoWeek(2026, 47))


def dark_palette() -> QPalette:
    p = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2b2e"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e20"), (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#3a3a3e"), (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Mid, "#505055"), (QPalette.ColorRole.PlaceholderText, "#a0a0a8"),
        (QPalette.ColorRole.Highlight, "#3b82c4"),
    ):  # fmt: skip
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a80"))
    return p


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    db = out / "history.db"
    db.unlink(missing_ok=True)
    rows, checkins, spans = [], [], []
    for monday, seed, size in ((WEEK.previous().monday, 3, 1300), (WEEK.monday, 4, 1100)):
        r, c, f = lived_week(monday, AMS, seed=seed, size=size)
        rows += r
        checkins += c
        spans += f
    write_history(db, rows, checkins)
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    if "--dark" in sys.argv:
        app.setPalette(dark_palette())
    engine = open_history(db)
    rules, config = engine_rules(AMS)

    def load(week: IsoWeek, bodies: bool = False) -> WeeklyReport:
        return weekly_report(
            engine,
            week,
            AMS,
            focus_spans=spans,
            max_wait=MAX_WAIT,
            what_if=lambda hint: _what_if(db, rules, config, week, hint),
            show_bodies=bodies,
        )

    window = ReportWindow(load, WEEK, latest=WEEK, load_with_bodies=lambda week: load(week, True))
    if "--bodies" in sys.argv:
        window.bodies_box.setChecked(True)
    window.setGeometry(0, 0, 1400, 1000)
    window.show()
    bar = window.scroller.verticalScrollBar()

    def shoot(name: str) -> None:  # the whole X screen, as a user would see it
        subprocess.run(["import", "-window", "root", str(out / name)], check=True, timeout=30)

    def top() -> None:
        shoot("window.png")
        bar.setValue(bar.maximum())
        QTimer.singleShot(800, bottom)

    def bottom() -> None:
        shoot("window-bottom.png")
        for ext in ("png", "pdf", "html"):
            export(window.report, out / f"report.{ext}", render=export_view)  # type: ignore[arg-type]
        export(load(IsoWeek(2026, 43)), out / "empty.pdf", render=export_view)
        app.quit()

    QTimer.singleShot(1500, top)
    app.exec()


if __name__ == "__main__":
    main()
