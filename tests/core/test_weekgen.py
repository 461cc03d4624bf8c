"""The generated week: the same for a seed, and shaped like a lived week."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.model import Notification, Source, Urgency
from notifyzen.core.stream import Presence, parse_lines, to_jsonl_line
from notifyzen.core.weekgen import generate_week

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 16)  # 2026-W47


def _week(seed: int = 1, monday: date = MONDAY) -> list[Notification | Presence]:
    return generate_week(monday, BERLIN, seed=seed)


def _notifications(events: list[Notification | Presence]) -> list[Notification]:
    return [e for e in events if isinstance(e, Notification)]


def test_a_seed_is_a_week_and_another_seed_another_week() -> None:
    assert _week(1) == _week(1)
    assert _week(1) != _week(2)


def test_the_week_is_in_time_order_inside_its_seven_local_days() -> None:
    events = _week()
    start = datetime.combine(MONDAY, time(0), BERLIN)
    assert [e.at.timestamp() for e in events] == sorted(e.at.timestamp() for e in events)
    assert all(start <= e.at < start + timedelta(days=7) for e in events)
    assert 350 <= len(_notifications(events)) <= 900


@pytest.mark.parametrize("seed", range(5))
def test_nights_are_quiet_and_weekends_have_no_work(seed: int) -> None:
    ns = _notifications(_week(seed))
    night = [n for n in ns if n.at.astimezone(BERLIN).hour < 6]
    assert len(night) <= 0.03 * len(ns)
    weekend_apps = Counter(n.app_name for n in ns if n.at.astimezone(BERLIN).weekday() >= 5)
    assert weekend_apps["Slack"] == 0
    assert weekend_apps["Strava"] > 0


@pytest.mark.parametrize("seed", range(5))
def test_every_week_has_people_bursts_a_repeated_call_and_a_critical_one(seed: int) -> None:
    ns = _notifications(_week(seed))
    people = [n for n in ns if n.person]
    assert 0.3 * len(ns) < len(people) < 0.8 * len(ns)
    assert {"Signal", "WhatsApp", "Slack", "Thunderbird"} <= {n.app_name for n in people}
    assert {Source.DESKTOP, Source.PHONE} == {n.source for n in ns}

    def twice_within_3_minutes(kind: list[Notification]) -> bool:
        return any(
            a.person == b.person and timedelta(0) <= b.at - a.at <= timedelta(minutes=3)
            for a, b in itertools.pairwise(kind)
        )

    assert twice_within_3_minutes([n for n in people if n.app_name == "Phone"])
    assert twice_within_3_minutes([n for n in people if n.app_name == "Slack"])
    assert any(n.urgency is Urgency.CRITICAL for n in ns)
    assert {n.app_name for n in ns} >= {"Strava", "BBC News", "Calendar", "Discover", "Firefox"}


def test_presence_alternates_active_then_idle_in_working_hours() -> None:
    presence = [e for e in _week() if isinstance(e, Presence)]
    assert [p.idle for p in presence] == [False, True] * (len(presence) // 2)
    mondays = [p for p in presence if p.at.date() == MONDAY]
    assert mondays[0].at.astimezone(BERLIN).hour in (7, 8, 9)


def test_exactly_the_asked_size_keeps_the_weeks_shape() -> None:
    events = generate_week(MONDAY, BERLIN, seed=3, size=5000)
    ns = _notifications(events)
    assert len(ns) == 5000
    assert len([n for n in ns if n.at.astimezone(BERLIN).hour < 6]) <= 0.03 * 5000


def test_the_standup_reminder_keeps_its_wall_clock_time_across_the_dst_change() -> None:
    # 2026-10-25 (Sunday of W43) clocks go back; the next Monday's 09:15 is +01:00 instead of +02:00.
    events = generate_week(date(2026, 10, 19), BERLIN, seed=1) + generate_week(
        date(2026, 10, 26), BERLIN, seed=1
    )
    standups = [n for n in _notifications(events) if n.summary == "Daily standup"]
    assert len(standups) == 10
    assert {n.at.astimezone(BERLIN).time() for n in standups} == {time(9, 15)}
    assert {n.at.utcoffset() for n in standups} == {timedelta(hours=2), timedelta(hours=1)}
    assert events == sorted(events, key=lambda e: e.at.timestamp())


def test_a_generated_week_survives_the_jsonl_round_trip() -> None:
    events = _week()
    assert [e.event for e in parse_lines([to_jsonl_line(e) for e in events], "gen")] == events
