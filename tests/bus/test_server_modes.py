"""--mode: auto takes the name where it is free and observes otherwise; server refuses to fight."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.harness.busenv import bus_env, private_bus
from tests.harness.notifyzen_proc import client, control, run, start, stop

OWNER = """
import asyncio, sys
from dbus_fast import NameFlag
from dbus_fast.aio import MessageBus

async def main():
    bus = await MessageBus(bus_address=sys.argv[1]).connect()
    print(await bus.request_name("org.freedesktop.Notifications", NameFlag.DO_NOT_QUEUE), flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


@contextmanager
def other_daemon(address: str) -> Iterator[str]:
    """Another program owning org.freedesktop.Notifications (it answers nothing: names only);
    yields its program name as /proc shows it."""
    proc = subprocess.Popen([sys.executable, "-c", OWNER, address], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert "PRIMARY_OWNER" in proc.stdout.readline()
        yield Path(f"/proc/{proc.pid}/comm").read_text().strip()
    finally:
        proc.kill()
        proc.wait(timeout=10)


def status(address: str) -> dict:
    async def go() -> dict:
        async with client(address) as bus:
            return await control(bus, "Status")

    return run(go())


def test_auto_owns_a_free_name(session_env: dict[str, str], bus_address: str) -> None:
    proc = start(session_env)
    try:
        assert status(bus_address)["mode"] == "server"
        tray_text = subprocess.run(
            [sys.executable, "-m", "notifyzen", "status"],
            env=session_env,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
        assert "running in server mode" in tray_text
        assert "no other notification server was running" in tray_text
    finally:
        stop(proc)


def test_auto_observes_when_another_daemon_owns_the_name(
    session_env: dict[str, str], bus_address: str
) -> None:
    with other_daemon(bus_address) as program:
        env = {**session_env, "NOTIFYZEN_DND": "none"}
        proc = start(env, "--mode", "auto")
        try:
            assert status(bus_address)["mode"] == "observe"
            said = subprocess.run(
                [sys.executable, "-m", "notifyzen", "status"],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            ).stdout
            assert f"why this mode: {program} shows notifications here" in said, said
        finally:
            stop(proc)


def test_server_mode_refuses_a_taken_name(session_env: dict[str, str], bus_address: str) -> None:
    with other_daemon(bus_address):
        done = subprocess.run(
            [sys.executable, "-m", "notifyzen", "run", "--mode", "server"],
            env=session_env,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1
    assert "org.freedesktop.Notifications is owned by" in done.stderr and "--mode observe" in done.stderr


def test_quits_when_the_session_bus_goes_away(tmp_path: Path) -> None:
    bus = private_bus()
    env = bus_env(bus.__enter__(), tmp_path / "home")
    proc = start(env, "--mode", "server")
    bus.__exit__(None, None, None)  # the session ends
    assert proc.wait(timeout=20) == 0
