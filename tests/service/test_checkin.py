"""Check-ins as a user meets them, with the real app on a private bus and an injected clock:
focus holds, `notifyzen checkin now` opens the digest with exactly what was held, a check-in
missed while notifyzen was stopped happens once at the next start, and a screen saver or
suspend that ends after the idle threshold is a breakpoint check-in."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from dbus_fast import Message, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method

from tests.harness.notifyzen_proc import (
    client,
    control,
    db_path,
    notify,
    rows,
    run,
    start,
    stop,
    until,
    wait_for,
)


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=30
    )


def status(env: dict[str, str]) -> dict[str, Any]:
    done = cli(env, "status", "--json")
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def checkins(env: dict[str, str]) -> list[dict[str, Any]]:
    db = sqlite3.connect(f"file:{db_path(env)}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM checkin ORDER BY id")]
    finally:
        db.close()


@pytest.fixture
def app(session_env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    proc = start(session_env, "--mode", "server")
    yield proc
    stop(proc)


def test_checkin_now_opens_the_digest_with_exactly_what_focus_held(
    app: object, bus_address: str, session_env: dict[str, str]
) -> None:
    async def go() -> tuple[list[int], int]:
        async with client(bus_address) as bus:
            await control(bus, "Focus", "d", [25.0])
            held = [await notify(bus, f"build {i}", app="CI") for i in range(3)]
            other = await notify(bus, "from another app", app="Mail")
            return held, other

    assert status(session_env)["focus_window"] is None
    held, last = run(go())
    state = status(session_env)
    assert state["focus_window"] == "focus" and state["manual_focus"] is True
    assert state["held"] == 4
    done = cli(session_env, "checkin", "now")
    assert done.returncode == 0, done.stderr
    assert "4 held notifications shown" in done.stdout
    wait_for(
        lambda: status(session_env)["digest_open"] == sorted([*held, last]), 10, "the digest to list them"
    )
    assert status(session_env)["held"] == 0
    assert [c["reason"] for c in checkins(session_env)] == ["manual"]


def test_end_focus_is_a_breakpoint_and_pause_lets_everything_through(
    app: object, bus_address: str, session_env: dict[str, str]
) -> None:
    async def go() -> tuple[int, dict[str, Any], int]:
        async with client(bus_address) as bus:
            await control(bus, "Focus", "d", [0.0])  # until ended
            held = await notify(bus, "held in focus", app="Mail")
            ended = await control(bus, "EndFocus")
            assert ended == {"released": [held]}
            await control(bus, "Pause", "d", [0.0])
            paused = await control(bus, "Status")
            passed = await notify(bus, "passes while paused", app="Mail", hints={})
            return held, paused, passed

    held, paused, passed = run(go())
    assert paused["paused"] is True
    verdicts = {r["id"]: r["verdict"] for r in rows(session_env)}
    assert verdicts[held] == "hold" and verdicts[passed] == "deliver"
    assert [c["reason"] for c in checkins(session_env)] == ["breakpoint"]


@pytest.mark.slow
def test_a_checkin_missed_while_stopped_happens_once_at_the_next_start(
    session_env: dict[str, str], bus_address: str
) -> None:
    from dbus_fast import Variant

    proc = start(session_env, "--mode", "server", clock="2026-11-14T12:00:00+01:00")
    try:

        async def hold() -> list[int]:
            async with client(bus_address) as bus:
                low = {"urgency": Variant("y", 0)}
                return [await notify(bus, f"newsletter {i}", app="Mail", hints=low) for i in range(2)]

        held = run(hold())
        state = status(session_env)
        assert state["held"] == 2 and state["next_checkin"] == "2026-11-14T12:30:00+01:00"
    finally:
        stop(proc)
    assert checkins(session_env) == []
    # Started again at 14:00: the 12:30 check-in passed while notifyzen was not running.
    proc = start(session_env, "--mode", "server", clock="2026-11-14T14:00:00+01:00")
    try:
        wait_for(lambda: status(session_env)["digest_open"] == held, 10, "the missed check-in's digest")
        # the planned 12:30 one, recorded at its time as missed; then the catch-up that showed them
        planned, missed = checkins(session_env)
        assert (planned["reason"], planned["planned_at"], planned["released"]) == ("missed", planned["at"], 0)
        assert (missed["reason"], missed["planned_at"], missed["released"]) == ("missed", None, 2)
        state = status(session_env)
        assert state["held"] == 0 and state["next_checkin"] == "2026-11-14T17:00:00+01:00"
        run(_set_clock(bus_address, "2026-11-14T14:05:00+01:00"))
        assert len(checkins(session_env)) == 2  # once, not again at the next tick
    finally:
        stop(proc)


async def _set_clock(address: str, iso: str) -> None:
    async with client(address) as bus:
        await control(bus, "SetClock", "s", [iso])


async def _emit(bus: MessageBus, path: str, interface: str, member: str, value: bool) -> None:
    await bus.send(Message.new_signal(path, interface, member, "b", [value]))


@pytest.mark.parametrize(
    ("path", "interface", "member"),
    [
        ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"),
        ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep"),
    ],
    ids=["screensaver", "suspend"],
)
def test_coming_back_after_the_idle_threshold_is_a_breakpoint_checkin(
    session_env: dict[str, str], bus_address: str, path: str, interface: str, member: str
) -> None:
    """A stand-in screen saver (or logind, on a 'system bus' that is the test's private bus)
    sends the signals a real one sends; 15 minutes away (threshold 10) shows what was held."""
    env = {**session_env, "DBUS_SYSTEM_BUS_ADDRESS": bus_address}
    proc = start(env, "--mode", "server")
    try:

        async def go() -> int:
            async with client(bus_address) as bus:
                owned = await bus.request_name("org.freedesktop.ScreenSaver")
                assert owned is not None
                await control(bus, "Focus", "d", [120.0])
                id = await notify(bus, "held while in focus", app="Chat")
                await asyncio.sleep(0.5)  # the system-bus connection of the app is made in the background
                await _emit(bus, path, interface, member, True)
                await asyncio.sleep(0.2)
                await control(bus, "SetClock", "s", ["2026-11-14T12:15:00+01:00"])
                assert not _done(env), "a check-in before coming back"
                await _emit(bus, path, interface, member, False)
                await until(lambda: _done(env), timeout=10, what="a breakpoint check-in")
                return id

        id = run(go())
        (checkin,) = checkins(env)
        assert checkin["reason"] == "breakpoint"
        assert status(env)["digest_open"] == [id]
    finally:
        stop(proc)


SESSION = "/org/freedesktop/login1/session/_32"


class StandInLogind(ServiceInterface):
    """What logind answers on the system bus (it cannot run here): which session we are in."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.login1.Manager")
        self.asked: list[str] = []

    @method()
    def GetSession(self, session_id: "s") -> "o":  # type: ignore[name-defined] # noqa: F821, UP037
        self.asked.append(session_id)
        return SESSION


async def _hint(bus: MessageBus, name: str, value: bool) -> None:
    changed = {name: Variant("b", value)}
    body = ["org.freedesktop.login1.Session", changed, []]
    await bus.send(
        Message.new_signal(SESSION, "org.freedesktop.DBus.Properties", "PropertiesChanged", "sa{sv}as", body)
    )


@pytest.mark.parametrize("hint", ["IdleHint", "LockedHint"])
def test_logind_idle_or_locked_hint_then_back_is_a_breakpoint_checkin(
    session_env: dict[str, str], bus_address: str, hint: str
) -> None:
    """No screen saver on the session bus (sway with swayidle's idlehint, a lock screen): the
    session's hint in logind says away and back. Another session's hints change nothing."""
    env = {**session_env, "DBUS_SYSTEM_BUS_ADDRESS": bus_address, "XDG_SESSION_ID": "32"}
    logind = StandInLogind()

    async def go() -> int:
        async with client(bus_address) as bus:
            bus.export("/org/freedesktop/login1", logind)
            assert await bus.request_name("org.freedesktop.login1") is not None
            proc = start(env, "--mode", "server")
            try:
                await until(lambda: logind.asked == ["32"], timeout=10, what="notifyzen asks for its session")
                await asyncio.sleep(0.3)  # its AddMatch follows the answer
                await control(bus, "Focus", "d", [120.0])
                id = await notify(bus, "held while in focus", app="Chat")
                await _hint(bus, hint, True)
                await asyncio.sleep(0.2)
                await control(bus, "SetClock", "s", ["2026-11-14T12:15:00+01:00"])
                other = Message.new_signal(
                    "/org/freedesktop/login1/session/_7",
                    "org.freedesktop.DBus.Properties",
                    "PropertiesChanged",
                    "sa{sv}as",
                    ["org.freedesktop.login1.Session", {hint: Variant("b", False)}, []],
                )
                await bus.send(other)  # someone else's session coming back
                await control(bus, "Status")
                assert not _done(env), "a check-in before coming back"
                await _hint(bus, hint, False)
                await until(lambda: _done(env), timeout=10, what="a breakpoint check-in")
                await until(lambda: status(env)["digest_open"] == [id], timeout=10, what="the digest")
                return id
            finally:
                stop(proc)

    run(go())
    (checkin,) = checkins(env)
    assert checkin["reason"] == "breakpoint" and checkin["released"] == 1


def _done(env: dict[str, str]) -> bool:
    try:
        return bool(checkins(env))
    except sqlite3.Error:
        return False


def test_the_digest_is_listed_again_after_a_restart(session_env: dict[str, str], bus_address: str) -> None:
    """What a check-in listed and the user has not dealt with yet survives a restart (a logout, a
    reboot): Open digest lists it again, and dealing with it then still reaches its app. What was
    dismissed before stays gone, and the list is not a new check-in."""
    from tests.harness.notifyzen_proc import collect_signals

    proc = start(session_env, "--mode", "server")
    try:

        async def first_run() -> list[int]:
            async with client(bus_address) as bus:
                await control(bus, "Focus", "d", [25.0])
                ids = [await notify(bus, f"build {i} failed", app="CI") for i in range(3)]
                await control(bus, "CheckIn")
                await control(bus, "Dismiss", "u", [ids[0]])  # dealt with: gone for good
                return ids

        ids = run(first_run())
        wait_for(lambda: status(session_env)["digest_open"] == ids[1:], 10, "the digest after one dismiss")
    finally:
        stop(proc)
    proc = start(session_env, "--mode", "server")
    try:
        wait_for(lambda: status(session_env)["digest_open"] == ids[1:], 10, "the digest as it was left")
        assert [c["reason"] for c in checkins(session_env)] == ["manual"]  # no check-in of its own

        async def second_run() -> list[Any]:
            async with client(bus_address) as bus:
                closed = await collect_signals(bus, "NotificationClosed")
                await control(bus, "Dismiss", "u", [ids[1]])
                await until(lambda: bool(closed), what="NotificationClosed")
                return closed

        assert run(second_run()) == [[ids[1], 2]]
        wait_for(lambda: status(session_env)["digest_open"] == ids[2:], 10, "the digest after the dismiss")
    finally:
        stop(proc)


def test_after_a_restart_the_digest_is_the_last_check_ins_not_every_earlier_one(
    session_env: dict[str, str], bus_address: str
) -> None:
    """What a check-in showed and the user left goes at the next check-in (issue 18): a restart
    must not bring it back. Only what the last check-in brought is listed again."""
    proc = start(session_env, "--mode", "server")
    try:

        async def run_checkins() -> tuple[list[int], list[int]]:
            async with client(bus_address) as bus:
                await control(bus, "Focus", "d", [25.0])
                early = [await notify(bus, f"build {i} failed", app="CI") for i in range(2)]
                await control(bus, "CheckIn")  # shown, and left
                late = [await notify(bus, f"deploy {i} done", app="CD") for i in range(2)]
                await control(bus, "CheckIn")
                return early, late

        early, late = run(run_checkins())
        wait_for(lambda: status(session_env)["digest_open"] == late, 10, "the second check-in's list")
    finally:
        stop(proc)
    proc = start(session_env, "--mode", "server")
    try:
        wait_for(lambda: status(session_env)["digest_open"] == late, 10, "only the last check-in's list")
        assert not set(early) & set(status(session_env)["digest_open"])
    finally:
        stop(proc)


def test_a_pinned_digest_line_stays_across_a_restart(session_env: dict[str, str], bus_address: str) -> None:
    """A pin keeps a line through later check-ins (issue 18); a restart must keep it too. The
    window writes its pins beside the history (service_pins.save, what P does there), by row."""
    from notifyzen.service import pins as service_pins
    from tests.harness.notifyzen_proc import rows

    proc = start(session_env, "--mode", "server")
    try:

        async def first_run() -> tuple[list[int], list[int]]:
            async with client(bus_address) as bus:
                await control(bus, "Focus", "d", [25.0])
                early = [await notify(bus, f"build {i} failed", app="CI") for i in range(2)]
                await control(bus, "CheckIn")
                return early, []

        early, _ = run(first_run())
        wait_for(lambda: status(session_env)["digest_open"] == early, 10, "the first check-in's list")
        row_of = {r["replaces_id"] or r["id"]: r["id"] for r in rows(session_env)}
        pinned_row = row_of[early[1]]
        service = SimpleNamespace(
            db_path=db_path(session_env), live={early[1]: SimpleNamespace(row_id=pinned_row)}
        )
        service_pins.save(service, [early[1]])  # type: ignore[arg-type]

        async def second_checkin() -> list[int]:
            async with client(bus_address) as bus:
                late = [await notify(bus, f"deploy {i} done", app="CD") for i in range(2)]
                await control(bus, "CheckIn")
                return late

        late = run(second_checkin())
        wait_for(lambda: status(session_env)["digest_open"] == late, 10, "the second check-in's list")
    finally:
        stop(proc)
    proc = start(session_env, "--mode", "server")
    try:
        wait_for(
            lambda: sorted(status(session_env)["digest_open"]) == sorted([early[1], *late]),
            10,
            "the last check-in's list and the pinned line",
        )
        assert early[0] not in status(session_env)["digest_open"]

        async def third_checkin() -> int:
            async with client(bus_address) as bus:
                newest = await notify(bus, "coffee?", app="Chat")
                await control(bus, "CheckIn")
                return newest

        newest = run(third_checkin())
        wait_for(
            lambda: sorted(status(session_env)["digest_open"]) == sorted([early[1], newest]),
            10,
            "still pinned after the restart: it stays, the left ones go",
        )
    finally:
        stop(proc)
