"""`notifyzen status`: what the running app is doing (mode, today's count, held, next check-in)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from notifyzen import UserError
from notifyzen.commands.common import ask_running_app
from notifyzen.desktop.words import fill, translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "status",
        help=translate("CLI", "show what the running notifyzen is doing"),
        description=(
            translate(
                "CLI",
                "Show what the running notifyzen is doing: its mode, the focus window in force, how many "
                "notifications are held and when the next check-in comes.",
            )
        ),
    )
    p.add_argument(
        "--json", action="store_true", help=translate("CLI", "print the status as one JSON object")
    )
    p.set_defaults(func=status)


def status(args: argparse.Namespace) -> int:
    state = ask_running_app("Status")
    if state is None:
        if args.json:
            print(json.dumps({"running": False}))
        else:
            print(translate("CLI", "notifyzen is not running on this session."))
        return 1
    if not isinstance(state, dict):
        raise UserError(translate("CLI", "the running notifyzen gave an answer this version cannot read"))
    if args.json:
        print(json.dumps({"running": True, **state}, indent=2))
    else:
        print(describe(state))
    return 0


def situation_words(situation: dict[str, Any]) -> str:
    """ "Sharing your screen (Zoom)", "In a call (Zoom)", "Full screen: mpv"."""
    app, kind = str(situation.get("app") or ""), situation.get("kind")
    if kind == "screen_share":
        text = (
            translate("CLI", "Sharing your screen (%1)") if app else translate("CLI", "Sharing your screen")
        )
    elif kind == "mirrored":
        text = translate("CLI", "Presenting on mirrored displays")
    elif kind == "fullscreen":
        text = translate("CLI", "Full screen: %1") if app else translate("CLI", "Full screen")
    else:
        text = translate("CLI", "In a call (%1)") if app else translate("CLI", "In a call")
    return text.replace("%1", app)


def dnd_words(dnd: str) -> str:
    words = {
        "notifyzen": translate("CLI", "on (notifyzen's, while you focus)"),
        "yours": translate("CLI", "on (yours: notifyzen follows it and never lifts it)"),
        "off": translate("CLI", "off"),
    }
    return words.get(dnd, dnd)


def describe(s: dict[str, Any]) -> str:
    """The status in the user's language; the mode's name, paths and rule errors stay as they are
    (`--mode server`, a file:line the editor finds, errors that quote YAML keys)."""
    clock = s.get("clock")
    lines = [fill(translate("CLI", "notifyzen is running in %1 mode (pid %2)."), s.get("mode"), s.get("pid"))]
    why = mode_words(s.get("mode"), s.get("mode_reason"))
    if why:
        lines.append(fill(translate("CLI", "  why this mode: %1"), why))
    lines.append(fill(translate("CLI", "  taken in today: %1"), s.get("taken_in_today", 0)))
    lines.append(fill(translate("CLI", "  held for the next check-in: %1"), s.get("held", 0)))
    next_checkin = _when(s.get("next_checkin"), clock) or translate("CLI", "none planned")
    lines.append(fill(translate("CLI", "  next check-in: %1"), next_checkin))
    focus = s.get("focus_window")
    if focus and s.get("manual_focus"):
        until = _when(s.get("manual_focus_until"), clock)
        focus = (
            fill(translate("CLI", "%1 (yours, until %2)"), focus, until)
            if until
            else fill(translate("CLI", "%1 (yours, until you end it)"), focus)
        )
    meeting = s.get("meeting")  # the calendar's meeting that is the focus now (issue 19)
    if focus and isinstance(meeting, dict) and not s.get("manual_focus"):
        until = _when(meeting.get("until"), clock)
        focus = fill(translate("CLI", "%1 (Calendar: %2, until %3)"), focus, meeting.get("calendar"), until)
    lines.append(fill(translate("CLI", "  focus window now: %1"), focus or translate("CLI", "none")))
    situation = s.get("situation")  # screen shared, full screen, a call (issue 19)
    if isinstance(situation, dict):
        since = _when(situation.get("since"), clock)
        lines.append(fill(translate("CLI", "  because: %1, since %2"), situation_words(situation), since))
        if situation.get("private"):
            lines.append(translate("CLI", "  privacy: only critical comes through, shown without its text"))
    if s.get("paused"):
        lines.append(translate("CLI", "  paused: everything comes through until you resume"))
    dnd = s.get("dnd")
    if dnd is not None:
        lines.append(fill(translate("CLI", "  desktop's Do not disturb: %1"), dnd_words(str(dnd))))
    errors = s.get("rules_errors") or []
    if errors:
        count = len(errors)  # a name, not a call: lupdate drops a translate() whose n is a call
        lines.append(
            translate(
                "CLI", "  rules: %n error(s); the last good rules apply until they are fixed:", None, count
            )
        )
        lines += [f"    {e}" for e in errors]
    lines += [fill(translate("CLI", "  rules: warning: %1"), w) for w in s.get("rules_warnings") or []]
    if s.get("fake_clock"):
        lines.append(fill(translate("CLI", "  clock: %1 (set with --clock)"), clock))
    lines.append(fill(translate("CLI", "  phones: %1"), _phones(s.get("kdeconnect"), clock)))
    lines.append(fill(translate("CLI", "  history: %1"), s.get("database")))
    lines += [fill(translate("CLI", "  history: %1"), line) for line in history_words(s.get("history"))]
    return "\n".join(lines)


def mode_words(mode: Any, reason: Any) -> str:
    """Why notifyzen serves or observes (issue 23: a sway user with mako running asks)."""
    why = reason.get("why") if isinstance(reason, dict) else None
    if why == "asked":
        return fill(translate("CLI", "you asked for it (--mode %1)"), mode)
    if why == "free":
        return translate("CLI", "no other notification server was running, so notifyzen shows them itself")
    if why == "taken":
        owner = reason.get("owner") or translate("CLI", "another program")
        return fill(
            translate("CLI", "%1 shows notifications here; notifyzen watches and holds with Do not disturb"),
            owner,
        )
    return ""


def history_words(history: Any) -> list[str]:
    """What is wrong with the history, or was done to it at this start (notifyzen/history/repair.py)."""
    if not isinstance(history, dict):
        return []
    lines = []
    repair = history.get("repair") or {}
    if repair.get("why") == "damaged":
        salvaged = int(repair.get("salvaged") or 0)
        lines.append(
            fill(
                translate(
                    "CLI",
                    "was damaged (%1); moved aside to %2, %n notification(s) salvaged into a fresh one",
                    None,
                    salvaged,
                ),
                repair.get("error"),
                repair.get("moved_to"),
            )
        )
    elif repair.get("why") in ("emptied", "missing"):
        lines.append(
            fill(translate("CLI", "%1 at start; a fresh one was started (ids go on)"), repair.get("error"))
        )
    if history.get("problem") == "full":
        lines.append(translate("CLI", "the disk is full: new notifications are refused until there is room"))
    elif history.get("problem"):
        lines.append(
            fill(
                translate("CLI", "cannot be written (%1): new notifications are refused"),
                history.get("error"),
            )
        )
    return lines


def _when(iso: Any, clock: Any) -> str | None:
    """'12:30' or 'tomorrow 10:30' as the tray says it: the app gives its times on the wall clock
    of that moment (not the offset of now, an hour off across a DST change); the ISO form stays
    in --json."""
    from notifyzen.desktop.timewords import day_and_time

    if not iso:
        return None
    try:
        at = datetime.fromisoformat(str(iso))
        now = datetime.fromisoformat(str(clock)) if clock else datetime.now().astimezone()
    except ValueError:
        return str(iso)
    return day_and_time(at, now)


def _phones(k: Any, clock: Any = None) -> str:
    """KDE Connect's part of the status: is kdeconnectd there, which phones can be reached."""
    if not isinstance(k, dict) or not k.get("available"):
        return translate("CLI", "KDE Connect is not running")
    devices = k.get("devices") or []
    if not devices:
        return translate("CLI", "KDE Connect is running; no phone paired")
    return ", ".join(_phone(d, clock) for d in devices)


def _phone(d: dict[str, Any], clock: Any) -> str:
    """'Anna's Pixel (connected since 09:12, 14 notifications)'."""
    state = translate("CLI", "connected") if d.get("reachable") else translate("CLI", "away")
    since = _when(d.get("since"), clock)
    if since:
        state = fill(translate("CLI", "%1 since %2"), state, since)
    received = d.get("received")
    if isinstance(received, int):
        state = fill(translate("CLI", "%1, %n notification(s)", None, received), state)
    return f"{d.get('name')} ({state})"
