"""Events to an .ics file, the way a calendar app would store them: for generated weeks and tests.

bench/make_week.py writes the calendar behind a generated week's reminders beside the week
(`--ics`), so `rules simulate --calendar` replays the meetings too. Occurrences of one event at
the same local time and length on several days are written as one recurring VEVENT (a daily
RRULE with an EXDATE for each day it skips), so the file exercises the same recurrence path as
a real calendar; the zone goes in as a VTIMEZONE.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from hashlib import sha1
from zoneinfo import ZoneInfo

import icalendar

from notifyzen.core.meetings import Event


def to_ics(events: Iterable[Event], zone: ZoneInfo) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//notifyzen//generated week//EN")
    calendar.add("VERSION", "2.0")
    groups: dict[tuple[str, time, timedelta, bool, bool], list[Event]] = defaultdict(list)
    for e in events:
        start, end = e.start.astimezone(zone), e.end.astimezone(zone)
        groups[(e.title, start.time(), end - start, e.focus, start.time() == end.time())].append(e)
    for (title, _, length, focus, whole_days), occurrences in groups.items():
        occurrences.sort(key=lambda e: e.start)
        first = occurrences[0].start.astimezone(zone)
        vevent = icalendar.Event()
        vevent.add("UID", sha1(f"{title}{first.isoformat()}".encode()).hexdigest() + "@notifyzen")
        vevent.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))
        vevent.add("SUMMARY", title)
        all_day = whole_days and first.time().hour == 0 and first.time().minute == 0
        vevent.add("DTSTART", first.date() if all_day else first)
        vevent.add("DTEND", (first + length).date() if all_day else first + length)
        if not focus:
            vevent.add("TRANSP", "TRANSPARENT")
        if len(occurrences) > 1 and not all_day:
            days = {o.start.astimezone(zone).date() for o in occurrences}
            last = occurrences[-1].start.astimezone(zone)
            vevent.add("RRULE", {"FREQ": "DAILY", "UNTIL": last.astimezone(ZoneInfo("UTC"))})
            day = first.date()
            while day < last.date():
                day += timedelta(days=1)
                if day not in days:
                    vevent.add("EXDATE", datetime.combine(day, first.time(), tzinfo=zone))
            calendar.add_component(vevent)
        else:
            calendar.add_component(vevent)
            for other in occurrences[1:]:
                calendar.add_component(_single(other, zone, focus))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _single(e: Event, zone: ZoneInfo, focus: bool) -> icalendar.Event:
    start, end = e.start.astimezone(zone), e.end.astimezone(zone)
    vevent = icalendar.Event()
    vevent.add("UID", sha1(f"{e.title}{start.isoformat()}".encode()).hexdigest() + "@notifyzen")
    vevent.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))
    vevent.add("SUMMARY", e.title)
    whole = start.time() == end.time() == start.time().replace(hour=0, minute=0)
    vevent.add("DTSTART", start.date() if whole else start)
    vevent.add("DTEND", end.date() if whole else end)
    if not focus:
        vevent.add("TRANSP", "TRANSPARENT")
    return vevent
