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

Every text is read in one spelling first (`plain`: NFKC, every script's digits as 0-9, no bidi
marks), so "９：３０", "٩:٣٠ ص" and an RTL SMS are the shapes the patterns know. A clock time is a
grammar, not a list of layouts: "9:30", "9.30", "9h30", "14 h 30", "9時30分", a day period on
either side ("2:30 PM", "π.μ.", "午後", "ص"), a range whose end lends its period ("2:30 – 3pm"),
dates beside it skipped ("16.11.2026 09:30"); at most two words may lead it ("Dnes v 9:30"). Where
a shape needs words (units and future/past markers, day periods, code and call nouns) they sit in
one table per signal, each saying where its words come from (CLDR, AOSP Dialer, the SMS corpora
tests/core/test_kairos_heldout2.py names).

Every pattern runs on RE2 (linear in the text, whoever wrote it) and only on the first
`HEAD` characters of a field: the signals are at the start, and a 64 KB body costs no more than a
short one. Pure: the arrival time is the notification's, the zone and `now` are arguments.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any, TypeVar, cast

import re2

from notifyzen.core.callwords import CJK_INCOMING, CJK_MISSED, GAP, INCOMING_WORD, MISSED_WORD, call_phrase
from notifyzen.core.model import Notification
from notifyzen.core.phone_match import DIALERS, conversation

T = TypeVar("T")

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


# --- what every reader sees first: one spelling of digits, colons and spaces ---

# Every decimal digit (Arabic-Indic "٩", Devanagari "९", full-width "９", ...) as its ASCII digit;
# bidi and zero-width marks (an RTL SMS wraps its text in U+202B...U+202C) dropped; the ideographic
# comma and full stop followed by a space, so "验证码482913，10分钟" ends the number where it ends.
# The zeros of Unicode's decimal digit runs in the Basic Multilingual Plane (category Nd: each is
# followed by its 1-9), Arabic-Indic, Persian, N'Ko, Devanagari ... Thai, Lao, Tibetan, Myanmar ...
_DIGIT_ZEROS = (
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
)  # fmt: skip
_PLAIN: dict[int, str | None] = {zero + i: str(i) for zero in _DIGIT_ZEROS for i in range(10)}
_PLAIN.update({c: None for c in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF)})
_PLAIN.update({c: None for c in range(0x202A, 0x202F)} | {c: None for c in range(0x2066, 0x206A)})
_PLAIN.update({0xFF0C: ", ", 0x3001: ", ", 0x3002: ". ", 0xFF61: ". "})
_PLAIN_TABLE = str.maketrans(_PLAIN)


def plain(text: str) -> str:
    """`text` as the patterns read it: NFKC ("９：３０" is "9:30", "～" is "~"), ASCII digits, no
    bidi marks. ASCII text (most notifications) is returned as it is, at no cost."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text.translate(_PLAIN_TABLE)).translate(_PLAIN_TABLE)


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

# Words, one table per signal, where a shape needs them. Units and the words that turn "N
# minutes" into the future or the past are CLDR's (Unicode CLDR 47 relativeTime "minute"/"hour"
# patterns, long, short and narrow, of en nl de fr es it pt pl sv da nb fi cs sk hu tr ro ca el ru
# uk bg sr hr sl lt lv et ja zh ko ar he fa hi id vi th: "za 10 minut", "10 perc múlva", "через
# 10 минут", "10 分後", "خلال 10 دقائق", "בעוד 10 דקות"; "před 5 minutami", "5 分前"), stems so the
# inflections of each follow.
_MINUTE = (
    r"(?:min\pL*\.?|m\b|perc\pL*|dakika\pL*|dk\b\.?|λεπ\pL*\.?|мин\pL*\.?|хв\pL*|דק\pL*׳?|دق\pL*"
    r"|分(?:钟|鐘)?|분|phút|menit|mnt|นาที|मिनट|मि॰)"
)
_HOUR = (
    r"(?:h\b|hrs?\b|hours?|uur|stunden?|std\.?|heures?|horas?|ore|ora|godzin\pL*|timm?\pL*|hod\pL*"
    r"|óra\pL*|tunti\pL*|tunni\pL*|saat|or[ăe]\pL*|hor\pL*|ώρ\pL*|час\pL*|годин\pL*|שע\pL*|ساع\pL*"
    r"|時間|小时|小時|시간)"
)
# Before the number: "in", "over", "binnen", "dans", "en", "dentro de", "tra", "fra", "em",
# "daqui a", "za", "om", "within", "d'aquí a", "peste", "σε", "через", "за", "בעוד", "خلال", "بعد",
# "dalam", "čez", "po"; after it: "múlva", "päästä", "kuluttua", "sonra", "後", "后", "후", "nữa".
_IN = (
    r"(?:in|over|binnen|dans|en|dentro de|tra|fra|em|daqui a|za|om|within|d['’]aquí a|peste|σε|через"
    r"|за|בעוד|خلال|بعد|dalam|čez|po|ในอีก|ใน)"
)
_LATER = r"(?:múlva|päästä|kuluttua|sonra|後|后|후|nữa|later|pärast|में)"
_SPAN = rf"([0-9]{{1,3}})\s*({_MINUTE}|{_HOUR})"
_RELATIVE = _re(rf"(?:^|[^\pL\pN]){_IN}\s*{_SPAN}|{_SPAN}\s*{_LATER}")
_NOW = _re(r"(?:^|[^\pL])(?:now|nu|jetzt|maintenant|ahora|adesso|agora|teraz|nyt|starts? now)(?:[^\pL]|$)")
# The past: "ago", "geleden", "vor 5", "il y a", "hace", ...; and CLDR's "před 5 minutami",
# "5 perce", "5 минут назад", "5 хвилин тому", "5 分前", "5분 전", "לפני 5 דקות", "قبل 5 دقائق".
_AGO = _re(
    r"(?:^|[^\pL])(?:ago|geleden|vor\s+[0-9]|il y a|hace|fa|atrás|temu|sedan|siden)(?:[^\pL]|$)"
    r"|(?:před|pred|prije|prieš|pirms|πριν|לפני|قبل|acum|há)\s*[0-9]{1,3}\s*\pL"
    rf"|[0-9]{{1,3}}\s*(?:{_MINUTE}|{_HOUR})\s*(?:ezelőtt|önce|назад|тому|sitten|eest|lalu|trước|前|전)"
    r"|[0-9]{1,3}\s*perce"
)
# Morning and afternoon, before or after the clock (CLDR's dayPeriods am/pm, abbreviated, narrow
# and wide, of the same languages): "9:30 AM", "9.30 p.m.", "9:30 π.μ.", "٩:٣٠ ص", "ÖÖ 9:30",
# "PM 2:30", "午後2時30分", "下午2:30", "9:30 dop.", "de. 9:30", "9.30 ap.", "9:30 дп".
_AM = r"a\.?\s?m\.?|π\.?\s?μ\.?|ص|öö|午前|上午|오전|dop\.|de\.|ap\.|дп|fm\b"
_PM = r"p\.?\s?m\.?|μ\.?\s?μ\.?|م|ös|午後|下午|오후|odp\.|pop\.|du\.|ip\.|пп|em\b"
_PM_WORDS = re.compile(r"p\.?\s?m|μ\.?\s?μ|م|ös|午後|下午|오후|odp|pop|du\.|ip\.|пп|em", re.IGNORECASE)
# A clock time: "9:30", "9.30", "9h30", "14 h 30", "9u30", "9時30分", a day period on either side.
_CLOCK = _re(
    rf"(?:^|[^0-9:.,])(?:({_AM}|{_PM})\s?)?([01]?[0-9]|2[0-3])(?::|\.|\s?h\s?|u|時)([0-5][0-9])分?"
    rf"(?:\s?({_AM}|{_PM}))?(?:[^0-9]|$)"
)
# The end of a range: "– 10am", "~3:00", "至10:00", "- 15 h", its day period if it has one.
_RANGE_END = _re(
    rf"^\s?(?:[-–—~〜至]|to|a|bis|tot)\s?(?:{_AM}|{_PM})?\s?([01]?[0-9]|2[0-3])"
    rf"(?:(?::|\.|\s?h\s?|時)([0-5][0-9])分?)?\s?({_AM}|{_PM})?"
)
# "Tomorrow" as Thunderbird's alarm-tomorrow-at says it in its locales (thunderbird-l10n
# calendar.ftl: "Zítra v", "Holnap", "Huomenna", "Yarın", "Mâine la", "Demà a les", "Αύριο
# στις", "Завтра на", "明日の", "于明天", "غدا في", "מחר ב־", "Morgen um", "Demain à", "Mañana a
# las", "Domani alle", "Amanhã às", "Jutro o", "I morgon kl.", "내일", "Ngày mai lúc").
_TOMORROW = re.compile(
    r"(?<![^\W\d_])(?:tomorrow|zítra|zajtra|holnap|huomenna|yarın|mâine|demà|αύριο|завтра|غدا|غدًا|מחר"
    r"|morgen|demain|mañana|domani|amanhã|jutro|imorgon|ngày mai)(?![^\W\d_])|明日|明天|내일",
    re.IGNORECASE,
)
# Dates sit beside the time in desktop reminders ("pondělí 16.11.2026 09:30", "2026-11-16 星期一
# 09:30", "2026. 11. 16. H. 09:30"): read first, so that "16.11" is no 16:11.
_DATE = re.compile(
    r"\d{1,4}\.\d{1,2}\.\d{2,4}|\d{1,4}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日"
    r"|\d{4}\. \d{1,2}\. \d{1,2}\."
)
# A title headed by a reminder word: anchored literals, so Python's re is linear here and saves
# the RE2 binding on every notification.
_REMINDER_WORD = re.compile(
    r"^\s*(?:reminder|herinnering|erinnerung|rappel|recordatorio|promemoria|lembrete"
    r"|przypomnienie|påminnelse|muistutus|upcoming|event|termin|afspraak|événement|evento|wydarzenie)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
# The words that may lead a relative time: "Starts in 5 minutes", "Beginnt in 5 Minuten".
_STARTS = re.compile(
    r"(?:starts?|starting|begins?|begint|beginnt|fängt an|commence|empieza|comienza|inizia|começa"
    r"|zaczyna się|rozpoczyna się|börjar|startar|starter|start|alkaa|začíná|kezdődik|başlıyor"
    r"|începe|comença|ξεκινά|начинается|починається|開始|开始|يبدأ|מתחיל)[:\s]*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]")
# A title may open "Starts at 9:30", "Today 09:30", "Beginnt um 9:30" (the words the English-first
# version knew); other lead words belong to a body (a title "FTSE at 9:45 GMT" is news).
_STARTS_AT = re.compile(
    r"^\s*(?:(?:starts?|starting|begins?|begint|beginnt|commence|empieza|comienza|inizia|começa|today"
    r"|vandaag|heute|aujourd'hui|hoy|oggi|hoje|dzisiaj|idag|i dag)[:\s]+)?"
    r"(?:(?:at|om|um|à|a las|alle|às|o|kl\.?)\s+)?$",
    re.IGNORECASE,
)
# Cheap looks (Python's re, a class and a count) before the RE2 searches: a digit by a separator
# and a digit (a clock), a number by a letter (a span), a code noun somewhere (a code).
_ONE_DIGIT = re.compile(r"[0-9]")
_CLOCKISH = re.compile(r"[0-9](?::|\.|\s?h\s?|u|時)\s?[0-9]", re.IGNORECASE)
_SPANISH = re.compile(r"[0-9]\s*[^\W\d_]")
_WHEN_HEAD = 120  # a line's when comes first: "Starts: Mon 16 Nov 2026, 09:30" fits
_LONGEST_EVENT_SPAN = 90  # minutes: "Delivery window 9:30 – 11:30" is no meeting's start
_MAX_LEAD_WORDS = 2  # "Dnes v 9:30", "Avui a les 9:30", "Σήμερα στις 9:30", "Starts at 2:30 PM"


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder, and when its event starts if the text says (None: a calendar app said nothing)."""

    starts: datetime | None
    why: str

    def ahead(self, now: datetime) -> bool:
        return self.starts is None or now <= self.starts + STARTED_GRACE


def _head(text: str) -> str:
    return text[:HEAD]


def _lead_words(prefix: str) -> int:
    """The words before a time: not dates, numbers, abbreviations ("kl.", "H."), day periods, nor
    the one- and two-letter prepositions and articles ("v", "la", "a", "на", "في", "ב־")."""
    words = 0
    for token in prefix.split():
        token = token.strip(":,;()[]–—-·|־")
        if len(token) <= 2 or token.endswith(".") or not _WORD.search(token) or _AMPM_ONLY.match(token):
            continue
        words += 1
    return words


_AMPM_ONLY = re.compile(r"(?:am|pm|öö|ös|午前|午後|上午|下午|오전|오후|ص|م)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Clock:
    at: datetime  # the moment nearest arrival
    words: str  # "names 09:30"
    start: int  # where in the text it starts
    span: int | None  # minutes to the end of its range ("09:30–10:00": 30), None without one


def _money(text: str, start: int, end: int) -> bool:
    """ "€9.30", "9,30 zł", "$ 9.30": an amount beside a currency sign, not a time."""
    before, after = text[:start].rstrip()[-1:], text[end:].lstrip()[:1]
    return any(c and unicodedata.category(c) == "Sc" for c in (before, after))


def _clock(text: str, arrived: datetime, zone: tzinfo) -> _Clock | None:
    """The first clock time in `text` (dates skipped)."""
    text = _DATE.sub(lambda m: " " * len(m.group(0)), text)
    found = next((m for m in _CLOCK.finditer(text) if not _money(text, m.start(2), m.end(3))), None)
    if found is None:
        return None
    hour, minute = int(found.group(2)), int(found.group(3))
    period = found.group(1) or found.group(4)
    end = _RANGE_END.search(text[found.end() - 1 : found.end() + 24])
    end_pm = end is not None and end.group(3) is not None and _PM_WORDS.match(end.group(3)) is not None
    # "2:30 – 3pm" is 14:30; "11:30 – 1pm" stays 11:30
    if (
        period is None
        and end is not None
        and end_pm
        and hour < 12
        and hour + 12 <= int(end.group(1)) % 12 + 12
    ):
        period = end.group(3)
    if period is not None and hour <= 12:
        hour = hour % 12 + (12 if _PM_WORDS.match(period) else 0)
    span = None
    if end is not None:
        end_hour = int(end.group(1))
        if end.group(3) and end_hour <= 12:
            end_hour = end_hour % 12 + (12 if _PM_WORDS.match(end.group(3)) else 0)
        span = (end_hour * 60 + int(end.group(2) or 0) - hour * 60 - minute) % (24 * 60)
    local = arrived.astimezone(zone)
    at = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if _TOMORROW.search(text):
        at += timedelta(days=1)  # "Zítra v 9:30", "Webinar tomorrow at 15:00": not soon
    else:  # the clock time nearest arrival: "23:55" read at 00:05 is yesterday's
        at = min((at - timedelta(days=1), at, at + timedelta(days=1)), key=lambda t: abs(t - local))
    start = found.start(2) if found.group(1) is None else found.start(1)
    return _Clock(at, f"names {hour:02d}:{minute:02d}", start, span)


def _when(text: str, arrived: datetime, zone: tzinfo) -> tuple[datetime, str] | None:
    """The moment a text names for its event: a clock time near arrival or "in 5 minutes"."""
    clock = _clock(text, arrived, zone)
    if clock is not None:
        return clock.at, clock.words
    found = _RELATIVE.search(text)
    if found is not None:
        count, unit = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        minutes = int(count) if _re_minute(unit) else int(count) * 60
        return arrived + timedelta(minutes=minutes), f"says {found.group(0).strip(' ,;:(')}"
    if _NOW.search(text):
        return arrived, "says it starts now"
    return None


_MINUTE_ONLY = _re(rf"^{_MINUTE}$")


def _re_minute(unit: str) -> bool:
    return _MINUTE_ONLY.search(unit) is not None


def _opens_with_when(line: str, arrived: datetime, zone: tzinfo, lead: int = _MAX_LEAD_WORDS) -> bool:
    """A line that opens with when: "in 5 minutes", "Starts in 5 min", "09:30 - 09:45", or at most
    `lead` words before a clock time ("Dnes v 9:30", "Ma 9:30-kor", "今日の 9:30", "Starts at 2:30 PM")."""
    line = line.strip()[:_WHEN_HEAD]
    if _ONE_DIGIT.search(line) is None:
        return False  # no number, no time: most lines end here, before any RE2 search
    clock = _clock(line, arrived, zone) if _CLOCKISH.search(line) else None
    if clock is not None:
        words = _lead_words(_DATE.sub(" ", line[: clock.start]))
        # a long window that words introduce is a delivery or an opening time, not an event's start
        window = words > 0 and clock.span is not None and clock.span > _LONGEST_EVENT_SPAN
        if words <= lead and not window:
            return True
        return _STARTS_AT.match(line[: clock.start]) is not None  # "Starts at 9:30" in a title
    found = _RELATIVE.search(line) if _SPANISH.search(line) else None
    if found is None:
        return False
    prefix = line[: found.start()].strip()
    if found.group(1) is None:  # "10 perc múlva": the number leads
        return not prefix or _STARTS.search(prefix) is not None
    prefix = line[: found.start() + len(found.group(0)) - len(found.group(0).lstrip())].strip()
    return not prefix or _STARTS.search(prefix) is not None


def reminder(n: Notification, zone: tzinfo) -> Reminder | None:
    """Whether `n` reminds of an event, and when that starts (see Reminder.ahead)."""
    if n.category and n.category.startswith(("im", "call", "email")) and not calendar_app(n):
        return None  # people's messages and mail mention times; they are not reminders
    summary, body = plain(_head(n.summary)), plain(_head(n.body))
    if messenger(n) and not _REMINDER_WORD.search(summary):
        return None  # a chat names times; Teams' "Reminder: Stand-up" is still a reminder
    texts = [t for t in (summary, body) if t.strip()]
    by_app = calendar_app(n)
    arrived = n.at
    headed = next((t for t in texts if _REMINDER_WORD.search(t)), None)
    if headed is None:  # a title opens with its time; a body may lead it with two words
        lines = [(summary, line, 0) for line in summary.split("\n")[:1]]
        lines += [(body, line, _MAX_LEAD_WORDS) for line in body.split("\n")[:3]]
        headed = next((t for t, line, lead in lines if _opens_with_when(line, arrived, zone, lead)), None)
    if by_app is None and headed is None:
        return None
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
# Beyond those languages, the code nouns of the SMS and templates test_kairos_heldout2.py names:
# "cod"/"codi" (ro, ca), "κωδικ" (el), "コード" (ja), "码"/"碼" (zh), "رمز" (ar), "קוד"/"סיסמ" (he).
_CODE_WORD = (
    r"[\pL-]{0,24}(?:code|codice|c[oó]digo|k[oó]d|kode|koodi|код|otp|passcode|tan|pin|clave"
    r"|token|wachtwoord|password|senha|contraseña|hasło|cod|κωδικ|コード|码|碼|رمز|קוד|סיסמ)\pL{0,3}"
)
# What ties a code word to its number: a colon, or a copula ("is", "ist", "est", "es", "è", "é",
# "to", "jest", "er", "är", "lautet", "luidt", "=").
_COPULA = (
    r"(?:is|ist|est|es|è|é|to|jest|er|är|lautet|luidt|wynosi|je|on|este|είναι|הוא|هو|là|adalah"
    r"|是|为|為)"
)
_TIE = rf"(?:\s*[:=]|\s*[—–]|\s+{_COPULA}\s*:?|(?:是|为|為)\s*:?)"
_NUMBER = r"(?:[A-Z]{1,3}-)?([0-9]{2,8}(?:[ -][0-9]{2,4}){0,2})"
_CODE_FIRST = _re(rf"(?:^|[^\pL]){_CODE_WORD}[^0-9\n]{{0,40}}?{_TIE}\s*{_NUMBER}(?:[^0-9:,.]|[.,](?:\D|$)|$)")
_CODE_BARE = _re(rf"(?:^|[^\pL]){_CODE_WORD}[ \t]*:?[ \t]+{_NUMBER}[ \t]*(?:$|[.!;)\n]|\s[-–(])")
# Scripts without spaces glue the number to its code word: "验证码482913, 10分钟内有效".
_CODE_GLUED = _re(rf"(?:码|碼|コード)[:\s]*{_NUMBER}(?:[^0-9:,.]|[.,](?:\D|$)|$)")
_NUMBER_GLUED = _re(
    rf"(?:^|[^0-9\pL-]){_NUMBER}[ \t]*(?:\S{{1,16}}[ \t]+){{0,2}}?\S{{0,12}}?(?:码|碼|コード)"
)
_COPULA_AFTER = r"(?:is|ist|est|es|è|é|to|jest|er|är|as|als|comme|como|come|jako)"
_NUMBER_FIRST = _re(rf"(?:^|[^0-9\pL-]){_NUMBER}\s+{_COPULA_AFTER}\s[^0-9\n]{{0,40}}{_CODE_WORD}")
# The number, then at most two words, then the code word: "482913 on vahvistuskoodisi", "A(z)
# 482913 az ellenőrző kódod", "Το 482913 είναι ο κωδικός", "482913 هو رمز التحقق".
_NUMBER_NEAR = _re(rf"(?:^|[^0-9\pL-]){_NUMBER}[ \t]+(?:\pL{{1,16}}[ \t]+){{0,2}}{_CODE_WORD}(?:[^\pL]|$)")
# Steam Guard mails a 5-character code of capitals and digits: "…login to account x: F3K7R".
_ALNUM_CODE = re.compile(
    r"(?:code|kód|kod|código|codice|код)\b[^\n]{0,60}?:\s*([A-Z0-9]{5,8})(?:[^A-Za-z0-9]|$)", re.IGNORECASE
)
_LONE_NUMBER = _re(r"(?:^|[^0-9\pL:./-])([0-9]{4,8})(?:[^0-9:,./]|[.,](?:\D|$)|$)")
_SHORT_CODE = _re(r"^\+?[0-9]{3,6}$")
_SENDER_ID = _re(r"^[\pL0-9&.-]{2,11}$")
_PLAIN_NAME = _re(r"^\p{Lu}?\p{Ll}+$")


# A prefilter in Python's re: a plain class and count, linear whatever the text.
_TWO_DIGITS = re.compile(r"[0-9]{2}")
_CODE_HINT = re.compile(
    r"c[oó]d|k[oó]d|kood|код|otp|tan|pin|clave|token|wachtwoord|password|senha|contraseña|hasło|κωδικ|コード"
    r"|码|碼|رمز|קוד|סיסמ",
    re.IGNORECASE,
)
_NUMBERS = re.compile(r"[0-9]+(?:[ .,-][0-9]+)*")  # a lone code is the text's only number


def _digits(number: str) -> int:
    return sum(c.isdigit() for c in number)


def code(n: Notification) -> str | None:
    """Why `n` is a one-time code, in words; None when it is not one."""
    text = plain(f"{_head(n.body)}\n{_head(n.summary)}")  # the patterns do not cross a line
    if _ONE_DIGIT.search(text) is None:
        return None  # most notifications: no RE2 search at all (each costs ~3 µs of binding)
    worded = _CODE_HINT.search(text) is not None
    if worded and _TWO_DIGITS.search(text) is not None:
        for pattern in (_CODE_FIRST, _CODE_BARE, _NUMBER_FIRST, _NUMBER_NEAR, _CODE_GLUED, _NUMBER_GLUED):
            found = pattern.search(text)
            if found is not None and 4 <= _digits(found.group(1)) <= 8:
                return f"a one-time code: {found.group(1)!r} next to a code word"
    mixed = _ALNUM_CODE.search(text) if worded else None
    if mixed is not None and _mixed_code(mixed.group(1)):
        return f"a one-time code: {mixed.group(1)!r} next to a code word"
    body = plain(_head(n.body))
    if sms_app(n) and _robot_sender(n.sender or n.summary) and len(_NUMBERS.findall(body)) == 1:
        found = _LONE_NUMBER.search(body)
        if found is not None:
            who = (n.sender or n.summary).strip()
            return f"a one-time code: {found.group(1)!r} texted by {who!r}, no person"
    return None


def _mixed_code(word: str) -> bool:
    """Steam Guard's "F3K7R": capitals and digits, both; not "ABCDE", "12345" or "Hello"."""
    return word.isupper() and not word.isalpha() and not word.isdigit()


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
_AFTER_PHRASE = (
    r"\s*(?:$|[:\-–—(,]|\s(?:van|von|from|de|da|od|di|af|fra|från)\s)"
    r"|(?:\s+\pL+){1,3}\s*$"  # a qualifier closing the title: "κλήση εργασίας", "на робочий телефон"
)


def _call_phrase(adjective: str, cjk: str) -> re2._Regexp:
    return _re(rf"^\s*(?:{call_phrase(adjective)}{GAP}(?:{_AFTER_PHRASE})|{cjk}(?:\s|$|[:(]))")


_MISSED = _call_phrase(MISSED_WORD, CJK_MISSED)
_INCOMING = _call_phrase(INCOMING_WORD, CJK_INCOMING)
# The call nouns' stems, for a cheap look before the phrases (Python's re on a casefolded line).
_CALL_HINT = re.compile(
    "call|oproep|gesprek|anruf|appel|llamada|chiamat|chamada|połączeni|rozmow|samtal|opkald|anrop"
    "|puhelu|вызов|звон|arama|hovor|hívás|çağrı|görüşme|apel|trucad|κλήσ|κλησ|виклик|дзвін|مكالم|שיח"
    "|着信|来电|來電|电话|電話"
)


@dataclass(frozen=True, slots=True)
class Call:
    """A call: who called (the person, for repeated contact) and whether it is ringing now."""

    caller: str
    ringing: bool
    why: str


def _last_answer(answer: Callable[[Notification], T]) -> Callable[[Notification], T]:
    """`answer`, remembering its last notification and answer: the engine, the timeline and the
    summary ask several times about the same notification (a Notification never changes). One
    tuple is read and one written, so another thread may replace the pair, never half of it."""
    last: tuple[Notification | None, Any] = (None, None)

    @functools.wraps(answer)
    def remembered(n: Notification) -> T:
        nonlocal last
        seen = last
        if seen[0] is n:
            return cast(T, seen[1])
        found = answer(n)
        last = (n, found)
        return found

    return remembered


@_last_answer
def call(n: Notification) -> Call | None:
    """Whether `n` is about a call, whatever the phone's or the app's language (asked twice per
    decision: the engine's signals, then who sent it)."""
    summary, body = plain(_head(n.summary)).strip(), plain(_head(n.body)).strip()
    category = n.category or ""
    worded = _worded_call(n, summary, body)
    if category.startswith("call"):
        ringing = category.startswith("call.incoming")
        # the caller is the line that is not the call's own words: "Missed call" over "Mum", or
        # "Priya" over "Incoming voice call" (Signal Desktop, WhatsApp)
        caller = worded.caller if worded is not None else n.sender or body or summary
        return Call(caller, ringing, f"a call (category {category})")
    if worded is not None:
        return worded
    if package(n) in DIALERS and (summary or body):
        return Call(n.sender or body or summary, not n.resident, f"a call ({package(n)})")
    return None


def _worded_call(n: Notification, summary: str, body: str) -> Call | None:
    """A call said in words, a missed or ringing one, and who it is from."""
    for line, other in ((summary, body), (body, summary)):
        if not line or _CALL_HINT.search(line[:80].casefold()) is None:
            continue  # no call word near the start: no RE2 search (most notifications)
        for phrase, ringing in ((_MISSED, False), (_INCOMING, True)):  # 未接来电 holds 来电
            found = phrase.search(line)
            if found is None:
                continue
            # "Gemiste oproep van Mama" names the caller; "(praca)" only qualifies the call
            rest = "" if found.group(0).rstrip().endswith("(") else line[found.end() :].strip(" :-–—()")
            if other and len(rest.split()) == 1 and found.group(0).rstrip().endswith((" de", " di", " da")):
                rest = ""  # "Trucada perduda de feina" over "Mare": "de feina" says what kind of call
            caller = n.sender or rest or other
            what = "ringing" if ringing else "missed"
            return Call(caller, ringing, f"a {what} call: {_quote([line])}")
    return None


# --- people and groups ---

_GROUP_TITLE = _re(r"^([^:]{1,80}?)(?: \([0-9]+ [^)]*\))?: \S")
_AT_GROUP = _re(r"^[^@]{1,80} @ (\S.{0,80})$")
_WRITER_FIRST = _re(r"^\s*(?:<[^>]*>)*[\pL_][^:\n<>]{0,39}(?:</[^>]*>)*: \S")
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


@_last_answer
def sender(n: Notification) -> str | None:
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
