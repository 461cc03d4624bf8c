"""`notifyzen status`: what the running app is doing (mode, today's count, held, next check-in)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from notifyzen.cli import UserError
from notifyzen.commands.common import ask_running_app


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "status",
        help="show what the running notifyzen is doing",
        description=(
            "Show what the running notifyzen is doing: its mode, the focus window in force, how many "
            "notifications are held and when the next check-in comes."
        ),
    )
    p.add_argument("--json", action="store_true", help="print the status as one JSON object")
    p.set_defaults(func=status)


def status(args: argparse.Namespace) -> int:
    state = ask_running_app("Status")
    if state is None:
        if args.json:
            print(json.dumps({"running": False}))
        else:
            print("notifyzen is not running on this session.")
        return 1
    if not isinstance(state, dict):
        raise UserError("the running notifyzen gave an answer this version cannot read")
    if args.json:
        print(json.dumps({"running": True, **state}, indent=2))
    else:
        print(describe(state))
    return 0


DND_WORDS = {
    "notifyzen": "on (notifyzen's, while you focus)",
    "yours": "on (yours: notifyzen follows it and never lifts it)",
    "off": "off",
}


def describe(s: dict[str, Any]) -> str:
    lines = [f"notifyzen is running in {s.get('mode')} mode (pid {s.get('pid')})."]
    lines.append(f"  taken in today: {s.get('taken_in_today', 0)}")
    lines.append(f"  held for the next check-in: {s.get('held', 0)}")
    lines.append(f"  next check-in: {_when(s.get('next_checkin'), s.get('clock')) or 'none planned'}")
    focus = s.get("focus_window")
    if focus and s.get("manual_focus"):
        until = _when(s.get("manual_focus_until"), s.get("clock"))
        focus = f"{focus} (yours, until {until})" if until else f"{focus} (yours, until you end it)"
    lines.append(f"  focus window now: {focus or 'none'}")
    if s.get("paused"):
        lines.append("  paused: everything comes through until you resume")
    dnd = s.get("dnd")
    if dnd is not None:
        lines.append(f"  desktop's Do not disturb: {DND_WORDS.get(str(dnd), dnd)}")
    errors = s.get("rules_errors") or []
    if errors:
        lines.append(f"  rules: {len(errors)} error(s); the last good rules apply until they are fixed:")
        lines += [f"    {e}" for e in errors]
    lines += [f"  rules: warning: {w}" for w in s.get("rules_warnings") or []]
    if s.get("fake_clock"):
        lines.append(f"  clock: {s.get('clock')} (set with --clock)")
    lines.append(f"  phones: {_phones(s.get('kdeconnect'), s.get('clock'))}")
    lines.append(f"  history: {s.get('database')}")
    lines += [f"  history: {line}" for line in history_words(s.get("history"))]
    return "\n".join(lines)


def history_words(history: Any) -> list[str]:
    """What is wrong with the history, or was done to it at this start (notifyzen/store_repair.py)."""
    if not isinstance(history, dict):
        return []
    lines = []
    repair = history.get("repair") or {}
    if repair.get("why") == "damaged":
        lines.append(
            f"was damaged ({repair.get('error')}); moved aside to {repair.get('moved_to')}, "
            f"{repair.get('salvaged', 0)} notification(s) salvaged into a fresh one"
        )
    elif repair.get("why") in ("emptied", "missing"):
        lines.append(f"{repair.get('error')} at start; a fresh one was started (ids go on)")
    if history.get("problem") == "full":
        lines.append("the disk is full: new notifications are refused until there is room")
    elif history.get("problem"):
        lines.append(f"cannot be written ({history.get('error')}): new notifications are refused")
    return lines


def _when(iso: Any, clock: Any) -> str | None:
    """'12:30' or 'tomorrow 10:30' as the tray says it: the app gives its times on the wall clock
    of that moment (not the offset of now, an hour off across a DST change); the ISO form stays
    in --json."""
    from notifyzen.timewords import day_and_time

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
        return "KDE Connect is not running"
    devices = k.get("devices") or []
    if not devices:
        return "KDE Connect is running; no phone paired"
    return ", ".join(_phone(d, clock) for d in devices)


def _phone(d: dict[str, Any], clock: Any) -> str:
    """'Anna's Pixel (connected since 09:12, 14 notifications)'."""
    state = "connected" if d.get("reachable") else "away"
    since = _when(d.get("since"), clock)
    if since:
        state += f" since {since}"
    received = d.get("received")
    if isinstance(received, int):
        state += f", {received} notification{'s' if received != 1 else ''}"
    return f"{d.get('name')} ({state})"
