"""What-if replay: past notifications run through the real Timeline on a simulated clock.

The replay is the running app with the waiting taken out. It hands the Timeline each arrival with
`take`, after `advance` to that moment, which reports everything that fell due meanwhile in time
order, as if the app's one Qt timer had fired at each `next_change`. Nothing here decides
anything; the Timeline of the rule set under test does, so a replay and the live app agree on
every decision and release moment for the same stream.

Results stay in input order, one per notification, so nothing is ever dropped from a report: a
muted one is simply never shown.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.model import Decision, Notification, ShownBy, Verdict
from notifyzen.core.stream import Entry, Presence, StreamError, parse_lines, to_jsonl_dict, to_jsonl_line
from notifyzen.core.timeline import CheckIn, Release

__all__ = [
    "Entry",
    "FocusSpan",
    "Outcome",
    "Presence",
    "Run",
    "StreamError",
    "TimelineLike",
    "iso_week",
    "parse_lines",
    "passthrough",
    "replay",
    "to_jsonl_dict",
    "to_jsonl_line",
    "week_span",
]

AFTER_SPAN = timedelta(days=4)  # held items may still be released this long after the span (a long weekend)
PASSTHROUGH = "pass-through"


class TimelineLike(Protocol):
    """What a replay needs of a Timeline: the contract of notifyzen.core.timeline.Timeline."""

    def take(
        self, id: int, n: Notification, now: datetime, gated: bool = True, update: bool = False
    ) -> Decision: ...

    def forget(self, id: int) -> None: ...

    def advance(self, now: datetime) -> list[Release | CheckIn]: ...

    def next_change(self, now: datetime) -> datetime | None: ...


PresenceHook = Callable[[Presence], Iterable[Release | CheckIn]]


@dataclass(frozen=True, slots=True)
class FocusSpan:
    """A focus window as it was actually in force: a name and two instants."""

    name: str
    start: datetime
    end: datetime

    def covers(self, at: datetime) -> bool:
        return self.start.timestamp() <= at.timestamp() < self.end.timestamp()


@dataclass(frozen=True, slots=True)
class Outcome:
    """The fate of one notification of the stream."""

    line: int
    notification: Notification
    decision: Decision
    shown_at: datetime | None = None
    shown_by: ShownBy | None = None
    replaces: int | None = None  # an update in place: the line of the notification's first version

    @property
    def wait(self) -> timedelta | None:
        """How long it waited to be seen; None if it never was."""
        if self.shown_at is None:
            return None
        return max(_utc(self.shown_at) - _utc(self.notification.at), timedelta(0))


@dataclass(frozen=True, slots=True)
class Run:
    """One replay of a stream: every notification's fate, every check-in, every focus window."""

    outcomes: tuple[Outcome, ...]
    checkins: tuple[CheckIn, ...]
    focus: tuple[FocusSpan, ...]
    max_wait: timedelta
    start: datetime
    end: datetime
    label: str = ""
    _starts: tuple[float, ...] = field(default=(), init=False, repr=False, compare=False)
    _reach: tuple[float, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Focus spans sorted by start, with the furthest end reached so far: a bisect then answers
        # "in focus at t?" in O(log n), which a week of thousands of notifications needs.
        spans = sorted(self.focus, key=lambda s: s.start.timestamp())
        reach, furthest = [], float("-inf")
        for span in spans:
            furthest = max(furthest, span.end.timestamp())
            reach.append(furthest)
        object.__setattr__(self, "focus", tuple(spans))
        object.__setattr__(self, "_starts", tuple(s.start.timestamp() for s in spans))
        object.__setattr__(self, "_reach", tuple(reach))

    def in_focus(self, at: datetime) -> FocusSpan | None:
        """The focus window in force at `at` (the latest-starting one, if several overlap)."""
        t = at.timestamp()
        i = bisect_right(self._starts, t)
        if i == 0 or self._reach[i - 1] <= t:
            return None
        return next(s for s in reversed(self.focus[:i]) if t < s.end.timestamp())


class _Replayer:
    """The simulated clock: one pass over the events in time order."""

    def __init__(self, timeline: TimelineLike, presence: PresenceHook | None, follow_timer: bool) -> None:
        self.timeline = timeline
        self.follow_timer = follow_timer
        self.presence = presence
        self.now: datetime | None = None
        self.shown: dict[int, tuple[datetime, ShownBy]] = {}
        self.waiting: set[int] = set()
        self.checkins: list[CheckIn] = []

    def run_until(self, until: datetime) -> None:
        """Everything due up to `until`: `advance` reports it in time order, however late it is called.

        With `follow_timer` the clock stops at every `next_change` on the way, exactly as the
        app's single-shot timer fires; a correct Timeline gives the same result either way.
        """
        until = _utc(until)
        while self.follow_timer and self.now is not None:
            due = _next(self.timeline, self.now)
            if due is None or due > until or due <= self.now:
                break
            self.now = due
            self.record(self.timeline.advance(due))
        if self.now is None or until > self.now:
            self.now = until
        self.record(self.timeline.advance(self.now))

    def record(self, happened: Iterable[Release | CheckIn]) -> None:
        for event in happened:
            if isinstance(event, CheckIn):
                self.checkins.append(event)
                for id in event.released:
                    self.show(id, event.at, event.shown_by)
            else:
                self.show(event.id, event.at, event.shown_by)

    def show(self, id: int, at: datetime, by: ShownBy) -> None:
        if id not in self.shown:
            self.shown[id] = (at, by)
        self.waiting.discard(id)

    def drain(self, end: datetime) -> None:
        """After the stream: step the clock as the app's one timer would until nothing is held."""
        self.run_until(end)
        limit = _utc(end) + AFTER_SPAN
        while self.waiting and self.now is not None:
            due = _next(self.timeline, self.now)
            if due is None or due > limit or due <= self.now:
                break
            self.run_until(due)


def replay(
    entries: Sequence[Entry],
    timeline: TimelineLike,
    *,
    max_wait: timedelta,
    focus: Callable[[datetime, datetime], Iterable[FocusSpan]] = lambda start, end: (),
    presence: PresenceHook | None = None,
    span: tuple[datetime, datetime] | None = None,
    label: str = "",
    follow_timer: bool = False,
) -> Run:
    """Run `entries` through `timeline` on a simulated clock and say what became of each one.

    Events are fed in time order (input order among equal times); notification ids are the
    1-based positions in `entries`. `focus(start, end)` lists the focus windows of the rule set in
    force in that span; `presence` tells the Timeline the user went idle or came back. `span`
    defaults to first..last event; held items may still be released up to AFTER_SPAN later.
    `follow_timer` also stops the clock at every `next_change`, as the running app does.
    Deterministic: the same Timeline state and stream give the same Run.
    """
    order = sorted(range(len(entries)), key=lambda i: _utc(entries[i].event.at))
    start, end = span or _extent(entries)
    clock = _Replayer(timeline, presence, follow_timer)
    clock.now = min(_utc(start), _utc(entries[order[0]].event.at)) if order else _utc(start)
    decisions: dict[int, Decision] = {}
    ids = {e.line: i + 1 for i, e in enumerate(entries) if isinstance(e.event, Notification)}
    latest: dict[int, int] = {}  # first version's line -> the id its latest version has here
    for index in order:
        entry = entries[index]
        event = entry.event
        clock.run_until(event.at)
        if isinstance(event, Presence):
            if presence is not None:
                clock.record(presence(event))
            continue
        id = index + 1
        gated, update = True, False
        if entry.replaces is not None and entry.replaces in ids:
            # As the app does: the earlier version leaves the queue, the update is decided anew
            # and opens no window of its own, so the flood gate does not count it.
            earlier = latest.get(entry.replaces, ids[entry.replaces])
            timeline.forget(earlier)
            clock.waiting.discard(earlier)
            latest[entry.replaces] = id
            gated, update = False, True
        decision = timeline.take(id, event, event.at, gated, update)
        decisions[id] = decision
        if decision.verdict is Verdict.DELIVER:
            clock.show(id, event.at, ShownBy.ARRIVAL)
        elif decision.verdict is Verdict.HOLD:
            clock.waiting.add(id)
        clock.record(timeline.advance(event.at))  # what came along with it (a conversation breaking through)
    clock.drain(end)
    outcomes = tuple(
        Outcome(entry.line, entry.event, decisions[i + 1], *_shown(clock, i + 1), replaces=entry.replaces)
        for i, entry in enumerate(entries)
        if isinstance(entry.event, Notification)
    )
    spans = tuple(sorted(focus(start, end), key=lambda s: _utc(s.start)))
    return Run(outcomes, tuple(clock.checkins), spans, max_wait, start, end, label)


def _shown(clock: _Replayer, id: int) -> tuple[datetime | None, ShownBy | None]:
    return clock.shown.get(id, (None, None))


def passthrough(entries: Sequence[Entry], like: Run) -> Run:
    """What the day looks like with no notifyzen at all: everything shown the moment it arrives."""
    decision = Decision(Verdict.DELIVER, PASSTHROUGH, "every notification shown on arrival")
    outcomes = tuple(
        Outcome(e.line, e.event, decision, e.event.at, ShownBy.ARRIVAL)
        for e in entries
        if isinstance(e.event, Notification)
    )
    return Run(outcomes, (), like.focus, like.max_wait, like.start, like.end, PASSTHROUGH)


def _extent(entries: Sequence[Entry]) -> tuple[datetime, datetime]:
    times = [e.event.at for e in entries]
    if not times:
        raise ValueError("nothing to replay: the stream is empty")
    return min(times, key=_utc), max(times, key=_utc)


def _utc(at: datetime) -> datetime:
    """Aware datetimes sharing a tzinfo compare by wall clock, wrong in the hour that repeats in
    October; every comparison here goes through UTC."""
    return at.astimezone(UTC)


def _next(timeline: TimelineLike, now: datetime) -> datetime | None:
    due = timeline.next_change(now)
    return None if due is None else _utc(due)


def iso_week(text: str) -> date:
    """The Monday of an ISO week written like 2026-W47 (core.isoweek reads it)."""
    return IsoWeek.parse(text).monday


def week_span(monday: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """Local midnight on Monday to local midnight a week later (168 h, or 167/169 across DST), in UTC.

    Raises ValueError for a week at the very end of the calendar (9999-W52), which UTC cannot hold."""
    start, end = IsoWeek.containing(monday).bounds(zone)
    return start.astimezone(UTC), end.astimezone(UTC)
