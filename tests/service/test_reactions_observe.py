"""Reactions in observe mode (issue 20): the desktop's daemon shows the pop-ups, so what the user
did is what the daemon tells its senders on the bus: NotificationClosed reason 2 (closed by the
user), 1 (expired), and ActionInvoked, seen by notifyzen's monitor. The real dunst on a private bus
and its own Xvfb, driven with dunstctl as a user's keys would."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from notifyzen.clock import FakeClock
from notifyzen.history import store
from notifyzen.service.service import NullListener, Service
from tests.harness.dnd_fakes import eventually
from tests.harness.dunst import dunstctl, running_dunst, running_xvfb
from tests.harness.notifyzen_proc import SATURDAY_NOON


@pytest.fixture
def observing(
    bus_address: str, session_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Service]:
    for key in ("DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(key, session_env[key])
    with running_xvfb() as display, running_dunst(bus_address, display, session_env):
        service = Service(
            db_path=tmp_path / "history.db",
            clock=FakeClock(datetime.fromisoformat(SATURDAY_NOON)),  # outside focus: dunst shows all
            listener=NullListener(),
            mode="observe",
            bus_address=bus_address,
        )
        assert service.start() == "observe"
        try:
            yield service
        finally:
            service.stop()


def kinds(service: Service) -> list[tuple[str, str, str | None]]:
    engine = store.reader(service.db_path)
    try:
        return [
            (reacted.item.notification.summary, r.kind.value, r.action)
            for reacted, r in store.read_reactions(engine)
        ]
    finally:
        engine.dispose()


def notify(env: dict[str, str], *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(["notify-send", *argv], env=env, stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_closed_expired_and_clicked_on_the_desktop_are_recorded(
    observing: Service, bus_address: str, session_env: dict[str, str]
) -> None:
    service = observing
    notify(session_env, "-a", "Mail", "Invoice", "from the landlord").wait(timeout=10)
    eventually(lambda: dunstctl(bus_address, "count", "displayed") == "1")
    dunstctl(bus_address, "close")  # the user's close key: NotificationClosed reason 2
    eventually(lambda: len(kinds(service)) == 2)

    notify(session_env, "-t", "500", "-a", "Weather", "Rain at 15:00").wait(timeout=10)
    eventually(lambda: len(kinds(service)) == 4, timeout=15)  # dunst lets it time out: reason 1

    clicked = notify(session_env, "--wait", "-a", "Signal", "-A", "default=Open", "Anke", "lunch?")
    eventually(lambda: dunstctl(bus_address, "count", "displayed") == "1")
    dunstctl(bus_address, "action", "0")  # the user's click: ActionInvoked "default" to the app
    assert clicked.wait(timeout=10) == 0
    eventually(lambda: len(kinds(service)) == 6)
    assert kinds(service) == [
        ("Invoice", "shown", None),
        ("Invoice", "dismissed", None),
        ("Rain at 15:00", "shown", None),
        ("Rain at 15:00", "expired", None),
        ("Anke", "shown", None),
        ("Anke", "opened", None),
    ]
