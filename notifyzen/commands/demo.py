"""`notifyzen demo`: a working Monday replayed at high speed through the real app (notifyzen.demo)."""

from __future__ import annotations

import argparse
from pathlib import Path

from notifyzen import UserError
from notifyzen.desktop.words import fill, translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help=translate(
            "CLI", "replay a day of notifications through notifyzen on a private bus (no setup needed)"
        ),
        description=translate(
            "CLI",
            """Start a private session bus, run notifyzen on it with a fake clock, and replay a generated
Monday (08:00-18:00) of desktop and phone notifications through real clients (notify-send, gdbus,
dbus-fast; phone ones shaped as kdeconnectd sends them) at high speed. Each arrival is printed
with what notifyzen decided. Focus windows, check-ins and your breaks away from the desk (sent as
the screen saver's signal) happen as the clock passes them. At the end it checks in, prints the
day's digest (people, then apps) and writes the weekly report.

Nothing touches your desktop, your settings or your history: the demo uses the shipped default
rules and a throwaway directory, which it keeps so you can look at the report and the history
afterwards. With a display (DISPLAY or WAYLAND_DISPLAY) the app's pop-ups, digest window and
report window open on it instead, and the demo waits for you to press Enter.
""",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--seed",
        type=int,
        default=16,
        help=translate("CLI", "which generated day (the same seed, the same day; default 16)"),
    )
    p.add_argument(
        "--speed",
        type=_speed,
        default=3000.0,
        metavar="TIMES",
        help=translate(
            "CLI",
            "how many times faster than real time (default 3000: the day takes about 12 s; "
            "0: as fast as it goes)",
        ),
    )
    p.add_argument(
        "--keep",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=translate(
            "CLI",
            "leave notifyzen running on the demo's bus until you press Enter "
            "(default: yes with a display and a terminal, no otherwise)",
        ),
    )
    p.add_argument(
        "--dir",
        type=Path,
        metavar="DIR",
        help=translate(
            "CLI", "keep the demo's history, settings and report here (default: a new directory in /tmp)"
        ),
    )
    p.set_defaults(func=demo)


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            fill(translate("CLI", "expected a number, got %1"), repr(text))
        ) from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(translate("CLI", "the speed cannot be negative"))
    return value


def demo(args: argparse.Namespace) -> int:
    from notifyzen.demo import DemoError, Options, run
    from notifyzen.devbus import BusUnavailable

    try:
        return run(Options(seed=args.seed, speed=args.speed, keep=args.keep, directory=args.dir))
    except (DemoError, BusUnavailable) as exc:
        raise UserError(str(exc)) from None
