"""A made-up but lived-in week of notifications, the same every time for the same seed.

The simulator's figures, the demo, the report's screenshots and the benchmarks all need a week
that looks like a real one: family and friends writing in bursts on Signal, WhatsApp and Telegram,
colleagues on Slack and by mail during working hours, calendar reminders before meetings, CI
pipelines after pushes, news and Strava on the phone, an update notice, a repeated call now and
then, a battery running low. Nights are quiet, weekends have no work in them, and the user is at
the desk (active) or away (idle) in sessions, so breakpoint check-ins replay too.

Pure: times are built on the local wall clock of the given time zone (09:30 stays 09:30 across a
DST change) and only `random.Random(seed)` supplies chance, so a seed is a week.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from notifyzen.core.meetings import Event as CalendarEvent
from notifyzen.core.model import Notification, Source, Urgency
from notifyzen.core.stream import Event, Presence
from notifyzen.core.weekgen_day import (
    EVENING,
    FAMILY_WEEKDAY,
    FAMILY_WEEKEND,
    NEWS,
    WORK,
    Day,
    notification,
    poisson,
    second_of_day,
)

PHONE = "Pixel 7"


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone who writes to the user, and where their messages show up."""

    name: str
    app: str
    source: Source
    desktop_entry: str | None
    per_day: float  # conversations started per day
    weekend_factor: float
    work: bool = False  # only on working days, in working hours
    group_members: tuple[str, ...] = ()  # a group chat: the body names who wrote


CONTACTS = (
    Contact("Anke", "Signal", Source.DESKTOP, "signal-desktop", 2.2, 1.3),
    Contact("Anke", "Signal", Source.PHONE, None, 1.0, 1.6),
    Contact("Mum", "WhatsApp", Source.PHONE, None, 0.8, 1.5),
    Contact("Family", "WhatsApp", Source.PHONE, None, 0.9, 2.0, group_members=("Mum", "Dad", "Jonas")),
    Contact("Jonas", "Telegram Desktop", Source.DESKTOP, "org.telegram.desktop", 0.7, 1.5),
    Contact("Sam", "Signal", Source.PHONE, None, 0.5, 2.5),
    Contact("Climbing crew", "Telegram", Source.PHONE, None, 0.4, 3.0, group_members=("Sam", "Yusuf", "Mia")),
    Contact("Priya Raman", "Slack", Source.DESKTOP, "com.slack.Slack", 3.0, 0.0, work=True),
    Contact("Tomasz Nowak", "Slack", Source.DESKTOP, "com.slack.Slack", 2.2, 0.0, work=True),
    Contact("Lena Fischer", "Slack", Source.DESKTOP, "com.slack.Slack", 1.2, 0.0, work=True),
    Contact(
        "#team-backend",
        "Slack",
        Source.DESKTOP,
        "com.slack.Slack",
        4.0,
        0.0,
        work=True,
        group_members=("Priya Raman", "Tomasz Nowak", "Marco Rossi", "Lena Fischer"),
    ),
)

CHAT_LINES = (
    "Lunch at 1?",
    "ok 👍",
    "on my way",
    "can you call me when you have a minute?",
    "haha",
    "did you see this?",
    "sure",
    "I'll be late, sorry",
    "what time tomorrow?",
    "🙂",
    "thanks!",
    "can you pick up bread?",
    "look at this photo",
    "Photo",
    "Voice message (0:14)",
    "yes",
    "no worries",
    "where are the keys?",
    "sounds good",
    "let me check",
    "see you tonight",
)
WORK_LINES = (
    "got a minute?",
    "the migration is done",
    "can you review !482?",
    "standup moved to 10",
    "LGTM",
    "I pushed a fix",
    "prod looks fine again",
    "are you joining the call?",
    "ack",
    "can you take this one?",
    "ticket is NZ-311",
    "docs updated",
    "thanks!",
    "will do",
)
MAIL_PEOPLE = ("Priya Raman", "Marco Rossi", "Lena Fischer", "Helga Brandt (HR)", "Dad", "Tax office")
MAIL_SUBJECTS = (
    "Re: Q4 planning",
    "Minutes from Tuesday",
    "Re: your leave request",
    "Invoice 2026-114",
    "Fwd: photos from the weekend",
    "Re: architecture review",
    "Offsite dates",
    "Quick question",
)
MAIL_ROBOTS = (
    ("GitLab", "Merge request !{n} was approved"),
    ("Amazon", "Your parcel is out for delivery"),
    ("LWN.net", "LWN.net Weekly Edition"),
    ("Deutsche Bahn", "Your ticket for tomorrow"),
    ("Nextcloud", "Daily activity summary"),
    ("Jira", "NZ-{n} was assigned to you"),
    ("Newsletter", "This week in Linux audio"),
)
HEADLINES = (
    "Storm warning for the north coast",
    "Central bank holds rates",
    "Rail strike called off",
    "Election: first results in",
    "Champions League: late winner",
    "Markets close higher",
    "New climate report published",
    "Power outage hits 20,000 homes",
    "Ferry service resumes",
)


def _conversations(d: Day) -> None:
    for c in CONTACTS:
        if c.work and d.weekend:
            continue
        per_day = c.per_day * (c.weekend_factor if d.weekend else 1.0)
        profile = WORK if c.work else (FAMILY_WEEKEND if d.weekend else FAMILY_WEEKDAY)
        for _ in range(d.count(per_day)):
            _thread(d, c, second_of_day(d.rng, profile))


def _thread(d: Day, c: Contact, second: float) -> None:
    """A burst: a few messages seconds to minutes apart, the way people actually type."""
    rng = d.rng
    messages = 1 + min(poisson(rng, 1.6 if c.group_members else 1.2), 9)
    lines = WORK_LINES if c.work else CHAT_LINES
    device = PHONE if c.source is Source.PHONE else None
    for _ in range(messages):
        text = rng.choice(lines)
        body = f"{rng.choice(c.group_members)}: {text}" if c.group_members else text
        d.add(
            second,
            notification(
                c.app,
                c.name,
                body,
                source=c.source,
                sender=c.name,
                desktop_entry=c.desktop_entry,
                device=device,
                category="im.received" if c.source is Source.DESKTOP else None,
            ),
        )
        second += rng.expovariate(1 / 70) + 4


def _calls(d: Day) -> None:
    """Missed calls; one in three callers tries again within a few minutes."""
    calls = d.count(0.5 if d.weekend else 0.4)
    for call in range(calls + d.eventful):
        caller = d.rng.choice(("Mum", "Anke", "Dad", "+49 30 1234567", "Priya Raman"))
        second = second_of_day(d.rng, FAMILY_WEEKEND if d.weekend else FAMILY_WEEKDAY)
        tries = 2 if call == calls or d.rng.random() < 0.3 else 1
        for _ in range(tries):
            d.add(
                second,
                notification(
                    "Phone",
                    "Missed call",
                    caller,
                    source=Source.PHONE,
                    sender=caller,
                    device=PHONE,
                    category="call.unanswered",
                ),
            )
            second += d.rng.uniform(40, 170)


def _mail(d: Day) -> None:
    rng = d.rng
    for _ in range(d.count(1.0 if d.weekend else 7.0)):
        who = rng.choice(MAIL_PEOPLE)
        d.add(
            second_of_day(rng, FAMILY_WEEKEND if d.weekend else WORK),
            notification(
                "Thunderbird",
                who,
                rng.choice(MAIL_SUBJECTS),
                sender=who,
                desktop_entry="org.mozilla.Thunderbird",
                category="email.arrived",
            ),
        )
    for _ in range(d.count(5.0 if d.weekend else 9.0)):
        robot, subject = rng.choice(MAIL_ROBOTS)
        d.add(
            second_of_day(rng, NEWS),
            notification(
                "Thunderbird",
                robot,
                subject.format(n=rng.randint(100, 999)),
                desktop_entry="org.mozilla.Thunderbird",
                category="email.arrived",
            ),
        )


# How long each meeting lasts, so the calendar behind the reminders draws nothing from the seed
# (the weeks, and every figure measured on them, stay what they were).
MEETING_MINUTES = {
    "Daily standup": 15,
    "1:1 with Priya": 30,
    "Architecture review": 60,
    "Sprint planning": 60,
    "Customer call": 45,
    "Retro": 60,
}


def _calendar(d: Day) -> None:
    """Reminders a quarter hour before the standup and the day's meetings; the meetings themselves
    go to `d.meetings` (weekend errands as all-day events, which are no meetings)."""
    if d.weekend:
        if d.rng.random() < 0.7:
            what = d.rng.choice(("Call Grandma", "Gym", "Bins out", "Water the plants"))
            d.add(
                second_of_day(d.rng, FAMILY_WEEKEND),
                notification("Calendar", what, "today", desktop_entry="org.kde.kalendarac"),
            )
            midnight = d.at(0)
            d.meetings.append(CalendarEvent(midnight, d.at(86400), what, "Home", focus=False))
        return
    slots = range(10 * 60, 17 * 60, 30)
    meetings = [9 * 60 + 30, *sorted(d.rng.sample(slots, min(d.count(1.5), len(slots))))]
    for start in meetings:
        title = (
            "Daily standup"
            if start == 9 * 60 + 30
            else d.rng.choice(
                ("1:1 with Priya", "Architecture review", "Sprint planning", "Customer call", "Retro")
            )
        )
        d.add(
            (start - 15) * 60,
            notification("Calendar", title, "in 15 minutes", desktop_entry="org.kde.kalendarac"),
        )
        d.meetings.append(
            CalendarEvent(d.at(start * 60), d.at((start + MEETING_MINUTES[title]) * 60), title, "Work")
        )


def _ci(d: Day) -> None:
    """Pipelines after pushes: one notice when it starts, one when it ends, mostly in the browser."""
    if d.weekend:
        return
    for _ in range(d.count(5.0)):
        second = second_of_day(d.rng, WORK)
        number = d.rng.randint(4000, 9999)
        d.add(
            second,
            notification(
                "Firefox", f"Pipeline #{number} running", "notifyzen · main", desktop_entry="firefox"
            ),
        )
        outcome = "passed" if d.rng.random() < 0.8 else "failed"
        d.add(
            second + d.rng.uniform(240, 900),
            notification(
                "Firefox", f"Pipeline #{number} {outcome}", "notifyzen · main", desktop_entry="firefox"
            ),
        )


def _apps(d: Day) -> None:
    rng, phone = d.rng, {"source": Source.PHONE, "device": PHONE}
    for _ in range(d.count(6.0)):
        d.add(second_of_day(rng, NEWS), notification("BBC News", rng.choice(HEADLINES), "", **phone))
    for _ in range(d.count(5.0 if d.weekend else 1.5)):
        who = rng.choice(("Jonas", "Sam", "Mia", "Anke"))
        what = rng.choice((f"{who} gave you kudos", f"{who} uploaded a run", f"{who} commented on your ride"))
        d.add(second_of_day(rng, EVENING), notification("Strava", what, "", **phone))
    d.add(7 * 3600 + rng.uniform(0, 1800), notification("Weather", "Rain from 14:00", "11 °C", **phone))
    if rng.random() < 0.8:
        d.add(
            19 * 3600 + rng.uniform(0, 7200),
            notification("Duolingo", "Keep your streak!", "5 minutes of Dutch?", **phone),
        )
    if rng.random() < 0.6:
        d.add(
            second_of_day(rng, NEWS),
            notification(
                "Discover",
                "Updates available",
                f"{rng.randint(3, 40)} packages can be updated",
                desktop_entry="org.kde.discover.notifier",
            ),
        )
    if rng.random() < 0.4:
        updated = f"{rng.randint(2, 9)} apps updated"
        d.add(second_of_day(rng, NEWS), notification("Google Play Store", updated, "", **phone))
    for _ in range(d.count(4.0)):
        d.add(
            second_of_day(rng, WORK if not d.weekend else NEWS),
            notification(
                "Nextcloud",
                "File synced",
                rng.choice(("notes.md", "invoice.pdf", "IMG_22.jpg")),
                desktop_entry="com.nextcloud.desktopclient.nextcloud",
            ),
        )


def _battery(d: Day) -> None:
    """A laptop running low is critical; the phone's own warning is forwarded as it is."""
    if d.eventful or d.rng.random() < 0.1:
        d.add(
            14 * 3600 + d.rng.uniform(0, 3 * 3600),
            notification(
                "Power Management",
                "Battery Low (9% Remaining)",
                "Plug in the charger",
                urgency=Urgency.CRITICAL,
                desktop_entry="org.kde.powerdevil",
                category="device",
            ),
        )
    if d.rng.random() < 0.25:
        d.add(
            20 * 3600 + d.rng.uniform(0, 3 * 3600),
            notification(
                "Android System", "Battery low", "15% remaining", **{"source": Source.PHONE, "device": PHONE}
            ),
        )


def _presence(d: Day) -> None:
    """At the desk in sessions: active when a session starts, idle when it ends."""
    rng = d.rng
    if d.weekend:
        sessions: list[tuple[float, float]] = [(10 * 3600, 11.5 * 3600)] if rng.random() < 0.5 else []
        if rng.random() < 0.5:
            sessions.append((20 * 3600, 22 * 3600))
    else:
        start = 8.6 * 3600 + rng.gauss(0, 900)
        lunch = 12.25 * 3600 + rng.gauss(0, 600)
        sessions = [
            (start, 10.5 * 3600 + rng.gauss(0, 600)),
            (10.75 * 3600 + rng.gauss(0, 300), lunch),
            (lunch + 2700 + rng.gauss(0, 300), 15.25 * 3600 + rng.gauss(0, 600)),
            (15.45 * 3600 + rng.gauss(0, 300), 17.75 * 3600 + rng.gauss(0, 1200)),
        ]
        if rng.random() < 0.5:
            sessions.append((20.5 * 3600 + rng.gauss(0, 900), 22 * 3600 + rng.gauss(0, 900)))
    for begin, end in sessions:
        if begin < end:
            d.events.append(Presence(d.at(begin), idle=False))
            d.events.append(Presence(d.at(end), idle=True))


PARTS = (_conversations, _calls, _mail, _calendar, _ci, _apps, _battery)


def _language_parts(language: str) -> tuple[Callable[[Day], None], ...]:
    """A language week (weekgen_l10n.py): its calendar, calls, codes and chats in the apps' own
    words; mail, CI, news and the battery as in the classic week."""
    from notifyzen.core import weekgen_l10n as l10n

    w = l10n.WORDS[language]
    return (
        lambda d: l10n.conversations(d, w),
        lambda d: l10n.calls(d, w),
        _mail,
        lambda d: l10n.calendar(d, w),
        lambda d: l10n.codes(d, w),
        _ci,
        _apps,
        _battery,
    )


def generate_days(
    first: date, days: int, tz: tzinfo, *, seed: int = 0, volume: float = 1.0, language: str | None = None
) -> list[Event]:
    """Every event of `days` local days from `first`, in time order (ties keep generation order).

    `language` ("en", "nl", "de"): a language week (weekgen_l10n.py) instead of the classic one."""
    return _generate(first, days, tz, seed, volume, language)[0]


def _generate(
    first: date, days: int, tz: tzinfo, seed: int, volume: float, language: str | None = None
) -> tuple[list[Event], list[CalendarEvent]]:
    rng = random.Random(seed)
    eventful = rng.randrange(days) if days else -1
    events: list[Event] = []
    meetings: list[CalendarEvent] = []
    parts = PARTS if language is None else _language_parts(language)
    for offset in range(days):
        d = Day(first + timedelta(days=offset), tz, rng, volume, offset == eventful)
        for part in parts:
            part(d)
        _presence(d)
        events.extend(d.events)
        meetings.extend(d.meetings)
    return sorted(events, key=lambda e: e.at.timestamp()), meetings  # by instant: October repeats an hour


def generate_calendar(
    monday: date,
    tz: tzinfo,
    *,
    seed: int = 0,
    volume: float = 1.0,
    size: int | None = None,
    language: str | None = None,
) -> list[CalendarEvent]:
    """The calendar behind `generate_week`'s reminders (same arguments, same week): each meeting
    starts a quarter hour after its reminder; the standup every weekday at 09:30."""
    if size is not None:  # the volume generate_week settles on for that size
        while (
            _notifications(generate_days(monday, 7, tz, seed=seed, volume=volume, language=language)) < size
        ):
            made = _notifications(generate_days(monday, 7, tz, seed=seed, volume=volume, language=language))
            volume *= 1.25 * size / max(made, 1)
    return _generate(monday, 7, tz, seed, volume, language)[1]


def generate_week(
    monday: date,
    tz: tzinfo,
    *,
    seed: int = 0,
    volume: float = 1.0,
    size: int | None = None,
    language: str | None = None,
) -> list[Event]:
    """A week from `monday` (about 500 notifications at volume 1); `size` asks for exactly that many.

    With `size`, the volume is raised until enough were made and a seeded sample is dropped, so
    the week keeps its shape (quiet nights, bursts) at any size.
    """
    events = generate_days(monday, 7, tz, seed=seed, volume=volume, language=language)
    if size is None:
        return events
    while _notifications(events) < size:
        volume *= 1.25 * size / max(_notifications(events), 1)
        events = generate_days(monday, 7, tz, seed=seed, volume=volume, language=language)
    extra = _notifications(events) - size
    indexes = [i for i, e in enumerate(events) if isinstance(e, Notification)]
    drop = set(random.Random(seed + 1).sample(indexes, extra))
    return [e for i, e in enumerate(events) if i not in drop]


def _notifications(events: Sequence[Event]) -> int:
    return sum(isinstance(e, Notification) for e in events)
