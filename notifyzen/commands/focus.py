"""`notifyzen focus 25m | 1h | until 14:00 | on | off`: the tray's focus items, for where there is
no tray (a sway or i3 bar without one, a bare X session) and for scripts and key bindings.

It asks the running app over its control interface (`Focus`, `EndFocus`), as the tray does
through the same Service methods, so a focus started here shows in the tray and in `status`
and survives a restart. "Focus until tomorrow" is `notifyzen focus until 07:00`.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from notifyzen import UserError
from notifyzen.commands.common import ask_running_app
from notifyzen.commands.spans import app_now, minutes_until, parse_span
from notifyzen.desktop.timewords import day_and_time
from notifyzen.desktop.words import fill, translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "focus",
        help=translate("CLI", "focus now: 25m, 1h, until 14:00, on (until you end it) or off"),
        description=translate(
            "CLI",
            "Focus now, as the tray's Focus items do: what may not interrupt waits for a check-in. "
            "Say how long (25m, 1h, 1h30m, 90), until when (until 14:00; a time already past is "
            "tomorrow's), on (until you end it) or off (end your focus: what waited is shown).",
        ),
    )
    p.add_argument(
        "span", nargs="*", metavar="HOW_LONG", help=translate("CLI", "25m, 1h, until 14:00, on or off")
    )
    p.add_argument("--json", action="store_true", help=translate("CLI", "print the app's answer as JSON"))
    p.set_defaults(func=focus, parser=p)


def not_running() -> UserError:
    return UserError(translate("CLI", "notifyzen is not running on this session; start it with `notifyzen`"))


def ask(member: str, signature: str = "", body: list[Any] | None = None) -> Any:
    answer = ask_running_app(member, signature, body)
    if answer is None:
        raise not_running()
    return answer


def focus(args: argparse.Namespace) -> int:
    try:
        kind, value = parse_span(args.span or ["on"])
    except argparse.ArgumentTypeError as exc:
        args.parser.error(str(exc))
    if kind == "off":
        ended = ask("EndFocus")
        if args.json:
            print(json.dumps(ended))
            return 0
        count = len(ended.get("released", []))
        print(translate("CLI", "Focus ended; %n held notification(s) shown now.", None, count))
        return 0
    if kind == "until":
        value = minutes_until(value, app_now(ask("Status")))
    state = ask("Focus", "d", [float(value) if kind != "on" else 0.0])
    if args.json:
        print(json.dumps(state))
        return 0
    until = state.get("manual_focus_until")
    if until:
        at = day_and_time(datetime.fromisoformat(str(until)), app_now(state))
        print(fill(translate("CLI", "Focusing until %1; what may not interrupt waits for a check-in."), at))
    else:
        print(translate("CLI", "Focusing until you end it (notifyzen focus off)."))
    return 0
