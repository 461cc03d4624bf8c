"""The mako and swaync drivers. Neither daemon can run here (both need a Wayland compositor), so
their CLIs are stand-ins on PATH that keep state in a file and log each call (tests/harness/dnd_fakes.py);
what is tested is notifyzen's side: which calls, in which order, and what it leaves alone."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from dbus_fast import MessageType
from dbus_fast.aio import MessageBus

from notifyzen.dnd import choose_driver, restore_leftovers
from notifyzen.dnd.mako import MakoDriver
from notifyzen.dnd.swaync import SwayncDriver
from tests.harness.dnd_fakes import (
    MAKOCTL,
    SWAYNC_CLIENT,
    FakeDaemon,
    env_with_path,
    eventually,
    run_python_module,
    started_notifyzen,
    stub_cli,
    terminate,
)


@pytest.fixture
def state_home(session_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process drivers write their records where the child processes would."""
    monkeypatch.setenv("XDG_STATE_HOME", session_env["XDG_STATE_HOME"])
    return Path(session_env["XDG_STATE_HOME"])


def makoctl(tmp_path: Path, modes: list[str]) -> tuple[Path, Path]:
    return stub_cli(tmp_path / "bin", "makoctl", MAKOCTL, {"modes": modes})


def modes(state: Path) -> list[str]:
    return list(json.loads(state.read_text())["modes"])


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_mako_mode_added_while_observing_and_removed_after_sigkill(
    bus_address: str, session_env: dict[str, str], tmp_path: Path
) -> None:
    state, log = makoctl(tmp_path, ["default", "work"])
    env = env_with_path(session_env, tmp_path / "bin")
    with FakeDaemon("mako", "emersion").running(bus_address), started_notifyzen(env) as app:
        assert modes(state) == ["default", "work", "do-not-disturb"]  # the user's modes kept
        app.kill()
    eventually(lambda: modes(state) == ["default", "work"])  # the guard undid it at once
    assert run_python_module(env, "notifyzen.dnd", "restore").returncode == 0  # nothing left to do
    # read at start (is it the user's already?), read and added in focus, read and removed
    assert calls(log) == ["mode", "mode", "mode -a do-not-disturb", "mode", "mode -r do-not-disturb"]


def test_mako_mode_removed_on_sigterm(bus_address: str, session_env: dict[str, str], tmp_path: Path) -> None:
    state, _ = makoctl(tmp_path, ["default"])
    env = env_with_path(session_env, tmp_path / "bin")
    with FakeDaemon("mako", "emersion").running(bus_address), started_notifyzen(env) as app:
        assert modes(state) == ["default", "do-not-disturb"]
        assert terminate(app) == 0
    assert modes(state) == ["default"]


def test_mako_mode_the_user_already_had_is_never_removed(
    session_env: dict[str, str], tmp_path: Path, state_home: Path
) -> None:
    state, log = makoctl(tmp_path, ["default", "do-not-disturb"])
    driver = MakoDriver(env=env_with_path(session_env, tmp_path / "bin"))
    driver.engage_now()
    driver.release_now()
    assert modes(state) == ["default", "do-not-disturb"]
    assert calls(log) == ["mode"]  # looked, changed nothing


def test_mako_mode_the_user_removed_meanwhile_is_not_removed_again(
    session_env: dict[str, str], tmp_path: Path, state_home: Path
) -> None:
    state, log = makoctl(tmp_path, ["default"])
    env = env_with_path(session_env, tmp_path / "bin")
    driver = MakoDriver(env=env)
    driver.engage_now()
    state.write_text(json.dumps({"modes": ["default"]}))  # the user ran `makoctl mode -r ...`
    driver.release_now()
    assert calls(log) == ["mode", "mode -a do-not-disturb", "mode"]
    assert not list(state_home.rglob("dnd-*.json"))


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
