"""Show the weekly report window with meeting time on a real X screen and take a screenshot (not a test).

    Xvfb :7 -screen 0 1280x2200x24 & DISPLAY=:7 python -m tests.calendar.shoot_meeting_report \
        docs/images/report-meetings.png [--lang=nl]

Issue 18's example week (tests/report/report_week.py) asked on Thursday 15:00, with
tests/calendar/data/meeting-week.ics as config.yaml's calendar (test_calendar_report.py checks the
same figures). Open the PNG and look.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from notifyzen.desktop import i18n
from notifyzen.report.data import open_history
from notifyzen.ui.report import ReportWindow
from tests.calendar.test_calendar_report import meeting_report
from tests.report.report_week import W47, write_week
from tests.ui.shoot import _grab


def main() -> int:
    out = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "report-meetings.png"))
    app = QApplication(sys.argv[:1])
    i18n.install(app, next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--lang=")), "en"))
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_history(write_week(Path(tmp) / "notifyzen.db"))
        assert engine is not None
        window = ReportWindow(lambda week: meeting_report(engine), W47)
        screen = app.primaryScreen().availableGeometry()
        window.setGeometry(0, 0, min(1280, screen.width()), min(1300, screen.height()))
        window.show()
        _grab(app, out)
        window.close()
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
