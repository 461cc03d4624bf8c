"""Issue 18's example week through `notifyzen report --text` and `--json`, as a user runs them: a
real history (tests/report/report_week.py), the user's own rules with an 11:00-19:00 window around the
deep-work blocks, no screen. Both must say the same figures, and the ones a person can check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.report.report_week import write_rules, write_week


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("focus-week")
    write_week(home / "notifyzen.db")
    write_rules(home / "config")
    return home


def report(home: Path, *args: str) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANGUAGE")
        and not k.startswith(("LANG", "LC_"))
    }
    env.update(
        LANG="C.UTF-8",
        NOTIFYZEN_DB=str(home / "notifyzen.db"),
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "report", "--week", "2026-W47", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_text_and_json_count_focus_once_and_only_while_notifyzen_ran(home: Path) -> None:
    """Asked after the week: notifyzen first ran Monday 11:52, was off Tuesday 20:00 to Wednesday
    07:30 and last seen Thursday 14:59:30. Monday: 11:52-19:00 and 22:30-24:00 (8 h 38, was 21 h);
    Tuesday 16 h 30 (7 h of it sleep), Wednesday 11 h, Thursday to 14:59:30; Friday on nothing."""
    data: dict[str, Any] = json.loads(report(home, "--json"))
    days = data["days"]
    focus = [d["focus_seconds"] for d in days]
    assert focus == [31080, 59400, 39600, 44970, 0, 0, 0]
    assert [d["sleep_seconds"] for d in days] == [5400, 25200, 5400, 25200, 0, 0, 0]
    # Monday 14:30-19:00 (Slack at 14:30), never a 7 h night, never Thursday's unlived afternoon
    assert [d["longest_focus_seconds"] for d in days] == [16200, 10800, 12600, 14370, 0, 0, 0]
    assert not any(d["to_come"] for d in days)
    t = data["totals"]
    assert (t["focus_seconds"], t["longest_focus_seconds"], t["sleep_seconds"]) == (sum(focus), 16200, 61200)
    assert [(s["kind"], s["subject"], s["people"]) for s in data["suggestions"]] == [
        ("mute_app", "Strava", 0)
    ]

    lines = report(home, "--text").splitlines()
    headline = (
        "Longest focus stretch: 4 h 30 min (on Mon 16; 48 h 38 min in focus windows, 17 h 00 min of it sleep"
    )
    assert any(line.startswith(headline) for line in lines)
    assert "  Thu 14:59 – Sun 24:00 (81 h 00 min)" in lines  # since its last heartbeat
    (monday,) = [line for line in lines if line.startswith("  Mon 2026-11-16  ")]
    assert monday.endswith("focus 8 h 38 min (1 h 30 min of it sleep), longest stretch 4 h 30 min")
    (thursday,) = [line for line in lines if line.startswith("  Thu 2026-11-19  ")]
    assert thursday.endswith("focus 12 h 30 min (7 h 00 min of it sleep), longest stretch 4 h 00 min")
    assert "  Fri 2026-11-20  nothing recorded" in lines
    assert "  Strava: 25 sent, 0 opened — mute?" in [line.split(" (would")[0] for line in lines]
    assert not any("Chat:" in line and "mute" in line for line in lines)


def test_the_window_drawn_to_a_file_says_the_same(home: Path) -> None:
    """`--out week.html` lays out the window's own view: the same headline as --text."""
    out = home / "week.html"
    assert report(home, "--out", str(out)).strip() == str(out)
    page = out.read_text()
    assert "4 h 30 min" in page
    assert "on Mon 16; 48 h 38 min in focus windows, 17 h 00 min of it sleep" in page
    assert "Strava: 25 sent, 0 opened — mute?" in page and "Chat: 20 sent" not in page
