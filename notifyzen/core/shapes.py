"""How kairos reads a notification before it recognises anything: the first HEAD characters
of a field, in one spelling (`plain`), through RE2 patterns that stay linear in the text whoever
wrote it (`linear`), and who sends it (apps by desktop entry, Android package and name, in the
languages notifyzen ships). Shared by core/reminders.py and core/kairos.py; pure, like both.
"""

from __future__ import annotations

import re
import unicodedata

import re2

from notifyzen.core.model import Notification

HEAD = 400  # characters of a summary or body that are read
PACKAGE_HINT = "x-android-package"
ONE_DIGIT = re.compile(r"[0-9]")  # a text without one holds no time and no code: most stop here


def linear(pattern: str) -> re2._Regexp:
    """`pattern` on RE2, case-insensitive: its time is linear in the text, so no notification can
    make a match take long (issue 22), whatever the pattern or the text."""
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 8 << 20  # the word lists in Unicode classes need a few MiB of DFA cache
    options.log_errors = False
    return re2.compile(pattern, options)


def head(text: str) -> str:
    """The part of a field the signals are read from: they are at the start."""
    return text[:HEAD]


def quote(texts: list[str]) -> str:
    """The first text, on one line and short, as `rules explain` quotes it."""
    text = " ".join(texts[0].split()) if texts else ""
    return repr(text if len(text) <= 60 else text[:59] + "…")


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


def entry(n: Notification) -> str:
    return (n.desktop_entry or "").casefold()


def calendar_app(n: Notification) -> str | None:
    """How `n` is known to come from a calendar or clock app, in words; None when it is not."""
    if entry(n) in CALENDAR_ENTRIES:
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
        entry(n) in MESSENGER_ENTRIES
        or package(n) in MESSENGER_PACKAGES
        or package(n) in SMS_PACKAGES
        or n.app_name.strip().casefold() in MESSENGER_NAMES
    )
