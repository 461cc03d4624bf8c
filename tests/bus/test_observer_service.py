"""Observe mode end to end inside the real Service (history, rules, Timeline) with the real dunst:
what the rules hold stays silent in a paused dunst, what breaks through reaches the user through
notifyzen's own pop-up (a paused dunst lets nothing through), and closes reach the history."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from notifyzen.clock import FakeClock
from notifyzen.core.model import Item
from notifyzen.service.service import NullListener, Service
from tests.harness.dnd_fakes import eventually
from tests.harness.dunst import dunstctl, running_dunst, running_xvfb
from tests.harness.notifyzen_proc import notifications_call, notify_send

# The default preset's "deep work" window, on this machine's local clock (the rules' clock).
MONDAY_IN_DEEP_WORK = datetime(2026, 11, 16, 9, 30).astimezone()


class Shown(NullListener):
    def __init__(self) -> None:
        self.delivered_items: list[Item] = []

    def delivered(self, item: Item) -> None:
        self.delivered_items.append(item)


@pytest.fixture
def observing(
    bus_address: str, session_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Service, Shown, Path]]:
    # The drivers' CLIs run with this process's environment: point it at the private bus and HOME.
    for key in ("DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(key, session_env[key])
    with running_xvfb() as display, running_dunst(bus_address, display, session_env):
        shown = Shown()
        db = tmp_path / "history.db"
        service = Service(
            db_path=db,
            clock=FakeClock(MONDAY_IN_DEEP_WORK),
            listener=shown,
            mode="observe",
            bus_address=bus_address,
        )
        assert service.start() == "observe"
        try:
            yield service, shown, db
        finally:
            service.stop()


def rows(db: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute("SELECT * FROM notification ORDER BY id")]


@pytest.mark.slow
def test_observed_held_delivered_replaced_and_closed(
    observing: tuple[Service, Shown, Path], bus_address: str, session_env: dict[str, str]
) -> None:
    service, shown, db = observing
    assert dunstctl(bus_address, "is-paused") == "true"

    held = notify_send(session_env, "-a", "Mail", "Newsletter", "this week")
    critical = notify_send(session_env, "-u", "critical", "-a", "Backup", "Disk full")
    eventually(lambda: len(rows(db)) == 2)
    mail, backup = rows(db)
    assert (mail["origin"], mail["external_id"], mail["verdict"]) == ("observe", str(held), "hold")
    assert (backup["external_id"], backup["verdict"]) == (str(critical), "deliver")
    assert dunstctl(bus_address, "count", "displayed") == "0"  # dunst shows nothing while paused...
    eventually(lambda: [i.notification.summary for i in shown.delivered_items] == ["Disk full"])  # ...we do

    # The app replaces its notification (dunst keeps the id), then withdraws it.
    assert notify_send(session_env, "-r", str(held), "-a", "Mail", "Newsletter", "updated") == held
    eventually(lambda: len(rows(db)) == 3)
    assert rows(db)[0]["state"] == "replaced" and rows(db)[2]["body"] == "updated"
    notifications_call(session_env, "CloseNotification", str(held))
    eventually(lambda: rows(db)[2]["closed_at"] is not None)
    assert rows(db)[2]["close_reason"] == 3

    service.stop()
    assert dunstctl(bus_address, "is-paused") == "false"


@pytest.mark.slow
def test_opened_in_notifyzen_is_closed_on_the_daemon(
    observing: tuple[Service, Shown, Path], bus_address: str, session_env: dict[str, str]
) -> None:
    """What notifyzen shows itself past a paused dunst, or what the user acted on in notifyzen (the
    Join button of a pop-up, Open in the digest), dunst must not keep: the paused dunst would show
    it again, already seen or dealt with, whenever it is unpaused (the end of focus, a quit, the
    guard after a crash), and the sender (notify-send --wait) would wait for ever. dunst 1.9
    cannot be asked to run the sender's action."""
    service, shown, db = observing
    sender = subprocess.Popen(
        ["notify-send", "--wait", "-u", "critical", "-a", "Calendar", "-A", "yes=Join", "Standup", "now"],
        env=session_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        eventually(lambda: [i.notification.summary for i in shown.delivered_items] == ["Standup"])
        eventually(lambda: dunstctl(bus_address, "count", "waiting") == "0")  # shown once: by us
        assert sender.wait(timeout=10) == 0  # told it ended, instead of waiting for ever
        service.post(service.invoke_action, shown.delivered_items[0].id, "yes")
        eventually(lambda: rows(db)[0]["state"] == "acted")
        # Open in the digest, for one without a default action.
        notify_send(session_env, "-a", "Mail", "Newsletter", "this week")
        eventually(lambda: len(rows(db)) == 2 and dunstctl(bus_address, "count", "waiting") == "1")
        service.post(service.checkin_now)
        service.post(service.open_item, rows(db)[1]["id"])
        eventually(lambda: dunstctl(bus_address, "count", "waiting") == "0")
        assert rows(db)[1]["state"] == "acted"
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.wait()


@pytest.mark.slow
def test_a_flood_past_the_silenced_daemon_is_gated_as_in_server_mode(
    observing: tuple[Service, Shown, Path], bus_address: str, session_env: dict[str, str]
) -> None:
    """25 reminders in a moment (a calendar sync gone wrong): what deep work lets through is shown by
    notifyzen itself past the paused dunst, so the flood gate applies: ten pop-ups, the rest in the
    digest as one flood line, not 25 windows."""
    _service, shown, db = observing
    for i in range(25):
        notify_send(session_env, "-a", "Calendar", f"Standup in {i} minutes")
    eventually(lambda: len(rows(db)) == 25)
    rules = [r["rule"] for r in rows(db)]
    assert rules.count("calendar reminder") in (10, 11)  # one more if a token refilled
    assert rules.count("flood") == 25 - rules.count("calendar reminder")
    eventually(lambda: len(shown.delivered_items) == rules.count("calendar reminder"))
