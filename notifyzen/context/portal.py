"""The screen is shared: an xdg-desktop-portal ScreenCast (or RemoteDesktop) session is streaming.

Why the portal: on Wayland it is the only way an app can capture the screen (browsers for Meet
and Teams, Zoom, OBS, Discord), and on X11 the same apps use it when PipeWire is there. Every
backend (GNOME, KDE, wlroots, Hyprland) sits behind the same frontend, so watching the frontend's
public interface covers them all; the frontend offers no list of running casts, so we watch the
conversation between the apps and it, as a bus monitor (like observe mode, bus/observer.py):

* `org.freedesktop.portal.ScreenCast.Start(session, parent, {handle_token})` from an app: its
  Request object's path is `/org/freedesktop/portal/desktop/request/<sender>/<token>`
  (documented in org.freedesktop.portal.Request), so we know which answer to wait for;
* that Request's `Response(0, {streams: ...})` signal to the app: the cast is running;
* it ends with the app's `Session.Close`, the portal's `Session.Closed` (the user pressed "Stop
  sharing" in the desktop's indicator), or the app leaving the bus (the frontend then closes it).

GNOME's compositor casts for its own portal backend, gnome-remote-desktop and the screen recorder
(org.gnome.Mutter.ScreenCast): a Session's `Start` from a client, then `PipeWireStreamAdded` to
that client, until `Stop`, `Closed` or the client leaving. Verified against xdg-desktop-portal 1.16
on a private bus (tests/context/test_context_portal.py) and GNOME Shell 43
(tests/context/test_context_gnome.py). A monitor sees no message bodies it does not match, and
sends nothing (the bus would drop it).
The sharing app is named from its process (`/proc/<pid>/comm`, asked of the bus by unique name).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen.context import Report
from notifyzen.core.situation import Kind

log = logging.getLogger(__name__)

PORTAL_PATH = "/org/freedesktop/portal/desktop"
MUTTER = "org.gnome.Mutter.ScreenCast"
STARTS = ("org.freedesktop.portal.ScreenCast", "org.freedesktop.portal.RemoteDesktop")
MATCH_RULES = (
    *(f"type='method_call',interface='{i}',member='Start'" for i in STARTS),
    "type='signal',interface='org.freedesktop.portal.Request',member='Response'",
    "type='method_call',interface='org.freedesktop.portal.Session',member='Close'",
    "type='signal',interface='org.freedesktop.portal.Session',member='Closed'",
    "type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged'",
    # GNOME's compositor casts for its portal backend, gnome-remote-desktop and the screen recorder
    f"type='method_call',interface='{MUTTER}.Session',member='Start'",
    f"type='method_call',interface='{MUTTER}.Session',member='Stop'",
    f"type='signal',interface='{MUTTER}.Session',member='Closed'",
    f"type='signal',interface='{MUTTER}.Stream',member='PipeWireStreamAdded'",
)
# Names apps give their process, as a user knows them (the rest are shown as they are).
APP_NAMES = {
    "firefox": "Firefox", "firefox-esr": "Firefox", "chrome": "Chrome", "chromium": "Chromium",
    "zoom": "Zoom", "teams": "Teams", "teams-for-linux": "Teams", "obs": "OBS", "discord": "Discord",
    "slack": "Slack", "skypeforlinux": "Skype", "webex": "Webex", "brave": "Brave",
    "gnome-remote-de": "Remote desktop",
    # a portal backend casts for an app the portal watch names already
    "xdg-desktop-por": "",
}  # fmt: skip


def request_path(sender: str, token: str) -> str:
    """Where the portal puts the Request for a call by `sender` with `handle_token` `token`."""
    return f"{PORTAL_PATH}/request/{sender.lstrip(':').replace('.', '_')}/{token}"


@dataclass
class _Cast:
    app: str  # the sharing app's unique name on the bus
    session: str
    streaming: bool = False


class Casts:
    """The bookkeeping, without the bus: fed the monitored messages, says who is sharing."""

    def __init__(self) -> None:
        self.pending: dict[str, _Cast] = {}  # request path -> the cast it starts
        self.running: dict[str, _Cast] = {}  # session path -> cast

    def feed(self, msg: Message) -> bool:
        """True when what is shared changed."""
        if msg.interface == f"{MUTTER}.Session" and msg.member == "Start" and msg.sender:
            self.pending[msg.path or ""] = _Cast(msg.sender, msg.path or "")  # streams once PipeWire has it
            return False
        if msg.member == "PipeWireStreamAdded" and msg.destination:
            started = [p for p, c in self.pending.items() if c.app == msg.destination and p == c.session]
            for path in started:
                self.running[path] = self.pending.pop(path)
            return bool(started)
        if msg.message_type is MessageType.METHOD_CALL and msg.member == "Start" and msg.interface in STARTS:
            session, options = str(msg.body[0]), msg.body[2]
            token = options.get("handle_token")
            if msg.sender and token is not None:
                self.pending[request_path(msg.sender, str(token.value))] = _Cast(msg.sender, session)
            return False
        if msg.member == "Response" and msg.path in self.pending:
            cast = self.pending.pop(msg.path)
            code, results = msg.body
            if code == 0 and results.get("streams") is not None and results["streams"].value:
                self.running[cast.session] = cast
                return True
            return False
        if msg.member in ("Close", "Closed", "Stop") and msg.path in self.pending:
            del self.pending[msg.path]
        if msg.member in ("Close", "Closed", "Stop") and msg.path in self.running:
            del self.running[msg.path]
            return True
        if msg.member == "NameOwnerChanged" and not msg.body[2]:
            gone = str(msg.body[0])
            self.pending = {p: c for p, c in self.pending.items() if c.app != gone}
            before = len(self.running)
            self.running = {s: c for s, c in self.running.items() if c.app != gone}
            return len(self.running) != before
        return False


def process_name(pid: int) -> str:
    try:
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""
    return APP_NAMES.get(comm.casefold(), comm)


class ScreenCastWatch:
    name = "xdg-desktop-portal"

    def __init__(self, bus_address: str | None = None) -> None:
        self.address = bus_address
        self.casts = Casts()
        self._monitor: MessageBus | None = None
        self._ask: MessageBus | None = None
        self._names: dict[str, str] = {}  # unique name -> app name
        self._report: Report | None = None
        self._asking: set[asyncio.Task[None]] = set()

    async def start(self, report: Report) -> None:
        self._report = report
        try:
            self._ask = await MessageBus(bus_address=self.address).connect()
            monitor = await MessageBus(bus_address=self.address).connect()
            serial = monitor.next_serial()
            monitor.add_message_handler(self._handler(serial))
            reply = await monitor.call(
                Message(
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus.Monitoring",
                    member="BecomeMonitor",
                    signature="asu",
                    body=[list(MATCH_RULES), 0],
                    serial=serial,
                )
            )
        except Exception as exc:  # no bus, or one that refuses monitors (a sandbox)
            log.warning("screen sharing is not watched: %s", exc)
            return
        if reply is None or reply.message_type is MessageType.ERROR:
            log.warning("screen sharing is not watched: the bus refused a monitor (%s)", reply and reply.body)
            monitor.disconnect()
            return
        self._monitor = monitor

    def _handler(self, become_serial: int) -> Callable[[Message], bool]:
        active = False

        def handler(msg: Message) -> bool:
            nonlocal active  # before BecomeMonitor's reply, dbus-fast must see its own traffic
            if not active:
                active = msg.reply_serial == become_serial and msg.sender == "org.freedesktop.DBus"
                return False
            try:
                if self.casts.feed(msg):
                    self._changed()
                elif msg.member == "Start" and msg.sender and msg.sender not in self._names:
                    self._names[msg.sender] = ""
                    self._spawn_name(msg.sender)
            except Exception:  # other programs' traffic: a message we cannot read is skipped
                log.debug("screen sharing: skipped a message", exc_info=True)
            return True  # a monitor never answers anything

        return handler

    def _spawn_name(self, unique: str) -> None:
        async def ask() -> None:
            if self._ask is None:
                return
            reply = await self._ask.call(
                Message(
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus",
                    member="GetConnectionUnixProcessID",
                    signature="s",
                    body=[unique],
                )
            )
            if reply is not None and reply.message_type is MessageType.METHOD_RETURN:
                self._names[unique] = process_name(int(reply.body[0]))
                if any(c.app == unique for c in self.casts.running.values()):
                    self._changed()

        task = asyncio.get_running_loop().create_task(ask())
        self._asking.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._asking.discard)

    def _changed(self) -> None:
        live = {c.app for c in self.casts.running.values()}
        self._names = {k: v for k, v in self._names.items() if k in live or k in {
            c.app for c in self.casts.pending.values()}}  # fmt: skip
        if self._report is None:
            return
        if not live:
            self._report({})
            return
        names = sorted({self._names.get(a, "") for a in live} - {""})
        self._report({Kind.SCREEN_SHARE: ", ".join(names)})

    async def stop(self) -> None:
        for bus in (self._monitor, self._ask):
            if bus is not None:
                with contextlib.suppress(Exception):
                    bus.disconnect()
        self._monitor = self._ask = None
