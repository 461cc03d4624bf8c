"""The whole server path in one process: a real client, the bus thread, the Qt bridge and the
pop-ups. A click on a pop-up's button must reach the sender as ActionInvoked."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from notifyzen.clock import FakeClock
from notifyzen.service.service import Service
from notifyzen.ui.popup import PopupStack
from tests.harness.notifyzen_proc import SATURDAY_NOON, notifications_call, notify_send, rows
from tests.harness.server_app import server_app


@pytest.fixture
def running(qtbot: QtBot, bus_address: str, tmp_path: Path) -> Iterator[tuple[Service, PopupStack]]:
    clock = FakeClock(datetime.fromisoformat(SATURDAY_NOON))
    db_path = tmp_path / "home" / "data" / "notifyzen" / "notifyzen.db"
    with server_app(bus_address, db_path, clock) as (service, popups, _):
        yield service, popups


def test_clicking_an_action_button_answers_notify_send_wait(
    running: tuple[Service, PopupStack], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    _, popups = running
    waiting = subprocess.Popen(
        [
            "notify-send",
            "--wait",
            "--expire-time=0",
            "--action=yes=Ship it",
            "--action=no=Wait",
            "Deploy?",
            "v2",
        ],
        env=session_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: bool(popups.visible_ids()), timeout=10_000)
        (id,) = popups.visible_ids()
        popup = popups.popup(id)
        assert popup is not None
        (button,) = [b for b in popup.findChildren(QPushButton) if "Ship it" in b.text()]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        out, err = waiting.communicate(timeout=10)
    finally:
        waiting.kill()
    assert out.strip() == "yes", err
    qtbot.waitUntil(lambda: not popups.visible_ids(), timeout=5_000)
    (row,) = rows(session_env)  # the Service writes where `notifyzen` would for that HOME
    assert (row["opened"], row["state"], row["close_reason"]) == (1, "acted", 2)


def test_close_notification_takes_the_popup_down(
    running: tuple[Service, PopupStack], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    _, popups = running
    id = notify_send(session_env, "--expire-time=0", "going away")
    qtbot.waitUntil(lambda: popups.visible_ids() == [id], timeout=10_000)
    notifications_call(session_env, "CloseNotification", str(id))
    qtbot.waitUntil(lambda: popups.visible_ids() == [], timeout=5_000)


def test_an_update_that_waits_takes_the_old_popup_down(
    running: tuple[Service, PopupStack], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    """A critical "Battery 5%" replaced by a normal "Charging" during focus: the update waits for
    the check-in, so the old words must leave the screen. Left up, the old pop-up's close button or
    timeout would end the waiting update unseen."""
    service, popups = running

    def send(*args: str) -> int:
        return notify_send(session_env, "--expire-time=0", *args)

    id = send("--urgency=critical", "Battery 5%")
    qtbot.waitUntil(lambda: popups.visible_ids() == [id], timeout=10_000)
    service.post(service.focus, None)
    qtbot.waitUntil(lambda: service.timeline.focused is not None, timeout=5_000)
    assert send(f"--replace-id={id}", "--urgency=normal", "Charging") == id
    qtbot.waitUntil(lambda: popups.visible_ids() == [], timeout=5_000)
    assert [(r["summary"], r["state"]) for r in rows(session_env)] == [
        ("Battery 5%", "replaced"),
        ("Charging", "held"),
    ]
