"""The control interface and the clock: held items, check-ins on an injected clock, restarts."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from dbus_fast import MessageType, Variant

from tests.harness.notifyzen_proc import (
    CONTROL,
    call,
    client,
    control,
    db_path,
    notify,
    rows,
    run,
    start,
    stop,
    until,
)

LOW = {"urgency": Variant("y", 0)}


def checkins(env: dict[str, str]) -> list[tuple[str, int]]:
    db = sqlite3.connect(f"file:{db_path(env)}?mode=ro", uri=True)
    try:
        return [(r[0], r[1]) for r in db.execute("SELECT reason, released FROM checkin ORDER BY id")]
    finally:
        db.close()


def test_held_until_the_check_in_the_clock_reaches(session_env: dict[str, str], bus_address: str) -> None:
    """Saturday 12:00 with the default preset: low urgency waits for the 12:30 check-in."""

    async def go() -> tuple[int, dict, dict]:
        async with client(bus_address) as bus:
            id = await notify(bus, "newsletter", hints=LOW)
            before = await control(bus, "Status")
            await control(bus, "SetClock", "s", ["2026-11-14T12:30:05+01:00"])
            await until(lambda: rows(session_env)[0]["state"] == "shown", what="the check-in")
            return id, before, await control(bus, "Status")

    proc = start(session_env, "--mode", "server")
    try:
        id, before, after = run(go())
    finally:
        stop(proc)
    assert before["held"] == 1 and before["next_checkin"].startswith("2026-11-14T12:30")
    assert after["held"] == 0
    (row,) = rows(session_env)
    assert (row["id"], row["verdict"], row["shown_by"]) == (id, "hold", "checkin")
    assert checkins(session_env) == [("scheduled", 1)]
    why = subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", "--explain", str(id)],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout
    assert "hold until 2026-11-14T12:30" in why and "shown 2026-11-14T12:30" in why


@pytest.mark.slow
def test_held_items_survive_a_restart_and_checkin_now(session_env: dict[str, str], bus_address: str) -> None:
    async def send() -> int:
        async with client(bus_address) as bus:
            return await notify(bus, "weekly report", hints=LOW)

    async def status() -> dict:
        async with client(bus_address) as bus:
            return await control(bus, "Status")

    proc = start(session_env, "--mode", "server")
    id = run(send())
    stop(proc)
    proc = start(session_env, "--mode", "server")
    try:
        assert run(status())["held"] == 1
        done = subprocess.run(
            [sys.executable, "-m", "notifyzen", "checkin", "now"],
            env=session_env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 0, done.stderr
        assert "1 held notification shown" in done.stdout
        assert run(status())["held"] == 0
    finally:
        stop(proc)
    (row,) = rows(session_env)
    assert (row["id"], row["state"], row["shown_by"]) == (id, "shown", "checkin")
    assert checkins(session_env) == [("manual", 1)]


def test_set_clock_needs_a_started_fake_clock(session_env: dict[str, str], bus_address: str) -> None:
    async def go() -> str:
        async with client(bus_address) as bus:
            reply = await call(bus, CONTROL, "SetClock", "s", ["2026-11-16T09:00:00+01:00"])
            assert reply.message_type is MessageType.ERROR
            return str(reply.error_name)

    proc = start(session_env, "--mode", "server", clock=None)
    try:
        assert run(go()) == "io.github.notifyzen.Error.NotAllowed"
    finally:
        stop(proc)


def test_reply_emits_notification_replied(session_env: dict[str, str], bus_address: str) -> None:
    from tests.harness.notifyzen_proc import collect_signals

    async def go() -> tuple[int, list]:
        async with client(bus_address) as bus:
            replied = await collect_signals(bus, "NotificationReplied")
            id = await notify(bus, "Bob", "there?", actions=["inline-reply", "Reply"], timeout=0)
            assert await control(bus, "Reply", "us", [id, "in 5"]) is True
            await until(lambda: bool(replied), what="NotificationReplied")
            return id, replied

    proc = start(session_env, "--mode", "server")
    try:
        id, replied = run(go())
    finally:
        stop(proc)
    assert replied == [[id, "in 5"]]
    (row,) = rows(session_env)
    assert (row["reply_text"], row["opened"]) == ("in 5", 1)


def test_a_reply_to_an_app_that_offered_none_is_refused_and_not_recorded(
    session_env: dict[str, str], bus_address: str
) -> None:
    from tests.harness.notifyzen_proc import collect_signals

    async def go() -> tuple[bool, list]:
        async with client(bus_address) as bus:
            replied = await collect_signals(bus, "NotificationReplied")
            id = await notify(bus, "Mail", "Invoice 114", timeout=0)  # no inline-reply action
            answer = await control(bus, "Reply", "us", [id, "paid"])
            await control(bus, "Status")  # anything the reply sent would be out before this answer
            return answer, replied

    proc = start(session_env, "--mode", "server")
    try:
        answer, replied = run(go())
    finally:
        stop(proc)
    assert answer is False and replied == []
    (row,) = rows(session_env)
    assert (row["reply_text"], row["state"]) == (None, "shown")
