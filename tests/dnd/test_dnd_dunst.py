"""The dunst driver with the real dunst and the real notifyzen: paused while notifyzen observes,
unpaused however notifyzen ends (SIGTERM at once; SIGKILL within moments by the guard, or at the
next start if the guard died too), and a dunst the user paused is never unpaused by notifyzen."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbus_fast.aio import MessageBus

from notifyzen.dnd import DaemonInfo, choose_driver, identify
from tests.harness.dnd_fakes import (
    control_status,
    eventually,
    kill_guard,
    run_python_module,
    started_notifyzen,
    terminate,
)
from tests.harness.dunst import dunstctl, running_dunst, running_xvfb, wait_for_name


@pytest.fixture
def display() -> Iterator[str]:
    with running_xvfb() as name:
        yield name


@pytest.fixture
def dunst(bus_address: str, display: str, session_env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    with running_dunst(bus_address, display, session_env) as proc:
        yield proc


def paused(bus_address: str) -> bool:
    return dunstctl(bus_address, "is-paused") == "true"


def record(env: dict[str, str]) -> Path:
    return Path(env["XDG_STATE_HOME"]) / "notifyzen" / "dnd-dunst.json"


def notify(env: dict[str, str], *argv: str) -> int:
    return int(
        subprocess.run(
            ["notify-send", "-p", *argv], env=env, capture_output=True, text=True, timeout=10, check=True
        ).stdout
    )


def test_paused_while_observing_and_unpaused_on_sigterm(
    bus_address: str, dunst: subprocess.Popen[bytes], session_env: dict[str, str]
) -> None:
    assert not paused(bus_address)
    with started_notifyzen(session_env) as app:
        assert paused(bus_address)
        saved = json.loads(record(session_env).read_text())
        assert (saved["driver"], saved["before"], saved["set"]) == ("dunst", "false", "true")
        assert saved["daemon"]["comm"] == "dunst" and saved["daemon"]["pid"] == dunst.pid
        notify(session_env, "-a", "Mail", "held back")
        assert dunstctl(bus_address, "count", "displayed") == "0"  # silenced...
        assert dunstctl(bus_address, "count", "waiting") == "1"  # ...but kept by dunst
        assert terminate(app) == 0
    assert not paused(bus_address)
    assert not record(session_env).exists()
    # Quitting is not a dump: what notifyzen held is still held in its history (the next start's
    # check-in lists it), so dunst must not pop it up now as well.
    time.sleep(1.0)
    assert dunstctl(bus_address, "count", "displayed") == "0"
    assert dunstctl(bus_address, "count", "waiting") == "0"
    with started_notifyzen(session_env, focus=False) as again:
        eventually(lambda: control_status(session_env).get("held") == 1)
        terminate(again)


@pytest.mark.slow
def test_sigkill_is_undone_by_the_guard_and_nothing_is_lost(
    bus_address: str, dunst: subprocess.Popen[bytes], session_env: dict[str, str]
) -> None:
    with started_notifyzen(session_env) as app:
        assert paused(bus_address)
        notify(session_env, "during", "the crash")
        app.kill()
        app.wait(timeout=10)
    eventually(lambda: not paused(bus_address), timeout=15)  # the desktop's pop-ups work again
    eventually(lambda: dunstctl(bus_address, "count", "displayed") == "1")  # with what was held
    assert not record(session_env).exists()


def test_sigkill_with_the_guard_gone_too_is_undone_at_the_next_start(
    bus_address: str, dunst: subprocess.Popen[bytes], session_env: dict[str, str]
) -> None:
    with started_notifyzen(session_env) as app:
        assert paused(bus_address)
        kill_guard(app.pid)  # as if the whole session was killed
        notify(session_env, "during", "the crash")
        app.kill()
        app.wait(timeout=10)
    assert paused(bus_address)  # nobody could undo it: both died at once
    assert record(session_env).exists()

    with started_notifyzen(session_env) as again:  # the next start settles the old record first
        assert paused(bus_address)  # ...and silences again for itself
        assert json.loads(record(session_env).read_text())["pid"] == again.pid
        terminate(again)
    assert not paused(bus_address)


def test_restore_entry_point_after_sigkill(
    bus_address: str, dunst: subprocess.Popen[bytes], session_env: dict[str, str]
) -> None:
    with started_notifyzen(session_env) as app:
        notify(session_env, "kept", "while paused")
        kill_guard(app.pid)
        app.kill()
    assert paused(bus_address)
    done = run_python_module(session_env, "notifyzen.dnd", "restore")
    assert done.returncode == 0 and done.stdout.split() == ["restored", "dunst"]
    assert not paused(bus_address)
    eventually(lambda: dunstctl(bus_address, "count", "displayed") == "1")  # nothing was lost


def test_sighup_restores_through_release_on_exit(
    bus_address: str, dunst: subprocess.Popen[bytes], session_env: dict[str, str]
) -> None:
    with started_notifyzen(session_env, "hold", module="notifyzen.dnd", ready="engaged dunst") as holder:
        assert paused(bus_address)
        holder.send_signal(signal.SIGHUP)
        assert holder.wait(timeout=10) == -signal.SIGHUP  # restored, then died of the signal as before
    assert not paused(bus_address)
    assert not record(session_env).exists()


def test_a_dunst_the_user_paused_stays_paused(
    bus_address: str, dunst: subprocess.Popen[bytes], session_env: dict[str, str]
) -> None:
    dunstctl(bus_address, "set-paused", "true")
    with started_notifyzen(session_env) as app:
        assert not record(session_env).exists()  # already quiet: nothing of ours to undo
        terminate(app)
    assert paused(bus_address)


@pytest.mark.slow
def test_a_restarted_dunst_is_not_unpaused_by_an_old_record(
    bus_address: str, display: str, session_env: dict[str, str]
) -> None:
    with running_dunst(bus_address, display, session_env), started_notifyzen(session_env) as app:
        app.kill()
    # A new dunst (a new login, a restart); the user pauses it. The old record is about the old one.
    with running_dunst(bus_address, display, session_env):
        dunstctl(bus_address, "set-paused", "true")
        done = run_python_module(session_env, "notifyzen.dnd", "restore")
        assert done.returncode == 0, done.stderr
        assert paused(bus_address)
        assert not record(session_env).exists()


def test_a_dunst_restarted_while_observing_is_paused_again(
    bus_address: str, display: str, session_env: dict[str, str]
) -> None:
    """dunst restarted (a config reload by `killall dunst`, a crash) comes back unpaused: without
    a new pause everything notifyzen holds would pop up anyway."""
    with running_dunst(bus_address, display, session_env) as old, started_notifyzen(session_env) as app:
        assert paused(bus_address)
        old.terminate()
        old.wait(timeout=5)
        wait_for_name(bus_address, "org.freedesktop.Notifications", owned=False)
        with running_dunst(bus_address, display, session_env) as fresh:
            eventually(lambda: paused(bus_address))
            saved = json.loads(record(session_env).read_text())
            assert saved["daemon"]["pid"] == fresh.pid  # what the next start would undo
            notify(session_env, "-a", "Mail", "held back")
            assert dunstctl(bus_address, "count", "displayed") == "0"
            assert terminate(app) == 0
            assert not paused(bus_address)
            assert not record(session_env).exists()


def test_dunst_is_recognised_by_its_process(
    bus_address: str, dunst: subprocess.Popen[bytes], session_env: dict[str, str]
) -> None:
    async def look() -> tuple[DaemonInfo | None, str | None]:
        bus = await MessageBus(bus_address=bus_address).connect()
        info = await identify(bus)
        driver = await choose_driver(bus, bus_address=bus_address, env=session_env)
        bus.disconnect()
        return info, driver.name if driver else None

    info, driver = asyncio.run(look())
    assert info is not None and (info.pid, info.comm, info.server) == (dunst.pid, "dunst", "dunst")
    assert driver == "dunst"
