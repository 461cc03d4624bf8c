"""Away and back: the screen saver and suspend tell the Timeline when the user left and returned.

Coming back after config `idle_breakpoint` minutes away is a natural break, so what was held is
shown then (a breakpoint check-in, `Timeline.active`). Two sources, both signals, so nothing is
polled while the user works:

- the screen saver's `ActiveChanged(b)` on the session bus (org.freedesktop.ScreenSaver, which
  Plasma, xfce4-screensaver and xscreensaver's bridge emit; GNOME sends the same signal as
  org.gnome.ScreenSaver). True: away since now; false: back now.
- logind's `PrepareForSleep(b)` on the system bus: true before suspend (away), false on resume
  (back, and the Service acts at once on what fell due while the machine slept, `woke_up`,
  instead of waiting for its next timer, whose monotonic clock did not run during the sleep).
- logind's session properties `IdleHint` and `LockedHint` (PropertiesChanged on our session's
  object): where no screen saver speaks on the session bus (sway with `swayidle idlehint`, GNOME
  and other desktops that set the hint, a lock screen that sets LockedHint), idle or locked is
  away and both cleared is back. Away and back are idempotent, so a desktop that sends both the
  screen saver's signal and the hints gives one breakpoint.

Everything runs on the bus thread. A desktop without a screen saver or a session without logind
(a container, the tests' private bus) simply sends nothing; the system bus connection failing is
logged at debug level and intake goes on. Not done: polling GetSessionIdleTime (X11's idle time)
for "no input for N minutes" where nothing sets a hint: it would need a timer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from typing import Any, Protocol

from dbus_fast import BusType, Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen.bus.match import add_match

log = logging.getLogger(__name__)

SCREENSAVER_INTERFACES = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
LOGIND = "org.freedesktop.login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
SYSTEM_BUS_TIMEOUT = 3.0


class Presence(Protocol):
    def went_idle(self) -> None: ...
    def came_back(self) -> Any: ...
    def woke_up(self) -> None: ...


def _match(interface: str, member: str) -> str:
    return f"type='signal',interface='{interface}',member='{member}'"


class IdleSource:
    """Turns screen-saver and suspend signals into `went_idle` / `came_back` / `woke_up`."""

    def __init__(self, presence: Presence, session: MessageBus) -> None:
        self.presence = presence
        self.session = session
        self.system: MessageBus | None = None
        self.session_path: str | None = None  # our logind session, whose hints are watched
        self._hints = {"IdleHint": False, "LockedHint": False}
        self._system_task: asyncio.Task[None] | None = None

    async def start(self) -> IdleSource:
        for interface in SCREENSAVER_INTERFACES:
            await add_match(self.session, _match(interface, "ActiveChanged"))
        self.session.add_message_handler(self._on_session)
        self._system_task = asyncio.ensure_future(self._watch_sleep())
        return self

    async def _watch_sleep(self) -> None:
        try:
            bus = await asyncio.wait_for(MessageBus(bus_type=BusType.SYSTEM).connect(), SYSTEM_BUS_TIMEOUT)
            await add_match(bus, _match(LOGIND_MANAGER, "PrepareForSleep"))
        except Exception as exc:  # no system bus here (container, tests): no suspend events
            log.debug("no logind sleep signals: %s", exc)
            return
        self.system = bus
        bus.add_message_handler(self._on_system)
        try:
            self.session_path = await _our_session(bus)
            await add_match(
                bus,
                f"type='signal',sender='{LOGIND}',path='{self.session_path}',interface='{PROPERTIES}',"
                f"member='PropertiesChanged',arg0='{LOGIND_SESSION}'",
            )
        except Exception as exc:  # not in a logind session (started outside it): no hints
            log.debug("no logind idle hints: %s", exc)
            self.session_path = None

    def _on_session(self, msg: Message) -> None:
        if (
            msg.message_type is MessageType.SIGNAL
            and msg.member == "ActiveChanged"
            and msg.interface in SCREENSAVER_INTERFACES
            and msg.signature == "b"
        ):
            self._away() if msg.body[0] else self._back()

    def _on_system(self, msg: Message) -> None:
        if (
            msg.message_type is MessageType.SIGNAL
            and msg.member == "PropertiesChanged"
            and self.session_path is not None
            and msg.path == self.session_path
            and msg.signature == "sa{sv}as"
            and msg.body[0] == LOGIND_SESSION
        ):
            self._on_hints(msg.body[1])
            return
        if (
            msg.message_type is MessageType.SIGNAL
            and msg.member == "PrepareForSleep"
            and msg.interface == LOGIND_MANAGER
            and msg.signature == "b"
        ):
            if msg.body[0]:
                self._away()
            else:
                self._guard(self.presence.woke_up)
                self._back()

    def _on_hints(self, changed: dict[str, Any]) -> None:
        was_away = any(self._hints.values())
        for name in self._hints:
            value = changed.get(name)
            if value is not None and value.signature == "b":
                self._hints[name] = bool(value.value)
        away = any(self._hints.values())
        if away and not was_away:
            self._away()
        elif was_away and not away:
            self._back()

    def _away(self) -> None:
        log.info("away (screen saver on or suspending)")
        self._guard(self.presence.went_idle)

    def _back(self) -> None:
        log.info("back")
        self._guard(self.presence.came_back)

    @staticmethod
    def _guard(fn: Any) -> None:
        try:
            fn()
        except Exception:
            log.exception("idle: %s failed", getattr(fn, "__name__", fn))

    async def stop(self) -> None:
        self.session.remove_message_handler(self._on_session)
        if self._system_task is not None:
            self._system_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._system_task
        if self.system is not None:
            self.system.disconnect()


async def _our_session(bus: MessageBus) -> str:
    """The object path of the logind session notifyzen runs in: XDG_SESSION_ID when the session
    set it, else logind's own choice for us ("auto": the caller's session, or the user's display
    session when started outside one, e.g. as a systemd user service)."""
    session_id = os.environ.get("XDG_SESSION_ID") or "auto"
    reply = await bus.call(
        Message(
            destination=LOGIND,
            path="/org/freedesktop/login1",
            interface=LOGIND_MANAGER,
            member="GetSession",
            signature="s",
            body=[session_id],
        )
    )
    if reply is None or reply.message_type is MessageType.ERROR or reply.signature != "o":
        raise ConnectionError(f"GetSession({session_id!r}): {reply.body if reply else 'no reply'}")
    return str(reply.body[0])


async def start(service: Any) -> IdleSource:
    """The Service's adapter hook (notifyzen.service.service.ADAPTER_MODULES)."""
    return await IdleSource(service, service.bus).start()
