"""The shipped preset shows a calendar reminder in deep work at once: held, it would come after
the meeting. At night it waits like everything else, and other apps saying "in 15 minutes" do not
get through."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.model import Notification, Source, Verdict
from notifyzen.core.ruleload import load_active
from notifyzen.core.timeline import Timeline
from notifyzen.desktop import paths

BERLIN = ZoneInfo("Europe/Berlin")
STANDUP = datetime(2026, 11, 16, 9, 15, tzinfo=BERLIN)  # Monday, inside deep work 09:00-10:30
NIGHT = datetime(2026, 11, 16, 23, 45, tzinfo=BERLIN)  # inside sleep 22:30-07:00


def timeline(tmp_path: Path) -> Timeline:
    loaded = load_active(tmp_path, paths.presets_dir())  # the shipped defaults only
    assert loaded.ok and loaded.rules is not None and loaded.config is not None, loaded.errors
    return Timeline(loaded.rules, replace(loaded.config, zone=BERLIN))


def reminder(at: datetime, app: str = "Calendar", entry: str | None = "org.kde.kalendarac") -> Notification:
    return Notification(app, "Daily standup", at, body="in 15 minutes", desktop_entry=entry)


@pytest.mark.parametrize(
    ("app", "entry"),
    [
        ("Calendar", "org.kde.kalendarac"),  # KDE's reminder daemon (KOrganizer, Merkuro)
        ("Evolution Reminders", "org.gnome.Evolution-alarm-notify"),
        ("Calendar", None),  # notify-send -a Calendar, or the phone's calendar through KDE Connect
    ],
)
def test_a_calendar_reminder_in_deep_work_is_shown_at_once(
    tmp_path: Path, app: str, entry: str | None
) -> None:
    decision = timeline(tmp_path).take(1, reminder(STANDUP, app, entry), STANDUP)
    assert decision.verdict is Verdict.DELIVER and decision.rule.startswith("calendar reminder")


def test_the_phones_calendar_through_kde_connect_counts_too(tmp_path: Path) -> None:
    n = replace(reminder(STANDUP, entry=None), source=Source.PHONE, device="Pixel 7")
    assert timeline(tmp_path).take(1, n, STANDUP).verdict is Verdict.DELIVER


def test_at_night_a_reminder_waits_for_the_morning(tmp_path: Path) -> None:
    decision = timeline(tmp_path).take(1, reminder(NIGHT), NIGHT)
    assert decision.verdict is Verdict.HOLD and decision.window == "sleep"


def test_another_app_saying_in_15_minutes_is_still_held_in_deep_work(tmp_path: Path) -> None:
    ci = Notification(
        "Firefox", "Pipeline #4711", STANDUP, body="done in 15 minutes", desktop_entry="firefox"
    )
    assert timeline(tmp_path).take(1, ci, STANDUP).verdict is Verdict.HOLD
