"""The tray as Plasma sees it: a StatusNotifierItem whose menu shows the day (focus, held, next
check-in), today's count, the mode and what one can do; Quit quits.

A stand-in org.kde.StatusNotifierWatcher on the private bus is all Qt needs to register its item
(under Xvfb: Qt's xcb platform picks the D-Bus tray when a watcher is present). The menu is read
and clicked through com.canonical.dbusmenu, as a panel would (tests/harness/trayhost.py's tray_app).
"""

import asyncio
import shutil
from collections.abc import Iterator

import pytest
from dbus_fast import Message, Variant

from tests.harness.dunst import running_xvfb
from tests.harness.notifyzen_proc import notify
from tests.harness.trayhost import item_id, menu_layout, menu_showing, tray_app

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")


@pytest.fixture
def display() -> Iterator[str]:
    with running_xvfb("1024x768x24") as display:
        yield display


async def scenario(address: str, env: dict[str, str]) -> tuple[list[str], int | None]:
    async with tray_app(address, env) as app:
        await notify(app.bus, "one")
        await notify(app.bus, "two")
        shown = await menu_showing(app, "Taken in today: 2")
        click = Message(
            destination=app.owner,
            path="/MenuBar",
            interface="com.canonical.dbusmenu",
            member="Event",
            signature="isvu",
            body=[item_id(await menu_layout(app), "Quit notifyzen"), "clicked", Variant("s", ""), 0],
        )
        await app.bus.call(click)
        code = await asyncio.to_thread(app.proc.wait, 15)
        return shown, code


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
