"""Plasma: org.freedesktop.Notifications.Inhibit, the call Plasma's own "Do not disturb" uses
for applications (a presentation tool, a video player).

Inhibit(desktop_entry, reason, hints) returns a cookie; Plasma keeps the inhibition only while the
connection that asked for it exists, and shows "Do not disturb: notifyzen — <reason>" in its
applet. So the driver opens a connection of its own and keeps it open: if notifyzen dies in any
way, the kernel closes the socket, the bus announces the name is gone, and Plasma lifts the
inhibition. Nothing to write down, nothing to restore. Critical notifications still show.
"""

from __future__ import annotations

import asyncio
import logging
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
