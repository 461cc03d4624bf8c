"""What the real daemons cannot show here: the swaync driver, and the choice of driver by who owns
the name.

SwayNotificationCenter is not packaged here, so its CLI is a stand-in on PATH that keeps state in
a file and logs each call (tests/harness/dnd_fakes.py); what is tested is notifyzen's side. The
choice of driver is tested against a stand-in daemon that says it is each desktop in turn, and
one that never answers. mako is no longer tested with a stand-in: the real mako 1.7 runs on a
real headless sway (tests/dnd/test_mako_notifyzen.py), and what the stand-in makoctl showed (the
mode added in focus, removed on SIGTERM and by the guard after SIGKILL, the user's own mode
never removed) is shown there as a mako user sees it.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from dbus_fast import MessageType
from dbus_fast.aio import MessageBus

from notifyzen.dnd import choose_driver, restore_leftovers
from notifyzen.dnd.swaync import SwayncDriver
from tests.harness.dnd_fakes import (
    SWAYNC_CLIENT,
    FakeDaemon,
    env_with_path,
    stub_cli,
)


@pytest.fixture
def state_home(session_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process drivers write their records where the child processes would."""
    monkeypatch.setenv("XDG_STATE_HOME", session_env["XDG_STATE_HOME"])
    return Path(session_env["XDG_STATE_HOME"])


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_swaync_dnd_on_and_off_and_restored_after_a_crash(
    session_env: dict[str, str], tmp_path: Path, state_home: Path
) -> None:
    state, log = stub_cli(tmp_path / "bin", "swaync-client", SWAYNC_CLIENT, {"dnd": False})
    env = env_with_path(session_env, tmp_path / "bin")
    SwayncDriver(env=env).engage_now()  # and then "crashes": never released
    assert json.loads(state.read_text())["dnd"] is True
    assert restore_leftovers(env) == ["swaync"]
    assert json.loads(state.read_text())["dnd"] is False
    assert calls(log)[1].startswith("--dnd-on") and calls(log)[-1].startswith("--dnd-off")


@pytest.mark.parametrize(
    ("server", "driver"),
    [
        ("Plasma", "plasma"),
        ("gnome-shell", "gnome"),
        ("mako", "mako"),
        ("SwayNotificationCenter", "swaync"),
        ("Notification Daemon", None),
    ],
)
def test_driver_chosen_by_what_the_daemon_says_it_is(
    bus_address: str, server: str, driver: str | None
) -> None:
    async def choose() -> str | None:
        bus = await MessageBus(bus_address=bus_address).connect()
        chosen = await choose_driver(bus, bus_address=bus_address)
        bus.disconnect()
        return chosen.name if chosen is not None else None

    with FakeDaemon(server).running(bus_address):
        assert asyncio.run(choose()) == driver


def test_a_daemon_that_never_answers_does_not_hang_the_choice(
    bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("notifyzen.dnd.choice.CALL_TIMEOUT", 0.3)

    async def scenario() -> None:
        mute = await MessageBus(bus_address=bus_address).connect()
        mute.add_message_handler(lambda msg: msg.message_type is MessageType.METHOD_CALL)  # answers none
        await mute.request_name("org.freedesktop.Notifications")
        bus = await MessageBus(bus_address=bus_address).connect()
        assert await asyncio.wait_for(choose_driver(bus, bus_address=bus_address), 5) is None
        for b in (bus, mute):
            b.disconnect()

    asyncio.run(scenario())
