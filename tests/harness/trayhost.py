"""A desktop a test can look at: a real tray host on Xvfb, and a screen reader's view of the app.

The tray host is Debian's `trayer`, an XEmbed host (what a bare X session or an old panel gives
QSystemTrayIcon). An icon it embeds becomes a child window of trayer's "panel" window, which
`xwininfo -tree` shows; `xprop _NET_WM_PID` says whose it is.

On that path the tray's menu is an ordinary Qt pop-up: no D-Bus menu (com.canonical.dbusmenu
exists only for a StatusNotifierItem, tests/ui/test_server_tray.py) and no text in any X property.
What a user reads in it is what a screen reader reads, so `ScreenReader` plays one: it is the
AT-SPI registry on a private accessibility bus (Qt connects to it when AT_SPI_BUS_ADDRESS names
it), asks for object events, hears the menu being shown and reads its items' names and extents.

The other path, a StatusNotifierItem (what Plasma, waybar and most bars host): `tray_app` runs
notifyzen beside a stand-in org.kde.StatusNotifierWatcher on the private bus (all Qt needs to
register its item, under Xvfb), and `menu_layout`/`menu_showing` read its menu through
com.canonical.dbusmenu, as a panel does.
(No `from __future__ import annotations` here: dbus-fast reads signatures from annotations.)
"""

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from dbus_fast import Message, MessageType, NameFlag, PropertyAccess, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, dbus_property, method

from tests.harness.busenv import private_bus
from tests.harness.notifyzen_proc import SATURDAY_NOON, until

TOOLS = ("Xvfb", "trayer", "xdotool", "xwininfo", "xprop", "import", "dbus-daemon")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def poll(check: Callable[[], Any], timeout: float, what: str, every: float = 0.1) -> Any:
    """Wait until check() returns something truthy and return it (a loaded CI machine is slow)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(every)


def stop_group(proc: subprocess.Popen[Any], timeout: float = 10.0) -> None:
    """End a process started with start_new_session=True, and whatever it started."""
    if proc.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)


def x(display: str, *argv: str) -> str:
    out = subprocess.run(
        list(argv), env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, timeout=20
    )
    return out.stdout


@dataclass(frozen=True)
class Window:
    id: str
    name: str
    width: int
    height: int
    left: int  # on the screen
    top: int


# '     0x400007 "notifyzen": ("__main__.py" "notifyzen")  22x22+0+0  +577+1': id, name, size, where
_TREE_LINE = re.compile(
    r"^\s*(0x[0-9a-f]+) (\"[^\"]*\"|\(has no name\)).*?"
    r"\s(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+?(-?\d+)\+?(-?\d+)\s*$"
)


def windows_under(display: str, window: str) -> list[Window]:
    """Every window below `window`, however deep (trayer puts a socket window around each icon)."""
    found = []
    for line in x(display, "xwininfo", "-tree", "-id", window).splitlines():
        match = _TREE_LINE.match(line)
        if match:
            wid, name, w, h, left, top = match.groups()
            found.append(Window(wid, name.strip('"'), int(w), int(h), int(left), int(top)))
    return found


def window_pid(display: str, window: str) -> int | None:
    match = re.search(r"= (\d+)", x(display, "xprop", "-id", window, "_NET_WM_PID"))
    return int(match.group(1)) if match else None


def viewable(display: str, window: str) -> bool:
    return "IsViewable" in x(display, "xwininfo", "-id", window)


def trayer_panel(display: str) -> str | None:
    """trayer's panel window, where icons are embedded."""
    ids = x(display, "xdotool", "search", "--name", "^panel$").split()
    return ids[0] if ids else None


def takes_connections(display: str) -> bool:
    """Whether the X server answers a client. trayer was seen to exit with "cannot open display"
    on a display Xvfb had just reported as ready (2 starts in 15, right after another run)."""
    probe = subprocess.run(
        ["xwininfo", "-root"], env={**os.environ, "DISPLAY": display}, capture_output=True, timeout=20
    )
    return probe.returncode == 0


@contextmanager
def running_trayer(display: str) -> Iterator[str]:
    """trayer on `display`, docked at the top; yields its panel window's id."""
    env = {**os.environ, "DISPLAY": display}
    for attempt in range(3):  # trayer now and then dies at start ("cannot open display"): again
        poll(lambda: takes_connections(display), 30, f"the X server on {display} to take clients")
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen(
                ["trayer", "--edge", "top", "--width", "10", "--height", "24", "--SetDockType", "true"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )

            def up(proc: subprocess.Popen[bytes] = proc) -> str | None:
                if proc.poll() is not None:
                    raise RuntimeError(f"trayer exited with {proc.returncode}")
                return trayer_panel(display)

            try:
                panel = poll(up, 30, "trayer's panel window")
            except (RuntimeError, TimeoutError) as exc:
                stop_group(proc)
                if attempt == 2:
                    log.seek(0)
                    raise RuntimeError(f"{exc}: {log.read().decode(errors='replace').strip()}") from None
                continue
            try:
                yield str(panel)
            finally:
                stop_group(proc)
            return


def screenshot(display: str, path: os.PathLike[str] | str) -> None:
    subprocess.run(
        ["import", "-window", "root", str(path)],
        env={**os.environ, "DISPLAY": display},
        check=True,
        capture_output=True,
        timeout=60,
    )


class Watcher(ServiceInterface):
    """A stand-in org.kde.StatusNotifierWatcher: the items that registered, in order."""

    def __init__(self) -> None:
        super().__init__("org.kde.StatusNotifierWatcher")
        self.items: list[str] = []

    @method()
    def RegisterStatusNotifierItem(self, service: "s") -> None:  # type: ignore[name-defined] # noqa: F821
        self.items.append(service)

    @method()
    def RegisterStatusNotifierHost(self, service: "s") -> None:  # type: ignore[name-defined] # noqa: F821
        pass

    @dbus_property(access=PropertyAccess.READ)
    def RegisteredStatusNotifierItems(self) -> "as":  # type: ignore[valid-type] # noqa: F722
        return self.items

    @dbus_property(access=PropertyAccess.READ)
    def IsStatusNotifierHostRegistered(self) -> "b":  # type: ignore[name-defined] # noqa: F821
        return True

    @dbus_property(access=PropertyAccess.READ)
    def ProtocolVersion(self) -> "i":  # type: ignore[name-defined] # noqa: F821
        return 0


@dataclass(frozen=True)
class TrayApp:
    bus: MessageBus  # the test's own connection, which owns the watcher
    owner: str  # the bus name of notifyzen's tray item
    proc: "subprocess.Popen[str]"  # `notifyzen run`


@asynccontextmanager
async def tray_app(address: str, env: dict[str, str]) -> AsyncIterator[TrayApp]:
    """`notifyzen run` at Saturday noon beside a stand-in watcher, once its tray item registered;
    afterwards it is stopped if it still runs."""
    bus = await MessageBus(bus_address=address).connect()
    watcher = Watcher()
    bus.export("/StatusNotifierWatcher", watcher)
    await bus.request_name("org.kde.StatusNotifierWatcher", NameFlag.DO_NOT_QUEUE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "run", "--clock", SATURDAY_NOON],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        await until(lambda: bool(watcher.items), timeout=30, what="the tray item to register")
        yield TrayApp(bus, watcher.items[0], proc)
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        bus.disconnect()


async def menu_layout(app: TrayApp) -> list[Any]:
    """The tray menu's com.canonical.dbusmenu layout, as a panel asks for it."""
    ask = Message(
        destination=app.owner,
        path="/MenuBar",
        interface="com.canonical.dbusmenu",
        member="GetLayout",
        signature="iias",
        body=[0, -1, []],
    )
    return list((await app.bus.call(ask)).body)


def labels(layout: list[Any]) -> list[str]:
    """The visible items' labels of a menu layout, top to bottom."""
    _, (_, _, children) = layout
    return [
        child.value[1]["label"].value
        for child in children
        if "label" in child.value[1] and child.value[1].get("visible", Variant("b", True)).value
    ]


def item_id(layout: list[Any], label: str) -> int:
    _, (_, _, children) = layout
    return next(c.value[0] for c in children if c.value[1].get("label", Variant("s", "")).value == label)


async def menu_showing(app: TrayApp, label: str, timeout: float = 10) -> list[str]:
    """The menu's labels once `label` is among them (the menu follows the app within `timeout`)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while label not in (shown := labels(await menu_layout(app))):
        assert asyncio.get_running_loop().time() < deadline, shown
        await asyncio.sleep(0.1)
    return shown


# AT-SPI: the few constants used here (at-spi2-core's atspi-constants.h).
ROLE_MENU = 33
ROLE_POPUP_MENU = 41
ROLE_SEPARATOR = 50
STATE_VISIBLE = 30
ACCESSIBLE = "org.a11y.atspi.Accessible"
EVENTS = ("object:", "window:")


class _Registry(ServiceInterface):
    """org.a11y.atspi.Registry: tells the app that a listener wants its object and window events
    (without a listener Qt sends none, and the menu's opening would go unheard)."""

    def __init__(self, me: str) -> None:
        super().__init__("org.a11y.atspi.Registry")
        self.me = me

    @method()
    def GetRegisteredEvents(self) -> "a(ss)":  # type: ignore[valid-type] # noqa: F821
        return [[self.me, event] for event in EVENTS]


class _Socket(ServiceInterface):
    """The desktop's root, under which an application embeds itself when it starts."""

    def __init__(self, me: str) -> None:
        super().__init__("org.a11y.atspi.Socket")
        self.me = me

    @method()
    def Embed(self, plug: "(so)") -> "(so)":  # type: ignore[name-defined] # noqa: F821
        return [self.me, "/org/a11y/atspi/accessible/root"]

    @method()
    def Unembed(self, plug: "(so)") -> None:  # type: ignore[name-defined] # noqa: F821
        pass


@dataclass(frozen=True)
class Item:
    obj: tuple[str, str]
    name: str
    role: int
    visible: bool


class ScreenReader:
    """Listens on its own accessibility bus; the app joins it through `env()`.

    Runs its D-Bus connection on a thread of its own, because Qt asks the registry questions with
    blocking calls: the test's own waiting must never keep the registry from answering.
    """

    def __init__(self, address: str) -> None:
        self.address = address
        self.shown: list[tuple[str, str]] = []  # (bus name, object path) of objects that became visible
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._bus: MessageBus = self._run(self._connect())

    def env(self) -> dict[str, str]:
        return {"AT_SPI_BUS_ADDRESS": self.address}

    def _run(self, coro: Any, timeout: float = 30.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    async def _connect(self) -> MessageBus:
        bus = await MessageBus(bus_address=self.address).connect()
        me = bus.unique_name or ""
        bus.export("/org/a11y/atspi/registry", _Registry(me))
        bus.export("/org/a11y/atspi/accessible/root", _Socket(me))
        await bus.request_name("org.a11y.atspi.Registry", NameFlag.DO_NOT_QUEUE)
        rule = "type='signal',interface='org.a11y.atspi.Event.Object',member='StateChanged'"
        await self._dbus(bus, "AddMatch", "s", [rule])

        def heard(msg: Message) -> None:
            if (
                msg.message_type is MessageType.SIGNAL
                and msg.member == "StateChanged"
                and msg.body[:2] == ["showing", 1]
                and msg.sender is not None
                and msg.path is not None
            ):
                self.shown.append((msg.sender, msg.path))

        bus.add_message_handler(heard)
        return bus

    async def _dbus(self, bus: MessageBus, member: str, signature: str, body: list[Any]) -> None:
        await bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member=member,
                signature=signature,
                body=body,
            )
        )

    async def _call(
        self, obj: tuple[str, str], iface: str, member: str, sig: str = "", body: Any = None
    ) -> Any:
        reply = await asyncio.wait_for(
            self._bus.call(
                Message(
                    destination=obj[0],
                    path=obj[1],
                    interface=iface,
                    member=member,
                    signature=sig,
                    body=body or [],
                )
            ),
            20,
        )
        if reply.message_type is MessageType.ERROR:
            raise RuntimeError(f"{member} on {obj}: {reply.error_name} {reply.body}")
        return reply.body

    async def _item(self, obj: tuple[str, str]) -> Item:
        (name,) = await self._call(obj, "org.freedesktop.DBus.Properties", "Get", "ss", [ACCESSIBLE, "Name"])
        (role,) = await self._call(obj, ACCESSIBLE, "GetRole")
        (state,) = await self._call(obj, ACCESSIBLE, "GetState")
        return Item(obj, str(name.value), int(role), bool(state[0] & (1 << STATE_VISIBLE)))

    def role(self, obj: tuple[str, str]) -> int:
        return int(self._run(self._call(obj, ACCESSIBLE, "GetRole"))[0])

    def shown_menu(self, pid: int) -> tuple[str, str] | None:
        """The pop-up menu `pid` has shown, if any yet."""
        for obj in list(self.shown):
            if self.pid_of(obj[0]) == pid and self.role(obj) in (ROLE_MENU, ROLE_POPUP_MENU):
                return obj
        return None

    def pid_of(self, name: str) -> int:
        async def ask() -> int:
            reply = await self._bus.call(
                Message(
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus",
                    member="GetConnectionUnixProcessID",
                    signature="s",
                    body=[name],
                )
            )
            return int(reply.body[0]) if reply.message_type is MessageType.METHOD_RETURN else -1

        return int(self._run(ask()))

    def items(self, obj: tuple[str, str]) -> list[Item]:
        async def read() -> list[Item]:
            (children,) = await self._call(obj, ACCESSIBLE, "GetChildren")
            return [await self._item((c[0], c[1])) for c in children]

        return list(self._run(read()))

    def lines(self, obj: tuple[str, str]) -> list[Item]:
        """What a user reads in a menu: its visible items, separators left out."""
        return [i for i in self.items(obj) if i.visible and i.role != ROLE_SEPARATOR]

    def extents(self, obj: tuple[str, str]) -> tuple[int, int, int, int]:
        """(left, top, width, height) on the screen."""
        (box,) = self._run(self._call(obj, "org.a11y.atspi.Component", "GetExtents", "u", [0]))
        return int(box[0]), int(box[1]), int(box[2]), int(box[3])

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._bus.disconnect)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


@contextmanager
def screen_reader() -> Iterator[ScreenReader]:
    """A ScreenReader on a private accessibility bus of its own."""
    with private_bus() as address:
        reader = ScreenReader(address)
        try:
            yield reader
        finally:
            reader.close()
