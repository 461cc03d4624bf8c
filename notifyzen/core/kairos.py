"""Kairos: what cannot wait, and who is a person, recognised by structure rather than English words.

A Dutch phone says "Gemiste oproep", a German Thunderbird "Beginnt in 5 Minuten", a bank texts
"Je DigiD sms-code is: 482913". A rule written in English words holds all of them. So this module
reads the *shape* of a notification, with the few function words each shape needs in the
languages notifyzen ships and the common European ones (en, nl, de, fr, es, it, pt, pl, and the
Nordic ones where cheap):

- a **reminder**: from a calendar or clock app (desktop entry, Android package, or its name in
  any of those languages), or headed by a reminder word, or opening with "in N minutes" / a clock
  time; it carries *when* the event starts if it says so, so the engine can tell "still ahead"
  from "already begun";
- a **one-time code**: 4-8 digits, maybe grouped ("905 117", "482-913"), tied to a code word by a
  colon or a copula ("code: 905 117", "code is 4821", "482913 is je code"), or texted by a sender
  that is no person (a short code, an alphanumeric sender id such as "DigiD" or "ING");
- a **call**: the call category, a dialer package, or "missed/incoming call" in those languages;
- a **person**: a sender, a chat category, or the summary of a known messenger (by desktop entry,
  package, or name), unless the conversation is a group or channel ("#team-backend", a title over
  "Mum: ok", "Family: Mum").

Every pattern runs on RE2 (linear in the text, whoever wrote it) and only on the first
`HEAD` characters of a field: the signals are at the start, and a 64 KB body costs no more than a
short one. Pure: the arrival time is the notification's, the zone and `now` are arguments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import re2

from notifyzen.core.callwords import GAP, INCOMING_WORD, MISSED_WORD, call_phrase
from notifyzen.core.model import Notification
from notifyzen.core.phone_match import DIALERS, conversation

HEAD = 400  # characters of a summary or body that are read
PACKAGE_HINT = "x-android-package"
REMINDER_LEAD = timedelta(hours=3)  # a clock time this far after arrival is "the event starts soon"
STARTED_GRACE = timedelta(minutes=2)  # "starts now" arriving a moment late is still ahead


def _re(pattern: str) -> re2._Regexp:
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 8 << 20  # the word lists in Unicode classes need a few MiB of DFA cache
    options.log_errors = False
    return re2.compile(pattern, options)


# --- who sends what: apps by desktop entry, Android package, and name (casefolded) ---

CALENDAR_ENTRIES = frozenset(
    e.casefold()
    for e in (
        "org.kde.kalendarac", "org.kde.korgac", "org.kde.korganizer", "org.kde.merkuro.calendar",
        "org.kde.kalarm", "org.kde.kclock", "org.gnome.Calendar", "org.gnome.clocks",
        "org.gnome.Evolution-alarm-notify", "evolution-alarm-notify", "gnome-calendar",
    )
)  # fmt: skip
CALENDAR_PACKAGES = frozenset(
    {
        "com.google.android.calendar", "com.samsung.android.calendar", "com.android.calendar",
        "ws.xsoh.etar", "org.fossify.calendar", "com.simplemobiletools.calendar.pro",
        "org.dmfs.tasks", "com.google.android.deskclock", "com.android.deskclock",
        "com.sec.android.app.clockpackage", "com.google.android.keep",
    }
)  # fmt: skip
# App names as phones and desktops show them in those languages (Android shows the localised label).
CALENDAR_NAMES = frozenset(
    {
        "calendar", "google calendar", "samsung calendar", "korganizer", "merkuro calendar",
        "reminders", "calendar reminders", "clock", "clocks", "kalarm", "kclock",
        "evolution reminders", "agenda", "google agenda", "samsung agenda", "herinneringen",
        "klok", "kalender", "google kalender", "samsung kalender", "erinnerungen", "uhr",
        "calendrier", "rappels", "horloge", "calendario", "google calendario",
        "recordatorios", "reloj", "promemoria", "orologio", "calendário", "google calendário",
        "lembretes", "relógio", "kalendarz", "kalendarz google", "przypomnienia", "zegar",
        "etar", "kalenteri", "påminnelser",
    }
)  # fmt: skip
MESSENGER_ENTRIES = frozenset(
    e.casefold()
    for e in (
        "signal-desktop", "signal", "org.signal.Signal", "org.telegram.desktop", "telegramdesktop",
        "telegram-desktop", "com.slack.Slack", "slack", "whatsapp", "whatsapp-desktop",
        "com.github.eneshecan.WhatsAppForLinux", "io.github.mimbrero.WhatsAppDesktop",
        "com.rtosta.zapzap", "element-desktop", "im.riot.Riot", "org.gnome.Fractal",
        "org.kde.neochat", "discord", "com.discordapp.Discord", "im.dino.Dino", "org.gajim.Gajim",
        "teams-for-linux", "com.github.IsmaelMartinez.teams_for_linux", "org.kde.konversation",
        "de.schmidhuberj.Flare", "chat.delta.desktop",
    )
)  # fmt: skip
MESSENGER_PACKAGES = frozenset(
    {
        "com.whatsapp", "com.whatsapp.w4b", "org.thoughtcrime.securesms", "org.telegram.messenger",
        "org.telegram.messenger.web", "org.thunderdog.challegram", "com.slack", "im.vector.app",
        "com.discord", "com.facebook.orca", "com.microsoft.teams", "ch.threema.app",
        "chat.delta",
    }
)  # fmt: skip
SMS_PACKAGES = frozenset(
    {
        "com.google.android.apps.messaging", "com.samsung.android.messaging", "com.android.mms",
        "org.fossify.messages", "com.simplemobiletools.smsmessenger", "com.android.messaging",
    }
)  # fmt: skip
SMS_NAMES = frozenset(
    {
        "messages", "google messages", "sms", "berichten", "nachrichten", "messaggi", "mensajes",
        "mensagens", "wiadomości", "meddelanden", "beskeder", "meldinger", "viestit",
    }
)  # fmt: skip
MESSENGER_NAMES = SMS_NAMES | frozenset(
    {
        "signal", "whatsapp", "whatsapp business", "telegram", "telegram desktop", "slack",
        "element", "discord", "messenger", "teams", "microsoft teams", "threema", "neochat",
        "fractal", "dino", "gajim", "zapzap", "delta chat", "konversation",
    }
)  # fmt: skip


def package(n: Notification) -> str:
    value = n.hints.get(PACKAGE_HINT)
    return value.casefold() if isinstance(value, str) else ""


def _entry(n: Notification) -> str:
    return (n.desktop_entry or "").casefold()


def calendar_app(n: Notification) -> str | None:
    """How `n` is known to come from a calendar or clock app, in words; None when it is not."""
    if _entry(n) in CALENDAR_ENTRIES:
        return f"from a calendar app ({n.desktop_entry})"
    if package(n) in CALENDAR_PACKAGES:
        return f"from a calendar app ({package(n)})"
    if n.app_name.strip().casefold() in CALENDAR_NAMES:
        return f"from a calendar app ({n.app_name.strip()})"
    return None


def sms_app(n: Notification) -> bool:
    return package(n) in SMS_PACKAGES or n.app_name.strip().casefold() in SMS_NAMES


def messenger(n: Notification) -> bool:
    """A chat app: its notification's summary is who wrote (or the conversation)."""
    return (
        _entry(n) in MESSENGER_ENTRIES
        or package(n) in MESSENGER_PACKAGES
        or package(n) in SMS_PACKAGES
        or n.app_name.strip().casefold() in MESSENGER_NAMES
    )


# --- reminders ---

_MINUTE = r"(?:min\pL*\.?|m\b)"
_HOUR = r"(?:h\b|hrs?\b|hours?|uur|stunden?|std\.?|heures?|horas?|ore|ora|godzin\pL*|timm?\pL*)"
# "in 5 minutes", "over 5 minuten", "in 5 Minuten", "dans 5 minutes", "en 5 minutos",
# "tra 5 minuti", "fra 5 minuti", "em 5 minutos", "za 5 minut"; "binnen" and "om" as phones say it
_IN = r"(?:in|over|binnen|dans|en|dentro de|tra|fra|em|daqui a|za|om|within)"
_RELATIVE = _re(rf"(?:^|[^\pL\pN]){_IN}\s+([0-9]{{1,3}})\s*({_MINUTE}|{_HOUR})")
_NOW = _re(r"(?:^|[^\pL])(?:now|nu|jetzt|maintenant|ahora|adesso|agora|teraz|nyt|starts? now)(?:[^\pL]|$)")
_AGO = _re(r"(?:^|[^\pL])(?:ago|geleden|vor\s+[0-9]|il y a|hace|fa|atrás|temu|sedan|siden)(?:[^\pL]|$)")
_CLOCK = _re(r"(?:^|[^0-9:.])([01]?[0-9]|2[0-3])(?::|\.|h|u)([0-5][0-9])(?:\s*([ap])\.?\s?m\b)?(?:[^0-9]|$)")
_REMINDER_WORD = _re(
    r"^\s*(?:reminder|herinnering|erinnerung|rappel|recordatorio|promemoria|lembrete"
    r"|przypomnienie|påminnelse|muistutus|upcoming|event|termin|afspraak|événement|evento|wydarzenie)"
    r"(?:[^\pL]|$)"
)
# The text opens with when: "in 5 minutes", "Over 5 minuten, 09:30", "Begint over 5 minuten",
# "Beginnt in 5 Minuten", "Starts at 09:30", "Today 09:30", "09:30 - 09:45".
_STARTS = (
    r"(?:(?:starts?|starting|begins?|begint|beginnt|fängt an|commence|empieza|comienza|inizia|começa"
    r"|zaczyna się|rozpoczyna się|börjar|startar|starter|start|alkaa|today|vandaag|heute|aujourd'hui"
    r"|hoy|oggi|hoje|dzisiaj|idag|i dag)(?::\s*|\s+))?(?:(?:at|om|um|à|a las|alle|às|o|kl\.?)\s+)?"
)
_OPENS_WITH_TIME = _re(
    rf"^\s*{_STARTS}(?:{_IN}\s+[0-9]{{1,3}}\s*(?:{_MINUTE}|{_HOUR})|[0-9]{{1,2}}[:.h][0-5][0-9])"
)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder, and when its event starts if the text says (None: a calendar app said nothing)."""

    starts: datetime | None
    why: str

    def ahead(self, now: datetime) -> bool:
        return self.starts is None or now <= self.starts + STARTED_GRACE


def _head(text: str) -> str:
    return text[:HEAD]


def _when(text: str, arrived: datetime, zone: tzinfo) -> tuple[datetime, str] | None:
    """The moment a text names for its event: "in 5 minutes" or a clock time near arrival."""
    found = _CLOCK.search(text)
    if found is not None:
        hour, minute = int(found.group(1)), int(found.group(2))
        if found.group(3):
            hour = hour % 12 + (12 if found.group(3).casefold() == "p" else 0)
        local = arrived.astimezone(zone)
        at = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        # the clock time nearest arrival: "23:55" read at 00:05 is yesterday's
        candidates = (at - timedelta(days=1), at, at + timedelta(days=1))
        at = min(candidates, key=lambda t: abs(t - local))
        return at, f"names {hour:02d}:{minute:02d}"
    found = _RELATIVE.search(text)
    if found is not None:
        count, unit = int(found.group(1)), found.group(2).casefold()
        minutes = count if unit.startswith("m") else count * 60
        return arrived + timedelta(minutes=minutes), f"says {found.group(0).strip(' ,;:(')}"
    if _NOW.search(text):
        return arrived, "says it starts now"
    return None


def reminder(n: Notification, zone: tzinfo) -> Reminder | None:
    """Whether `n` reminds of an event, and when that starts (see Reminder.ahead)."""
    if n.category and n.category.startswith(("im", "call", "email")) and not calendar_app(n):
        return None  # people's messages and mail mention times; they are not reminders
    if messenger(n):
        return None
    texts = [t for t in (_head(n.summary), _head(n.body)) if t.strip()]
    by_app = calendar_app(n)
    headed = next((t for t in texts if _REMINDER_WORD.search(t) or _OPENS_WITH_TIME.search(t)), None)
    if by_app is None and headed is None:
        return None
    arrived = n.at
    if any(_AGO.search(t) for t in texts):
        return Reminder(arrived - STARTED_GRACE * 2, f"{_quote(texts)} says its event has begun")
    for text in ([headed] if headed is not None else []) + texts:
        when = _when(text, arrived, zone)
        if when is None:
            continue
        starts, words = when
        lead = starts - arrived
        if by_app is None and not timedelta(minutes=-1) <= lead <= REMINDER_LEAD:
            continue  # "at 14:00" in a text arriving at 09:00 is news, not a reminder
        after = round(lead.total_seconds() / 60)
        tail = f", {after} minutes after it arrived" if words.startswith("names") else ""
        return Reminder(starts, f"a reminder: {_quote([text])} {words}{tail}")
    if by_app is not None:
        return Reminder(None, f"a reminder: {by_app}")
    return None


def _quote(texts: list[str]) -> str:
    text = " ".join(texts[0].split()) if texts else ""
    return repr(text if len(text) <= 60 else text[:59] + "…")


# --- one-time codes ---

# A code word, also inside compounds ("verificatiecode", "sms-code", "Bestätigungscode",
# "Einmalcode") and inflected ("kodu", "códigos").
_CODE_WORD = (
    r"[\pL-]{0,24}(?:code|codice|c[oó]digo|k[oó]d|kode|koodi|код|otp|passcode|tan|pin|clave"
    r"|token|wachtwoord|password|senha|contraseña|hasło)\pL{0,3}"
)
# What ties a code word to its number: a colon, or a copula ("is", "ist", "est", "es", "è", "é",
# "to", "jest", "er", "är", "lautet", "luidt", "=").
_TIE = r"(?:\s*[:=]|\s+(?:is|ist|est|es|è|é|to|jest|er|är|lautet|luidt|wynosi)\s*:?)"
_NUMBER = r"(?:[A-Z]{1,3}-)?([0-9]{2,8}(?:[ -][0-9]{2,4}){0,2})"
_CODE_FIRST = _re(rf"(?:^|[^\pL]){_CODE_WORD}[^0-9\n]{{0,40}}?{_TIE}\s*{_NUMBER}(?:[^0-9:,.]|[.,](?:\D|$)|$)")
_CODE_BARE = _re(rf"(?:^|[^\pL]){_CODE_WORD}[ \t]*:?[ \t]+{_NUMBER}[ \t]*(?:$|[.!;)\n]|\s[-–(])")
_COPULA_AFTER = r"(?:is|ist|est|es|è|é|to|jest|er|är|as|als|comme|como|come|jako)"
_NUMBER_FIRST = _re(rf"(?:^|[^0-9\pL-]){_NUMBER}\s+{_COPULA_AFTER}\s[^0-9\n]{{0,40}}{_CODE_WORD}")
_LONE_NUMBER = _re(r"(?:^|[^0-9\pL:./-])([0-9]{4,8})(?:[^0-9:,./]|[.,](?:\D|$)|$)")
_SHORT_CODE = _re(r"^\+?[0-9]{3,6}$")
_SENDER_ID = _re(r"^[\pL0-9&.-]{2,11}$")
_PLAIN_NAME = _re(r"^\p{Lu}?\p{Ll}+$")


# A prefilter in Python's re: a plain class and count, linear whatever the text.
_TWO_DIGITS = re.compile(r"[0-9]{2}")


def _digits(number: str) -> int:
    return sum(c.isdigit() for c in number)


def code(n: Notification) -> str | None:
    """Why `n` is a one-time code, in words; None when it is not one."""
    text = f"{_head(n.body)}\n{_head(n.summary)}"  # the patterns do not cross a line
    if _TWO_DIGITS.search(text) is None:
        return None  # most notifications: no RE2 search at all (each costs ~3 µs of binding)
    for pattern in (_CODE_FIRST, _CODE_BARE, _NUMBER_FIRST):
        found = pattern.search(text)
        if found is not None and 4 <= _digits(found.group(1)) <= 8:
            return f"a one-time code: {found.group(1)!r} next to a code word"
    if sms_app(n) and _robot_sender(n.sender or n.summary):
        found = _LONE_NUMBER.search(_head(n.body))
        if found is not None:
            who = (n.sender or n.summary).strip()
            return f"a one-time code: {found.group(1)!r} texted by {who!r}, no person"
    return None


def _robot_sender(name: str) -> bool:
    """A short code ("3669") or an alphanumeric sender id ("DigiD", "ING", "PayPal"), not "Mum"."""
    name = name.strip()
    if _SHORT_CODE.search(name):
        return True
    return bool(_SENDER_ID.search(name)) and not _PLAIN_NAME.search(name)


# --- calls ---

# A call is a noun ("call", "oproep", "Anruf", "appel", "llamada", "połączenie", ...; also inside a
# compound: "videollamada", "jobbsamtal", "arbejdsopkald") and an adjective that says missed or
# incoming, on either side, with up to two words between ("Missed voice call", "Appel vocal manqué",
# "Chamada de trabalho perdida", "Verpasster geschäftlicher Anruf"), at the start of a line.
_AFTER_PHRASE = r"\s*(?:$|[:\-–—(,]|\s(?:van|von|from|de|da|od|di|af|fra|från)\s)"


def _call_phrase(adjective: str) -> re2._Regexp:
    return _re(rf"^\s*{call_phrase(adjective)}{GAP}{_AFTER_PHRASE}")


_MISSED = _call_phrase(MISSED_WORD)
_INCOMING = _call_phrase(INCOMING_WORD)
# The call nouns' stems, for a cheap look before the phrases (Python's re on a casefolded line).
_CALL_HINT = re.compile(
    "call|oproep|gesprek|anruf|appel|llamada|chiamat|chamada|połączeni|rozmow|samtal|opkald|anrop"
    "|puhelu|вызов|звон|arama"
)


@dataclass(frozen=True, slots=True)
class Call:
    """A call: who called (the person, for repeated contact) and whether it is ringing now."""

    caller: str
    ringing: bool
    why: str


def call(n: Notification) -> Call | None:
    """Whether `n` is about a call, whatever the phone's or the app's language."""
    summary, body = _head(n.summary).strip(), _head(n.body).strip()
    category = n.category or ""
    if category.startswith("call"):
        ringing = category.startswith("call.incoming")
        return Call(n.sender or body or summary, ringing, f"a call (category {category})")
    for line, other in ((summary, body), (body, summary)):
        if not line or _CALL_HINT.search(line[:80].casefold()) is None:
            continue  # no call word near the start: no RE2 search (most notifications)
        for phrase, ringing in ((_INCOMING, True), (_MISSED, False)):
            found = phrase.search(line)
            if found is None:
                continue
            # "Gemiste oproep van Mama" names the caller; "(praca)" only qualifies the call
            rest = "" if found.group(0).rstrip().endswith("(") else line[found.end() :].strip(" :-–—()")
            caller = n.sender or rest or other
            what = "ringing" if ringing else "missed"
            return Call(caller, ringing, f"a {what} call: {_quote([line])}")
    if package(n) in DIALERS and (summary or body):
        return Call(n.sender or body or summary, not n.resident, f"a call ({package(n)})")
    return None


# --- people and groups ---

_GROUP_TITLE = _re(r"^([^:]{1,80}?)(?: \([0-9]+ [^)]*\))?: \S")
_AT_GROUP = _re(r"^[^@]{1,80} @ (\S.{0,80})$")
_WRITER_FIRST = _re(r"^\s*(?:<[^>]*>)*[^\W\d][^:\n<>]{0,39}(?:</[^>]*>)*: \S")
_GROUP_EMOJI = ("👨‍👩", "👪", "👥", "👫", "👬", "👭")


def group_title(name: str) -> str | None:
    """The group a conversation's name alone shows ("#team-backend", "Family 👨‍👩‍👧", "Family: Mum",
    "Mia @ Climbing"), for places that keep only the name (the weekly report); None when the
    name alone does not say."""
    name = name.strip()
    if name.startswith("#") or any(e in name for e in _GROUP_EMOJI):
        return name
    for pattern, mark in ((_GROUP_TITLE, ": "), (_AT_GROUP, " @ ")):
        found = pattern.search(name[:300]) if mark in name[:300] else None
        if found is not None:
            return found.group(1).strip()
    return None


def group(n: Notification, title: str | None = None) -> str | None:
    """The group chat or channel `n` was written in; None for a one-to-one conversation.

    The same heuristic as the status replies (core/statusreply.py): a hint, `im.group`, a
    "#channel", "Group: Person" or "Person @ Group" titles, and a title over a text that starts
    with its writer ("Mum: ok"); and a family or people emoji in the title.
    """
    hint = n.hints.get("x-notifyzen-group")
    if isinstance(hint, str) and hint.strip():
        return hint.strip()
    name = (title if title is not None else (n.sender or n.summary)).strip()
    if hint is True or (n.category or "").startswith("im.group"):
        return name or "group"
    by_name = group_title(name)
    if by_name is not None:
        return by_name
    # Only a chat app's text names its writer first: a mail's "Re: Q4 planning" does not
    if name and messenger(n) and ":" in n.body[:200] and _WRITER_FIRST.search(_head(n.body)):
        return conversation(name)
    return None


_last_sender: tuple[Notification | None, str | None] = (None, None)


def sender(n: Notification) -> str | None:
    """The person `n` is from (see _sender); the engine, the timeline and the summary ask several
    times about the same notification, so the last answer is kept (a Notification never changes)."""
    global _last_sender
    last = _last_sender  # one read: another thread may replace the pair, never half of it
    if last[0] is n:
        return last[1]
    who = _sender(n)
    _last_sender = (n, who)
    return who


def _sender(n: Notification) -> str | None:
    """The person `n` is from, however the app sent it; None for apps, groups and channels.

    A sender field names them; a call names its caller; a messenger's summary names who wrote
    (Signal's desktop app sends no `im` category). A calendar's reminder or a one-time code is
    not a person, even when a phone put its title in the sender field.
    """
    c = call(n)
    if c is not None:
        return c.caller.strip() or None
    if calendar_app(n) is not None:
        return None
    chat = (n.category or "").startswith("im")
    name = (n.sender or "").strip()
    if not name and (chat or messenger(n)):
        name = n.summary.strip()
        if name.casefold() == n.app_name.strip().casefold():
            return None  # the app speaking for itself ("Signal": "3 new messages")
    if not name or group(n, name) is not None:
        return None
    if sms_app(n) and _robot_sender(name) and code(n) is not None:
        return None
    return name


CODE_LIFETIME = timedelta(minutes=15)  # one-time codes expire in 5-15 minutes


def expired_code(n: Notification, now: datetime) -> bool:
    """A one-time code older than CODE_LIFETIME: no use in a digest any more."""
    return now - n.at > CODE_LIFETIME and code(n) is not None


@dataclass(frozen=True, slots=True)
class Signals:
    """What the engine reads once per decision."""

    reminder: Reminder | None
    code: str | None
    call: Call | None


def read(n: Notification, zone: tzinfo) -> Signals:
    c = call(n)
    return Signals(None if c else reminder(n, zone), None if c else code(n), c)


__all__ = [
    "Call",
    "Reminder",
    "Signals",
    "calendar_app",
    "call",
    "code",
    "expired_code",
    "group",
    "group_title",
    "messenger",
    "read",
    "reminder",
    "sender",
]
