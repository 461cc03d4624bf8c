"""The real app with Evolution's network calendar and a calendar of focus blocks (issue 19).

config.yaml names two calendars and no `me:`: `evolution` (a CalDAV calendar "Team" in the cache
evolution-data-server wrote, tests/calendar/data/evolution-network) and a file of focus blocks set
to the default preset. What a user sees in `notifyzen status`: the moved team sync is a meeting
under its calendar's name; the planning they declined (under an alias Evolution knows) is not;
a focus block is deep work, not a meeting.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

from tests.harness.notifyzen_proc import client, control, start, stop

NETWORK = Path(__file__).parent / "data" / "evolution-network"
PLANNING = Path(__file__).parent / "data" / "planning.ics"


def test_evolution_cache_identities_and_a_focus_block_calendar(
    session_env: dict[str, str], tmp_path: Path
) -> None:
    env = {
        **session_env,
        "TZ": "Europe/Berlin",
        "NOTIFYZEN_CALENDAR_EVERY": "0.2",
        "NOTIFYZEN_CALENDAR_FIRST": "0",
        "NOTIFYZEN_THUNDERBIRD_HOME": str(tmp_path / "no-thunderbird"),
    }
    config_home, cache_home = Path(env["XDG_CONFIG_HOME"]), Path(env["XDG_CACHE_HOME"])
    shutil.copytree(NETWORK / "config" / "evolution", config_home / "evolution")
    shutil.copytree(NETWORK / "cache" / "evolution", cache_home / "evolution")
    (config_home / "notifyzen").mkdir(parents=True, exist_ok=True)
    (config_home / "notifyzen" / "config.yaml").write_text(
        "calendars:\n"
        "  - {name: Evolution, path: evolution}\n"
        f"  - {{name: Focus, path: '{PLANNING}', preset: default, tentative: false}}\n"
    )
    # Monday after the change to winter time, in the moved team sync (11:00-11:45)
    proc = start(env, "--mode", "server", "--clock", "2026-10-26T11:10:00+01:00", "--clock-stopped")

    async def scenario() -> None:
        async with client(env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
            status: dict[str, Any] = {}

            async def wait(check: Any, what: str) -> None:
                for _ in range(300):
                    status.update(await control(bus, "Status"))
                    if check():
                        return
                    await asyncio.sleep(0.05)
                raise AssertionError(f"{what}: {status}")

            moved = {"title": "Team sync (moved)", "calendar": "Team", "until": "2026-10-26T11:45:00+01:00"}
            await wait(lambda: status["meeting"] == moved, "the moved team sync from Evolution's cache")
            assert status["focus_window"] == "meeting"
            assert status["calendars"]["problems"] == []
            assert status["calendars"]["me"] == ["anke@example.org", "anke.devries@example.org"]

            # Wednesday 14:30: the quarterly planning, declined as anke.devries@ (an alias)
            await control(bus, "SetClock", "s", ["2026-10-28T14:30:00+01:00"])
            await wait(lambda: status["clock"].startswith("2026-10-28T14:30"), "the clock moved")
            assert status["meeting"] is None, status  # the horizon read on Monday holds it already
            assert status["focus_window"] == "deep work"  # the default preset's weekly block, not a meeting

            # Thursday 15:45: a focus block from the Focus calendar, after the default 14:00-15:30
            await control(bus, "SetClock", "s", ["2026-10-29T15:45:00+01:00"])
            block = {
                "title": "Focus: quarterly report",
                "calendar": "Focus",
                "until": "2026-10-29T16:00:00+01:00",
            }
            await wait(lambda: status["meeting"] == block, "the focus block")
            assert status["focus_window"] == "deep work"

    try:
        asyncio.run(asyncio.wait_for(scenario(), 120))
    finally:
        stop(proc)
