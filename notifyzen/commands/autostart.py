"""`notifyzen autostart [on | off]`: the tray's "Start at login", for where there is no tray.

It writes or removes the same XDG autostart entry (notifyzen/desktop/autostart.py). sway and i3 do not
start those entries themselves (only a desktop session or a helper such as dex does), so on
them it also says the one line to put in their config instead, with the command that starts
this very notifyzen.
"""

from __future__ import annotations

import argparse
import shlex

from notifyzen.desktop.words import fill, translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "autostart",
        help=translate("CLI", "start notifyzen at login: on, off, or show whether it does"),
        description=translate(
            "CLI",
            "Start notifyzen at login, as the tray's Start at login does: on writes the desktop's "
            "autostart entry, off removes it, without a word says whether it is on.",
        ),
    )
    p.add_argument("state", nargs="?", choices=["on", "off"], help=translate("CLI", "on or off"))
    p.set_defaults(func=autostart)


def autostart(args: argparse.Namespace) -> int:
    from notifyzen.desktop import autostart as entry
    from notifyzen.ui.placement import tiling_session

    if args.state == "on":
        path = entry.enable()
        print(fill(translate("CLI", "notifyzen starts at login (%1)."), path))
    elif args.state == "off":
        entry.disable()
        print(translate("CLI", "notifyzen no longer starts at login."))
    else:
        on = entry.is_enabled()
        print(
            translate("CLI", "notifyzen starts at login.")
            if on
            else translate("CLI", "notifyzen does not start at login.")
        )
    if args.state != "off" and tiling_session():
        command = shlex.join(entry.launch_command())
        print(
            fill(
                translate(
                    "CLI",
                    "sway and i3 do not start autostart entries themselves; to start notifyzen with them, "
                    "put this line in their config: exec %1",
                ),
                command,
            )
        )
    return 0
