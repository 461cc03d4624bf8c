"""The tray says when the history is in trouble (issue 22): a full disk refuses new
notifications, a damaged or emptied history was replaced at this start. Nothing when all is well.
The status dicts are what `notifyzen status --json` prints (tests/history/test_faults_history.py makes a
real notifyzen print them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from notifyzen.desktop import i18n
from notifyzen.ui.tray import Tray

STATUS: dict[str, Any] = {
    "mode": "server",
    "taken_in_today": 1,
    "held": 0,
    "next_checkin": "2026-11-16T12:30:00+01:00",
    "clock": "2026-11-16T09:40:00+01:00",
    "history": {"ok": True, "problem": None, "error": None, "repair": None},
}
DAMAGED = {"why": "damaged", "salvaged": 293, "moved_to": "/h/notifyzen.db.damaged-1", "error": "malformed"}


def texts(tray: Tray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if a.isVisible() and not a.isSeparator()]


def history_lines(tray: Tray) -> list[str]:
    """The history's trouble; not the History… entry that opens the window."""
    return [t for t in texts(tray) if ("istor" in t or "eschiedenis" in t) and not t.endswith("…")]


def test_full_disk_damage_and_loss_are_said_in_english_and_dutch(qtbot: QtBot, qapp: QApplication) -> None:
    tray = Tray()
    try:
        tray.update(STATUS)
        assert history_lines(tray) == []
        full = {**STATUS, "history": {**STATUS["history"], "ok": False, "problem": "full"}}
        tray.update(full)
        line = "History: the disk is full, new notifications are refused until there is room"
        assert history_lines(tray) == [line] and line in tray.toolTip()
        tray.update({**STATUS, "history": {**STATUS["history"], "ok": False, "repair": DAMAGED}})
        assert history_lines(tray) == [
            "History was damaged: 293 notifications saved, the damaged file kept beside it"
        ]
        tray.update({**STATUS, "history": {**STATUS["history"], "repair": {"why": "emptied"}}})
        assert history_lines(tray) == ["History was found empty: a new one was started"]
        tray.update(STATUS)
        assert history_lines(tray) == []
        i18n.install(qapp, "nl")
        tray.update(full)
        assert history_lines(tray) == [
            "Geschiedenis: de schijf is vol, nieuwe meldingen worden geweigerd tot er ruimte is"
        ]
        tray.update({**STATUS, "history": {**STATUS["history"], "repair": DAMAGED}})
        assert history_lines(tray) == [
            "Geschiedenis was beschadigd: 293 meldingen gered, het beschadigde bestand staat ernaast"
        ]
    finally:
        i18n.install(qapp, "en")
        tray.hide()
