"""What the demo says while the day runs: the opening, then one line per arrival, check-in, focus
window and break, sized to the terminal and in the user's language.

App names, people's names, rule names and notification texts are shown as they were sent; only
notifyzen's own words ("held", "check-in (planned)", "you are back at your desk") are translated.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import textwrap
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any, TextIO

from PySide6.QtCore import QLocale

from notifyzen.core.model import Source
from notifyzen.core.stream import Presence
from notifyzen.demo.day import Call, Day
from notifyzen.desktop.i18n import SOURCE_LANGUAGE, active_language, translate
from notifyzen.ui.digest_words import fill

FIXED = 2 + 5 + 2 + 7 + 2 + 16 + 2 + 2  # time, from, app and the gaps around "what"
VERDICT = 14  # "held → 10:30"


def one_line(text: str, width: int) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _style(code: str, on: bool) -> Callable[[str], str]:
    return (lambda s: f"\033[{code}m{s}\033[0m") if on else (lambda s: s)


def day_title(day: date) -> str:
    """ "Monday 30 November" / "maandag 30 november": the C locale's names for English, as before."""
    language = active_language()
    locale = QLocale.c() if language == SOURCE_LANGUAGE else QLocale(language)
    return f"{locale.dayName(day.isoweekday())} {day.day:02d} {locale.monthName(day.month)}"


def opening(day: Day, speed: float) -> str:
    pace = (
        translate("Demo", "as fast as it goes")
        if speed <= 0
        else fill(translate("Demo", "at %1× real time"), f"{speed:g}")
    )
    text = translate(
        "Demo",
        "notifyzen demo: %1, %2–%3 (%4), replayed %5 on a private session bus of its own: "
        "your desktop, settings and history are not touched.",
    )
    return fill(text, day_title(day.date), f"{day.begin:%H:%M}", f"{day.end:%H:%M}", day.tz, pace)


def describe_rules(day: Day) -> str:
    """'deep work 09:00–10:30, 11:00–12:30, 14:00–15:30; check-ins at 10:30, 12:30, 17:00'."""
    names: dict[str, list[str]] = {}
    for name, start, end in day.focus:
        names.setdefault(name, []).append(f"{start:%H:%M}–{end:%H:%M}")
    windows = "; ".join(f"{name} {', '.join(times)}" for name, times in names.items())
    checkins = ", ".join(f"{t:%H:%M}" for t in day.checkins)
    return fill(
        translate("Demo", "Focus windows that day: %1. Check-ins at %2."),
        windows or translate("Demo", "no focus windows"),
        checkins or translate("Demo", "none"),
    )


def rules_paragraph(day: Day) -> str:
    return fill(translate("Demo", "Shipped default rules. %1"), describe_rules(day))


def replaying(status: dict[str, Any], calls: int, clients: list[str], phone: bool) -> str:
    """ "notifyzen 0.1.0 is up (server mode). Replaying 68 notifications through …"."""
    mode = status.get("mode")
    modes = {"server": translate("Demo", "server mode"), "observe": translate("Demo", "observe mode")}
    text = fill(
        translate("Demo", "notifyzen %1 is up (%2). Replaying %3 notifications through %4"),
        status.get("version", ""),
        modes.get(str(mode), f"{mode} mode"),
        calls,
        ", ".join(clients),
    )
    return text + (
        translate("Demo", " (no phone needed: they come the way kdeconnectd sends them).") if phone else "."
    )


class Commentary:
    """One line per arrival, check-in and focus window, sized to the terminal."""

    def __init__(self, out: TextIO, tz: tzinfo) -> None:
        self.out, self.tz = out, tz
        tty = out.isatty()
        colour = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.bold = _style("1", colour)
        self.dim = _style("2", colour)
        self.red = _style("1;31", colour)
        self.columns = min(120, shutil.get_terminal_size((100, 24)).columns if tty else 100)
        self.desktop, self.phone = translate("Demo", "desktop"), translate("Demo", "phone")
        self.shown = translate("Demo", "shown")
        # The "from" column fits its longest word ("telefoon" is longer than "desktop").
        self.where = max(7, *(len(w) for w in (self.desktop, self.phone, self.shown)))
        self.what = max(20, min(60, self.columns - FIXED - (self.where - 7) - VERDICT))
        self.seated = False

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def paragraph(self, text: str) -> None:
        self.say(textwrap.fill(text, width=max(60, self.columns - 1), break_on_hyphens=False))

    def clock(self, epoch: float) -> str:
        return datetime.fromtimestamp(epoch, self.tz).strftime("%H:%M")

    def heading(self) -> None:
        time, where = translate("Demo", "time"), translate("Demo", "from")
        app, what = translate("Demo", "app"), translate("Demo", "what")
        self.say(self.dim(f"  {time:<5}  {where:<{self.where}}  {app:<16}  {what:<{self.what}}  notifyzen"))

    def arrival(self, call: Call, row: sqlite3.Row) -> None:
        where = self.phone if call.n.source is Source.PHONE else self.desktop
        verdict, style = self.verdict(row)
        room = self.what - max(0, len(verdict) - VERDICT)  # a rare long verdict takes room from "what"
        what = one_line(f"{call.n.summary}: {call.n.body}" if call.n.body else call.n.summary, room)
        app = one_line(call.label, 16)
        self.say(
            f"  {self.clock(row['at'])}  {where:<{self.where}}  {app:<16}  {what:<{room}}  {style(verdict)}"
        )

    def verdict(self, row: sqlite3.Row) -> tuple[str, Callable[[str], str]]:
        if row["verdict"] == "hold":
            if row["release_at"]:
                return fill(translate("Demo", "held → %1"), self.clock(row["release_at"])), self.dim
            return translate("Demo", "held"), self.dim
        if row["verdict"] == "mute":
            return translate("Demo", "muted"), self.dim
        if row["window"]:  # delivered inside a focus window: it broke through, and the rule says why
            return fill(translate("Demo", "BREAKS THROUGH (%1)"), row["rule"]), self.red
        return self.shown, str

    def focus(self, name: str, start: datetime, end: datetime) -> None:
        line = fill(translate("Demo", "── %1 until %2: what can wait is held ──"), name, f"{end:%H:%M}")
        self.say(self.bold(f"  {start:%H:%M}  {line}"))

    def presence(self, p: Presence) -> None:
        if p.idle:
            what = translate("Demo", "you step away (the screen saver comes on)")
        elif self.seated:
            what = translate("Demo", "you are back at your desk")
        else:
            what = translate("Demo", "you sit down at your desk")
        self.seated = self.seated or not p.idle
        self.say(self.dim(f"  {p.at.astimezone(self.tz):%H:%M}  · {what}"))

    def checkin(self, row: sqlite3.Row) -> None:
        count = row["released"]
        if count == 1:
            what = translate("Demo", "1 held notification shown")
        elif count:
            what = fill(translate("Demo", "%1 held notifications shown"), count)
        else:
            what = translate("Demo", "nothing was waiting")
        if not count and row["reason"] == "manual":
            what += translate("Demo", " (the check-ins above showed it all)")
        line = fill(translate("Demo", "── check-in (%1): %2 ──"), checkin_reason(row["reason"]), what)
        self.say(self.bold(f"  {self.clock(row['at'])}  {line}"))

    def end_of_day(self, end: datetime) -> None:
        line = translate("Demo", "── end of the day: you check in (as `notifyzen checkin now` does) ──")
        self.say(self.bold(f"  {end:%H:%M}  {line}"))

    def release(self, row: sqlite3.Row) -> None:
        why = {
            "max_wait": translate("Demo", "waited its maximum"),
            "hold_until": translate("Demo", "its hold-until time"),
        }
        what = one_line(row["summary"], self.what)
        app = one_line(row["app_name"], 16)
        reason = why.get(row["shown_by"], row["shown_by"])
        self.say(
            f"  {self.clock(row['shown_at'])}  {self.shown:<{self.where}}  {app:<16}  "
            f"{what:<{self.what}}  {reason}"
        )


def checkin_reason(reason: str) -> str:
    """Why a check-in happened, as the history records it ('scheduled', 'breakpoint', …), in words."""
    words = {
        "scheduled": translate("Demo", "planned"),
        "breakpoint": translate("Demo", "a break"),
        "manual": translate("Demo", "you asked"),
        "missed": translate("Demo", "missed"),
    }
    return words.get(reason, reason)
