"""The digest at a check-in, in one process: a real client on a private bus, the bus thread, the
Qt bridge and the digest window. Dismissing a line tells the sender (NotificationClosed, reason
2); "Always mute" shows what the rule would have done last week, writes rules/00-digest.yaml and
is in force for the next notification."""

from __future__ import annotations

import asyncio
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from dbus_fast.aio import MessageBus
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from notifyzen.app import Bridge, Digest, connect
from notifyzen.clock import FakeClock
from notifyzen.service.service import Service
from notifyzen.ui.digest import IDS, DigestWindow
from notifyzen.ui.popup import PopupStack
from notifyzen.ui.tray import Tray
from tests.harness.notifyzen_proc import SATURDAY_NOON, collect_signals, notify, rows


@pytest.fixture
def running(
    qtbot: QtBot, bus_address: str, session_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Service, Digest]]:
    yield from _running(bus_address, session_env, monkeypatch, Tray())


@pytest.fixture
def with_tray(
    qtbot: QtBot, bus_address: str, session_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Service, Tray]]:
    tray = Tray()
    for service, _ in _running(bus_address, session_env, monkeypatch, tray):
        yield service, tray


def _running(
    bus_address: str, session_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tray: Tray
) -> Iterator[tuple[Service, Digest]]:
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "HOME"):
        monkeypatch.setenv(key, session_env[key])  # the rule file and history go to the test's HOME
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    bridge = Bridge()
    service = Service(
        db_path=Path(session_env["XDG_DATA_HOME"]) / "notifyzen" / "notifyzen.db",
        clock=FakeClock(datetime.fromisoformat(SATURDAY_NOON)),
        listener=bridge,
        mode="server",
        bus_address=bus_address,
    )
    popups = PopupStack()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    digest = connect(bridge, service, popups, tray, app)
    assert service.start() == "server"
    yield service, digest
    popups.clear()
    if digest.window is not None:
        digest.window.close()
    service.stop()


def select(window: DigestWindow, ids: list[int]) -> None:
    index = next(i for i in window._visible_rows() if list(i.data(IDS) or []) == ids)
    assert isinstance(index, QModelIndex)
    window.view.setCurrentIndex(index)


def test_dismiss_in_the_digest_tells_the_sender_and_always_mute_writes_a_rule_in_force(
    running: tuple[Service, Digest], qtbot: QtBot, bus_address: str, session_env: dict[str, str]
) -> None:
    service, digest = running

    loop = asyncio.new_event_loop()  # the sender's own loop, kept running while Qt works
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def on_client(coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(15)

    async def held() -> tuple[MessageBus, list[int], list[list[Any]]]:
        bus = await MessageBus(bus_address=bus_address).connect()
        closed = await collect_signals(bus, "NotificationClosed")
        service.post(service.focus, 25.0)
        ids = [
            await notify(bus, "Lunch?", app="Chat"),
            await notify(bus, "Build 412 passed", app="CI"),
            await notify(bus, "50% off everything", app="Spam"),
        ]
        return bus, ids, closed

    bus, ids, closed = on_client(held())
    try:
        assert {r["id"]: r["verdict"] for r in rows(session_env)} == dict.fromkeys(ids, "hold")
        service.post(service.checkin_now)
        qtbot.waitUntil(lambda: digest.window is not None and digest.window.isVisible(), timeout=10_000)
        window = digest.window
        assert sorted(window.digest.ids) == sorted(ids)

        chat, _, spam = ids
        select(window, [chat])
        qtbot.keyClick(window.view, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: bool(closed), timeout=10_000)
        assert closed == [[chat, 2]]
        qtbot.waitUntil(lambda: service.digest_open == sorted(ids[1:]), timeout=5_000)

        select(window, [spam])
        qtbot.keyClick(window.view, Qt.Key.Key_M)
        assert window.confirm.isVisible()
        assert window.whatif.text() == (
            "Would have muted 1 notification last week, 0 of them from people.\n"
            "It goes at the top of ~/config/notifyzen/rules/00-digest.yaml, before your other rules; "
            "Undo takes it out."
        )
        qtbot.keyClick(window.view, Qt.Key.Key_Return)
        rule_file = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "00-digest.yaml"
        assert rule_file.read_text().startswith("# yaml-language-server: $schema=")
        assert 'name: "always mute Spam"' in rule_file.read_text()
        qtbot.wait(300)  # the reload was posted before; give the bus thread its turn
        later = on_client(notify(bus, "70% off", app="Spam"))
    finally:
        bus.disconnect()
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
    (row,) = [r for r in rows(session_env) if r["id"] == later]
    assert (row["verdict"], row["rule"]) == ("mute", "always mute Spam")


def test_the_tray_menu_drives_the_service(
    with_tray: tuple[Service, Tray], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    _, tray = with_tray
    qtbot.waitUntil(lambda: tray.status.get("mode") == "server", timeout=5_000)
    tray.focus25_action.trigger()
    qtbot.waitUntil(lambda: tray.status.get("manual_focus") is True, timeout=5_000)
    assert tray.state_action.text() == "Focus until 12:25"
    subprocess.run(["notify-send", "--app-name=Mail", "held"], env=session_env, check=True, timeout=10)
    qtbot.waitUntil(lambda: tray.status.get("held") == 1, timeout=5_000)
    assert tray.held_action.text().startswith("1 held · next check-in ")
    tray.checkin_action.trigger()
    qtbot.waitUntil(lambda: tray.status.get("held") == 0, timeout=5_000)
    assert tray.end_focus_action.isEnabled()
    tray.end_focus_action.trigger()
    qtbot.waitUntil(lambda: tray.status.get("manual_focus") is False, timeout=5_000)
    tray.pause_action.trigger()
    qtbot.waitUntil(lambda: tray.status.get("paused") is True, timeout=5_000)
    assert tray.pause_action.text() == "Resume notifyzen (hold again)"
    tray.pause_action.trigger()
    qtbot.waitUntil(lambda: tray.status.get("paused") is False, timeout=5_000)
