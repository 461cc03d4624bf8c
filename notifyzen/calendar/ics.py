"""iCalendar data to plain events for a horizon: recurrence, exceptions, zones, and what a meeting is.

Every source (an .ics file, a vdir, Evolution's calendar.ics, Thunderbird's SQLite store) ends up
as `icalendar.Calendar` objects and comes through here, so "is this a meeting?" is answered once.

Libraries, and why (docs/calendar.md): `icalendar` parses RFC 5545 text and its VTIMEZONEs;
`recurring-ical-events` expands RRULE/RDATE/EXDATE with the RECURRENCE-ID overrides (a moved or
renamed occurrence), in the event's own zone, so the weekly standup stays at 09:30 across a DST
change. Getting that right by hand is most of a calendar app's bug tracker.

A meeting, by default: busy (not TRANSP:TRANSPARENT), timed (not all-day), not cancelled, and not
declined by you (your address among the attendees with PARTSTAT=DECLINED). Tentative ones count
unless the calendar says `tentative: false`. Each is a setting per calendar (config.yaml
`calendars:`). Events that are no meeting still count for reminders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
import recurring_ical_events

from notifyzen.core.config import CalendarSettings
from notifyzen.core.meetings import Event


def parse(data: bytes | str) -> list[icalendar.Calendar]:
    """The calendars in one file's text (a file may hold several VCALENDARs). Raises ValueError."""
    return list(icalendar.Calendar.from_ical(data, multiple=True))


def expand(
    calendars: Iterable[icalendar.Calendar],
    settings: CalendarSettings,
    start: datetime,
    end: datetime,
    zone: tzinfo,
    name: str | None = None,
) -> Iterator[Event]:
    """Every occurrence overlapping [start, end) of every VEVENT, as plain events of calendar `name`
    (default: the setting's name). Floating times and all-day dates are read on the user's clock
    (`zone`), as the calendar app shows them; cancelled events and occurrences are left out."""
    label = name or settings.name
    for calendar in calendars:
        for occurrence in recurring_ical_events.of(calendar).between(start, end):
            if occurrence.name != "VEVENT" or _text(occurrence.get("STATUS")).upper() == "CANCELLED":
                continue
            event = _event(occurrence, settings, zone, label)
            if event is not None and event.end > start and event.start < end:
                yield event


def _event(component: Any, settings: CalendarSettings, zone: tzinfo, label: str) -> Event | None:
    begin = component.get("DTSTART")
    if begin is None:
        return None
    first = begin.dt
    finish = component.get("DTEND")
    all_day = not isinstance(first, datetime)
    if finish is not None:
        last = finish.dt
    elif component.get("DURATION") is not None:
        last = first + component.get("DURATION").dt
    else:  # RFC 5545: a date lasts the day, a date-time with neither is a moment
        last = first + timedelta(days=1) if all_day else first
    start, stop = _instant(first, zone), _instant(last, zone)
    title = _text(component.get("SUMMARY")).strip() or "(no title)"
    meeting = (
        start < stop
        and (settings.all_day or not all_day)
        and (not settings.busy_only or _busy(component))
        and (settings.declined or _answer(component, settings.me) != "DECLINED")
        and (settings.tentative or not _tentative(component, settings.me))
    )
    return Event(start, stop, title, label, focus=meeting, preset=settings.preset)


def _instant(value: date | datetime, zone: tzinfo) -> datetime:
    """An aware instant: a date is local midnight; a floating date-time is on the user's clock."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=zone)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _busy(component: Any) -> bool:
    if _text(component.get("TRANSP")).upper() == "TRANSPARENT":
        return False
    # Outlook and Exchange exports say "free" here and leave TRANSP out
    return _text(component.get("X-MICROSOFT-CDO-BUSYSTATUS")).upper() not in ("FREE", "WORKINGELSEWHERE")


def _answer(component: Any, me: tuple[str, ...]) -> str:
    """Your own PARTSTAT among the attendees (you are known by `me`, your addresses); "" if none."""
    if not me:
        return ""
    attendees = component.get("ATTENDEE")
    if attendees is None:
        return ""
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        address = str(attendee).strip().casefold().removeprefix("mailto:")
        if address in me:
            return _text(attendee.params.get("PARTSTAT")).upper()
    return ""


def _tentative(component: Any, me: tuple[str, ...]) -> bool:
    """Tentative: the event's STATUS, Outlook's busy status, or your own answer says so."""
    return (
        _text(component.get("STATUS")).upper() == "TENTATIVE"
        or _text(component.get("X-MICROSOFT-CDO-BUSYSTATUS")).upper() == "TENTATIVE"
        or _answer(component, me) == "TENTATIVE"
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)
