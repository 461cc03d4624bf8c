"""The tray icon and its menu: which mode notifyzen runs in, how much it took in today, Quit.

On Plasma QSystemTrayIcon registers a StatusNotifierItem; elsewhere it uses the XEmbed tray. The
menu only shows what the bus thread last reported (`update`), it never asks for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from notifyzen.ui.icons import app_icon, tray_icon

MODE_TEXT = {
    "server": "Mode: server (notifyzen shows notifications)",
    "observe": "Mode: observe (the desktop shows notifications)",
    "starting": "Mode: starting…",
}


def taken_text(count: int) -> str:
    return f"Taken in today: {count}" if count != 1 else "Taken in today: 1 notification"


def icon_state(status: dict[str, Any]) -> str:
    if status.get("held"):
        return "held"
    return "focus" if status.get("focus_window") else "free"


class Tray(QSystemTrayIcon):
    quit_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._state: tuple[str, int] | None = None
        self.menu = QMenu()
        self.mode_action = self._info(MODE_TEXT["starting"])
        self.taken_action = self._info(taken_text(0))
        self.menu.addSeparator()
        quit_action = self.menu.addAction("Quit notifyzen")
        quit_action.triggered.connect(self.quit_requested)
        self.setContextMenu(self.menu)
        self.setToolTip("notifyzen")
        self._set_icon("free", 0)

    def _info(self, text: str) -> QAction:
        action = self.menu.addAction(text)
        action.setEnabled(False)
        return action

    def _set_icon(self, state: str, held: int) -> None:
        if self._state != (state, held):
            self._state = (state, held)
            icon = tray_icon(state, held, dark=False)
            self.setIcon(icon if not icon.isNull() else app_icon())

    def update(self, status: dict[str, Any]) -> None:
        mode = str(status.get("mode", "starting"))
        self.mode_action.setText(MODE_TEXT.get(mode, f"Mode: {mode}"))
        self.taken_action.setText(taken_text(int(status.get("taken_in_today", 0))))
        held = int(status.get("held", 0))
        self._set_icon(icon_state(status), held)
        self.setToolTip(f"notifyzen — {mode} mode, {status.get('taken_in_today', 0)} today, {held} held")
