"""What the generated weeks share: how busy each hour of the day is, and the day being filled.

The classic week (weekgen.py) and the language weeks (weekgen_l10n.py) both fill a `Day` with
notifications at chance times drawn from these profiles; the parts live here, below both, so
neither imports the other for them. Pure, like the rest of the core: only `random.Random` chance.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from notifyzen.core.meetings import Event as CalendarEvent
from notifyzen.core.model import Notification
from notifyzen.core.stream import Event

# Relative activity per local hour (0..23); nights near zero, as people actually sleep.
FAMILY_WEEKDAY = (1, 0, 0, 0, 0, 1, 3, 6, 5, 3, 3, 4, 8, 6, 3, 3, 4, 8, 10, 10, 9, 7, 4, 2)
FAMILY_WEEKEND = (2, 1, 0, 0, 0, 0, 1, 2, 4, 7, 9, 9, 8, 7, 7, 7, 8, 9, 10, 10, 9, 7, 5, 3)
WORK = (0, 0, 0, 0, 0, 0, 0, 1, 5, 10, 10, 9, 4, 7, 10, 10, 9, 6, 2, 1, 1, 0, 0, 0)
NEWS = (0, 0, 0, 0, 0, 0, 3, 8, 6, 4, 3, 3, 5, 4, 3, 3, 3, 4, 6, 7, 6, 5, 3, 1)
EVENING = (0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 4, 8, 10, 9, 6, 3, 1)

HourProfile = Sequence[int]


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method; means here are small, so this stays cheap and exact."""
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def second_of_day(rng: random.Random, profile: HourProfile) -> float:
    hour = rng.choices(range(24), weights=profile)[0]
    return hour * 3600 + rng.uniform(0, 3600)


class Day:
    """One local day being filled; `at` turns a wall-clock second into an aware instant."""

    def __init__(self, day: date, tz: tzinfo, rng: random.Random, volume: float, eventful: bool) -> None:
        self.day, self.tz, self.rng, self.volume = day, tz, rng, volume
        self.eventful = eventful  # the day of the week the battery runs out and someone calls twice
        self.weekend = day.weekday() >= 5
        self.midnight = datetime.combine(day, time(0), tz)
        self.events: list[Event] = []
        self.meetings: list[CalendarEvent] = []  # the calendar behind the reminders (issue 19)

    def at(self, second: float) -> datetime:
        # Wall-clock arithmetic, then a round trip through UTC: a time that does not exist
        # (spring forward) lands just after the gap, as the phone's clock would show it.
        wall = self.midnight + timedelta(seconds=round(second))
        return wall.astimezone(UTC).astimezone(self.tz)

    def count(self, per_day: float) -> int:
        return poisson(self.rng, per_day * self.volume)

    def add(self, second: float, n: Callable[[datetime], Notification]) -> None:
        if 0 <= second < 86400:
            self.events.append(n(self.at(second)))


def notification(app: str, summary: str, body: str, **kw: object) -> Callable[[datetime], Notification]:
    def build(at: datetime) -> Notification:
        return Notification(app_name=app, summary=summary, body=body, at=at, **kw)  # type: ignore[arg-type]

    return build
