"""Faults: notifyzen or the desktop's daemon killed mid-run; nothing acknowledged may be lost.

kdeconnectd killed and restarted is covered by tests/phone/test_kdeconnect.py
(test_restarts_and_phones_coming_and_going_neither_duplicate_nor_lose); the in-process Observer
following a daemon that leaves and returns by tests/bus/test_observer.py. Here the whole notifyzen
process is the subject. A full or locked history file: tests/history/test_faults_storage.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

from tests.harness.dunst import running_dunst, running_xvfb, wait_for_name
from tests.harness.notifyzen_proc import (
    NOTIFY,
    client,
    control,
    notify,
    rows,
    run,
    start,
    stop,
    wait_for,
)

# Monday 09:30 in Amsterdam: inside the default preset's "deep work" block (09:00-10:30), so an
# app's normal notification is held until the 10:30 check-in.
IN_FOCUS = "2026-11-16T09:30:00+01:00"
CONFIG = """\
timezone: Europe/Amsterdam
checkins: ["10:30", "12:30", "17:00"]
preset: default
"""


@pytest.fixture
def display() -> Iterator[str]:
    with running_xvfb() as d:
        yield d


def focus_env(env: dict[str, str]) -> dict[str, str]:
    config = Path(env["XDG_CONFIG_HOME"]) / "notifyzen"
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.yaml").write_text(CONFIG)
    return env


async def burst_until_killed(
    address: str, proc: subprocess.Popen[str], clients: int, per_client: int, kill_after: int
) -> list[int]:
    """10 clients send; after `kill_after` replies notifyzen gets SIGKILL. Returns replied ids."""
    replied: list[int] = []

    async def one_client(k: int) -> None:
        bus = await MessageBus(bus_address=address).connect()
        gate = asyncio.Semaphore(20)

        async def one(i: int) -> None:
            async with gate:
                msg = Message(
                    destination=NOTIFY[0],
                    path=NOTIFY[1],
                    interface=NOTIFY[2],
                    member="Notify",
                    signature="susssasa{sv}i",
                    body=[f"burst{k}", 0, "", f"build {k}.{i}", "body", [], {"urgency": Variant("y", 1)}, -1],
                )
                try:
                    reply = await asyncio.wait_for(bus.call(msg), 30)
                except (TimeoutError, OSError, EOFError):
                    return
                if reply.message_type is MessageType.METHOD_RETURN:
                    replied.append(int(reply.body[0]))
                    if len(replied) == kill_after:
                        os.kill(proc.pid, signal.SIGKILL)

        try:
            await asyncio.gather(*(one(i) for i in range(per_client)))
        finally:
            bus.disconnect()

    await asyncio.wait_for(asyncio.gather(*(one_client(k) for k in range(clients))), 120)
    return replied


@pytest.mark.slow
def test_sigkill_during_a_burst_keeps_every_replied_notification_and_what_was_held(
    session_env: dict[str, str], bus_address: str
) -> None:
    env = focus_env(session_env)
    proc = start(env, "--mode", "server", "--clock", IN_FOCUS)
    replied = run(burst_until_killed(bus_address, proc, 10, 1000, kill_after=3000))
    assert proc.wait(timeout=10) == -signal.SIGKILL
    proc.communicate()
    assert len(replied) >= 3000, "the burst ended before notifyzen was killed"
    assert len(replied) < 10_000, "notifyzen answered everything before it died: nothing was tested"

    stored = {r["id"]: r for r in rows(env)}
    missing = set(replied) - set(stored)
    assert not missing, f"{len(missing)} acknowledged notifications lost, e.g. {sorted(missing)[:5]}"
    assert all(stored[id]["state"] == "held" for id in replied), "in the focus window every one is held"
    held_before = {id for id, r in stored.items() if r["state"] == "held"}

    again = start(env, "--mode", "server", "--clock", IN_FOCUS)
    try:

        async def status() -> dict:
            async with client(bus_address) as bus:
                return await control(bus, "Status")

        assert run(status())["held"] == len(held_before)
    finally:
        stop(again)
    after = {r["id"]: r["state"] for r in rows(env)}
    assert {id for id, state in after.items() if state == "held"} == held_before


def test_killed_server_releases_the_name_for_the_desktops_daemon(
    session_env: dict[str, str], bus_address: str, display: str
) -> None:
    proc = start(session_env, "--mode", "server")

    async def one(text: str) -> int:
        async with client(bus_address) as bus:
            return await notify(bus, text)

    assert run(one("before")) > 0
    proc.kill()
    proc.communicate(timeout=10)
    wait_for_name(bus_address, NOTIFY[0], timeout=10, owned=False)
    with running_dunst(bus_address, display, session_env):
        out = subprocess.run(
            ["notify-send", "-p", "after notifyzen died"],
            env=session_env,
            capture_output=True,
            text=True,
            timeout=10,
        )
        assert out.returncode == 0 and int(out.stdout) > 0, out.stderr
    assert [r["summary"] for r in rows(session_env)] == ["before"]


def test_observe_mode_follows_dunst_killed_and_replaced(
    session_env: dict[str, str], bus_address: str, display: str
) -> None:
    with running_dunst(bus_address, display, session_env) as first:
        proc = start(session_env, "--mode", "observe")
        try:
            subprocess.run(["notify-send", "to the first dunst"], env=session_env, timeout=10, check=True)
            wait_for(lambda: len(rows(session_env)) == 1, 10, "the first notification observed")
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=5)
            wait_for_name(bus_address, NOTIFY[0], timeout=10, owned=False)
            with running_dunst(bus_address, display, session_env):
                out = subprocess.run(
                    ["notify-send", "-p", "to the second dunst"],
                    env=session_env,
                    capture_output=True,
                    text=True,
                    timeout=10,
                    check=True,
                )
                wait_for(lambda: len(rows(session_env)) == 2, 10, "the second notification observed")
                assert proc.poll() is None, "notifyzen died with the daemon"

                async def status() -> dict:
                    async with client(bus_address) as bus:
                        return await control(bus, "Status")

                assert run(status())["mode"] == "observe"
        finally:
            stop(proc)
    second = rows(session_env)[1]
    assert second["summary"] == "to the second dunst"
    assert second["external_id"] == out.stdout.strip(), "kept with the new daemon's id"
