"""`notifyzen run`: the tray app (also what `notifyzen` without a command starts)."""

from __future__ import annotations

import argparse
import logging
import os

from notifyzen import UserError
from notifyzen.bus import MODES
from notifyzen.clock import Clock, FakeClock, RealClock, parse_instant
from notifyzen.desktop.words import translate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help=translate("CLI", "start the tray app (the default command)"),
        description=(
            translate(
                "CLI",
                "Start the tray app: take in every notification on the session bus, hold what can wait for "
                "the next check-in, show the rest. Picks server mode where org.freedesktop.Notifications is"
                " free, observe mode where the desktop's own daemon has it.",
            )
        ),
    )
    p.add_argument(
        "--mode",
        choices=MODES,
        default="auto",
        help=translate(
            "CLI",
            "server: own org.freedesktop.Notifications and show pop-ups; observe: watch the desktop's "
            "own daemon; auto (default): server where the name is free, observe otherwise",
        ),
    )
    p.add_argument(
        "--clock",
        metavar="ISO",
        help=translate(
            "CLI",
            "start a clock at this instant (e.g. 2026-11-16T09:00:00+01:00) running at real speed; "
            "enables the control interface's SetClock (for demos and tests)",
        ),
    )
    p.add_argument(
        "--clock-stopped",
        action="store_true",
        help=translate(
            "CLI",
            "with --clock: the clock stands still and moves only with SetClock (tests that compare "
            "exact instants)",
        ),
    )
    p.add_argument(
        "--verbose", "-v", action="store_true", help=translate("CLI", "log what happens to stderr")
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    quiet = logging.INFO if os.environ.get("NOTIFYZEN_LOG") else logging.WARNING
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else quiet,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    clock: Clock = RealClock()
    if args.clock_stopped and not args.clock:
        raise UserError(translate("CLI", "--clock-stopped needs --clock ISO"))
    if args.clock:
        try:
            clock = FakeClock(parse_instant(args.clock), running=not args.clock_stopped)
        except ValueError as exc:
            raise UserError(f"--clock {args.clock!r}: {exc}") from exc
    if not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        # Qt would abort with a screenful about xcb plugins (and a core dump) instead of saying this.
        raise UserError(
            translate(
                "CLI",
                "no screen to put the tray icon on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                "start it inside your desktop session, or try `notifyzen demo`, which needs none",
            )
        )
    from notifyzen.app import main

    return main(mode=args.mode, clock=clock)
