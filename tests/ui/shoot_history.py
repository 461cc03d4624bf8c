"""Screenshots of the history window and the digest after issue 18 (not a test).

    Xvfb :7 -screen 0 1280x800x24 & DISPLAY=:7 python -m tests.ui.shoot_history docs/images

Writes history-window.png (a few days, newest first, a live notification's own button) and
digest-pinned.png (a pinned line, Dismiss all, a rule just written with Undo); open them and look.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from notifyzen.desktop import i18n
from notifyzen.history import store
from notifyzen.ui.digest import DigestWindow
from notifyzen.ui.history import HistoryWindow
from tests.harness.digest_items import NOW, morning
from tests.ui.test_history_window import week


def _settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _grab(app: QApplication, window: QWidget, path: Path) -> None:
    _settle(app)
    window.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "en")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "h.db"
        ids = week(db)
        engine = store.reader(db)
        rows = store.query(engine)
        engine.dispose()
    history = HistoryWindow(lambda id: id == ids["Standup in 5 minutes"])
    history.set_rows(rows, NOW)
    history.show()
    _settle(app)
    first = history.tree.topLevelItem(0)
    standup = first.child(2) if first is not None else None
    if standup is not None:
        history.tree.setCurrentItem(standup)  # still live: its own Join button
    _grab(app, history, out / "history-window.png")

    digest = DigestWindow()
    digest.set_items(morning(), at=NOW)
    digest.show()
    digest.activateWindow()
    _settle(app)
    QTest.keyClick(digest.view, Qt.Key.Key_P)  # pin Marco's line
    QTest.keyClick(digest.view, Qt.Key.Key_Down)
    digest.rule_written("always mute CI", "~/.config/notifyzen/rules/00-digest.yaml")
    _grab(app, digest, out / "digest-pinned.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
