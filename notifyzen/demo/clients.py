"""The clients that send the day: notify-send and gdbus where installed, dbus-fast always.

A desktop's notifications come from many programs, each with its own way of talking to the bus; the
demo uses the real command-line clients so notifyzen sees what it would see from them (GVariant
quoting, urgency as a byte, booleans as hints). Its own dbus-fast connection also drives the
control interface: SetClock, CheckIn, Status, and the screen saver's signal.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Sequence
from typing import Any

from notifyzen.core.model import Notification, Source
from notifyzen.core.stream import Event, Presence
from notifyzen.demo.day import Call, DemoError
from notifyzen.demo.phone import phone_call

NOTIFY = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications")
CONTROL = (
    "io.github.notifyzen.Notifyzen",
    "/io/github/notifyzen/Notifyzen",
    "io.github.notifyzen.Notifyzen1",
)
# Which real client sends which desktop app (when that client is installed): a mix, as on a desktop.
NOTIFY_SEND_APPS = ("Signal", "Telegram Desktop", "Calendar", "Discover", "Nextcloud", "Power Management")
GDBUS_APPS = ("Thunderbird", "Firefox")
CALL_TIMEOUT = 15.0


def clients_available() -> tuple[str, ...]:
    found = tuple(name for name in ("notify-send", "gdbus") if shutil.which(name))
    return (*found, "dbus-fast")


def plan(events: Sequence[Event], clients: Sequence[str], kde_caps: bool) -> list[Call | Presence]:
    return [as_call(e, clients, kde_caps) if isinstance(e, Notification) else e for e in events]


def as_call(n: Notification, clients: Sequence[str], kde_caps: bool) -> Call:
    if n.source is Source.PHONE:
        return phone_call(n, kde_caps)
    client = "dbus-fast"
    if n.app_name in NOTIFY_SEND_APPS and "notify-send" in clients:
        client = "notify-send"
    elif n.app_name in (*GDBUS_APPS, *NOTIFY_SEND_APPS) and "gdbus" in clients:
        client = "gdbus"
    hints: dict[str, str | bool | int] = {"urgency": int(n.urgency)}
    if n.category:
        hints["category"] = n.category
    if n.desktop_entry:
        hints["desktop-entry"] = n.desktop_entry
    icon = n.desktop_entry or ""
    return Call(n, client, n.app_name, n.summary, n.body, icon, hints)


def notify_send_argv(call: Call) -> list[str]:
    urgency = {0: "low", 1: "normal", 2: "critical"}[int(call.hints.get("urgency", 1))]
    argv = ["notify-send", "--app-name", call.app_name, "--urgency", urgency]
    if call.icon:
        argv += ["--icon", call.icon]
    for key, value in call.hints.items():
        if key == "urgency":
            continue
        if key == "category":
            argv += ["--category", str(value)]
        elif isinstance(value, bool):
            argv += ["--hint", f"boolean:{key}:{str(value).lower()}"]
        else:
            argv += ["--hint", f"string:{key}:{value}"]
    return [*argv, "--", call.summary, call.body]


def gvariant_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def gdbus_argv(call: Call) -> list[str]:
    """gdbus reads each argument as GVariant text, so every string is quoted and every number typed."""
    hints = []
    for key, value in call.hints.items():
        if key == "urgency":
            hints.append(f"{gvariant_string(key)}: <byte {int(value)}>")
        elif isinstance(value, bool):
            hints.append(f"{gvariant_string(key)}: <{str(value).lower()}>")
        else:
            hints.append(f"{gvariant_string(key)}: <{gvariant_string(str(value))}>")
    dest, path, iface = NOTIFY
    return [
        "gdbus",
        "call",
        "--session",
        "--dest",
        dest,
        "--object-path",
        path,
        "--method",
        f"{iface}.Notify",
        gvariant_string(call.app_name),
        "uint32 0",
        gvariant_string(call.icon),
        gvariant_string(call.summary),
        gvariant_string(call.body),
        "@as []",
        "@a{sv} {" + ", ".join(hints) + "}",
        "int32 -1",
    ]


class Bus:
    """The demo's own dbus-fast connection: the dbus-fast client, SetClock, CheckIn, Status."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.bus: Any = None

    async def connect(self) -> None:
        from dbus_fast.aio import MessageBus

        self.bus = await asyncio.wait_for(MessageBus(bus_address=self.address).connect(), CALL_TIMEOUT)

    def disconnect(self) -> None:
        if self.bus is not None:
            self.bus.disconnect()

    async def call(
        self, target: tuple[str, str, str], member: str, sig: str = "", body: list[Any] | None = None
    ) -> Any:
        from dbus_fast import Message, MessageType

        dest, path, iface = target
        msg = Message(
            destination=dest, path=path, interface=iface, member=member, signature=sig, body=body or []
        )
        reply = await asyncio.wait_for(self.bus.call(msg), CALL_TIMEOUT)
        if reply.message_type is MessageType.ERROR:
            raise DemoError(f"{member}: {reply.body[0] if reply.body else reply.error_name}")
        value = reply.body[0] if reply.body else None
        return json.loads(value) if isinstance(value, str) and value[:1] in "{[" else value

    async def screen_saver(self, active: bool) -> None:
        """What a screen saver says when it comes on (the user left) or goes off (they are back)."""
        from dbus_fast import Message

        path, iface = "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"
        await self.bus.send(Message.new_signal(path, iface, "ActiveChanged", "b", [active]))
        await self.call(CONTROL, "Status")  # answered after the signal was handled: one connection, in order

    async def notify(self, call: Call) -> None:
        from dbus_fast import Variant

        sigs = {bool: "b", int: "y", str: "s"}
        hints = {k: Variant(sigs[type(v)], v) for k, v in call.hints.items()}
        body = [call.app_name, 0, call.icon, call.summary, call.body, [], hints, -1]
        await self.call(NOTIFY, "Notify", "susssasa{sv}i", body)


async def send(call: Call, bus: Bus, env: dict[str, str]) -> None:
    if call.client == "dbus-fast":
        await bus.notify(call)
        return
    argv = notify_send_argv(call) if call.client == "notify-send" else gdbus_argv(call)
    proc = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, err = await asyncio.wait_for(proc.communicate(), CALL_TIMEOUT)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise DemoError(f"{call.client} did not finish within {CALL_TIMEOUT:.0f} s") from None
    if proc.returncode != 0:
        raise DemoError(f"{call.client} failed: {err.decode(errors='replace').strip()}")
