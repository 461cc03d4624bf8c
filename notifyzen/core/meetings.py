"""Meetings from the user's calendars as dated focus windows (issue 19), as plain data.

The calendar adapters (notifyzen/calendar/) read the files and expand recurrence; what reaches the
core is only this: dated intervals with a title, the calendar's name and its preset.
`CalendarFocus` turns them into occurrences of a focus window (the `meeting` preset's, so its max
wait applies; for a calendar set to another preset, e.g. focus blocks as `default`, that preset's
first window) and carries those presets' rules, each narrowed to its window: in a meeting the
meeting preset decides, outside one it has no say. It also knows which notifications are
reminders of an event still ahead, because a reminder held until the end of a focus block would
come after the meeting.

Pure: no clock, no files. Instants are compared in UTC (aware datetimes that share a zone compare
by wall clock, which is wrong in the hour that repeats in October).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from notifyzen.core.model import Notification
from notifyzen.core.rules import Rule, person_key
from notifyzen.core.schedule import FocusWindow

MEETING = "meeting"
REMINDER_AHEAD = timedelta(days=1)  # reminders come minutes to hours before; a day is generous


@dataclass(frozen=True, slots=True)
class Event:
    """One occurrence of a calendar event, as an adapter hands it over.

    `focus`: whether it is a meeting (busy, timed, not declined, as the calendar's settings say);
    events that are not still have reminders that count as time-sensitive. `preset`: whose focus
    window it is (the calendar's setting).
    """

    start: datetime
    end: datetime
    title: str
    calendar: str
    focus: bool = True
    preset: str = MEETING

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Event start and end must be timezone-aware")


# A reminder names its event first: "Daily standup", "Daily standup: in 15 minutes",
# "Retro (in 5 minutes)", "Retro - starts now". Not "Meeting of the board" for an event "Meeting".
_AFTER_TITLE = re.compile(r"\s*(?:$|[:\-–—(,|·])")


@dataclass(frozen=True)
class CalendarFocus:
    """The meetings of a horizon as occurrences of `window`, and the rules that apply in them."""

    events: tuple[Event, ...] = ()
    window: FocusWindow = field(default_factory=lambda: FocusWindow(MEETING))
    rules: tuple[Rule, ...] = ()
    # preset -> its window, for calendars set to a preset other than `meeting`
    others: tuple[tuple[str, FocusWindow], ...] = ()
    _meetings: tuple[Event, ...] = field(default=(), init=False, repr=False, compare=False)
    _starts: tuple[datetime, ...] = field(default=(), init=False, repr=False, compare=False)
    _reach: tuple[datetime, ...] = field(default=(), init=False, repr=False, compare=False)
    # title head (3 characters) -> [(title, its starts)]: a notification looks up one head
    _titles: dict[str, list[tuple[str, tuple[datetime, ...]]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        meetings = sorted(
            (
                replace(e, start=e.start.astimezone(UTC), end=e.end.astimezone(UTC))
                for e in self.events
                if e.focus
            ),
            key=lambda e: (e.start, e.end),
        )
        meetings = [m for m in meetings if m.start < m.end]
        reach: list[datetime] = []
        for m in meetings:  # the furthest end so far: a long meeting covers later short ones
            reach.append(max(reach[-1], m.end) if reach else m.end)
        starts: dict[str, list[datetime]] = {}
        for e in self.events:
            title = e.title.strip().casefold()
            if len(title) >= 3:
                starts.setdefault(title, []).append(e.start.astimezone(UTC))
        titles: dict[str, list[tuple[str, tuple[datetime, ...]]]] = {}
        for title, at in starts.items():
            titles.setdefault(title[:3], []).append((title, tuple(sorted(at))))
        object.__setattr__(self, "_meetings", tuple(meetings))
        object.__setattr__(self, "_starts", tuple(m.start for m in meetings))
        object.__setattr__(self, "_reach", tuple(reach))
        object.__setattr__(self, "_titles", titles)

    @classmethod
    def of(
        cls,
        events: Iterable[Event],
        window: FocusWindow,
        rules: Iterable[Rule],
        others: Mapping[str, tuple[FocusWindow, Iterable[Rule]]] | None = None,
    ) -> CalendarFocus:
        """`rules` (the meeting preset's) apply only inside `window`: a rule without `during` (or
        `during: any`) is given `during: [<window>]`; one whose `during` leaves the window out is
        dropped. `others`: preset -> (its window, its rules) for calendars set to another preset,
        narrowed the same way."""
        narrowed = _narrowed(window, rules)
        for other_window, other_rules in (others or {}).values():
            narrowed += _narrowed(other_window, other_rules)
        pairs = tuple((name, w) for name, (w, _) in (others or {}).items())
        return cls(tuple(events), window, narrowed, pairs)

    @property
    def windows(self) -> tuple[FocusWindow, ...]:
        """Every window the meetings can be (the meeting preset's first), for their max wait."""
        return (self.window, *(w for _, w in self.others))

    def window_of(self, event: Event) -> FocusWindow:
        """The focus window an event is: its calendar's preset's, else the meeting preset's."""
        if event.preset != MEETING:
            for name, window in self.others:
                if name == event.preset:
                    return window
        return self.window

    @property
    def meetings(self) -> tuple[Event, ...]:
        """The focus-worthy events, in start order, in UTC."""
        return self._meetings

    def spans(self) -> tuple[tuple[datetime, datetime, FocusWindow], ...]:
        """The meetings as dated occurrences of the window, for the Schedule."""
        return tuple((m.start, m.end, self.window_of(m)) for m in self._meetings)

    def at(self, now: datetime) -> Event | None:
        """The meeting in progress at `now` (the one ending last when several overlap)."""
        now = now.astimezone(UTC)
        i = bisect_right(self._starts, now)
        if i == 0 or self._reach[i - 1] <= now:
            return None
        found = [m for m in self._meetings[:i] if now < m.end]
        return max(found, key=lambda m: m.end) if found else None

    def until(self, now: datetime) -> datetime | None:
        """When the meetings in progress at `now` are over (back-to-back ones taken together)."""
        meeting = self.at(now)
        if meeting is None:
            return None
        end = meeting.end
        while (following := self.at(end)) is not None:
            end = following.end
        return end

    def reminder_of(self, n: Notification, now: datetime) -> str | None:
        """The title of the event `n` reminds of, if it is a reminder of one still ahead at `now`.

        A reminder is an app's notification (not a person's message) whose summary or body starts
        with the event's title; ahead means an occurrence starts within REMINDER_AHEAD after `now`
        (today's standup, not tomorrow's for a reminder snoozed past today's). People's messages
        are left alone: "Retro moved to 3" from a colleague is a message about the event, and
        repeated contact already covers urgency.
        """
        if not self._titles or person_key(n) is not None:
            return None
        now = now.astimezone(UTC)
        for text in (n.summary.strip().casefold(), n.body.strip().casefold()):
            if len(text) < 3:
                continue
            for title, starts in self._titles.get(text[:3], ()):
                if text.startswith(title) and _AFTER_TITLE.match(text, len(title)) and _ahead(starts, now):
                    return title
        return None


def _narrowed(window: FocusWindow, rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """The rules as they apply inside `window` only: a preset used for a calendar must not decide
    outside its events (a work-focus rule `during: any` would otherwise hold mail in deep work)."""
    name = window.name.casefold()
    out = []
    for r in rules:
        if r.during is None or r.during == "any" or (r.during != "none" and name in r.during):
            out.append(replace(r, during=frozenset({name})))
    return tuple(out)


def _ahead(starts: tuple[datetime, ...], now: datetime) -> bool:
    i = bisect_right(starts, now)
    return i < len(starts) and starts[i] - now <= REMINDER_AHEAD
