"""The weekly report's "check-ins kept" comes from what the running app records.

A Monday with the default preset's three check-ins (10:30, 12:30, 17:00): notifyzen runs through the
first two, is stopped over the afternoon and started again at 17:30. The history must hold all
three as planned, the 17:00 one as missed (at its planned time, on its own day), and the report
must say kept 2 of 3. The catch-up digest at 17:30 was planned by nobody: it counts as an extra.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dbus_fast import Message, Variant
from dbus_fast.aio import MessageBus

from notifyzen.clock import FakeClock
from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.ruleload import load_active
from notifyzen.core.timeline import Timeline
from notifyzen.desktop import paths
from notifyzen.report.data import open_history, weekly_report
from notifyzen.service.service import Service
from tests.harness.notifyzen_proc import notify

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = (2026, 11, 16)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(*MONDAY, hour, minute, tzinfo=BERLIN)


def defaults(tmp: Path) -> Timeline:
    loaded = load_active(tmp, paths.presets_dir())  # the shipped preset, no user rules
    assert loaded.ok and loaded.rules is not None and loaded.config is not None, loaded.errors
    return Timeline(loaded.rules, replace(loaded.config, zone=BERLIN))


def running(db: Path, clock: FakeClock, bus_address: str, tmp: Path) -> Service:
    service = Service(
        db_path=db,
        clock=clock,
        bus_address=bus_address,
        mode="server",
        timeline_factory=lambda: defaults(tmp),
    )
    service.start()
    return service


def set_clock(service: Service, instant: datetime) -> None:
    async def go() -> None:
        service.set_clock(instant)

    asyncio.run_coroutine_threadsafe(go(), service.loop).result(10)


@pytest.mark.slow
def test_a_checkin_missed_while_stopped_is_planned_and_not_kept(bus_address: str, tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    assert [t.strftime("%H:%M") for t in defaults(tmp_path).planned_between(at(0), at(23, 59))] == [
        "10:30",
        "12:30",
        "17:00",
    ]
    service = running(db, FakeClock(at(8), running=False), bus_address, tmp_path)
    try:
        for moment in (at(10, 31), at(12, 31)):
            set_clock(service, moment)
    finally:
        service.stop()
    service = running(db, FakeClock(at(17, 30), running=False), bus_address, tmp_path)
    service.stop()

    engine = open_history(db)
    report = weekly_report(engine, IsoWeek(2026, 47), BERLIN)
    monday = report.days[0]
    assert (monday.checkins_planned, monday.checkins_kept) == (3, 2)
    assert monday.checkins_extra == 1  # the catch-up at 17:30
    assert (report.totals.checkins_planned, report.totals.checkins_kept) == (3, 2)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return list(con.execute(sql))
    finally:
        con.close()


async def _prepare_for_sleep(address: str, sleeping: bool) -> None:
    """What logind sends on the system bus (here the test's private bus) around a suspend."""
    bus = await MessageBus(bus_address=address).connect()
    try:
        await bus.send(
            Message.new_signal(
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                "b",
                [sleeping],
            )
        )
        await bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member="GetId",
            )
        )
    finally:
        bus.disconnect()


async def _hold_low(address: str) -> int:
    bus = await MessageBus(bus_address=address).connect()
    try:
        return await notify(bus, "newsletter", app="Mail", hints={"urgency": Variant("y", 0)})
    finally:
        bus.disconnect()


@pytest.mark.slow
def test_a_checkin_slept_over_is_one_catch_up_recorded_as_missed(
    bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The laptop is suspended in deep work at 11:10 and opened at 13:30: the 12:30 check-in
    happened for nobody. As after a restart, it is recorded at its planned time as missed, and
    what waited is shown once, at 13:30, in a catch-up; never as a check-in 'kept' at 12:30."""
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", bus_address)  # logind is the test
    db = tmp_path / "history.db"
    clock = FakeClock(at(11, 5), running=False)
    service = running(db, clock, bus_address, tmp_path)
    try:
        deadline = time.monotonic() + 10
        while not any(getattr(a, "system", None) for a in service.adapters):
            assert time.monotonic() < deadline, "notifyzen never listened for logind"
            time.sleep(0.05)
        held = asyncio.run(_hold_low(bus_address))
        set_clock(service, at(11, 10))
        asyncio.run(_prepare_for_sleep(bus_address, True))
        while service.timeline._idle_since is None:  # suspending counts as away; then it sleeps
            assert time.monotonic() < deadline, "notifyzen never heard the machine go to sleep"
            time.sleep(0.02)
        clock.set(at(13, 30))  # the machine slept: the wall clock moved, no code ran
        asyncio.run(_prepare_for_sleep(bus_address, False))
        deadline = time.monotonic() + 10
        while not _rows(db, "SELECT id FROM checkin WHERE released > 0"):
            assert time.monotonic() < deadline, "no catch-up after the resume"
            time.sleep(0.05)
    finally:
        service.stop()
    planned, caught_up = _rows(db, "SELECT at, reason, planned_at, released FROM checkin ORDER BY id")
    assert planned == (at(12, 30).timestamp(), "missed", at(12, 30).timestamp(), 0)
    assert caught_up == (at(13, 30).timestamp(), "missed", None, 1)
    ((shown_at,),) = _rows(db, f"SELECT shown_at FROM notification WHERE id = {held}")
    assert shown_at == at(13, 30).timestamp()
