"""The day the demo replays: what the user asked for, the generated Monday under the shipped rules,
and the shape of one Notify call. Every other part of the demo works from these."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TextIO

from notifyzen.core.model import Notification
from notifyzen.core.stream import Event


class DemoError(RuntimeError):
    """Something stopped the demo; the message says what, in one line."""


@dataclass(frozen=True, slots=True)
class Options:
    seed: int = 16  # a day where the laptop battery runs low in a focus window
    speed: float = 3000.0  # times real time; 0 = as fast as the calls go
    start: time = time(8, 0)
    end: time = time(18, 0)
    keep: bool | None = None  # None: keep the windows open when there is a display and a terminal
    directory: Path | None = None
    out: TextIO = field(default_factory=lambda: sys.stdout)


@dataclass(frozen=True, slots=True)
class Call:
    """One Notify call as its client makes it: the generated notification and how it travels."""

    n: Notification
    client: str  # notify-send | gdbus | dbus-fast
    app_name: str
    summary: str
    body: str
    icon: str
    hints: dict[str, str | bool | int]

    @property
    def label(self) -> str:
        """The app a person would name: the phone app for phone notifications."""
        return self.n.app_name


@dataclass
class Day:
    """Everything the run needs to know about the day it replays."""

    date: date
    tz: tzinfo
    begin: datetime
    end: datetime
    events: list[Event]
    focus: list[tuple[str, datetime, datetime]]  # the shipped rules' focus windows that day
    checkins: tuple[time, ...]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def day_events(day: date, tz: tzinfo, seed: int, start: time, end: time) -> list[Event]:
    """The generated day between `start` and `end` local time: notifications, and the moments the
    user leaves the desk and comes back (sent as the screen saver's ActiveChanged)."""
    from notifyzen.core.weekgen import generate_days

    begin, finish = datetime.combine(day, start, tz), datetime.combine(day, end, tz)
    return [e for e in generate_days(day, 1, tz, seed=seed) if begin <= e.at < finish]


def pick_day(options: Options, tz: tzinfo, today: date, config_dir: Path) -> Day:
    """Monday of this week under the rules the demo's notifyzen will load (the shipped presets)."""
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.schedule import Schedule
    from notifyzen.core.whatif import focus_spans
    from notifyzen.desktop import paths

    monday = monday_of(today)
    events = day_events(monday, tz, options.seed, options.start, options.end)
    begin, end = datetime.combine(monday, options.start, tz), datetime.combine(monday, options.end, tz)
    loaded = load_active(config_dir, paths.presets_dir())
    if not loaded.ok or loaded.rules is None or loaded.config is None:
        raise DemoError("the shipped rules do not load: " + "; ".join(str(e) for e in loaded.errors))
    schedule = Schedule(loaded.rules.windows, loaded.config.checkins, tz)
    spans = [(f.name, f.start, f.end) for f in focus_spans(schedule, begin, end) if f.start >= begin]
    return Day(monday, tz, begin, end, events, sorted(spans, key=lambda f: f[1]), loaded.config.checkins)
