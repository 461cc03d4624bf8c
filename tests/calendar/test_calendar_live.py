"""The real app follows the user's calendar (issue 19): focus at the meeting, the reason in status,
a colleague held until the meeting ends, and a meeting moved in the calendar file is followed."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from dbus_fast import Variant

from tests.harness.notifyzen_proc import client, control, notify, start, stop, until

MEETING = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:retro-1@example.org
DTSTAMP:20261101T000000Z
SUMMARY:Retro
DTSTART;TZID=Europe/Amsterdam:20261117T154500
DTEND;TZID=Europe/Amsterdam:{end}
END:VEVENT
END:VCALENDAR
"""


def history(env: dict[str, str]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_the_running_app_follows_the_calendar(session_env: dict[str, str], tmp_path: Path) -> None:
    env = {
        **session_env,
        "TZ": "Europe/Amsterdam",
        "NOTIFYZEN_CALENDAR_EVERY": "0.2",
        "NOTIFYZEN_CALENDAR_FIRST": "0",
    }
    ics = tmp_path / "work.ics"
    ics.write_text(MEETING.format(end="20261117T163000"))
    config = Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"calendars:\n  - {{name: Work, path: '{ics}'}}\n")
    # a Tuesday afternoon, outside the default preset's deep-work blocks
    proc = start(env, "--mode", "server", "--clock", "2026-11-17T15:30:00+01:00", "--clock-stopped")

    async def scenario() -> None:
        async with client(env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
            status: dict[str, Any] = {}

            async def poll() -> None:
                status.update(await control(bus, "Status"))

            async def wait(check: Any, what: str) -> None:
                for _ in range(200):
                    await poll()
                    if check():
                        return
                    await asyncio.sleep(0.05)
                raise AssertionError(f"{what}: {status}")

            await wait(
                lambda: status["next_change"] == "2026-11-17T15:45:00+01:00", "the timer wakes at 15:45"
            )
            assert status["meeting"] is None and status["focus_window"] is None
            await control(bus, "SetClock", "s", ["2026-11-17T15:50:00+01:00"])
            await poll()
            assert status["focus_window"] == "meeting"
            assert status["meeting"] == {
                "title": "Retro",
                "calendar": "Work",
                "until": "2026-11-17T16:30:00+01:00",
            }
            assert status["next_change"] == "2026-11-17T16:30:00+01:00"

            im = {"category": Variant("s", "im.received")}
            held = await notify(bus, "Priya", "got a minute?", app="Slack", hints=im)
            ics.write_text(MEETING.format(end="20261117T161500"))  # the meeting is cut short
            cut_short = {"title": "Retro", "calendar": "Work", "until": "2026-11-17T16:15:00+01:00"}
            await wait(lambda: status["meeting"] == cut_short, "the moved end followed")
            await control(bus, "SetClock", "s", ["2026-11-17T16:16:00+01:00"])
            await poll()
            assert status["meeting"] is None and status["focus_window"] is None
            await until(lambda: history(env)[-1]["shown_at"] is not None, 10, "the check-in at 16:15")
            row = next(r for r in history(env) if r["id"] == held)
            assert (row["verdict"], row["rule"], row["window"]) == ("hold", "people", "meeting")
            assert row["shown_by"] == "breakpoint"  # at the meeting's (new) end

    try:
        asyncio.run(asyncio.wait_for(scenario(), 120))
    finally:
        stop(proc)
