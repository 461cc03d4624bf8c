"""`notifyzen quit`: the tray's "Quit notifyzen", for where there is no tray (control `Quit`)."""

from __future__ import annotations

import argparse

from notifyzen.commands.common import ask_running_app
from notifyzen.commands.focus import ask
from notifyzen.desktop.words import fill, translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quit",
        help=translate("CLI", "quit the running notifyzen"),
        description=translate(
            "CLI",
            "Quit the running notifyzen, as the tray's Quit does. What it holds is kept in the "
            "history and held again at its next start.",
        ),
    )
    p.set_defaults(func=quit_app)


def quit_app(args: argparse.Namespace) -> int:
    del args
    pid = ask("Status").get("pid")  # not running: one clear line, exit 2
    ask_running_app("Quit")
    print(fill(translate("CLI", "notifyzen (pid %1) is quitting."), pid))
    return 0
