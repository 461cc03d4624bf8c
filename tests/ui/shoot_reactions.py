"""Screenshots of the user's answers (issue 20), not a test.

    Xvfb :7 -screen 0 1280x800x24 & DISPLAY=:7 python -m tests.ui.shoot_reactions docs/images [nl]

Writes popup-answer.png (a pop-up under the pointer: its "⋯" menu open, and one answered),
digest-answer.png (the digest after "Should have come through") and history-reactions.png (the
history window with what the user did in the lines and the answer that fits the selected one).
The pop-up's menu is a window of its own, so that one is taken from the screen (`import -window
root`); open them and look.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication, QWidget

from notifyzen.core.model import Decision, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.desktop import i18n
from notifyzen.history import reactions as store_reactions
from notifyzen.history import store
from notifyzen.ui.digest import DigestWindow
from notifyzen.ui.history import ID, HistoryWindow
from notifyzen.ui.popup import PopupStack
from tests.harness.digest_items import NOW, make_item, morning
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


def popups(app: QApplication, out: Path, suffix: str) -> None:
    area = QRect(0, 0, 1280, 800)
    stack = PopupStack(area=lambda: area, default_timeout_ms=600_000)
    through = Decision(Verdict.DELIVER, "default", "delivered")
    stack.show(make_item(1, "Slack", "Marco (#release)", "can you look at the build?", decision=through))
    stack.show(make_item(2, "Shop", "Flash sale", "50% off everything until midnight", decision=through))
    _settle(app)
    answered = stack.popup(1)
    hovered = stack.popup(2)
    assert answered is not None and hovered is not None
    menu = answered.options.menu()
    assert menu is not None
    menu.actions()[0].trigger()  # "Could have waited": the pop-up says it was heard
    QApplication.sendEvent(hovered, QEnterEvent(QPointF(9, 9), QPointF(9, 9), QPointF(9, 9)))
    _settle(app)
    menu = hovered.options.menu()
    assert menu is not None
    menu.popup(hovered.options.mapToGlobal(hovered.options.rect().bottomLeft()))
    _settle(app)
    target = out / f"popup-answer{suffix}.png"
    subprocess.run(["import", "-window", "root", "-crop", "440x330+840+0", str(target)], check=True)
    print(target)
    menu.close()
    stack.clear()


def main(out: Path, language: str) -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, language)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "en" else f"-{language}"

    popups(app, out, suffix)

    digest = DigestWindow()
    digest.set_items(morning(), at=NOW)
    digest.show()
    digest.activateWindow()
    _settle(app)
    digest.answer_button.click()
    _grab(app, digest, out / f"digest-answer{suffix}.png")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "h.db"
        ids = week(db)
        s = store.Store(db)
        anke = ids["Anke"]  # held yesterday, shown at the check-in, opened 3 minutes later
        checkin = NOW - timedelta(hours=25)
        s.shown(anke, checkin, "checkin")
        s.react(Reaction(anke, ReactionKind.OPENED, checkin + timedelta(minutes=3)))
        s.closed(anke, checkin + timedelta(minutes=3), 2, state="acted")
        s.react(Reaction(ids["Now playing"], ReactionKind.COULD_HAVE_WAITED, NOW - timedelta(minutes=4)))
        s.close()
        engine = store.reader(db)
        rows = store.query(engine)
        reactions = store_reactions.of_rows_read(engine, [int(r.id or 0) for r in rows])
        engine.dispose()
    history = HistoryWindow()
    history.set_rows(rows, NOW, reactions)
    history.show()
    _settle(app)
    first = history.tree.topLevelItem(0)
    if first is not None:
        marco = next(
            (
                c
                for i in range(first.childCount())
                if (c := first.child(i)) and c.data(0, ID) == ids["Marco (#release)"]
            ),
            None,
        )
        if marco is not None:
            history.tree.setCurrentItem(marco)
            history.answer_buttons[ReactionKind.SHOULD_HAVE_COME].click()
    _grab(app, history, out / f"history-reactions{suffix}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"), sys.argv[2] if len(sys.argv) > 2 else "en")
