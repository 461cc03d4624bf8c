"""Show the weekly report window on a real X screen and take a screenshot (not a test).

    Xvfb :7 -screen 0 1280x2200x24 & DISPLAY=:7 python -m tests.ui.shoot_report docs/images/report-window.png

Issue 18's example week (tests/report/report_week.py) from a real history, asked on Thursday 15:00 as
the user asked it, the whole window tall enough to show the suggestions. Open the PNG and look.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from bench.reportweek import MAX_WAIT
from notifyzen.desktop import i18n
from notifyzen.report.data import open_history, weekly_report
from notifyzen.ui.report import ReportWindow
from tests.report.report_week import AMS, ASKED, W47, spans, write_week
from tests.ui.shoot import _grab


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "report-window.png")
    app = QApplication(sys.argv[:1])
    i18n.install(app, next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--lang=")), "en"))
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_history(write_week(Path(tmp) / "notifyzen.db"))
        assert engine is not None
        window = ReportWindow(
            lambda week: weekly_report(
                engine, week, AMS, focus_spans=spans(week), max_wait=MAX_WAIT, now=ASKED
            ),
            W47,
        )
        screen = app.primaryScreen().availableGeometry()
        window.setGeometry(0, 0, min(1280, screen.width()), min(2200, screen.height()))
        window.show()
        _grab(app, out)
        window.close()
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
