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

Every text is read in one spelling first, through RE2, and only its first `HEAD` characters
(core/shapes.py: also who sends what, by desktop entry, Android package and name); reminders and
their clock-time grammar are core/reminders.py; codes, calls and people are here, and `read`
gives the engine all three signals at once. A 64 KB body costs no more than a short one. Pure:
the arrival time is the notification's, the zone and `now` are arguments.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any, TypeVar, cast

import re2

from notifyzen.core.callwords import CJK_INCOMING, CJK_MISSED, GAP, INCOMING_WORD, MISSED_WORD, call_phrase
from notifyzen.core.model import Notification
from notifyzen.core.phone_match import DIALERS, conversation
from notifyzen.core.reminders import Reminder, reminder
from notifyzen.core.shapes import (
    ONE_DIGIT,
    calendar_app,
    head,
    linear,
    messenger,
    package,
    plain,
    quote,
    sms_app,
)

T = TypeVar("T")


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
_CODE_FIRST = linear(
    rf"(?:^|[^\pL]){_CODE_WORD}[^0-9\n]{{0,40}}?{_TIE}\s*{_NUMBER}(?:[^0-9:,.]|[.,](?:\D|$)|$)"
)
_CODE_BARE = linear(rf"(?:^|[^\pL]){_CODE_WORD}[ \t]*:?[ \t]+{_NUMBER}[ \t]*(?:$|[.!;)\n]|\s[-–(])")
# Scripts without spaces glue the number to its code word: "验证码482913, 10分钟内有效".
_CODE_GLUED = linear(rf"(?:码|碼|コード)[:\s]*{_NUMBER}(?:[^0-9:,.]|[.,](?:\D|$)|$)")
_NUMBER_GLUED = linear(
    rf"(?:^|[^0-9\pL-]){_NUMBER}[ \t]*(?:\S{{1,16}}[ \t]+){{0,2}}?\S{{0,12}}?(?:码|碼|コード)"
)
_COPULA_AFTER = r"(?:is|ist|est|es|è|é|to|jest|er|är|as|als|comme|como|come|jako)"
_NUMBER_FIRST = linear(rf"(?:^|[^0-9\pL-]){_NUMBER}\s+{_COPULA_AFTER}\s[^0-9\n]{{0,40}}{_CODE_WORD}")
# The number, then at most two words, then the code word: "482913 on vahvistuskoodisi", "A(z)
# 482913 az ellenőrző kódod", "Το 482913 είναι ο κωδικός", "482913 هو رمز التحقق".
_NUMBER_NEAR = linear(rf"(?:^|[^0-9\pL-]){_NUMBER}[ \t]+(?:\pL{{1,16}}[ \t]+){{0,2}}{_CODE_WORD}(?:[^\pL]|$)")
# Steam Guard mails a 5-character code of capitals and digits: "…login to account x: F3K7R".
_ALNUM_CODE = re.compile(
    r"(?:code|kód|kod|código|codice|код)\b[^\n]{0,60}?:\s*([A-Z0-9]{5,8})(?:[^A-Za-z0-9]|$)", re.IGNORECASE
)
_LONE_NUMBER = linear(r"(?:^|[^0-9\pL:./-])([0-9]{4,8})(?:[^0-9:,./]|[.,](?:\D|$)|$)")
_SHORT_CODE = linear(r"^\+?[0-9]{3,6}$")
_SENDER_ID = linear(r"^[\pL0-9&.-]{2,11}$")
_PLAIN_NAME = linear(r"^\p{Lu}?\p{Ll}+$")


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
    text = plain(f"{head(n.body)}\n{head(n.summary)}")  # the patterns do not cross a line
    if ONE_DIGIT.search(text) is None:
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
    body = plain(head(n.body))
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
    return linear(rf"^\s*(?:{call_phrase(adjective)}{GAP}(?:{_AFTER_PHRASE})|{cjk}(?:\s|$|[:(]))")


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
    summary, body = plain(head(n.summary)).strip(), plain(head(n.body)).strip()
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
            return Call(caller, ringing, f"a {what} call: {quote([line])}")
    return None


# --- people and groups ---

_GROUP_TITLE = linear(r"^([^:]{1,80}?)(?: \([0-9]+ [^)]*\))?: \S")
_AT_GROUP = linear(r"^[^@]{1,80} @ (\S.{0,80})$")
_WRITER_FIRST = linear(r"^\s*(?:<[^>]*>)*[\pL_][^:\n<>]{0,39}(?:</[^>]*>)*: \S")
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
    if name and messenger(n) and ":" in n.body[:200] and _WRITER_FIRST.search(head(n.body)):
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
