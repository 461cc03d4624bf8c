"""`notifyzen checkin now`: ask the running app to check in at once (show everything held)."""

from __future__ import annotations

import argparse
import json

from notifyzen import UserError
from notifyzen.commands.common import ask_running_app
from notifyzen.desktop.words import fill, translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "checkin",
        help=translate("CLI", "check in now: show the digest of everything held"),
        description=(
            translate(
                "CLI",
                "Check in now: the running notifyzen shows the digest of everything it holds, as the tray's"
                " Check in now does.",
            )
        ),
    )
    p.add_argument("when", choices=["now"], help=translate("CLI", "only 'now' for the moment"))
    p.add_argument("--json", action="store_true", help=translate("CLI", "print the check-in as JSON"))
    p.set_defaults(func=checkin)


def checkin(args: argparse.Namespace) -> int:
    result = ask_running_app("CheckIn")
    if result is None:
        raise UserError(
            translate("CLI", "notifyzen is not running on this session; start it with `notifyzen`")
        )
    if args.json:
        print(json.dumps(result))
        return 0
    count = len(result.get("released", []))
    print(
        fill(
            translate("CLI", "Checked in at %1: %n held notification(s) shown.", None, count),
            result.get("at"),
        )
    )
    return 0
