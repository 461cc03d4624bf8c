"""The tray as Plasma sees it: a StatusNotifierItem whose menu shows the day (focus, held, next
check-in), today's count, the mode and what one can do; Quit quits.

A stand-in org.kde.StatusNotifierWatcher on the private bus is all Qt needs to register its item
(under Xvfb: Qt's xcb platform picks the D-Bus tray when a watcher is present). The menu is read
and clicked through com.canonical.dbusmenu, as a panel would.
(No `from __future__ import annotations` here: dbus-fast reads signatures from annotations.)
"""

import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from dbus_fast import Message, NameFlag, PropertyAccess, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, dbus_property, method

from tests.harness.notifyzen_proc import notify, until

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")


class Watcher(ServiceInterface):
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


@pytest.fixture
def display() -> Iterator[str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read) as fd:
        number = fd.readline().strip()
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)


def labels(layout: list[Any]) -> list[str]:
    _, (_, _, children) = layout
    return [
        child.value[1]["label"].value
        for child in children
        if "label" in child.value[1] and child.value[1].get("visible", Variant("b", True)).value
    ]


def item_id(layout: list[Any], label: str) -> int:
    _, (_, _, children) = layout
    return next(c.value[0] for c in children if c.value[1].get("label", Variant("s", "")).value == label)


async def scenario(address: str, env: dict[str, str]) -> tuple[list[str], int | None]:
    bus = await MessageBus(bus_address=address).connect()
    watcher = Watcher()
    bus.export("/StatusNotifierWatcher", watcher)
    await bus.request_name("org.kde.StatusNotifierWatcher", NameFlag.DO_NOT_QUEUE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "run", "--clock", "2026-11-14T12:00:00+01:00"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        await until(lambda: bool(watcher.items), timeout=30, what="the tray item to register")
        await notify(bus, "one")
        await notify(bus, "two")
        owner = watcher.items[0]

        async def layout() -> list[Any]:
            menu = Message(
                destination=owner,
                path="/MenuBar",
                interface="com.canonical.dbusmenu",
                member="GetLayout",
                signature="iias",
                body=[0, -1, []],
            )
            return list((await bus.call(menu)).body)

        deadline = asyncio.get_running_loop().time() + 10
        while "Taken in today: 2" not in labels(await layout()):
            assert asyncio.get_running_loop().time() < deadline, labels(await layout())
            await asyncio.sleep(0.1)
        shown = labels(await layout())
        click = Message(
            destination=owner,
            path="/MenuBar",
            interface="com.canonical.dbusmenu",
            member="Event",
            signature="isvu",
            body=[item_id(await layout(), "Quit notifyzen"), "clicked", Variant("s", ""), 0],
        )
        await bus.call(click)
        code = await asyncio.to_thread(proc.wait, 15)
        return shown, code
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
        bus.disconnect()


def test_tray_menu_shows_mode_and_count_and_quits(
    session_env: dict[str, str], bus_address: str, display: str
) -> None:
    env = {**session_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "TZ": "Europe/Amsterdam"}
    shown, code = asyncio.run(scenario(bus_address, env))
    assert shown == [
        "Free: notifications come through",
        "0 held · next check-in 12:30",
        "Taken in today: 2",
        "Mode: server (notifyzen shows notifications)",
        "Check in now",
        "Open digest",
        "History…",
        "Focus for 25 min",
        "Focus for 1 hour",
        "Focus until tomorrow",
        "End focus",
        "Pause notifyzen (let everything through)",
        "Edit rules…",
        "Weekly report…",
        "Start at login",
        "Quit notifyzen",
    ]
    assert code == 0
