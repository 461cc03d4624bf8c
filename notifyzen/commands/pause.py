"""`notifyzen pause [on | off | 30m | until 14:00]`: the tray's Pause/Resume item, without a tray.

Pausing lets everything through (what was held is shown at once); `off` resumes holding by the
rules. Over the control interface (`Pause`, `Resume`), as `notifyzen focus`.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from notifyzen.commands.focus import ask
from notifyzen.commands.spans import app_now, minutes_until, parse_span
from notifyzen.desktop.timewords import day_and_time
from notifyzen.desktop.words import fill, translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pause",
        help=translate("CLI", "pause notifyzen (let everything through): on, off, 30m, until 14:00"),
        description=translate(
            "CLI",
            "Pause notifyzen, as the tray's Pause item does: everything comes through, and what was "
            "held is shown now. on (the default) pauses until you resume, 30m or until 14:00 for a "
            "while, off resumes: notifications are held by your rules again.",
        ),
    )
    p.add_argument(
        "span", nargs="*", metavar="HOW_LONG", help=translate("CLI", "on, off, 30m or until 14:00")
    )
    p.add_argument("--json", action="store_true", help=translate("CLI", "print the app's answer as JSON"))
    p.set_defaults(func=pause, parser=p)


def pause(args: argparse.Namespace) -> int:
    try:
        kind, value = parse_span(args.span or ["on"])
    except argparse.ArgumentTypeError as exc:
        args.parser.error(str(exc))
    if kind == "off":
        state = ask("Resume")
        if args.json:
            print(json.dumps(state))
        else:
            print(translate("CLI", "Resumed: notifications are held by your rules again."))
        return 0
    now = app_now(ask("Status"))
    if kind == "until":
        value = minutes_until(value, now)
    span = float(value) if kind != "on" else 0.0
    answer = ask("Pause", "d", [span])
    if args.json:
        print(json.dumps(answer))
        return 0
    count = len(answer.get("released", []))
    if span > 0:
        end = day_and_time(datetime.fromtimestamp(now.timestamp() + span * 60, now.tzinfo), now)
        print(fill(translate("CLI", "Paused until %1: everything comes through."), end))
    else:
        print(translate("CLI", "Paused: everything comes through until you resume (notifyzen pause off)."))
    if count:
        print(translate("CLI", "%n held notification(s) shown now.", None, count))
    return 0
