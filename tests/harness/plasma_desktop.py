"""A real Plasma 5.27 (Xvfb, kwin_x11, kactivitymanagerd, kded5, plasmashell) on a private bus.

notifyzen's Plasma driver rests on behaviours of plasmashell's notification server that no fake can
vouch for (what pops up while an app inhibits, the one-second duplicate rule, replacing a
notification from another connection, the user's own do-not-disturb). This harness brings up the
real thing, headless, the way docs/../shared facts describe it, so a test can look at what Plasma
actually shows:

    with PlasmaDesktop.started(tmp) as plasma:
        subprocess.run(["notify-send", "hi"], env=plasma.env)
        plasma.watch_popups(3.0)   # which pop-ups were on screen, and for how long

Everything runs in a throwaway HOME and XDG dirs on a session bus of its own (a `dbus-daemon
--session`, so the services Plasma needs, kglobalaccel5 first, are bus-activated as in a real
session); nothing here ever talks to the user's session bus. Teardown stops what it started and also
what the bus activated (those are nobody's children: they are found by the bus address in
/proc/PID/environ).

Startup costs about 8 s (up to 90 s on a loaded machine), so the pytest fixture `plasma_desktop` is
module-scoped; `plasma` wraps it per test and puts Plasma back in a clean state before and after
(no notification left open, no do-not-disturb, no pop-up on screen). Both skip the test, with the
reason, when plasmashell is not installed; any other failure to start is an error, not a skip.
"""

from __future__ import annotations

import asyncio
import configparser
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

from notifyzen.devbus import stop_process

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
NOTIFICATION_TYPE = "_NET_WM_WINDOW_TYPE_NOTIFICATION"
CRITICAL_TYPE = "_KDE_NET_WM_WINDOW_TYPE_CRITICAL_NOTIFICATION"
POPUP_TYPES = (NOTIFICATION_TYPE, CRITICAL_TYPE)
KACTIVITYMANAGERD = "/usr/lib/x86_64-linux-gnu/libexec/kactivitymanagerd"
# The notifications applet registers its shortcut under plasmashell's kglobalaccel component;
# the names were read from the running kglobalaccel5 (Component.allShortcutInfos).
KGLOBALACCEL = "org.kde.kglobalaccel"
DND_COMPONENT_PATH = "/component/plasmashell"
DND_ACTION = "toggle do not disturb"


class PlasmaUnavailable(RuntimeError):
    """Plasma is installed but did not come up (a real failure, never a reason to skip)."""


# --- what is on screen -------------------------------------------------------------------------


@dataclass(frozen=True)
class Popup:
    """A notification pop-up window of plasmashell that is mapped (visible) right now."""

    wid: int
    window_type: str  # NOTIFICATION_TYPE or CRITICAL_TYPE

    @property
    def critical(self) -> bool:
        return self.window_type == CRITICAL_TYPE


@dataclass
class Sighting:
    """One pop-up window over a watch: when it was first and last seen, under which types."""

    wid: int
    first: float  # seconds since the watch began
    last: float
    types: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        """How long it stayed on screen, to the polling interval."""
        return self.last - self.first

    @property
    def critical(self) -> bool:
        return CRITICAL_TYPE in self.types


@dataclass
class Timeline:
    """What `watch_popups` saw: every sample, and per window when it was visible."""

    samples: list[tuple[float, tuple[Popup, ...]]] = field(default_factory=list)
    windows: dict[int, Sighting] = field(default_factory=dict)
    interval: float = 0.2

    def add(self, at: float, shown: list[Popup]) -> None:
        self.samples.append((at, tuple(shown)))
        for p in shown:
            seen = self.windows.setdefault(p.wid, Sighting(p.wid, at, at))
            seen.last = at
            if p.window_type not in seen.types:
                seen.types.append(p.window_type)

    def sightings(self, *, critical: bool | None = None) -> list[Sighting]:
        """The windows seen, in the order they appeared; `critical` filters on the window type."""
        found = sorted(self.windows.values(), key=lambda s: s.first)
        return [s for s in found if critical is None or s.critical == critical]

    def visible_at_end(self) -> tuple[Popup, ...]:
        return self.samples[-1][1] if self.samples else ()

    def __str__(self) -> str:
        rows = [
            f"window {s.wid:#x} {'/'.join('critical' if t == CRITICAL_TYPE else 'normal' for t in s.types)}: "
            f"{s.first:.1f}-{s.last:.1f} s ({s.duration:.1f} s)"
            for s in self.sightings()
        ]
        return "; ".join(rows) or "no pop-up"


# --- what was said on the bus ------------------------------------------------------------------


@dataclass
class Traced:
    """One message seen by `dbus_monitor`, kept in the order the bus delivered it."""

    at: float  # seconds since the monitor began
    kind: str  # "call", "return", "error", "signal"
    member: str | None
    interface: str | None
    path: str | None
    sender: str | None
    destination: str | None
    serial: int
    reply_serial: int | None
    error_name: str | None
    body: list[Any]
    reply: Traced | None = None  # for a call: its return or error, once seen

    def __repr__(self) -> str:
        what = self.error_name if self.kind == "error" else self.member
        return f"<{self.kind} {what} {self.body!r} at {self.at:.2f}s>"


class Trace:
    """The org.freedesktop.Notifications traffic on the bus, as `dbus_monitor` records it.

    Notify/CloseNotification/Inhibit/InvokeAction calls with their arguments and their reply or
    error, NotificationClosed, ActionInvoked and PropertiesChanged (Inhibited) signals.
    """

    def __init__(self) -> None:
        self.events: list[Traced] = []
        self._calls: dict[tuple[str, int], Traced] = {}
        self._lock = threading.Lock()
        self.started = time.monotonic()

    def record(self, msg: Message) -> None:
        kind = {
            MessageType.METHOD_CALL: "call",
            MessageType.METHOD_RETURN: "return",
            MessageType.ERROR: "error",
            MessageType.SIGNAL: "signal",
        }[msg.message_type]
        event = Traced(
            at=time.monotonic() - self.started,
            kind=kind,
            member=msg.member,
            interface=msg.interface,
            path=msg.path,
            sender=msg.sender,
            destination=msg.destination,
            serial=msg.serial,
            reply_serial=msg.reply_serial or None,
            error_name=msg.error_name,
            body=list(msg.body),
        )
        with self._lock:
            if kind == "call":
                self._calls[(msg.sender or "", msg.serial)] = event
                self.events.append(event)
            elif kind in ("return", "error"):
                call = self._calls.pop((msg.destination or "", msg.reply_serial or 0), None)
                if call is None:  # an answer to something we do not trace
                    return
                call.reply = event
                self.events.append(event)
            else:
                self.events.append(event)

    def snapshot(self) -> list[Traced]:
        with self._lock:
            return list(self.events)

    def calls(self, member: str) -> list[Traced]:
        return [e for e in self.snapshot() if e.kind == "call" and e.member == member]

    def signals(self, member: str) -> list[Traced]:
        return [e for e in self.snapshot() if e.kind == "signal" and e.member == member]

    def closed(self, notification_id: int | None = None) -> list[Traced]:
        """NotificationClosed signals (all, or for one id): body is [id, reason]."""
        found = self.signals("NotificationClosed")
        return [e for e in found if notification_id is None or e.body[0] == notification_id]

    def invoked(self) -> list[Traced]:
        """ActionInvoked signals: body is [id, action_key]."""
        return self.signals("ActionInvoked")

    def inhibited_changes(self) -> list[bool]:
        """The Inhibited values announced by PropertiesChanged, in order."""
        return [
            bool(e.body[1]["Inhibited"].value)
            for e in self.signals("PropertiesChanged")
            if len(e.body) > 1 and "Inhibited" in e.body[1]
        ]

    def wait_for(self, check: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Poll `check` until it returns something true; that value, or TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"not seen within {timeout} s; trace: {self.snapshot()!r}")
            time.sleep(0.05)


MONITOR_RULES = [
    f"interface='{NOTIFICATIONS}'",
    "interface='org.kde.NotificationManager'",
    f"type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',"
    f"path='{NOTIFICATIONS_PATH}'",
    "type='method_return'",
    "type='error'",
]


class _Monitor:
    """A dbus-fast connection turned monitor (BecomeMonitor), read on a thread of its own.

    A monitor must never send: after the bus accepts BecomeMonitor the handler claims every
    message, or dbus-fast would answer method calls meant for plasmashell and be thrown off.
    """

    def __init__(self, address: str, trace: Trace) -> None:
        self.address = address
        self.trace = trace
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="plasma-dbus-monitor", daemon=True)

    def start(self) -> None:
        self._thread.start()
        if not self.ready.wait(10):
            raise TimeoutError("the D-Bus monitor did not start")
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # handed to start()
            self.error = exc
            self.ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        bus = await MessageBus(bus_address=self.address).connect()
        serial = bus.next_serial()
        active = False

        def handler(msg: Message) -> bool:
            nonlocal active
            if not active:
                if msg.reply_serial == serial and msg.sender == "org.freedesktop.DBus":
                    active = True
                return False
            with contextlib.suppress(Exception):
                self.trace.record(msg)
            return True

        bus.add_message_handler(handler)
        reply = await bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus.Monitoring",
                member="BecomeMonitor",
                signature="asu",
                body=[MONITOR_RULES, 0],
                serial=serial,
            )
        )
        if reply is None or reply.message_type is MessageType.ERROR:
            raise ConnectionError(f"BecomeMonitor refused: {reply.body if reply else None}")
        self.ready.set()
        await self._stop.wait()
        bus.disconnect()


# --- a client of the notification server ------------------------------------------------------


class _LoopThread:
    """One asyncio loop on a daemon thread, so synchronous tests can hold D-Bus connections open
    while they poll the screen."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="plasma-clients", daemon=True)
        self._thread.start()

    def run(self, coro: Any, timeout: float = 30.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


class NotifyError(Exception):
    """The server answered a call with a D-Bus error (name in .name)."""

    def __init__(self, name: str, text: str) -> None:
        super().__init__(f"{name}: {text}")
        self.name = name


class Client:
    """One D-Bus connection to the notification server (an "app", or notifyzen's stand-in).

    A connection of its own matters: Plasma ties an inhibition to the connection that asked
    (closing it lifts the inhibition) and records the sender of each notification. The client
    subscribes to the server's signals and keeps those it receives (`received`).
    """

    def __init__(self, loop: _LoopThread, address: str) -> None:
        self._loop = loop
        self.received: list[tuple[str, list[Any]]] = []  # (member, body) of the signals seen
        self.bus: MessageBus = loop.run(self._connect(address))

    async def _connect(self, address: str) -> MessageBus:
        bus = await MessageBus(bus_address=address).connect()

        def on_message(msg: Message) -> None:
            if msg.message_type is MessageType.SIGNAL and msg.interface == NOTIFICATIONS:
                self.received.append((msg.member or "", list(msg.body)))

        bus.add_message_handler(on_message)
        await self._call(
            bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "AddMatch", "s",
            [f"type='signal',interface='{NOTIFICATIONS}'"],
        )  # fmt: skip
        return bus

    @staticmethod
    async def _call(
        bus: MessageBus, dest: str, path: str, interface: str, member: str, signature: str, body: list[Any]
    ) -> list[Any]:
        reply = await bus.call(
            Message(
                destination=dest,
                path=path,
                interface=interface,
                member=member,
                signature=signature,
                body=body,
            )
        )
        assert reply is not None
        if reply.message_type is MessageType.ERROR:
            raise NotifyError(reply.error_name or "", str(reply.body[0]) if reply.body else "")
        return list(reply.body)

    def call(self, member: str, signature: str, *body: Any, interface: str = NOTIFICATIONS) -> list[Any]:
        """A method of org.freedesktop.Notifications (or `interface`) on its object; the reply body."""
        return self._loop.run(
            self._call(self.bus, NOTIFICATIONS, NOTIFICATIONS_PATH, interface, member, signature, list(body))
        )

    @property
    def unique_name(self) -> str:
        return self.bus.unique_name or ""

    def notify(
        self,
        summary: str,
        body: str = "",
        *,
        app_name: str = "plasma-test",
        replaces_id: int = 0,
        actions: list[str] | None = None,
        urgency: int | None = None,
        desktop_entry: str | None = None,
        expire_timeout: int = -1,
        icon: str = "",
    ) -> int:
        """Notify; the id Plasma gave, or NotifyError (ExcessNotificationGeneration, ...)."""
        hints: dict[str, Variant] = {}
        if urgency is not None:
            hints["urgency"] = Variant("y", urgency)
        if desktop_entry is not None:
            hints["desktop-entry"] = Variant("s", desktop_entry)
        args = [app_name, replaces_id, icon, summary, body, actions or [], hints, expire_timeout]
        return int(self.call("Notify", "susssasa{sv}i", *args)[0])

    def inhibit(self, desktop_entry: str, reason: str) -> int:
        """Inhibit(desktop_entry, reason, {}); the cookie. Lives as long as this connection."""
        return int(self.call("Inhibit", "ssa{sv}", desktop_entry, reason, {})[0])

    def close_notification(self, notification_id: int) -> None:
        self.call("CloseNotification", "u", notification_id)

    def invoke_action(self, notification_id: int, action_key: str) -> None:
        """org.kde.NotificationManager.InvokeAction: what plasmashell does when the user clicks
        an action button (Server::invokeAction), minus the click."""
        self.call("InvokeAction", "us", notification_id, action_key, interface="org.kde.NotificationManager")

    def signals(self, member: str) -> list[list[Any]]:
        """Bodies of the signals named `member` this connection received, in order."""
        return [body for name, body in list(self.received) if name == member]

    def close(self) -> None:
        """Disconnect (this is what lifts an inhibition when an app dies)."""
        if self.bus.connected:
            self._loop.run(self._disconnect())

    async def _disconnect(self) -> None:
        self.bus.disconnect()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.bus.wait_for_disconnect(), 5)


# --- the desktop -------------------------------------------------------------------------------


def plasma_installed() -> str | None:
    """Why Plasma cannot run here (the skip reason), or None when it is installed."""
    missing = [
        tool
        for tool in ("plasmashell", "kwin_x11", "kded5", "Xvfb", "dbus-daemon", "xdotool", "xprop", "gdbus")
        if shutil.which(tool) is None
    ]
    if "plasmashell" in missing:
        return "plasmashell is not installed (apt install plasma-workspace plasma-desktop kwin-x11)"
    if missing:
        # Plasma is there but the harness's own tools are not: that is a broken setup, not a skip.
        raise PlasmaUnavailable(f"plasmashell is installed but these are missing: {', '.join(missing)}")
    return None


class PlasmaDesktop:
    """A running headless Plasma session on a private bus; see the module docstring."""

    def __init__(self, root: Path, *, startup_timeout: float = 90.0) -> None:
        self.root = root
        self.home = root / "home"
        self.startup_timeout = startup_timeout
        self.env: dict[str, str] = {}
        self.address = ""
        self.display = ""
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = root / "logs"
        self._bus_pid: int | None = None
        self._ids: Trace = Trace()  # every Notify reply ever seen, so reset() can close them all
        self._ids_monitor: _Monitor | None = None
        self._loop: _LoopThread | None = None
        self._clients: list[Client] = []

    # --- life cycle ----------------------------------------------------------------------------

    @classmethod
    @contextlib.contextmanager
    def started(
        cls, root: Path | None = None, *, before_plasmashell: Callable[[PlasmaDesktop], None] | None = None
    ) -> Iterator[PlasmaDesktop]:
        """Bring Plasma up in `root` (a new temporary directory if None); stop it all after.

        `before_plasmashell` runs once the bus, X and kwin are up but before plasmashell starts
        (to place files that must be there at plasmashell's start, a desktop file for instance).
        """
        with contextlib.ExitStack() as stack:
            if root is None:
                root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nzplasma-")))
            desktop = cls(root)
            stack.callback(desktop.stop)
            desktop.start(before_plasmashell)
            yield desktop

    def _make_env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DBUS_", "XDG_", "DISPLAY", "WAYLAND", "QT_", "KDE", "SESSION_MANAGER"))
        }
        dirs = {
            "XDG_CONFIG_HOME": self.home / ".config",
            "XDG_DATA_HOME": self.home / ".local/share",
            "XDG_STATE_HOME": self.home / ".local/state",
            "XDG_CACHE_HOME": self.home / ".cache",
            "XDG_RUNTIME_DIR": self.root / "run",
        }
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        (self.root / "run").chmod(0o700)
        env.update({k: str(v) for k, v in dirs.items()})
        env.update(
            HOME=str(self.home),
            XDG_DATA_DIRS="/usr/local/share:/usr/share",
            XDG_CONFIG_DIRS="/etc/xdg",
            XDG_CURRENT_DESKTOP="KDE",
            XDG_SESSION_TYPE="x11",
            KDE_FULL_SESSION="true",
            KDE_SESSION_VERSION="5",
            LIBGL_ALWAYS_SOFTWARE="1",
            QT_QPA_PLATFORM="xcb",
        )
        return env

    def _spawn(self, name: str, argv: list[str], **extra: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        proc = subprocess.Popen(
            argv,
            env={**self.env, **extra},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in the terminal reaches pytest only
        )
        log.close()
        self.procs[name] = proc
        return proc

    def _log_tail(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def start(self, before_plasmashell: Callable[[PlasmaDesktop], None] | None = None) -> None:
        """Xvfb, a session bus, kwin_x11, kactivitymanagerd, kded5 + statusnotifierwatcher, then
        plasmashell; returns once plasmashell owns org.freedesktop.Notifications and the panel had
        time to settle."""
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = self._make_env()
        self._start_xvfb()
        self._start_bus()
        self._spawn("kwin_x11", ["kwin_x11", "--replace"], KWIN_COMPOSE="N")
        self.wait_for_name("org.kde.KWin", 30, process="kwin_x11")
        if os.path.exists(KACTIVITYMANAGERD):
            self._spawn("kactivitymanagerd", [KACTIVITYMANAGERD])
        self._spawn("kded5", ["kded5"])
        self.wait_for_name("org.kde.kded5", 30, process="kded5")
        self.gdbus_call("org.kde.kded5", "/kded", "org.kde.kded5.loadModule", "statusnotifierwatcher")
        if before_plasmashell is not None:
            before_plasmashell(self)
        self._start_plasmashell()
        self._ids_monitor = _Monitor(self.address, self._ids)
        self._ids_monitor.start()

    def _start_xvfb(self) -> None:
        read, write = os.pipe()
        log = (self.logs / "Xvfb.log").open("ab")
        proc = subprocess.Popen(
            # -noreset: an X server resets when its last client leaves and drops a client that
            # connects meanwhile (i3 failed to start that way: tests/harness/i3_desktop.py).
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        os.close(write)
        self.procs["Xvfb"] = proc
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise PlasmaUnavailable(f"Xvfb did not report a display: {self._log_tail('Xvfb')}")
        self.display = f":{number}"
        self.env["DISPLAY"] = self.display

    def _start_bus(self) -> None:
        # A real session bus config (standard service dirs: kglobalaccel5 is bus-activated as in a
        # session), listening in our own runtime dir; never the user's bus.
        socket = self.root / "run" / "bus"
        proc = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address", f"--address=unix:path={socket}"],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=(self.logs / "dbus-daemon.log").open("ab"),
            start_new_session=True,
        )
        assert proc.stdout is not None
        address = proc.stdout.readline().decode().strip()
        proc.stdout.close()
        if not address:
            raise PlasmaUnavailable(f"dbus-daemon did not start: {self._log_tail('dbus-daemon')}")
        self.procs["dbus-daemon"] = proc
        self._bus_pid = proc.pid
        self.address = address
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address

    def _start_plasmashell(self, attempts: int = 2) -> None:
        for attempt in range(1, attempts + 1):
            self._spawn("plasmashell", ["plasmashell", "--no-respawn"])
            self.wait_for_name(NOTIFICATIONS, self.startup_timeout, process="plasmashell")
            self.wait_for_name(KGLOBALACCEL, 30, process="plasmashell")
            if self._applet_loaded(self.startup_timeout / 2):
                time.sleep(2.0)  # the panel settles
                return
            # Seen once in a full CI-like run on a loaded machine: the name was taken but the
            # panel's notifications applet never came. A second plasmashell has always loaded it.
            tail = self._log_tail("plasmashell")
            proc = self.procs.pop("plasmashell", None)
            if proc is not None:
                self._stop_proc(proc)
            self._free_name(NOTIFICATIONS, 15)
            if attempt == attempts:
                raise PlasmaUnavailable(f"the notifications applet never loaded: {tail}")

    def _applet_loaded(self, timeout: float) -> bool:
        """The Inhibited property appears only once the notifications applet has loaded (it is the
        applet's state bound back to the server): on a loaded machine that is seconds after the
        name is taken."""
        deadline = time.monotonic() + timeout
        get = ("org.freedesktop.DBus.Properties.Get", NOTIFICATIONS, "Inhibited")
        while "No such property" in self.gdbus_call(NOTIFICATIONS, NOTIFICATIONS_PATH, *get, check=False):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
        return True

    def restart_plasmashell(self) -> None:
        """Stop plasmashell (SIGTERM, then SIGKILL) and start a new one; waits until it serves.

        Notifications, pop-ups and app inhibitions do not survive this (they live in plasmashell);
        the user's DND does (plasmanotifyrc), which is what a test of "after a restart" wants.
        """
        proc = self.procs.pop("plasmashell", None)
        if proc is not None:
            self._stop_proc(proc)
        self.wait_for_name(NOTIFICATIONS, 15, owned=False)
        self._start_plasmashell()

    def stop(self) -> None:
        """Stop everything: the monitor, plasmashell and the rest in reverse order, then every
        process the private bus activated (found by its address in /proc/PID/environ), the bus
        and X last. Safe to call twice."""
        self.close_clients()
        if self._loop is not None:
            self._loop.close()
            self._loop = None
        if self._ids_monitor is not None:
            self._ids_monitor.stop()
            self._ids_monitor = None
        for name in ["plasmashell", "kded5", "kactivitymanagerd", "kwin_x11"]:
            proc = self.procs.pop(name, None)
            if proc is not None:
                self._stop_proc(proc)
        for pid in self.bus_clients():
            self._stop_pid(pid)
        for name in ["dbus-daemon", "Xvfb"]:
            proc = self.procs.pop(name, None)
            if proc is not None:
                self._stop_proc(proc)

    def bus_clients(self) -> list[int]:
        """PIDs of processes (other than ours) whose environment names our private bus."""
        if not self.address:
            return []
        needle = f"DBUS_SESSION_BUS_ADDRESS={self.address}".encode()
        mine = {os.getpid(), *(p.pid for p in self.procs.values())}
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in mine:
                continue
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if needle in environ.split(b"\0"):
                found.append(int(entry.name))
        return found

    @staticmethod
    def _stop_pid(pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if not Path(f"/proc/{pid}").exists():
                return
            with contextlib.suppress(OSError):
                # a zombie that is nobody's child of ours: gone as far as we are concerned
                if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
                    return
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    @staticmethod
    def _stop_proc(proc: subprocess.Popen[bytes]) -> None:
        stop_process(proc)

    def client(self) -> Client:
        """A new D-Bus connection to the notification server; closed by reset() and stop()."""
        if self._loop is None:
            self._loop = _LoopThread()
        c = Client(self._loop, self.address)
        self._clients.append(c)
        return c

    def close_clients(self) -> None:
        for c in self._clients:
            with contextlib.suppress(Exception):
                c.close()
        self._clients.clear()

    # --- small D-Bus helpers -------------------------------------------------------------------

    def run(self, *argv: str, timeout: float = 10.0, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a command in the session (notify-send, gdbus, kbuildsycoca5, ...)."""
        return subprocess.run(
            argv, env=self.env, capture_output=True, text=True, timeout=timeout, check=check
        )

    def gdbus_call(self, dest: str, path: str, method: str, *args: str, check: bool = True) -> str:
        """`gdbus call` on the private bus; its stdout (GVariant text), stripped."""
        done = self.run(
            "gdbus", "call", "--session", "--dest", dest, "--object-path", path, "--method", method, *args,
            check=False,
        )  # fmt: skip
        if check and done.returncode != 0:
            raise RuntimeError(f"gdbus {method} failed: {done.stderr.strip()}")
        return done.stdout.strip() if done.returncode == 0 else done.stderr.strip()

    def name_has_owner(self, name: str) -> bool:
        out = self.gdbus_call(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", name
        )
        return "true" in out

    def _free_name(self, name: str, timeout: float) -> None:
        """Wait until nobody owns `name`. This bus has the standard service files, so a call to
        the name while it is free (the applet probe, kded5) can bus-activate another daemon (dunst)
        that takes it: one that is not ours is stopped. Seen once in a full run on a loaded
        machine: "org.freedesktop.Notifications never left" after the applet retry."""
        deadline = time.monotonic() + timeout
        ours = {p.pid for p in self.procs.values()}
        while self.name_has_owner(name):
            out = self.gdbus_call(
                "org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.GetConnectionUnixProcessID",
                name,
                check=False,
            )
            number = out.removeprefix("(uint32 ").split(",")[0]  # "(uint32 1234,)"
            pid = int(number) if out.startswith("(uint32 ") and number.isdigit() else 0
            if pid > 0 and pid not in ours:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            if time.monotonic() > deadline:
                raise PlasmaUnavailable(f"{name} never left: {self._log_tail('plasmashell')}")
            time.sleep(0.2)

    def wait_for_name(self, name: str, timeout: float, *, owned: bool = True, process: str = "") -> None:
        deadline = time.monotonic() + timeout
        while self.name_has_owner(name) != owned:
            proc = self.procs.get(process)
            if proc is not None and proc.poll() is not None:
                raise PlasmaUnavailable(f"{process} exited ({proc.returncode}): {self._log_tail(process)}")
            if time.monotonic() > deadline:
                tail = self._log_tail(process) if process else ""
                raise PlasmaUnavailable(f"{name} {'never appeared' if owned else 'never left'}: {tail}")
            time.sleep(0.1)

    # --- what Plasma shows ---------------------------------------------------------------------

    def popups(self) -> list[Popup]:
        """The notification pop-ups of plasmashell on screen now (about 10-30 ms: pollable).

        Plasma gives a pop-up the X window type _NET_WM_WINDOW_TYPE_NOTIFICATION, a critical one
        _KDE_NET_WM_WINDOW_TYPE_CRITICAL_NOTIFICATION; the panel, desktop and other windows of
        plasmashell (panel, desktop, applet pop-up, the DND on-screen display) have other types and
        are left out.
        """
        found = self.run("xdotool", "search", "--onlyvisible", "--class", "plasmashell", check=False)
        shown = []
        for line in found.stdout.split():
            wid = int(line)
            prop = self.run("xprop", "-id", str(wid), "_NET_WM_WINDOW_TYPE", check=False).stdout
            # "_NET_WM_WINDOW_TYPE(ATOM) = _KDE_NET_WM_WINDOW_TYPE_CRITICAL_NOTIFICATION, ...": the
            # first is the window's type, the rest are fallbacks. Only the first counts: the
            # do-not-disturb OSD is _KDE_NET_WM_WINDOW_TYPE_ON_SCREEN_DISPLAY with a NOTIFICATION
            # fallback and is no notification.
            kind = prop.partition("=")[2].split(",")[0].strip()
            if kind in POPUP_TYPES:
                shown.append(Popup(wid, kind))
        return shown

    def watch_popups(
        self, seconds: float, *, interval: float = 0.2, until: Callable[[list[Popup]], bool] | None = None
    ) -> Timeline:
        """Poll `popups()` for `seconds` (or until `until(popups)` is true); the timeline seen."""
        timeline = Timeline(interval=interval)
        start = time.monotonic()
        while True:
            now = time.monotonic() - start
            shown = self.popups()
            timeline.add(now, shown)
            if (until is not None and until(shown)) or now >= seconds:
                return timeline
            time.sleep(max(0.0, interval - (time.monotonic() - start - now)))

    def wait_popups(self, check: Callable[[list[Popup]], bool], timeout: float = 10.0) -> list[Popup]:
        """Wait until `check(popups())` is true; the pop-ups then, or TimeoutError."""
        timeline = self.watch_popups(timeout, until=check)
        shown = list(timeline.visible_at_end())
        if not check(shown):
            raise TimeoutError(f"pop-ups never matched within {timeout} s: {timeline}")
        return shown

    # The bell of the notifications applet in the system tray of the default panel (1280x800):
    # shown only while the applet is active (do not disturb on, or notifications in it).
    BELL = (1102, 778)
    APPLET_POPUP_TYPE = "_KDE_NET_WM_WINDOW_TYPE_APPLET_POPUP"

    def applet_popup(self) -> int | None:
        """The X window of an open applet pop-up of plasmashell (the notifications list), if any."""
        found = self.run("xdotool", "search", "--onlyvisible", "--class", "plasmashell", check=False)
        for line in found.stdout.split():
            prop = self.run("xprop", "-id", line, "_NET_WM_WINDOW_TYPE", check=False).stdout
            if prop.partition("=")[2].split(",")[0].strip() == self.APPLET_POPUP_TYPE:
                return int(line)
        return None

    def bell_shown(self) -> bool:
        """Whether the tray draws an icon at BELL: dark pixels (the bell's outline) in a 24x24 box
        of the light panel, which is one flat grey (240, 240, 240) where no icon is.

        The applet enters the tray only while it is active, and the tray lays it out and paints it
        later: at load 9 the bell was not there yet seconds after Inhibited turned true, and a
        click on the bare panel opens nothing."""
        x, y = self.BELL[0] - 12, self.BELL[1] - 12
        done = subprocess.run(
            ["import", "-window", "root", "-crop", f"24x24+{x}+{y}", "+repage", "rgb:-"],
            env=self.env, capture_output=True, timeout=30, check=False,
        )  # fmt: skip
        rgb = done.stdout
        return any(sum(rgb[i : i + 3]) < 3 * 128 for i in range(0, len(rgb) - 2, 3))

    def open_notifications_applet(self, timeout: float = 60.0) -> int:
        """Click the tray's bell and return the applet pop-up's window (what the user sees: the
        "Do not disturb" switch and, under it, who inhibits: "While <Name> is active (<reason>)").

        Plasma exposes the inhibitor's name nowhere on D-Bus; this window is the only place. The
        bell shows only while the applet is active, so call this while something inhibits. Waits
        for the bell to be drawn before clicking it, and clicks again if a busy plasmashell let a
        click go (each click gets 10 s: a second click on a pop-up still opening would close it).
        The deadline only catches a hang.
        """
        wid = self.applet_popup()
        if wid is not None:
            return wid
        deadline = time.monotonic() + timeout
        clicks = 0
        while wid is None:
            while not self.bell_shown():
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no bell drawn at {self.BELL} in {timeout} s (nothing inhibits?)")
                time.sleep(0.1)
            self.run("xdotool", "mousemove", str(self.BELL[0]), str(self.BELL[1]), "click", "1")
            clicks += 1
            given = min(deadline, time.monotonic() + 10)
            while (wid := self.applet_popup()) is None and time.monotonic() < given:
                time.sleep(0.1)
            if wid is None and time.monotonic() >= deadline:
                raise TimeoutError(f"the notifications applet did not open: {clicks} clicks on the bell")
        time.sleep(0.5)  # the expand animation
        return wid

    def close_notifications_applet(self) -> None:
        """Click on the desktop: a plasma dialog hides when it loses focus."""
        if self.applet_popup() is None:
            return
        self.run("xdotool", "mousemove", "300", "300", "click", "1")
        deadline = time.monotonic() + 5
        while self.applet_popup() is not None and time.monotonic() < deadline:
            time.sleep(0.1)

    def window_pixels(self, wid: int, geometry: str) -> bytes:
        """Raw RGB pixels of a crop ("WxH+X+Y") of one window: two renders of the same text at the
        same place are byte-identical, which lets a test read a label without OCR."""
        done = subprocess.run(
            ["import", "-window", str(wid), "-crop", geometry, "+repage", "rgb:-"],
            env=self.env, capture_output=True, timeout=30, check=True,
        )  # fmt: skip
        return done.stdout

    def screenshot(self, path: Path) -> Path:
        """The whole screen as PNG (ImageMagick `import -window root`); for a person to look at."""
        self.run("import", "-window", "root", str(path), timeout=30)
        return path

    # --- do not disturb ------------------------------------------------------------------------

    def inhibited(self) -> bool:
        """The Inhibited property of org.freedesktop.Notifications: true while an app inhibits
        or the user's own DND is on (Plasma does not tell the two apart here; see user_dnd_until)."""
        out = self.gdbus_call(
            NOTIFICATIONS,
            NOTIFICATIONS_PATH,
            "org.freedesktop.DBus.Properties.Get",
            NOTIFICATIONS,
            "Inhibited",
        )
        return "true" in out

    def toggle_dnd(self) -> None:
        """Play the user: the notifications applet's global "toggle do not disturb" action, the one
        its shortcut triggers, invoked through kglobalaccel on the private bus."""
        self.gdbus_call(
            KGLOBALACCEL, DND_COMPONENT_PATH, "org.kde.kglobalaccel.Component.invokeShortcut", DND_ACTION
        )

    def shortcut_infos(self) -> str:
        """kglobalaccel's own list of plasmashell's actions (to find or check DND_ACTION)."""
        return self.gdbus_call(
            KGLOBALACCEL, DND_COMPONENT_PATH, "org.kde.kglobalaccel.Component.allShortcutInfos"
        )

    def user_dnd_until(self) -> str | None:
        """The user's own DND as the applet stores it: [DoNotDisturb] Until in plasmanotifyrc in
        XDG_CONFIG_HOME (None when unset). An app inhibition never writes it, so this is how an app
        tells the user's DND from its own or another app's inhibition."""
        rc = Path(self.env["XDG_CONFIG_HOME"]) / "plasmanotifyrc"
        if not rc.exists():
            return None
        parser = configparser.RawConfigParser(strict=False)
        with contextlib.suppress(configparser.Error):
            parser.read(rc)
        return parser.get("DoNotDisturb", "Until", fallback=None) or None

    # --- traffic -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def dbus_monitor(self) -> Iterator[Trace]:
        """Record the org.freedesktop.Notifications traffic on the private bus while the block
        runs (see Trace); the trace stays readable after the block."""
        trace = Trace()
        monitor = _Monitor(self.address, trace)
        monitor.start()
        try:
            yield trace
        finally:
            time.sleep(0.1)  # let the last replies arrive
            monitor.stop()

    # --- clean state between tests -------------------------------------------------------------

    def open_notification_ids(self) -> list[int]:
        """Ids Plasma handed out (Notify replies seen since start) and has not closed."""
        given = {
            e.reply.body[0]
            for e in self._ids.calls("Notify")
            if e.reply is not None and e.reply.kind == "return" and e.reply.body
        }
        closed = {e.body[0] for e in self._ids.closed()}
        return sorted(given - closed)

    def reset(self) -> None:
        """Put Plasma back as a test expects it: the user's DND off, every notification closed,
        no pop-up on screen. App inhibitions end with their connections (the tests close theirs);
        one still standing is reported by the failing assertion here rather than cleared."""
        self.close_clients()
        if self.user_dnd_until() is not None and self.inhibited():
            self.toggle_dnd()
            deadline = time.monotonic() + 5
            while self.inhibited() and time.monotonic() < deadline:
                time.sleep(0.05)
        for nid in self.open_notification_ids():
            self.gdbus_call(
                NOTIFICATIONS, NOTIFICATIONS_PATH, f"{NOTIFICATIONS}.CloseNotification", str(nid), check=False
            )
        self.close_notifications_applet()
        self.wait_popups(lambda shown: not shown, timeout=10)
        deadline = time.monotonic() + 5  # an inhibition ends once Plasma sees the connection go
        while self.inhibited():
            assert time.monotonic() < deadline, "Plasma is still inhibited after a reset"
            time.sleep(0.05)


@pytest.fixture(scope="module")
def plasma_desktop(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PlasmaDesktop]:
    """One real Plasma for a whole test module (startup costs ~8 s); skipped, with the reason, only
    when plasmashell is not installed.

    A module may define `plasma_before_plasmashell(desktop)`: it runs after the bus, X and kwin
    are up and before plasmashell starts (files plasmashell must find at its start).
    """
    reason = plasma_installed()
    if reason is not None:
        pytest.skip(reason)
    hook = getattr(request.module, "plasma_before_plasmashell", None)
    with PlasmaDesktop.started(tmp_path_factory.mktemp("plasma"), before_plasmashell=hook) as desktop:
        yield desktop


@pytest.fixture
def plasma(plasma_desktop: PlasmaDesktop) -> Iterator[PlasmaDesktop]:
    """The module's Plasma, clean before and after the test (no DND, no notification, no pop-up)."""
    plasma_desktop.reset()
    yield plasma_desktop
    plasma_desktop.reset()
