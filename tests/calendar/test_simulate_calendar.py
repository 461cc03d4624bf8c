"""`notifyzen rules simulate` replays a week with its meetings as the app lived them (issue 19):
the calendars of config.yaml are read for the replayed span, and --calendar adds one."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen.calendar.export import to_ics
from notifyzen.core.replay import to_jsonl_line
from notifyzen.core.weekgen import generate_calendar, generate_week

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 16)


def simulate(tmp_path: Path, *args: str, config: str = "") -> subprocess.CompletedProcess[str]:
    home = tmp_path / "config"
    (home / "notifyzen").mkdir(parents=True, exist_ok=True)
    (home / "notifyzen" / "config.yaml").write_text(config)
    week = tmp_path / "week.jsonl"
    week.write_text("".join(to_jsonl_line(e) + "\n" for e in generate_week(MONDAY, BERLIN, seed=1)))
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(home),
        "TZ": "Europe/Berlin",
    }
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "rules", "simulate", "--input", str(week), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_calendar_in_config_yaml_is_read_for_the_replayed_week(tmp_path: Path) -> None:
    ics = tmp_path / "work.ics"
    ics.write_bytes(to_ics(generate_calendar(MONDAY, BERLIN, seed=1), BERLIN))
    plain = json.loads(simulate(tmp_path, "--json").stdout)
    done = simulate(tmp_path, "--json", config=f"calendars:\n  - {{name: Work, path: '{ics}'}}\n")
    assert done.returncode == 0, done.stderr
    lived = json.loads(done.stdout)
    meetings = [f for f in lived["focus"] if f["name"] == "meeting"]
    assert len(meetings) == 18 and not [f for f in plain["focus"] if f["name"] == "meeting"]
    assert meetings[0]["start"] == "2026-11-16T09:30:00+01:00"  # Monday's standup
    in_meetings = [n for n in lived["notifications"] if n["window"] == "meeting"]
    assert in_meetings and {n["decision"] for n in in_meetings} >= {"hold"}


def test_a_calendar_on_the_command_line_and_one_that_cannot_be_read(tmp_path: Path) -> None:
    ics = tmp_path / "team.ics"
    ics.write_bytes(to_ics(generate_calendar(MONDAY, BERLIN, seed=1), BERLIN))
    done = simulate(tmp_path, "--calendar", str(ics), str(tmp_path / "gone.ics"))
    assert done.returncode == 0, done.stderr
    assert "Meetings from your calendars as focus windows: 18 (calendars: team)." in done.stdout
    assert "calendar gone:" in done.stderr and "(left out)" in done.stderr
