"""`notifyzen report --json` and `--text` as a script or a terminal runs them: a real history written
by the Store (notifications, a check-in, status replies, the run log), no screen, no Qt platform.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.core.timeline import CheckIn
from notifyzen.history.store import Store

AMS = ZoneInfo("Europe/Amsterdam")
SECRET = "the secret plan"  # Anke's messages: only ever printed with --show-bodies
RUN_SUMMARY = "Your weekly run summary"  # Strava's, the suggestion's example


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in week 47 of 2026 (Mon 16 Nov – Sun 22 Nov), Amsterdam time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A week a user can check by hand.

    Tuesday: Slack shows one at 08:00; Anke's three messages in deep work are held until the
    10:30 check-in (release 10:30). She was told twice; the 09:00 one was shown at 10:30 as
    promised, the 09:40 one only at 11:00, so one promise of two was kept.
    Wednesday: Strava sends 20 that nobody opens (a mute suggestion), BBC News one that is muted.
    Run log: notifyzen stopped Tuesday 18:00 and started again Thursday 09:00.
    """
    path = tmp_path_factory.mktemp("report-print") / "notifyzen.db"
    s = Store(path)
    s.run_started(at(16, 8))
    s.run_ended(at(17, 18))
    s.run_started(at(19, 9))
    s.alive(at(22, 23, 59))
    s.run_ended(datetime(2026, 11, 23, 1, tzinfo=AMS))
    slack = Notification(app_name="Slack", summary="deploy done", body="", at=at(17, 8))
    s.add(s.reserve_id(), slack, Decision(Verdict.DELIVER, "default", ""), origin="server")
    held = []
    for minute in (0, 20, 40):
        n = Notification(app_name="Signal", summary="Anke", body=SECRET, sender="Anke", at=at(17, 9, minute))
        decision = Decision(Verdict.HOLD, "focus", "held in deep work", at(17, 10, 30), window="deep work")
        held.append(s.reserve_id())
        s.add(held[-1], n, decision, origin="server")
    s.status_replied(held[0], "I'm focusing until 10:30", at(17, 9, 0) + timedelta(seconds=2))
    s.status_replied(held[2], "I'm focusing until 10:30", at(17, 9, 40) + timedelta(seconds=2))
    s.checkin(CheckIn(at(17, 10, 30), "scheduled", tuple(held[:2])), planned_at=at(17, 10, 30))
    s.shown(held[0], at(17, 10, 30), "checkin")
    s.shown(held[1], at(17, 10, 30), "checkin")
    s.shown(held[2], at(17, 11), "manual")
    for i in range(20):
        n = Notification(app_name="Strava", summary="Kudos", body=RUN_SUMMARY, at=at(18, 7, 2 * i))
        s.add(s.reserve_id(), n, Decision(Verdict.DELIVER, "default", ""), origin="server")
    news = Notification(app_name="BBC News", summary="Headlines", body="", at=at(18, 12))
    s.add(s.reserve_id(), news, Decision(Verdict.MUTE, "news", "muted"), origin="server")
    s.close()
    return path


def report(db: Path, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`notifyzen report --tz Europe/Amsterdam ARGS` with no screen and no Qt platform chosen, in
    English unless `env` (LANG, LANGUAGE, …) says otherwise."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANGUAGE")
        and not k.startswith(("LANG", "LC_"))
    }
    clean.update(
        LANG="C.UTF-8",
        NOTIFYZEN_DB=str(db),
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "report", "--tz", "Europe/Amsterdam", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def as_json(db: Path, tmp_path: Path, *args: str, **env: str) -> dict[str, Any]:
    done = report(db, tmp_path, "--week", "2026-W47", "--json", *args, **env)
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def test_json_has_the_numbers_a_user_would_check(week: Path, tmp_path: Path) -> None:
    data = as_json(week, tmp_path)
    assert (data["week"], data["start"], data["end"]) == (
        "2026-W47",
        "2026-11-16T00:00:00+01:00",
        "2026-11-23T00:00:00+01:00",
    )
    tuesday, wednesday = data["days"][1], data["days"][2]
    assert (tuesday["date"], tuesday["weekday"]) == ("2026-11-17", "Tue")
    assert (tuesday["notifications"], tuesday["delivered"], tuesday["held"], tuesday["muted"]) == (4, 1, 3, 0)
    assert (tuesday["avoided"], tuesday["checkins_planned"], tuesday["checkins_kept"]) == (3, 1, 1)
    assert (wednesday["delivered"], wednesday["muted"]) == (20, 1)
    assert [d["recorded"] for d in data["days"]] == [False, True, True, False, False, False, False]
    assert data["totals"]["notifications"] == 25
    assert data["status_replies"] == {"sent": 2, "promises_kept": 1, "promises_kept_share": 0.5}
    assert data["not_running"] == [
        {
            "start": "2026-11-17T18:00:00+01:00",
            "end": "2026-11-19T09:00:00+01:00",
            "length_seconds": 39 * 3600,
        }
    ]
    # waited 90, 70 and 80 minutes: the median is 80
    assert (data["waits"]["seen"], data["waits"]["median_seconds"]) == (3, 80 * 60)
    assert [(t["name"], t["sent"]) for t in data["top_apps"]] == [
        ("Strava", 20),
        ("Signal", 3),
        ("BBC News", 1),
        ("Slack", 1),
    ]
    assert [(t["name"], t["sent"], t["opened"]) for t in data["top_people"]] == [("Anke", 3, 0)]
    assert data["arrivals_by_hour"][1][9] == 3  # Tuesday 09:00-10:00, local time
    (strava,) = data["suggestions"]
    assert (strava["kind"], strava["subject"], strava["rule"]["action"]) == ("mute_app", "Strava", "mute")
    assert data["previous_week"]["week"] == "2026-W46" and data["previous_week"]["notifications"] == 0


def test_texts_only_with_show_bodies(week: Path, tmp_path: Path) -> None:
    plain = report(week, tmp_path, "--week", "2026-W47", "--json")
    assert plain.returncode == 0, plain.stderr
    assert SECRET not in plain.stdout and RUN_SUMMARY not in plain.stdout
    assert json.loads(plain.stdout)["suggestions"][0]["example"] is None
    text = report(week, tmp_path, "--week", "2026-W47", "--text")
    assert text.returncode == 0, text.stderr
    assert SECRET not in text.stdout and RUN_SUMMARY not in text.stdout

    bodies = as_json(week, tmp_path, "--show-bodies")
    assert bodies["show_bodies"] is True
    assert bodies["suggestions"][0]["example"] == RUN_SUMMARY
    with_text = report(week, tmp_path, "--week", "2026-W47", "--text", "--show-bodies")
    assert f"    “{RUN_SUMMARY}”" in with_text.stdout.splitlines()


def test_text_for_a_terminal(week: Path, tmp_path: Path) -> None:
    done = report(week, tmp_path, "--week", "2026-W47", "--text")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Week 47, 16 Nov – 22 Nov 2026"
    gap = lines.index("notifyzen was not running (nothing could be recorded then):")
    assert lines[gap + 1] == "  Tue 18:00 – Thu 09:00 (39 h 00 min)"
    assert "Promises kept: 50% (2 status replies sent; 1 of them seen by the time promised)" in lines
    assert "Check-ins kept: 1 of 1 (0 more when you asked or took a break)" in lines
    (tuesday,) = [line for line in lines if line.startswith("  Tue 2026-11-17  ")]
    assert "4 notifications: 1 shown at once, 3 held, 0 muted" in tuesday
    assert "check-ins kept 1 of 1" in tuesday
    # notifyzen ran on Monday and nothing came: its focus hours count, its notifications are none
    (monday,) = [line for line in lines if line.startswith("  Mon 2026-11-16  ")]
    assert monday.startswith("  Mon 2026-11-16  no notifications; focus ")
    (anke,) = [line for line in lines if line.lstrip().startswith("Anke ")]
    assert anke.endswith("3 sent, 0 opened")
    assert any(line.startswith("  Strava: 20 sent, 0 opened — mute?") for line in lines)


def test_dutch_text_and_english_json(week: Path, tmp_path: Path) -> None:
    """LANGUAGE picks Dutch as gettext would (docs/i18n.md); JSON stays the same in any language."""
    done = report(week, tmp_path, "--week", "2026-W47", "--text", LANG="en_US.UTF-8", LANGUAGE="nl")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Week 47, 16 nov – 22 nov 2026"
    gap = lines.index("notifyzen draaide niet (in die tijd kon er niets worden vastgelegd):")
    assert lines[gap + 1] == "  di 18:00 – do 09:00 (39 u 00 min)"
    (tuesday,) = [line for line in lines if line.startswith("  di 17-11-2026  ")]
    assert "4 meldingen: 1 meteen getoond, 3 vastgehouden, 0 gedempt" in tuesday
    assert "Per dag" in lines and "Top-personen" in lines
    assert any(line.startswith("Beloftes nagekomen: 50%") for line in lines)
    for english in ("shown at once", "Per day", "Top people", "was not running"):
        assert english not in done.stdout
    assert as_json(week, tmp_path, LANG="nl_NL.UTF-8") == as_json(week, tmp_path)


def test_no_qt_platform_is_loaded(week: Path, tmp_path: Path) -> None:
    """A platform that does not exist would abort any QGuiApplication: neither output makes one."""
    for how in ("--json", "--text"):
        done = report(week, tmp_path, "--week", "2026-W47", how, QT_QPA_PLATFORM="no-such-platform")
        assert done.returncode == 0, done.stderr
        assert "platform plugin" not in done.stderr
        assert done.stdout


def test_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "notifyzen.db"
    Store(path).close()
    text = report(path, tmp_path, "--week", "2026-W47", "--text")
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines() == ["Week 47, 16 Nov – 22 Nov 2026", "Nothing was recorded in this week."]
    data = as_json(path, tmp_path)
    assert data["empty"] is True and data["totals"]["notifications"] == 0
    assert [d["notifications"] for d in data["days"]] == [0] * 7
    assert data["top_apps"] == data["top_people"] == data["not_running"] == data["suggestions"] == []


def test_a_missing_history_is_named_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "never-ran.db"
    for how, lang, said in (
        ("--json", "C.UTF-8", f"notifyzen: no history yet ({path} does not exist)"),
        ("--text", "nl_NL.UTF-8", f"notifyzen: nog geen geschiedenis ({path} bestaat niet)"),
    ):
        done = report(path, tmp_path, how, LANG=lang)
        assert done.returncode == 2  # as `notifyzen history`'s
        assert done.stderr.strip() == said and done.stdout == ""
    assert not path.exists()  # asking never creates a history


def test_one_way_out_at_a_time(week: Path, tmp_path: Path) -> None:
    done = report(week, tmp_path, "--json", "--text")
    assert done.returncode == 2 and "not allowed with argument" in done.stderr
