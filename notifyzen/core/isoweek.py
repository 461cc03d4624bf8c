"""ISO 8601 weeks ("2026-W47"), the unit the weekly report and its week chooser count in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True, order=True, slots=True)
class IsoWeek:
    """An ISO 8601 week ("2026-W47"): Monday to Sunday, as the user's calendar shows it."""

    year: int
    week: int

    def __post_init__(self) -> None:
        date.fromisocalendar(self.year, self.week, 1)  # raises ValueError for 2026-W54 etc.

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        try:
            year, _, week = text.strip().upper().partition("-W")
            return cls(int(year), int(week))
        except ValueError:
            raise ValueError(f"not an ISO week like 2026-W47: {text!r}") from None

    @classmethod
    def containing(cls, moment: date) -> IsoWeek:
        iso = moment.isocalendar()
        return cls(iso.year, iso.week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

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
        """Monday 00:00 to the next Monday 00:00 in `tz` (aware; 167 to 169 hours long)."""
        return midnight(self.monday, tz), midnight(self.monday + timedelta(days=7), tz)


def midnight(day: date, tz: tzinfo) -> datetime:
    """Local midnight. In the few zones that skip 00:00 on a change day, fold=0 reads it with the
    offset from before the change: an hour off, but still between the two days."""
    return datetime.combine(day, time(0), tz)
