"""The Flatpak manifest's bus permissions, through the real filter Flatpak puts between an app and
the session bus (xdg-dbus-proxy), on a private bus: what works in the sandbox and what cannot.
docs/flatpak.md says the same in words."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from dbus_fast import BusType, Message, MessageType, RequestNameReply
from dbus_fast.aio import MessageBus
from dbus_fast.errors import DBusError

from notifyzen import APP_ID
from notifyzen.bus.observer import Observer

MANIFEST = Path(__file__).resolve().parents[2] / "packaging" / f"{APP_ID}.yml"
NOTIFICATIONS = "org.freedesktop.Notifications"


def proxy_policy() -> list[str]:
    """finish-args as xdg-dbus-proxy options, plus what Flatpak always grants an app."""
    args = yaml.safe_load(MANIFEST.read_text())["finish-args"]
    policy = [f"--own={APP_ID}", f"--own={APP_ID}.*", "--talk=org.freedesktop.portal.*"]
    for arg in args:
        for kind in ("talk", "own", "see"):
            if arg.startswith(f"--{kind}-name="):
                policy.append(f"--{kind}={arg.removeprefix(f'--{kind}-name=')}")
    return policy


@pytest.fixture
def sandbox_bus(bus_address: str, tmp_path: Path) -> Iterator[str]:
    """The address an app inside the Flatpak would see."""
    socket = tmp_path / "proxy-bus"
    proc = subprocess.Popen(["xdg-dbus-proxy", bus_address, str(socket), "--filter", *proxy_policy()])
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            assert proc.poll() is None and time.monotonic() < deadline, "xdg-dbus-proxy did not start"
            time.sleep(0.02)
        yield f"unix:path={socket}"
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def answer_notify(bus: MessageBus, summaries: list[str]) -> None:
    """Just enough of a notification daemon for notify-send."""

    def handler(msg: Message) -> Message | None:
        if msg.interface != NOTIFICATIONS:
            return None
        if msg.member == "Notify":
            summaries.append(msg.body[3])
            return Message.new_method_return(msg, "u", [len(summaries)])
        if msg.member == "GetCapabilities":
            return Message.new_method_return(msg, "as", [["body"]])
        return Message.new_method_return(msg, "ssss", ["fake", "test", "1", "1.3"])

    bus.add_message_handler(handler)


async def own(address: str, name: str) -> tuple[MessageBus, RequestNameReply]:
    bus = await MessageBus(bus_address=address, bus_type=BusType.SESSION).connect()
    return bus, await bus.request_name(name)


async def call(address: str, destination: str, path: str, interface: str, member: str) -> Message:
    bus = await MessageBus(bus_address=address).connect()
    try:
        reply = await asyncio.wait_for(
            bus.call(Message(destination=destination, path=path, interface=interface, member=member)), 10
        )
        assert reply is not None
        return reply
    finally:
        bus.disconnect()


def test_observe_mode_cannot_become_a_monitor_inside_the_sandbox(bus_address: str, sandbox_bus: str) -> None:
    async def scenario() -> None:
        outside = Observer(lambda event: None, bus_address=bus_address)
        await asyncio.wait_for(outside.start(), 10)  # the same code works on the unfiltered bus
        await outside.stop()
        inside = Observer(lambda event: None, bus_address=sandbox_bus)
        with pytest.raises(ConnectionError, match="refused BecomeMonitor"):
            await asyncio.wait_for(inside.start(), 10)

    asyncio.run(scenario())


def test_server_mode_works_inside_the_sandbox(sandbox_bus: str, session_env: dict[str, str]) -> None:
    async def scenario() -> None:
        bus, reply = await own(sandbox_bus, NOTIFICATIONS)
        assert reply is RequestNameReply.PRIMARY_OWNER
        summaries: list[str] = []
        answer_notify(bus, summaries)
        sender = await asyncio.create_subprocess_exec("notify-send", "from the host", env=session_env)
        assert await asyncio.wait_for(sender.wait(), 20) == 0
        assert summaries == ["from the host"]
        bus.disconnect()

    asyncio.run(scenario())


def test_the_filter_applies_the_manifest(sandbox_bus: str, bus_address: str) -> None:
    async def scenario() -> None:
        _, reply = await own(bus_address, "org.kde.kdeconnect")
        assert reply is RequestNameReply.PRIMARY_OWNER
        _, reply = await own(bus_address, NOTIFICATIONS)
        talk = await call(sandbox_bus, NOTIFICATIONS, "/", "org.freedesktop.DBus.Peer", "Ping")
        assert talk.message_type is MessageType.METHOD_RETURN, talk.body
        phone = await call(sandbox_bus, "org.kde.kdeconnect", "/", "org.freedesktop.DBus.Peer", "Ping")
        assert phone.message_type is MessageType.METHOD_RETURN, phone.body
        _, reply = await own(bus_address, "org.kde.plasmashell")
        shell = await call(sandbox_bus, "org.kde.plasmashell", "/", "org.freedesktop.DBus.Peer", "Ping")
        assert shell.message_type is MessageType.ERROR  # not in finish-args: invisible to the app
        with pytest.raises(DBusError):
            await own(sandbox_bus, "org.gnome.Shell.Notifications")

    asyncio.run(scenario())
