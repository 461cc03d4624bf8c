"""Reminders: a notification that reminds of an event, and when that event starts, in any
language (issue 17). From a calendar or clock app (core/shapes.py), headed by a reminder word, or
opening with when: "in 5 minutes" / a clock time. A clock time is a grammar, not a list of
layouts: "9:30", "9.30", "9h30", "14 h 30", "9時30分", a day period on either side ("2:30 PM",
"π.μ.", "午後", "ص"), a range whose end lends its period ("2:30 – 3pm"), dates beside it skipped
("16.11.2026 09:30"); at most two words may lead it ("Dnes v 9:30"). Where the grammar needs words
(units and future/past markers, day periods) they sit in one table each, saying where they come
from (CLDR). The engine delivers a reminder while its event is still ahead (`Reminder.ahead`).
Pure: the arrival time is the notification's, the zone is an argument.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from notifyzen.core.model import Notification
from notifyzen.core.shapes import ONE_DIGIT, calendar_app, head, linear, messenger, plain, quote

REMINDER_LEAD = timedelta(hours=3)  # a clock time this far after arrival is "the event starts soon"
STARTED_GRACE = timedelta(minutes=2)  # "starts now" arriving a moment late is still ahead


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
_RELATIVE = linear(rf"(?:^|[^\pL\pN]){_IN}\s*{_SPAN}|{_SPAN}\s*{_LATER}")
_NOW = linear(r"(?:^|[^\pL])(?:now|nu|jetzt|maintenant|ahora|adesso|agora|teraz|nyt|starts? now)(?:[^\pL]|$)")
# The past: "ago", "geleden", "vor 5", "il y a", "hace", ...; and CLDR's "před 5 minutami",
# "5 perce", "5 минут назад", "5 хвилин тому", "5 分前", "5분 전", "לפני 5 דקות", "قبل 5 دقائق".
_AGO = linear(
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
_CLOCK = linear(
    rf"(?:^|[^0-9:.,])(?:({_AM}|{_PM})\s?)?([01]?[0-9]|2[0-3])(?::|\.|\s?h\s?|u|時)([0-5][0-9])分?"
    rf"(?:\s?({_AM}|{_PM}))?(?:[^0-9]|$)"
)
# The end of a range: "– 10am", "~3:00", "至10:00", "- 15 h", its day period if it has one.
_RANGE_END = linear(
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


_MINUTE_ONLY = linear(rf"^{_MINUTE}$")


def _re_minute(unit: str) -> bool:
    return _MINUTE_ONLY.search(unit) is not None


def _opens_with_when(line: str, arrived: datetime, zone: tzinfo, lead: int = _MAX_LEAD_WORDS) -> bool:
    """A line that opens with when: "in 5 minutes", "Starts in 5 min", "09:30 - 09:45", or at most
    `lead` words before a clock time ("Dnes v 9:30", "Ma 9:30-kor", "今日の 9:30", "Starts at 2:30 PM")."""
    line = line.strip()[:_WHEN_HEAD]
    if ONE_DIGIT.search(line) is None:
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
    summary, body = plain(head(n.summary)), plain(head(n.body))
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
        return Reminder(arrived - STARTED_GRACE * 2, f"{quote(texts)} says its event has begun")
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
        return Reminder(starts, f"a reminder: {quote([text])} {words}{tail}")
    if by_app is not None:
        return Reminder(None, f"a reminder: {by_app}")
    return None
