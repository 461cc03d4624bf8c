"""From config.yaml's `calendars:` to the Timeline's meetings, for a horizon, re-read on change.

`read_events` expands every configured calendar over [start, end) (what `rules simulate` does for
a past week). `CalendarFeed` is what the running app keeps: the horizon is yesterday to eight days
ahead, re-expanded when the files change (`stamp`: a stat per file, cheap enough for every tick
of the one timer) or when the day moves on, and the Timeline gets a new `CalendarFocus` only when
the meetings differ. A calendar that cannot be read is logged and left out; the others still count.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from notifyzen.calendar import Source, ics, identities
from notifyzen.calendar.evolution_cache import EvolutionCache
from notifyzen.calendar.files import Evolution, IcsFiles
from notifyzen.calendar.thunderbird import Thunderbird
from notifyzen.core.config import CalendarSettings
from notifyzen.core.meetings import MEETING, CalendarFocus, Event
from notifyzen.core.rules import Rule
from notifyzen.core.schedule import FocusWindow

log = logging.getLogger(__name__)

BEFORE, AFTER = timedelta(days=1), timedelta(days=8)  # the horizon around now


def source(settings: CalendarSettings) -> Source:
    """The module that reads the calendar a setting names."""
    word = settings.path.strip()
    if word.casefold() == "evolution":
        return Evolution()
    if word.casefold() == "thunderbird":
        return Thunderbird()
    path = Path(word).expanduser()
    if path.name == "cache.db":  # Evolution's offline copy of a network calendar
        return EvolutionCache(path)
    if path.suffix == ".sqlite" or _is_sqlite(path):
        return Thunderbird([path])
    return IcsFiles(path)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class Problem:
    calendar: str
    message: str

    def __str__(self) -> str:
        return f"calendar {self.calendar}: {self.message}"


def read_events(
    calendars: Iterable[CalendarSettings],
    start: datetime,
    end: datetime,
    zone: tzinfo,
    problems: list[Problem] | None = None,
    sources: dict[CalendarSettings, Source] | None = None,
    mine: tuple[str, ...] | None = None,
) -> list[Event]:
    """Every event of every calendar overlapping [start, end); unreadable ones go to `problems`.
    A calendar without `me:` knows you by `mine`, default: your Thunderbird and Evolution identities."""
    events: list[Event] = []
    for settings in calendars:
        src = (sources or {}).get(settings) or source(settings)
        if not settings.me:
            mine = identities.addresses() if mine is None else mine
        as_set = settings if settings.me or not mine else replace(settings, me=mine)
        try:
            for name, calendar in src.read():
                events.extend(ics.expand([calendar], as_set, start, end, zone, name))
        except (OSError, ValueError) as exc:
            problem = Problem(settings.name, str(exc))
            log.warning("%s", problem)
            if problems is not None:
                problems.append(problem)
    return events


def meeting_preset(presets_dir: Path, name: str = MEETING) -> tuple[FocusWindow, tuple[Rule, ...]]:
    """A shipped preset's first window (its name, its max wait) and rules, for the events of a
    calendar set to it (default: `meeting`). A preset that is gone or broken falls back to the
    meeting preset, and that to a plain window: a meeting is still focus."""
    from notifyzen.core.ruleload import load_rules

    rules, errors = load_rules([], [presets_dir / f"{name}.yaml"])
    if rules is None or not rules.windows:
        problem = "; ".join(map(str, errors)) or "it has no focus window"
        if name != MEETING:
            log.warning("preset %s not loaded for a calendar (%s); its events are meetings", name, problem)
            return meeting_preset(presets_dir)
        log.warning("meeting preset not loaded (%s); meetings hold with the defaults", problem)
        return FocusWindow(MEETING), ()
    return rules.windows[0], rules.preset


def focus(events: Iterable[Event], presets_dir: Path) -> CalendarFocus:
    """The events as focus windows: the meeting preset's, and each other preset a calendar names."""
    events = tuple(events)
    window, rules = meeting_preset(presets_dir)
    others = {p: meeting_preset(presets_dir, p) for p in sorted({e.preset for e in events} - {MEETING})}
    return CalendarFocus.of(events, window, rules, {p: o for p, o in others.items() if o[0] != window})


def meeting_spans(
    calendars: Iterable[CalendarSettings], presets_dir: Path, start: datetime, end: datetime, zone: tzinfo
) -> tuple[list[tuple[str, datetime, datetime]], list[tuple[datetime, datetime]]]:
    """For the weekly report, [start, end) as the app lived it: every calendar event that was a
    focus window, as (window name, start, end), and the meetings among them (the `meeting`
    preset's, not a calendar of focus blocks set to another preset) as (start, end). Calendars
    that cannot be read are logged and left out, as in the app."""
    calendar = focus(read_events(calendars, start, end, zone), presets_dir)
    spans = [(w.name, s, e) for s, e, w in calendar.spans() if s < end and e > start]
    meetings = [(m.start, m.end) for m in calendar.meetings if m.preset == MEETING]
    return spans, meetings


class CalendarFeed:
    """The app's calendars: `refresh(now)` gives a new CalendarFocus when the meetings changed."""

    def __init__(self, calendars: tuple[CalendarSettings, ...], zone: tzinfo, presets_dir: Path) -> None:
        self.calendars, self.zone, self.presets_dir = calendars, zone, presets_dir
        self.sources = {c: source(c) for c in calendars}
        self.problems: list[Problem] = []
        self.me: tuple[str, ...] = ()  # the addresses from your mail apps, for calendars without `me:`
        self._stamp: tuple[object, ...] | None = None
        self._day: object = None
        self._events: tuple[Event, ...] | None = None

    def stamp(self) -> tuple[object, ...]:
        return tuple(s.stamp() for s in self.sources.values())

    def refresh(self, now: datetime) -> CalendarFocus | None:
        """None when nothing changed since the last call; else the meetings from now on."""
        day = now.astimezone(self.zone).date()
        stamp = self.stamp()
        if stamp == self._stamp and day == self._day:
            return None
        self._stamp, self._day = stamp, day
        problems: list[Problem] = []
        self.me = identities.addresses() if any(not c.me for c in self.calendars) else ()
        events = tuple(
            sorted(
                read_events(
                    self.calendars, now - BEFORE, now + AFTER, self.zone, problems, self.sources, self.me
                ),
                key=lambda e: (e.start, e.end, e.title),
            )
        )
        self.problems = problems
        if events == self._events:
            return None
        self._events = events
        return focus(events, self.presets_dir)
