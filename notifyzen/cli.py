"""The `notifyzen` command. Each subcommand lives in notifyzen/commands/<name>.py and registers
itself; this module only dispatches, so adding a command never touches another's code.

Errors a user can cause come out as one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from notifyzen import UserError, __version__
from notifyzen.desktop.words import speak_argparse, translate

# Order here is the order in --help.
COMMANDS = (
    "run",
    "status",
    "focus",
    "pause",
    "history",
    "rules",
    "checkin",
    "open",
    "report",
    "autostart",
    "quit",
    "demo",
)


def build_parser() -> argparse.ArgumentParser:
    speak_argparse()  # before any parser exists: -h's help is worded when a parser is made
    parser = argparse.ArgumentParser(
        prog="notifyzen",
        description=translate(
            "CLI",
            "Notification etiquette for the Linux desktop: you choose when to be distracted. Without a "
            "command, starts the tray app, and takes the options of `run`: notifyzen --mode server.",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"notifyzen {__version__}",
        help=translate("CLI", "print the version and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"notifyzen.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"notifyzen.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def default_to_run(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`notifyzen --mode server` is `notifyzen run --mode server`.

    `notifyzen` alone starts the tray app, so a user expects its options to work there too; argparse
    would refuse them (the top level knows only --help and --version) or take `server` for a
    command. Only arguments that begin with an option the top level does not know go to `run`:
    a mistyped command still gets argparse's "invalid choice" with the list of commands."""
    if not argv:
        return ["run"]
    first = argv[0]
    if first.startswith("-") and first.split("=", 1)[0] not in parser._option_string_actions:
        return ["run", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(default_to_run(parser, list(sys.argv[1:] if argv is None else argv)))
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"notifyzen: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `notifyzen history --json | head`: the reader has all it wanted. Python would print a
        # traceback, and another one when it flushes stdout at exit; point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a C program killed by it
