"""The tray icon and its menu: the day at a glance, and the few things one does to it.

At a glance: whether focus is on (and which window), how many notifications wait, when the next
check-in comes; the icon carries the held count as a badge. Acting: check in now, focus for a
while, end focus, pause notifyzen, open the digest, edit the rules, the weekly report, start at
login, quit. A broken rule file shows as a line at the top ("Rules: error in rules.yaml:14") until
it is fixed; the app keeps running on the last good rules meanwhile.

The menu only shows what the bus thread last reported (`update(status)`, the dict `notifyzen
status --json` prints); it never asks. Choices leave as signals; the app posts them to the bus
thread. On Plasma QSystemTrayIcon registers a StatusNotifierItem, elsewhere an XEmbed icon.

Counts are put in with .replace("%n"), not translate's n: pyside6-lupdate does not see the n of
a Python translate() call, so it writes plain messages, and Qt looks up only plural ones when n
is given (the Dutch lines would never be found). These lines need no plural forms in Dutch.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from notifyzen.desktop.timewords import day_and_time
from notifyzen.ui.icons import app_icon, system_is_dark, tray_icon
from notifyzen.ui.placement import usable_area


def tiling_bar() -> bool:
    """On sway and i3 the bar is swaybar/i3bar (black unless configured): no dbusmenu on swaybar
    1.7, so a click must open the menu from here, and the glyph needs light ink."""
    desktops = os.environ.get("XDG_CURRENT_DESKTOP", "").casefold().split(":")
    return bool(os.environ.get("SWAYSOCK") or os.environ.get("I3SOCK")) or bool(
        {"sway", "i3"} & set(desktops)
    )


def mode_text(mode: str) -> str:
    if mode == "server":
        return QCoreApplication.translate("Tray", "Mode: server (notifyzen shows notifications)")
    if mode == "observe":
        return QCoreApplication.translate("Tray", "Mode: observe (the desktop shows notifications)")
    return QCoreApplication.translate("Tray", "Mode: starting…")


def taken_text(count: int) -> str:
    return QCoreApplication.translate("Tray", "Taken in today: %n").replace("%n", str(count))


def _clock(status: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(status["clock"]))
    except (KeyError, ValueError):
        return None


def when_text(at: datetime, now: datetime | None) -> str:
    """'14:30', 'tomorrow 10:30', 'Mon 10:30': the next check-in as the day's words."""
    return day_and_time(at, now, QCoreApplication.translate("Tray", "tomorrow %1"))


def manual_focus_text(status: dict[str, Any]) -> str:
    """'Focus until 10:05': the end of the block the user chose, as the status gives it (on the
    wall clock of that moment: the clock's offset now is an hour off across a DST change).
    The window's own name for it, "focus", would only repeat the word."""
    try:
        until = datetime.fromisoformat(str(status["manual_focus_until"]))
    except (KeyError, TypeError, ValueError):
        return QCoreApplication.translate("Tray", "Focus until you end it")
    at = when_text(until, _clock(status))
    return QCoreApplication.translate("Tray", "Focus until %1").replace("%1", at)


def situation_text(status: dict[str, Any]) -> str | None:
    """ "Sharing your screen (Zoom)", "In a call (Zoom)", "Full screen: mpv": what holds
    notifications now because of what the user is doing (notifyzen/context/), or None."""
    situation = status.get("situation")
    if not isinstance(situation, dict):
        return None
    app, kind = str(situation.get("app") or ""), situation.get("kind")
    if kind == "screen_share":
        text = (
            QCoreApplication.translate("Tray", "Sharing your screen (%1)")
            if app
            else QCoreApplication.translate("Tray", "Sharing your screen")
        )
    elif kind == "mirrored":
        text = QCoreApplication.translate("Tray", "Presenting on mirrored displays")
    elif kind == "fullscreen":
        text = (
            QCoreApplication.translate("Tray", "Full screen: %1")
            if app
            else QCoreApplication.translate("Tray", "Full screen")
        )
    elif kind == "call":
        text = (
            QCoreApplication.translate("Tray", "In a call (%1)")
            if app
            else QCoreApplication.translate("Tray", "In a call")
        )
    else:
        return None
    return text.replace("%1", app)


def state_text(status: dict[str, Any]) -> str:
    if status.get("paused"):
        return QCoreApplication.translate("Tray", "Paused: everything comes through")
    situation = situation_text(status)  # screen shared, full screen, a call (issue 19)
    if situation is not None:
        return situation
    if status.get("manual_focus"):
        return manual_focus_text(status)
    meeting = status.get("meeting")  # the calendar's meeting (issue 19)
    if isinstance(meeting, dict) and meeting.get("until"):
        at = when_text(datetime.fromisoformat(str(meeting["until"])), _clock(status))
        name = str(status.get("focus_window") or "meeting")
        text = (  # a calendar set to another preset (docs/calendar.md): its window's name
            QCoreApplication.translate("Tray", "%3 until %1 (Calendar: %2)").replace(
                "%3", name[:1].upper() + name[1:]
            )
            if name.casefold() != "meeting"
            else QCoreApplication.translate("Tray", "In a meeting until %1 (Calendar: %2)")
        )
        return text.replace("%1", at).replace("%2", str(meeting.get("calendar", "")))
    window = status.get("focus_window")
    if window:
        return QCoreApplication.translate("Tray", "Focus: %1").replace("%1", str(window))
    return QCoreApplication.translate("Tray", "Free: notifications come through")


def dnd_text(status: dict[str, Any]) -> str | None:
    """Whose Do not disturb the desktop is in (observe mode), or None when it is off: the user's
    own is named as theirs, so they know notifyzen leaves it to them."""
    dnd = status.get("dnd")
    if dnd == "yours":
        return QCoreApplication.translate("Tray", "Do not disturb (yours): only critical ones pop up")
    if dnd == "notifyzen":
        return QCoreApplication.translate("Tray", "Do not disturb: on while you focus")
    return None


def held_text(status: dict[str, Any]) -> str:
    held = int(status.get("held", 0))
    nxt = status.get("next_checkin")
    if not nxt:  # no check-in time and no focus end ahead (config `checkins: []`): only the user's own
        return QCoreApplication.translate(
            "Tray", "%n held · no check-in planned (Check in now shows them)"
        ).replace("%n", str(held))
    at = when_text(datetime.fromisoformat(str(nxt)), _clock(status))
    return (
        QCoreApplication.translate("Tray", "%n held · next check-in %1")
        .replace("%n", str(held))
        .replace("%1", at)
    )


def rules_text(status: dict[str, Any]) -> str | None:
    """'Rules: error in my.yaml:14 (running on the last good rules)', the warning that they hold
    nothing (`preset: []`, the one warning the loader gives), or None when they load."""
    errors = status.get("rules_errors") or []
    warnings = [str(w) for w in status.get("rules_warnings") or []]
    if not errors and any("preset: []" in w for w in warnings):  # and nothing of one's own
        return QCoreApplication.translate(
            "Tray", "Rules: no preset and no rules of your own, nothing is held"
        )
    if not errors and warnings:  # a rule that never decides (core/shadowing.py)
        where = ":".join(warnings[0].split(":")[:2])
        return QCoreApplication.translate("Tray", "Rules: a rule in %1 never decides").replace(
            "%1", Path(where).name
        )
    if not errors:
        return None
    first = str(errors[0])
    where = ":".join(first.split(":")[:2])  # file:line of "file:line:col: message"
    return QCoreApplication.translate("Tray", "Rules: error in %1 (the last good rules apply)").replace(
        "%1", Path(where).name
    )


def history_text(status: dict[str, Any]) -> str | None:
    """The history's trouble, when there is any (notifyzen/history/repair.py): a disk too full to
    write to (arrivals are refused until there is room), or a damaged or emptied file that was
    replaced at this start. None when all is well."""
    history = status.get("history") or {}
    problem = history.get("problem")
    if problem == "full":
        return QCoreApplication.translate(
            "Tray", "History: the disk is full, new notifications are refused until there is room"
        )
    if problem:
        return QCoreApplication.translate("Tray", "History cannot be written: new notifications are refused")
    repair = history.get("repair") or {}
    if repair.get("why") == "damaged":
        return QCoreApplication.translate(
            "Tray", "History was damaged: %n notifications saved, the damaged file kept beside it"
        ).replace("%n", str(repair.get("salvaged", 0)))
    if repair.get("why"):
        return QCoreApplication.translate("Tray", "History was found empty: a new one was started")
    return None


def icon_state(status: dict[str, Any]) -> str:
    if status.get("paused"):  # everything comes through: the icon says so, not "free" or a count
        return "paused"
    if status.get("held"):
        return "held"
    return "focus" if status.get("focus_window") and not status.get("paused") else "free"


class Tray(QSystemTrayIcon):
    """The tray icon. Signals carry the user's choices; `update` shows the service's status."""

    checkin_requested = Signal()
    focus_requested = Signal(float)  # minutes
    focus_tomorrow_requested = Signal()  # until the coming morning, in the rules' zone (the Service knows it)
    end_focus_requested = Signal()
    pause_requested = Signal()
    resume_requested = Signal()
    digest_requested = Signal()
    history_requested = Signal()
    undo_rule_requested = Signal(str)  # the name of the newest rule made with a button
    edit_rules_requested = Signal()
    open_file_requested = Signal(str)  # the rule file with the first error
    report_requested = Signal()
    autostart_toggled = Signal(bool)
    quit_requested = Signal()

    def __init__(self, *, autostart: bool = False) -> None:
        super().__init__()
        self.status: dict[str, Any] = {}
        self._icon_key: tuple[str, int, bool] | None = None
        self.menu = QMenu()
        # A broken rule file is the one line that can be clicked: it opens that file.
        self.rules_action = self._do("", lambda: self.open_file_requested.emit(self._broken_file()))
        self.rules_action.setIcon(
            QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        )
        self.rules_action.setVisible(False)
        self.history_action = self._info("")  # a full disk, a damaged history (history_text)
        self.history_action.setIcon(self.rules_action.icon())
        self.history_action.setVisible(False)
        self.state_action = self._info(QCoreApplication.translate("Tray", "Free: notifications come through"))
        self.held_action = self._info(
            QCoreApplication.translate("Tray", "%n held until the next check-in").replace("%n", str(0))
        )
        self.taken_action = self._info(taken_text(0))
        self.mode_action = self._info(mode_text("starting"))
        self.dnd_action = self._info("")
        self.dnd_action.setVisible(False)
        self.replies_action = self._info("")  # "3 people told you're focusing until 12:00" (issue 11)
        self.replies_action.setVisible(False)
        self.menu.addSeparator()
        self.checkin_action = self._do(
            QCoreApplication.translate("Tray", "Check in now"), self.checkin_requested
        )
        self.digest_action = self._do(
            QCoreApplication.translate("Tray", "Open digest"), self.digest_requested
        )
        self.history_window_action = self._do(
            QCoreApplication.translate("Tray", "History…"), self.history_requested
        )
        self._undo_name = ""
        self.undo_rule_action = self._do("", lambda: self.undo_rule_requested.emit(self._undo_name))
        self.undo_rule_action.setVisible(False)
        self.menu.addSeparator()
        self.focus25_action = self._do(
            QCoreApplication.translate("Tray", "Focus for 25 min"), lambda: self.focus_requested.emit(25.0)
        )
        self.focus60_action = self._do(
            QCoreApplication.translate("Tray", "Focus for 1 hour"), lambda: self.focus_requested.emit(60.0)
        )
        self.focus_day_action = self._do(
            QCoreApplication.translate("Tray", "Focus until tomorrow"),
            self.focus_tomorrow_requested,
        )
        self.end_focus_action = self._do(
            QCoreApplication.translate("Tray", "End focus"), self.end_focus_requested
        )
        self.pause_action = self._do(
            QCoreApplication.translate("Tray", "Pause notifyzen (let everything through)"),
            self._pause_clicked,
        )
        self.menu.addSeparator()
        self.edit_rules_action = self._do(
            QCoreApplication.translate("Tray", "Edit rules…"), self.edit_rules_requested
        )
        self.report_action = self._do(
            QCoreApplication.translate("Tray", "Weekly report…"), self.report_requested
        )
        self.autostart_action = self._do(QCoreApplication.translate("Tray", "Start at login"), lambda: None)
        self.autostart_action.setCheckable(True)
        self.autostart_action.setChecked(autostart)
        self.autostart_action.toggled.connect(self.autostart_toggled)
        self.menu.addSeparator()
        self.quit_action = self._do(QCoreApplication.translate("Tray", "Quit notifyzen"), self.quit_requested)
        self.setContextMenu(self.menu)
        self.activated.connect(self._clicked)
        self.setToolTip("notifyzen")
        self.update({})

    def set_undo(self, name: str | None) -> None:
        """Offer to take back the newest rule made with Always allow/mute, for as long as it is
        in the file (the app reads it there, so this survives a restart)."""
        self._undo_name = name or ""
        self.undo_rule_action.setText(
            QCoreApplication.translate("Tray", "Undo rule: %1").replace("%1", name or "")
        )
        self.undo_rule_action.setVisible(bool(name))

    def _info(self, text: str) -> QAction:
        action = self.menu.addAction(text)
        action.setEnabled(False)
        return action

    def _do(self, text: str, slot: Any) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def _broken_file(self) -> str:
        errors = self.status.get("rules_errors") or self.status.get("rules_warnings") or [""]
        return str(errors[0]).split(":")[0]

    def _pause_clicked(self) -> None:
        (self.resume_requested if self.status.get("paused") else self.pause_requested).emit()

    def _clicked(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        """swaybar sends ContextMenu (right) and Activate (left) and shows no dbusmenu: open the
        menu ourselves at the tray's end of the bar; a second click closes it."""
        menus = (QSystemTrayIcon.ActivationReason.Context, QSystemTrayIcon.ActivationReason.Trigger)
        if reason not in menus or not os.environ.get("SWAYSOCK"):
            return  # i3bar is an XEmbed tray: Qt opens the menu there itself
        if self.menu.isVisible():
            self.menu.hide()
            return
        area = usable_area()
        screen = QGuiApplication.primaryScreen()
        size = self.menu.sizeHint()
        bar_on_top = screen is None or area.top() > screen.geometry().top()
        y = area.top() if bar_on_top else area.bottom() - size.height() + 1
        self.menu.popup(QPoint(area.right() - size.width() + 1, y))

    def _set_icon(self, state: str, held: int) -> None:
        dark = system_is_dark() or tiling_bar()
        if self._icon_key != (state, held, dark):
            self._icon_key = (state, held, dark)
            icon = tray_icon(state, held, dark=dark)
            self.setIcon(icon if not icon.isNull() else app_icon())

    def update(self, status: dict[str, Any]) -> None:
        self.status = dict(status)
        held = int(status.get("held", 0))
        self.state_action.setText(state_text(status))
        self.held_action.setText(held_text(status))
        self.taken_action.setText(taken_text(int(status.get("taken_in_today", 0))))
        self.mode_action.setText(mode_text(str(status.get("mode", "starting"))))
        dnd = dnd_text(status)
        self.dnd_action.setText(dnd or "")
        self.dnd_action.setVisible(dnd is not None)
        rules = rules_text(status)
        self.rules_action.setText(rules or "")
        self.rules_action.setVisible(rules is not None)
        history = history_text(status)
        self.history_action.setText(history or "")
        self.history_action.setVisible(history is not None)
        self.end_focus_action.setEnabled(bool(status.get("manual_focus")))
        replies = status.get("replies") or {}  # worded by notifyzen.core.statusreply in the UI language
        self.replies_action.setText(str(replies.get("text", "")))
        self.replies_action.setVisible(bool(replies.get("count")))
        paused = bool(status.get("paused"))
        self.pause_action.setText(
            QCoreApplication.translate("Tray", "Resume notifyzen (hold again)")
            if paused
            else QCoreApplication.translate("Tray", "Pause notifyzen (let everything through)")
        )
        self._set_icon(icon_state(status), held)
        tip = [state_text(status), held_text(status), *([dnd] if dnd else [])]
        if rules:
            tip.append(rules)
        if history:
            tip.append(history)
        self.setToolTip("notifyzen\n" + "\n".join(tip))
