"""ISO 8601 weeks ("2026-W47"), the unit the weekly report and its week chooser count in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True, order=True, slots=True)
class IsoWeek:
    """An ISO 8601 week ("2026-W47"): Monday to Sunday, as the user's calendar shows it."""

    year: int
    week: int

    def __post_init__(self) -> None:
        date.fromisocalendar(self.year, self.week, 1)  # raises ValueError for 2026-W54 etc.

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """2026-W47, also 2026-w47 and 2026W47, as people and `date +%G-W%V` write it."""
        match = re.fullmatch(r"\s*(\d{4})-?W(\d{1,2})\s*", text, flags=re.IGNORECASE)
        if match is None:
            raise ValueError(f"expected an ISO week like 2026-W47, got {text!r}")
        try:
            return cls(int(match[1]), int(match[2]))
        except ValueError:
            weeks = date(int(match[1]), 12, 28).isocalendar().week  # the 28th is always in the last week
            raise ValueError(f"there is no week {text.strip()}: {match[1]} has {weeks} weeks") from None

    @classmethod
    def containing(cls, moment: date) -> IsoWeek:
        iso = moment.isocalendar()
        return cls(iso.year, iso.week)

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=i) for i in range(7))

    def previous(self) -> IsoWeek:
        return IsoWeek.containing(self.monday - timedelta(days=7))

    def next(self) -> IsoWeek:
        return IsoWeek.containing(self.monday + timedelta(days=7))

    def bounds(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """Monday 00:00 to the next Monday 00:00 in `tz` (aware; 167 to 169 hours long).

        Raises ValueError for a week at the very end of the calendar (9999-W52)."""
        try:
            start, end = midnight(self.monday, tz), midnight(self.monday + timedelta(days=7), tz)
            start.astimezone(UTC), end.astimezone(UTC)  # what every reader of the bounds will do
        except OverflowError:
            raise ValueError(f"the week {self} is outside the calendar notifyzen can read") from None
        return start, end


def midnight(day: date, tz: tzinfo) -> datetime:
    """Local midnight. In the few zones that skip 00:00 on a change day, fold=0 reads it with the
    offset from before the change: an hour off, but still between the two days."""
    return datetime.combine(day, time(0), tz)
