"""Where no bar hosts a tray (i3bar or swaybar without `tray_output`, waybar without its tray
module, a bare X session): say so once, and what to use instead.

Without a tray the menu (focus, pause, check in, the report) is out of reach and nothing on
screen says notifyzen runs at all. So, after a grace period in which a bar started with the
session has registered its tray (swaybar and i3bar come up within a second or two of the
compositor's `exec` lines), notifyzen logs it at every start and, the first time only, sends a
desktop notification naming the commands that do what the menu does. It goes over the session
bus like any app's, so it is drawn by whoever draws notifications (notifyzen itself in server
mode, mako or dunst in observe mode) and is in the history. A marker file in the state
directory keeps it to once per user; deleting the file brings it back.

Not on Qt's offscreen platform: nobody sees a screen there (tests, `--headless` runs), and
no tray can exist. The notice is sent only where a bar is the tray's host by design: sway, i3
and the other wlroots compositors (their IPC socket or XDG_CURRENT_DESKTOP say so). Elsewhere
(a bare X session, GNOME without an AppIndicator extension) the log line alone says it: those
are mostly test and kiosk sessions, or desktops whose users know their shell has no tray.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon

from notifyzen.ui.placement import tiling_session

log = logging.getLogger(__name__)

GRACE_MS = 8_000
MARKER = "no-tray-noticed"
# What the notice names: the pop-up shows four lines of a body, and the full list below ran past
# them ("report,…"); --help names the rest. The log line names them all.
NOTICE = (
    "status",
    "checkin now",
    "open digest",
    "open history",
    "focus 25m",
    "focus off",
    "pause",
    "report",
    "--help",
)
COMMANDS = (  # the menu's items, in its order (README's "Tray" bullet lists the same)
    "status",
    "checkin now",
    "open digest",
    "open history",
    "rules undo",
    "focus 25m",
    "focus off",
    "pause",
    "pause off",
    "rules edit",
    "report",
    "autostart on",
    "quit",
)


def notice_text() -> tuple[str, str]:
    """The notice's title and body in the user's language."""
    title = QCoreApplication.translate("Tray", "notifyzen runs without a tray icon")
    body = QCoreApplication.translate(
        "Tray",
        "No bar here shows tray icons. From a terminal or a key binding: notifyzen %1",
    ).replace("%1", ", ".join(NOTICE))
    return title, body


def watch(tray: QSystemTrayIcon, state_dir: Path, bus_address: str | None, grace_ms: int = GRACE_MS) -> None:
    """Check for a tray once the bar has had time to come up; see the module docstring."""
    if QGuiApplication.platformName() == "offscreen":
        return
    timer = QTimer(tray)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: check(tray, state_dir, bus_address))
    timer.start(grace_ms)


def check(tray: QObject, state_dir: Path, bus_address: str | None) -> bool:
    """Log and (the first time) notify when no tray hosts the icon; True when it said so."""
    if QSystemTrayIcon.isSystemTrayAvailable():
        return False
    log.warning(
        "no bar hosts a tray icon here: notifyzen runs without one; use notifyzen %s instead of its menu",
        ", ".join(COMMANDS),
    )
    marker = state_dir / MARKER
    if marker.exists() or not tiling_session():
        return True
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        marker.write_text("notifyzen told you once that no bar here hosts its tray icon\n")
    except OSError as exc:
        log.warning("cannot remember that the no-tray notice was given (%s); not giving it", exc)
        return True
    title, body = notice_text()
    threading.Thread(
        target=_send, args=(title, body, bus_address), name="no-tray-notice", daemon=True
    ).start()
    return True


def _send(title: str, body: str, bus_address: str | None) -> None:
    try:
        asyncio.run(_notify(title, body, bus_address))
    except Exception as exc:  # a notice that cannot be sent is logged, never a crash
        log.warning("could not send the no-tray notice: %s", exc)


async def _notify(title: str, body: str, bus_address: str | None) -> None:
    from dbus_fast import BusType, Message, MessageType, Variant
    from dbus_fast.aio import MessageBus

    bus = MessageBus(bus_address=bus_address) if bus_address else MessageBus(bus_type=BusType.SESSION)
    await asyncio.wait_for(bus.connect(), 10)
    try:
        hints = {"desktop-entry": Variant("s", "io.github.notifyzen.Notifyzen"), "urgency": Variant("y", 1)}
        reply = await asyncio.wait_for(
            bus.call(
                Message(
                    destination="org.freedesktop.Notifications",
                    path="/org/freedesktop/Notifications",
                    interface="org.freedesktop.Notifications",
                    member="Notify",
                    signature="susssasa{sv}i",
                    body=["notifyzen", 0, "io.github.notifyzen.Notifyzen", title, body, [], hints, 0],
                )
            ),
            10,
        )
        if reply.message_type is MessageType.ERROR:
            log.warning("the no-tray notice was refused: %s %s", reply.error_name, reply.body)
    finally:
        bus.disconnect()
