"""Chronos: focus windows and check-in moments on the user's wall clock.

Windows and check-ins are written in local clock time ("Mon–Fri 09:00–10:30"), so every moment is
computed from a local date and a clock time through the zone, never by adding hours to an instant:
that is what keeps 09:00 at 09:00 across the DST change. Internally all instants are UTC, because
Python compares two aware datetimes that share one tzinfo by their wall time, which is wrong in the
hour that repeats in October.

A window whose end is not after its start crosses midnight (22:30–07:00 belongs to the evening it
starts on). Focus is the union of all windows: where one window ends and another begins, focus has
not ended, so that seam is no breakpoint.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = frozenset(range(7))
MIDNIGHT = time(0, 0)
_LOOKAHEAD_DAYS = 9  # a weekly pattern repeats within 8 days; one more for midnight crossings


@dataclass(frozen=True, slots=True)
class Span:
    """One stretch of clock time; `end <= start` means it runs past midnight into the next day."""

    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


ALL_DAY = Span(MIDNIGHT, MIDNIGHT)


@dataclass(frozen=True, slots=True)
class FocusWindow:
    """A named stretch of the week in which only what breaks through may interrupt.

    `max_wait`: None means the configured max wait applies to people's messages held in this
    window; timedelta(0) means people wait for the window's end (sleep).
    """

    name: str
    days: frozenset[int] = EVERY_DAY
    spans: tuple[Span, ...] = (ALL_DAY,)
    max_wait: timedelta | None = None

    def occurrences(self, day: date, zone: tzinfo) -> Iterator[tuple[datetime, datetime]]:
        """The UTC [start, end) intervals of this window that begin on local `day`."""
        if day.weekday() not in self.days:
            return
        for span in self.spans:
            end_day = day + timedelta(days=1) if span.crosses_midnight else day
            start, end = local_instant(day, span.start, zone), local_instant(end_day, span.end, zone)
            if start < end:  # wholly inside the hour DST skips, it has no minute that night
                yield start, end


def utc(t: datetime) -> datetime:
    """The same instant in UTC (cheap when it already is: zone maths costs microseconds)."""
    return t if t.tzinfo is UTC else t.astimezone(UTC)


def local_instant(day: date, clock: time, zone: tzinfo) -> datetime:
    """The UTC instant of a local clock time; a time skipped by DST lands just after the gap."""
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


MORNING = time(7)
NIGHT_ENDS = timedelta(hours=4)  # up at 00:30, "tomorrow" is still the coming morning


def tomorrow_morning(now: datetime, zone: tzinfo) -> datetime:
    """When "Focus until tomorrow" ends: 07:00 local on the next morning (the one coming, when it
    is asked after midnight), as a phone's "until tomorrow morning". Local, so a DST night is one
    hour shorter or longer, not the end an hour off."""
    day = (now.astimezone(zone) - NIGHT_ENDS).date() + timedelta(days=1)
    return local_instant(day, MORNING, zone)


def next_clock_time(clock: time, after: datetime, zone: tzinfo) -> datetime:
    """The first instant strictly after `after` at which the local clock shows `clock`."""
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        at = local_instant(day, clock, zone)
        if at > after:
            return at
        day += timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Schedule:
    """The week's focus windows and daily check-in times, in one zone. Immutable and stateless."""

    windows: tuple[FocusWindow, ...] = ()
    checkins: tuple[time, ...] = ()
    zone: tzinfo = UTC
    # Dated windows (a calendar's meetings, core/meetings.py): (start, end, window) in UTC, sorted
    # by start. They come before the weekly windows: a meeting in a deep-work block is a meeting.
    dated: tuple[tuple[datetime, datetime, FocusWindow], ...] = ()
    _dated_starts: tuple[datetime, ...] = field(default=(), compare=False, repr=False)
    _dated_reach: tuple[datetime, ...] = field(default=(), compare=False, repr=False)
    _cache: dict[str, tuple[datetime, datetime, object]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _days: dict[date, list[tuple[datetime, datetime, FocusWindow]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _horizons: dict[date, tuple[list[datetime], list[datetime]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        if self.dated:
            dated = tuple(
                sorted(((utc(s), utc(e), w) for s, e, w in self.dated if s < e), key=lambda d: d[:2])
            )
            reach: list[datetime] = []
            for _, e, _ in dated:  # the furthest end so far, so "in a dated window?" is a bisect
                reach.append(max(reach[-1], e) if reach else e)
            object.__setattr__(self, "dated", dated)
            object.__setattr__(self, "_dated_starts", tuple(s for s, _, _ in dated))
            object.__setattr__(self, "_dated_reach", tuple(reach))

    def _dated_between(self, lo: datetime, hi: datetime) -> list[tuple[datetime, datetime, FocusWindow]]:
        """The dated windows overlapping [lo, hi)."""
        i = bisect_right(self._dated_starts, hi)
        return [d for d in self.dated[:i] if d[1] > lo]

    def _dated_at(self, now: datetime) -> FocusWindow | None:
        i = bisect_right(self._dated_starts, now)
        if i == 0 or self._dated_reach[i - 1] <= now:
            return None
        return next(w for s, e, w in reversed(self.dated[:i]) if now < e)

    def _horizon(self, around: datetime) -> tuple[list[datetime], list[datetime]]:
        """Sorted window edges and breakpoints from two days before `around` to _LOOKAHEAD_DAYS
        after; computed once per local day, so each question about the week is a bisect."""
        first = around.astimezone(self.zone).date() - timedelta(days=2)
        found = self._horizons.get(first)
        if found is None:
            if len(self._horizons) > 64:
                self._horizons.clear()
            occurrences = [
                o for k in range(_LOOKAHEAD_DAYS + 2) for o in self._day(first + timedelta(days=k))
            ]
            if self.dated:
                lo = local_instant(first, MIDNIGHT, self.zone)
                occurrences += self._dated_between(lo, lo + timedelta(days=_LOOKAHEAD_DAYS + 2))
            edges = sorted({t for s, e, _ in occurrences for t in (s, e)})
            ends = sorted({e for _, e, _ in occurrences})
            found = (edges, [e for e in ends if self._find_window(e) is None])
            self._horizons[first] = found
        return found

    def _day(self, day: date) -> list[tuple[datetime, datetime, FocusWindow]]:
        """The occurrences starting on one local day, computed once (zone maths is the cost here)."""
        found = self._days.get(day)
        if found is None:
            if len(self._days) > 256:
                self._days.clear()
            found = [(s, e, w) for w in self.windows for s, e in w.occurrences(day, self.zone)]
            self._days[day] = found
        return found

    def window_at(self, now: datetime) -> FocusWindow | None:
        """The focus window `now` falls in (the first declared, when several overlap)."""
        hit = self._cache.get("window")
        if hit is not None and hit[0] <= now < hit[1]:
            return hit[2]  # type: ignore[return-value]
        now = utc(now)
        found = self._find_window(now)
        lo, hi = self._stable_interval(now)
        self._cache["window"] = (lo, hi, found)
        return found

    def _find_window(self, now: datetime) -> FocusWindow | None:
        if self.dated and (dated := self._dated_at(now)) is not None:
            return dated
        for window in self.windows:
            if any(s <= now < e for s, e in self._around(window, now)):
                return window
        return None

    def _around(self, window: FocusWindow, now: datetime) -> Iterator[tuple[datetime, datetime]]:
        today = now.astimezone(self.zone).date()
        for day in (today - timedelta(days=1), today):
            yield from ((s, e) for s, e, w in self._day(day) if w is window)

    def _stable_interval(self, now: datetime) -> tuple[datetime, datetime]:
        """The stretch around `now` in which no window starts or ends (a cache key for window_at)."""
        edges, _ = self._horizon(now)
        k = bisect_right(edges, now)
        lo = edges[k - 1] if k > 0 and edges[k - 1] > now - timedelta(days=1) else now - timedelta(days=1)
        hi = edges[k] if k < len(edges) and edges[k] < now + timedelta(days=1) else now + timedelta(days=1)
        return lo, hi

    def in_focus(self, now: datetime) -> bool:
        return self.window_at(now) is not None

    def next_boundary(self, after: datetime) -> datetime | None:
        """The next moment strictly after `after` at which some window starts or ends."""
        after = utc(after)
        edges, _ = self._horizon(after)
        k = bisect_right(edges, after)
        return edges[k] if k < len(edges) else None

    def focus_ends(self, after: datetime) -> Iterator[datetime]:
        """Breakpoints strictly after `after`, in order: moments at which focus ends."""
        after = utc(after)
        _, breaks = self._horizon(after)
        yield from breaks[bisect_right(breaks, after) :]

    def focus_end(self, now: datetime) -> datetime | None:
        """When the focus `now` is in ends (following adjoining windows); None outside focus."""
        if not self.in_focus(now):
            return None
        return next(self.focus_ends(now), None)

    def next_scheduled_checkin(self, after: datetime) -> datetime | None:
        after = utc(after)
        return min((next_clock_time(c, after, self.zone) for c in self.checkins), default=None)


def parse_clock(text: str) -> time:
    """'9:05', '09:05' or '24:00' (= midnight at the end of the day) to a time."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"expected a clock time like 09:30, got {text!r}")
    h, m = int(hours), int(minutes)
    if (h, m) == (24, 0):
        return MIDNIGHT
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"no such clock time: {text!r}")
    return time(h, m)


def parse_days(names: Sequence[str]) -> frozenset[int]:
    """mon…sun, 'weekdays', 'weekends', 'daily'; also ranges like 'mon-fri' and lists in one
    string ('mon, fri', as `days: mon, fri` reads in YAML). A day is its name or a start of it of
    two letters or more (mo, tue, thurs); a word that merely begins like one ('monkey') is an error."""
    days: set[int] = set()
    if not names:
        raise ValueError("no days given (expected mon…sun, weekdays, weekends or daily)")
    for raw in names:
        for part in raw.split(","):
            days |= _days_of(part.strip().lower(), raw)
    return frozenset(days)


def _days_of(name: str, raw: str) -> set[int]:
    if name in ("daily", "every day", "all"):
        return set(EVERY_DAY)
    if name in ("weekdays", "weekday"):
        return set(range(5))
    if name in ("weekends", "weekend"):
        return {5, 6}
    for sep in ("–", " to ", "-"):
        if sep in name:
            first, _, last = name.partition(sep)
            a, b = _day_index(first.strip(), raw), _day_index(last.strip(), raw)
            return {(a + i) % 7 for i in range((b - a) % 7 + 1)}
    return {_day_index(name, raw)}


_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_index(name: str, raw: str) -> int:
    for index, full in enumerate(_FULL_DAY_NAMES):
        if (len(name) >= 2 and full.startswith(name)) or (name, index) == ("weds", 2):
            return index
    raise ValueError(f"unknown day {raw!r} (expected mon…sun, weekdays, weekends or daily)")


def parse_span(text: str) -> Span:
    """'09:00-12:00' (also with an en dash or 'to')."""
    for sep in ("–", " to ", "-"):
        if sep in text:
            start, _, end = text.partition(sep)
            return Span(parse_clock(start), parse_clock(end))
    raise ValueError(f"expected a time span like 09:00-12:00, got {text!r}")
