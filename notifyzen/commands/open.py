"""`notifyzen open digest | history`: the tray's Open digest and History…, for where no bar hosts a
tray (a sway or i3 bar without one) and for key bindings (`bindsym $mod+n exec notifyzen open
digest`).

The running app opens the window, not this process: the digest is the app's own list (what the
last check-ins brought, what was pinned), and the history window's buttons reach notifications
that are still live there. So this asks over the control interface (`Open`), and the app brings
the window to the front with the keyboard, as a click in the tray does (on sway through
ui/floating.bring_forward, since sway only marks a window urgent when it asks to be activated).
"""

from __future__ import annotations

import argparse

from notifyzen import UserError
from notifyzen.commands.focus import ask
from notifyzen.desktop.words import fill, translate

WINDOWS = ("digest", "history")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "open",
        help=translate("CLI", "open the digest or the history window of the running notifyzen"),
        description=translate(
            "CLI",
            "Open a window of the running notifyzen in front, with the keyboard, as the tray's Open "
            "digest and History… do: digest (what waits for you) or history (the last seven days).",
        ),
    )
    # Checked here rather than by argparse's choices: a wrong word is one line, not usage and error.
    p.add_argument("window", nargs="?", metavar="WINDOW", help=translate("CLI", "digest or history"))
    p.set_defaults(func=open_window)


def open_window(args: argparse.Namespace) -> int:
    window = (args.window or "").casefold()
    if window not in WINDOWS:
        raise UserError(
            fill(translate("CLI", "say which window to open: digest or history (not %1)"), args.window)
            if args.window
            else translate("CLI", "say which window to open: digest or history")
        )
    if not ask("Open", "s", [window]):  # not running: one clear line, exit 2
        raise UserError(translate("CLI", "this notifyzen runs without windows"))
    print(
        translate("CLI", "The digest is open.")
        if window == "digest"
        else translate("CLI", "The history is open.")
    )
    return 0
