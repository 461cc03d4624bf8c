"""Weeks in English, Dutch and German, worded as the apps word them (issue 17).

`weekgen.generate_week(..., language="nl")` replaces the classic week's calendar, calls and chats
with these: reminders from Thunderbird, KDE's reminder daemon (KOrganizer, Merkuro), GNOME
Calendar, Google Calendar and Samsung Calendar on the phone; missed and ringing calls from the
phone's dialer; one-time codes from the phone's Messages, GitHub and Google; chats on Signal,
WhatsApp, Telegram and Slack, sent the ways those apps send them (Signal's desktop app without the
`im` category and without a sender, the phone's conversations with their title as the sender, as
KDE Connect's intake sets it, group chats and a Slack channel that name the writer in the text).

Where the words come from (the apps' own translations):
- Missed and incoming calls: AOSP Dialer as GrapheneOS ships it (GrapheneOS/
  platform_packages_apps_Dialer): java/com/android/dialer/app/res/values{,-nl,-de}/strings.xml,
  notification_missedCallTitle = "Missed call" / "Gemiste oproep" / "Entgangener Anruf", and
  java/com/android/incallui/res/values{,-nl,-de}/strings.xml, notification_incoming_call =
  "Incoming call" / "Inkomende oproep" / "Eingehender Anruf".
- Thunderbird: its reminder notification is the event's title over its description
  (mozilla/releases-comm-central, calendar/base/src/CalAlarmMonitor.sys.mjs); its alarm words
  are alarm-today-at "Today at { $datetime }" (calendar/locales/en-US/calendar/calendar.ftl),
  "Vandaag om" (Thunderbird's nl calendar l10n, as in BrowserWorks/Waterfox
  browser/locales/l10n/nl/calendar/chrome/calendar/calendar.properties, and nl calendar.ftl) and
  "Heute um" (de calendar.ftl), and its alarm window "herinnering" / "Erinnerung". The
  "Herinnering: Stand-up" / "Begint over 5 minuten (09:30)" form is as issue 17 quotes it.
- Google Calendar on the phone: "Over 5 minuten, 09:30" as quoted in issue 17 (its German
  "In 5 Minuten, 09:30" and English "In 5 minutes, 09:30" follow the same template).
- One-time codes: the texts quoted in issue 17 ("Je DigiD sms-code is: 482913", "GitHub
  authentication code: 905 117") and Google's "G-482913 is je Google-verificatiecode.".

Every notification carries its ground truth in the hint `x-weekgen-kind` (reminder, reminder.late,
code, call.ringing, call.missed), which nothing in notifyzen reads: tests count what should have
come through without asking the recogniser they test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from notifyzen.core.meetings import Event as CalendarEvent
from notifyzen.core.model import Notification, Source
from notifyzen.core.weekgen_day import (
    FAMILY_WEEKDAY,
    FAMILY_WEEKEND,
    NEWS,
    WORK,
    Day,
    notification,
    poisson,
    second_of_day,
)

KIND = "x-weekgen-kind"
PACKAGE = "x-android-package"
PHONE = "Pixel 7"
LANGUAGES = ("en", "nl", "de")


@dataclass(frozen=True, slots=True)
class Words:
    """One language's wording of everything the apps say in a language week."""

    mum: str
    dad: str
    family: str
    book_club: str
    climbing: str
    chat: tuple[str, ...]
    work: tuple[str, ...]
    phone_app: str
    missed: str
    incoming: str
    sms_app: str
    calendar_app: str  # KDE's, GNOME's and Samsung's calendar as the desktop or phone names it
    google_calendar: str
    thunderbird_title: str  # "{title}"
    thunderbird_body: str  # "{m}" minutes, "{hhmm}"
    thunderbird_late: str
    thunderbird_today: str  # alarm-today-at
    gnome_body: str
    google_body: str
    digid: str  # "{code}"
    bank: str
    google_code: str
    meetings: tuple[str, ...]


WORDS: dict[str, Words] = {
    "en": Words(
        mum="Mum",
        dad="Dad",
        family="Family 👨‍👩‍👧",
        book_club="Book club",
        climbing="Climbing crew",
        chat=("Lunch at 1?", "ok 👍", "on my way", "haha", "sure", "I'll be late, sorry", "thanks!",
              "can you pick up bread?", "Photo", "see you tonight", "where are the keys?"),
        work=("got a minute?", "can you review !482?", "LGTM", "I pushed a fix", "ack", "docs updated"),
        phone_app="Phone",
        missed="Missed call",
        incoming="Incoming call",
        sms_app="Messages",
        calendar_app="Calendar",
        google_calendar="Google Calendar",
        thunderbird_title="Reminder: {title}",
        thunderbird_body="Starts in {m} minutes ({hhmm})",
        thunderbird_late="Started 5 minutes ago ({hhmm})",
        thunderbird_today="Today at {hhmm}",
        gnome_body="Today at {hhmm}",
        google_body="In {m} minutes, {hhmm}",
        digid="Your DigiD SMS code is: {code}",
        bank="Your verification code is {code}. Never share it.",
        google_code="G-{code} is your Google verification code.",
        meetings=("Stand-up", "1:1 with Priya", "Architecture review", "Sprint planning", "Retro"),
    ),
    "nl": Words(
        mum="Mama",
        dad="Papa",
        family="Familie 👨‍👩‍👧",
        book_club="Boekenclub",
        climbing="Klimclub",
        chat=("Lunch om 1?", "oké 👍", "ben onderweg", "haha", "prima", "ik ben wat later, sorry",
              "dank je!", "wil je brood meenemen?", "Foto", "tot vanavond", "waar zijn de sleutels?"),
        work=("heb je even?", "kun je !482 reviewen?", "LGTM", "fix staat erop", "ack", "docs bijgewerkt"),
        phone_app="Telefoon",
        missed="Gemiste oproep",
        incoming="Inkomende oproep",
        sms_app="Berichten",
        calendar_app="Agenda",
        google_calendar="Google Agenda",
        thunderbird_title="Herinnering: {title}",
        thunderbird_body="Begint over {m} minuten ({hhmm})",
        thunderbird_late="Begon 5 minuten geleden ({hhmm})",
        thunderbird_today="Vandaag om {hhmm}",
        gnome_body="Vandaag om {hhmm}",
        google_body="Over {m} minuten, {hhmm}",
        digid="Je DigiD sms-code is: {code}",
        bank="Je verificatiecode is {code}. Deel deze code met niemand.",
        google_code="G-{code} is je Google-verificatiecode.",
        meetings=("Stand-up", "1-op-1 met Priya", "Architectuuroverleg", "Sprintplanning", "Retro"),
    ),
    "de": Words(
        mum="Mama",
        dad="Papa",
        family="Familie 👨‍👩‍👧",
        book_club="Buchclub",
        climbing="Kletterclub",
        chat=("Mittag um 1?", "ok 👍", "bin unterwegs", "haha", "klar", "ich komme später, sorry",
              "danke!", "kannst du Brot mitbringen?", "Foto", "bis heute Abend", "wo sind die Schlüssel?"),
        work=("hast du kurz Zeit?", "kannst du !482 reviewen?", "LGTM", "Fix ist drin", "ack",
              "Doku aktualisiert"),
        phone_app="Telefon",
        missed="Entgangener Anruf",
        incoming="Eingehender Anruf",
        sms_app="Nachrichten",
        calendar_app="Kalender",
        google_calendar="Google Kalender",
        thunderbird_title="Erinnerung: {title}",
        thunderbird_body="Beginnt in {m} Minuten ({hhmm})",
        thunderbird_late="Begann vor 5 Minuten ({hhmm})",
        thunderbird_today="Heute um {hhmm}",
        gnome_body="Heute um {hhmm}",
        google_body="In {m} Minuten, {hhmm}",
        digid="Ihr Bestätigungscode lautet: {code}",
        bank="Dein Sicherheitscode ist {code}. Gib ihn niemals weiter.",
        google_code="G-{code} ist dein Google-Bestätigungscode.",
        meetings=("Stand-up", "1:1 mit Priya", "Architektur-Review", "Sprintplanung", "Retro"),
    ),
}  # fmt: skip

MEETING_MINUTES = (15, 30, 60, 60, 60)


@dataclass(frozen=True, slots=True)
class Chat:
    """Someone (or a group) writing, and how their app hands it to the desktop."""

    name: str  # a key into Words for the localised names, or a name as it is
    app: str
    source: Source
    entry: str | None
    package: str | None
    per_day: float
    weekend: float
    work: bool = False
    members: tuple[str, ...] = ()


CHATS = (
    Chat("Anke", "Signal", Source.DESKTOP, "signal-desktop", None, 2.2, 1.3),  # no im category, no sender
    Chat("Anke", "Signal", Source.PHONE, None, "org.thoughtcrime.securesms", 1.0, 1.6),
    Chat("mum", "WhatsApp", Source.PHONE, None, "com.whatsapp", 0.8, 1.5),
    Chat("family", "WhatsApp", Source.PHONE, None, "com.whatsapp", 0.9, 2.0, members=("mum", "dad", "Jonas")),
    Chat("book_club", "WhatsApp", Source.PHONE, None, "com.whatsapp", 0.4, 2.0, members=("Sam", "Mia")),
    Chat("Jonas", "Telegram Desktop", Source.DESKTOP, "org.telegram.desktop", None, 0.7, 1.5),
    Chat("climbing", "Telegram", Source.PHONE, None, "org.telegram.messenger", 0.4, 3.0,
         members=("Sam", "Yusuf")),
    Chat("Priya Raman", "Slack", Source.DESKTOP, "com.slack.Slack", None, 3.0, 0.0, work=True),
    Chat("Tomasz Nowak", "Slack", Source.DESKTOP, "com.slack.Slack", None, 2.2, 0.0, work=True),
    Chat("#team-backend", "Slack", Source.DESKTOP, "com.slack.Slack", None, 4.0, 0.0, work=True,
         members=("Priya Raman", "Tomasz Nowak", "Lena Fischer")),
)  # fmt: skip


def _name(w: Words, key: str) -> str:
    value = getattr(w, key, None)
    return value if isinstance(value, str) else key


def _note(app: str, summary: str, body: str, **kw: object) -> Callable[..., Notification]:
    return notification(app, summary, body, **kw)


def _phone(package: str, kind: str | None = None) -> dict[str, object]:
    hints = {PACKAGE: package} | ({KIND: kind} if kind else {})
    return {"source": Source.PHONE, "device": PHONE, "hints": hints}


def conversations(d: Day, w: Words) -> None:

    rng = d.rng
    for c in CHATS:
        if c.work and d.weekend:
            continue
        profile = WORK if c.work else (FAMILY_WEEKEND if d.weekend else FAMILY_WEEKDAY)
        for _ in range(d.count(c.per_day * (c.weekend if d.weekend else 1.0))):
            second = second_of_day(rng, profile)
            for _ in range(1 + min(poisson(rng, 1.6 if c.members else 1.2), 9)):
                text = rng.choice(w.work if c.work else w.chat)
                title = _name(w, c.name)
                body = f"{_name(w, rng.choice(c.members))}: {text}" if c.members else text
                if c.source is Source.PHONE:  # KDE Connect's intake: the conversation title is the sender
                    extra = _phone(c.package or "") | {"sender": title}
                else:  # as the desktop apps send it: summary only, no category, no sender hint
                    extra = {"desktop_entry": c.entry}
                d.add(second, _note(c.app, title, body, **extra))
                second += rng.expovariate(1 / 70) + 4


def calls(d: Day, w: Words) -> None:
    """The dialer's own words, no call category and no sender: only the phrase says it is a call.
    Some ring while the user is there (ringing); a missed caller tries again within minutes now and
    then (the default's repeated contact)."""

    rng = d.rng
    dialer = "com.google.android.dialer"
    for call in range(d.count(0.6 if d.weekend else 0.5) + d.eventful):
        caller = rng.choice((w.mum, "Anke", w.dad, "+49 30 1234567", "Priya Raman"))
        second = second_of_day(rng, FAMILY_WEEKEND if d.weekend else FAMILY_WEEKDAY)
        if rng.random() < 0.4:
            d.add(second, _note(w.phone_app, w.incoming, caller, **_phone(dialer, "call.ringing")))
            second += 30
        tries = 2 if (call == 0 and d.eventful) or rng.random() < 0.3 else 1
        for t in range(tries):
            kind = "call.missed.again" if t else "call.missed"
            d.add(second, _note(w.phone_app, w.missed, caller, **_phone(dialer, kind)))
            second += rng.uniform(40, 170)


def calendar(d: Day, w: Words) -> None:
    """Reminders 5-15 minutes before each meeting, from one of five calendar apps (Thunderbird in two
    forms); now and then one snoozed past the start (late: held as usual)."""
    rng = d.rng
    if d.weekend:
        return
    slots = range(10 * 60, 17 * 60, 30)
    starts = [9 * 60 + 30, *sorted(rng.sample(slots, min(d.count(1.5), len(slots))))]
    for start in starts:
        i = 0 if start == 9 * 60 + 30 else rng.randrange(1, len(w.meetings))
        title, minutes = w.meetings[i], MEETING_MINUTES[i]
        d.meetings.append(CalendarEvent(d.at(start * 60), d.at((start + minutes) * 60), title, "Work"))
        lead = rng.choice((5, 10, 15))
        hhmm = f"{start // 60:02d}:{start % 60:02d}"
        end = start + minutes
        span = f"{hhmm} - {end // 60:02d}:{end % 60:02d}"
        late = rng.random() < 0.1
        kind = "reminder.late" if late else "reminder"
        at = (start + 5 if late else start - lead) * 60
        app = rng.randrange(6)
        if app == 0 or late:
            body = (w.thunderbird_late if late else w.thunderbird_body).format(m=lead, hhmm=hhmm)
            n = _note(
                "Thunderbird",
                w.thunderbird_title.format(title=title),
                body,
                desktop_entry="org.mozilla.Thunderbird",
                hints={KIND: kind},
            )
        elif app == 1:
            n = _note(w.calendar_app, title, span, desktop_entry="org.kde.kalendarac", hints={KIND: kind})
        elif app == 2:
            body = w.gnome_body.format(hhmm=hhmm)
            n = _note(w.calendar_app, title, body, desktop_entry="org.gnome.Calendar", hints={KIND: kind})
        elif app == 3:
            body = w.google_body.format(m=lead, hhmm=hhmm)
            phone = _phone("com.google.android.calendar", kind) | {"sender": title}
            n = _note(w.google_calendar, title, body, **phone)
        elif app == 4:
            phone = _phone("com.samsung.android.calendar", kind) | {"sender": title}
            n = _note(w.calendar_app, title, span, **phone)
        else:  # Thunderbird's own notification: the title over its alarm's time
            body = w.thunderbird_today.format(hhmm=hhmm)
            n = _note("Thunderbird", title, body, desktop_entry="org.mozilla.Thunderbird", hints={KIND: kind})
        d.add(at, n)


def codes(d: Day, w: Words) -> None:
    """One-time codes while logging in: texted by a sender id, mailed by GitHub, Google's form."""

    rng = d.rng
    for _ in range(d.count(1.2)):
        digits = f"{rng.randrange(10**6):06d}"
        second = second_of_day(rng, NEWS)
        form = rng.randrange(4)
        if form == 0:
            sms = _phone("com.google.android.apps.messaging", "code") | {"sender": "DigiD"}
            n = _note(w.sms_app, "DigiD", w.digid.format(code=digits), **sms)
        elif form == 1:
            sms = _phone("com.google.android.apps.messaging", "code") | {"sender": "ING"}
            n = _note(w.sms_app, "ING", w.bank.format(code=digits), **sms)
        elif form == 2:
            body = f"GitHub authentication code: {digits[:3]} {digits[3:]}"
            n = _note(
                "Thunderbird",
                "GitHub",
                body,
                desktop_entry="org.mozilla.Thunderbird",
                category="email.arrived",
                hints={KIND: "code"},
            )
        else:
            sms = _phone("com.google.android.apps.messaging", "code") | {"sender": "22395"}
            n = _note(w.sms_app, "22395", w.google_code.format(code=digits), **sms)
        d.add(second, n)
