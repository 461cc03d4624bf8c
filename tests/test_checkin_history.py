"""The weekly report's "check-ins kept" comes from what the running app records.

A Monday with the default preset's three check-ins (10:30, 12:30, 17:00): notifyzen runs through the
first two, is stopped over the afternoon and started again at 17:30. The history must hold all
three as planned, the 17:00 one as missed (at its planned time, on its own day), and the report
must say kept 2 of 3. The catch-up digest at 17:30 was planned by nobody: it counts as an extra.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen import paths
from notifyzen.clock import FakeClock
from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.ruleload import load_active
from notifyzen.core.timeline import Timeline
from notifyzen.reportdata import open_history, weekly_report
from notifyzen.service import Service

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
