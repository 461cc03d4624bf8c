"""Plasma: org.freedesktop.Notifications.Inhibit, the call Plasma's own "Do not disturb" uses
for applications (a presentation tool, a video player).

Inhibit(desktop_entry, reason, hints) returns a cookie; Plasma keeps the inhibition only while the
connection that asked for it exists, and shows "Do not disturb: notifyzen — <reason>" in its
applet. So the driver opens a connection of its own and keeps it open: if notifyzen dies in any
way, the kernel closes the socket, the bus announces the name is gone, and Plasma lifts the
inhibition. Nothing to write down, nothing to restore. Critical notifications still show.

Plasma also lets any client replace a notification in place (Notify with its id as replaces_id;
libnotificationmanager's server_p.cpp checks no owner), broadcasts ActionInvoked, and has
`org.kde.NotificationManager.InvokeAction(id, key)` (on /org/freedesktop/Notifications) (what KDE Connect uses
to press a desktop notification's button from the phone). So a break-through is the app's own
notification raised in place (`replaces_in_place`), and "Open" in the digest runs the app's own
action (`invokes_actions`). docs/plasma-facts.md has what was measured on plasmashell 5.27.

Its `Inhibited` property (with PropertiesChanged) is true while anyone silences it: notifyzen,
another app, or the user ("Do not disturb" in the applet, stored as `[DoNotDisturb] Until` in
plasmanotifyrc). `user_dnd_until` reads the user's own.
"""

from __future__ import annotations

import asyncio
import configparser
import logging
import os
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen.dnd.base import DndDriver

log = logging.getLogger(__name__)

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
DESKTOP_ENTRY = "io.github.notifyzen.Notifyzen"
CALL_TIMEOUT = 10.0
REASON = "Holding notifications until your next check-in"


class PlasmaDriver(DndDriver):
    name: ClassVar[str] = "plasma"
    replaces_in_place: ClassVar[bool] = True
    invokes_actions: ClassVar[bool] = True
    watches_inhibited: ClassVar[bool] = True

    def __init__(self, bus_address: str | None = None, reason: str = REASON) -> None:
        super().__init__()
        self.bus_address = bus_address
        self.reason = reason
        self.cookie: int | None = None
        self._bus: MessageBus | None = None

    async def engage(self) -> None:
        if self.engaged:
            return
        bus = await MessageBus(bus_address=self.bus_address).connect()
        inhibit = Message(
            destination=NAME,
            path=PATH,
            interface=NAME,
            member="Inhibit",
            signature="ssa{sv}",
            body=[DESKTOP_ENTRY, self.reason, {}],
        )
        try:
            reply = await asyncio.wait_for(bus.call(inhibit), CALL_TIMEOUT)
        except BaseException:
            bus.disconnect()  # a late cookie dies with this connection
            raise
        if reply is None or reply.message_type is MessageType.ERROR or reply.signature != "u":
            bus.disconnect()
            detail = reply.body if reply is not None else "no reply"
            raise ConnectionError(f"Plasma refused Inhibit: {detail}")
        self._bus, self.cookie, self.engaged = bus, int(reply.body[0]), True

    def revoked(self) -> None:
        """Plasma dropped the inhibition without being asked (the user's "toggle do not disturb"
        revokes every application's): the cookie means nothing now; keep nothing of it."""
        bus, self._bus, self.cookie, self.engaged = self._bus, None, None, False
        if bus is not None:
            bus.disconnect()

    async def daemon_left(self) -> None:
        """The inhibition died with the old plasmashell; UnInhibit with its cookie would reach the
        new one, where that number may be another application's inhibition."""
        bus, self._bus, self.cookie, self.engaged = self._bus, None, None, False
        if bus is not None:
            bus.disconnect()

    async def release(self) -> None:
        bus, cookie = self._bus, self.cookie
        self._bus, self.cookie, self.engaged = None, None, False
        if bus is None:
            return
        try:
            if cookie is not None and bus.connected:
                uninhibit = Message(
                    destination=NAME,
                    path=PATH,
                    interface=NAME,
                    member="UnInhibit",
                    signature="u",
                    body=[cookie],
                )
                await asyncio.wait_for(bus.call(uninhibit), CALL_TIMEOUT)
        except Exception:  # closing the connection below lifts it anyway
            log.debug("UnInhibit failed", exc_info=True)
        finally:
            bus.disconnect()


def user_dnd_until(env: Mapping[str, str] | None = None, now: datetime | None = None) -> datetime | None:
    """When the user's own Do not disturb (the applet's toggle or "for 1 hour") ends, or None when
    it is off. Plasma keeps it in plasmanotifyrc as `[DoNotDisturb] Until=2027,12,7,14,5,0` (local
    time; "until turned off" is a year ahead); the Inhibited property alone cannot tell it from
    notifyzen's own inhibition. Asked at every status update: the file is parsed again only when
    it changed."""
    env = os.environ if env is None else env
    home = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    path = Path(home) / "plasmanotifyrc"
    try:
        stat = path.stat()
    except OSError:
        return None
    until = _until_in(str(path), stat.st_mtime_ns, stat.st_size)
    if until is None:
        return None
    now = now or datetime.now()
    return until if until > now.replace(tzinfo=None) else None


@lru_cache(maxsize=4)
def _until_in(path: str, _mtime_ns: int, _size: int) -> datetime | None:
    """`[DoNotDisturb] Until` of one version of plasmanotifyrc (the key changes with the file)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path, encoding="utf-8")
        raw = parser.get("DoNotDisturb", "Until", fallback="")
        parts = [int(float(p)) for p in raw.split(",")] if raw else []  # seconds may be "12.684"
        if len(parts) < 3:
            return None
        y, mo, d, h, mi, sec = [*parts, 0, 0, 0][:6]
        return datetime(y, mo, d, h, mi, sec)
    except (configparser.Error, OSError, ValueError, TypeError):
        return None
