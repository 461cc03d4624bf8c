"""The demo from start to end: pick the day, start notifyzen on a private bus, replay the day while
jumping its clock, check in, then say what happened and where the files are."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time as wallclock
from collections.abc import Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from notifyzen.core.model import Source
from notifyzen.core.stream import Presence
from notifyzen.demo import summary
from notifyzen.demo.app import (
    REPORT_NAME,
    demo_env,
    has_display,
    interrupt_on_signals,
    open_report,
    render_report,
    start_app,
    stop,
    wait_until_up,
)
from notifyzen.demo.clients import CONTROL, NOTIFY, Bus, clients_available, plan, send
from notifyzen.demo.day import Call, Day, DemoError, Options, pick_day
from notifyzen.demo.history import History, held_items
from notifyzen.demo.timeline import Commentary, opening, replaying, rules_paragraph


async def replay(
    day: Day, options: Options, env: dict[str, str], app: subprocess.Popen[bytes], log: Path, say: Commentary
) -> None:
    bus = Bus(env["DBUS_SESSION_BUS_ADDRESS"])
    await bus.connect()
    try:
        status = await wait_until_up(bus, app, log)
        caps = await bus.call(NOTIFY, "GetCapabilities")
        steps = plan(day.events, clients_available(), "x-kde-display-appname" in (caps or []))
        calls = [c for c in steps if isinstance(c, Call)]
        used = sorted({c.client for c in calls}, key=("notify-send", "gdbus", "dbus-fast").index)
        phone = any(c.n.source is Source.PHONE for c in calls)
        say.paragraph(replaying(status, len(calls), used, phone))
        say.say()
        say.heading()
        history = History(Path(env["NOTIFYZEN_DB"]))
        try:
            await _replay_steps(steps, day, options, bus, env, history, say)
            await bus.call(CONTROL, "SetClock", "s", [day.end.isoformat()])
            _events(history, say)
            say.end_of_day(day.end)
            await bus.call(CONTROL, "CheckIn")
            _events(history, say)
        finally:
            history.close()
    finally:
        bus.disconnect()


async def _replay_steps(
    steps: Sequence[Call | Presence],
    day: Day,
    options: Options,
    bus: Bus,
    env: dict[str, str],
    history: History,
    say: Commentary,
) -> None:
    started = wallclock.monotonic()
    focus = list(day.focus)
    for step in steps:
        at = step.n.at if isinstance(step, Call) else step.at
        while focus and focus[0][1] <= at:
            say.focus(*focus.pop(0))
        if options.speed > 0:
            due = (at - day.begin).total_seconds() / options.speed
            await asyncio.sleep(max(0.0, due - (wallclock.monotonic() - started)))
        await bus.call(CONTROL, "SetClock", "s", [at.isoformat()])
        _events(history, say)
        if isinstance(step, Presence):
            await bus.screen_saver(step.idle)
            say.presence(step)
        else:
            await send(step, bus, env)
            for row in history.new_rows():
                say.arrival(step, row)
        _events(history, say)


def _events(history: History, say: Commentary) -> None:
    for row in history.early_releases():
        say.release(row)
    for row in history.new_checkins():
        say.checkin(row)


def run(options: Options, today: date | None = None) -> int:
    """The whole demo; returns the exit status. Raises DemoError with a one-line reason."""
    from notifyzen.core.config import local_zone
    from notifyzen.core.report import IsoWeek
    from notifyzen.devbus import private_bus

    tz = local_zone()
    directory = options.directory or Path(tempfile.mkdtemp(prefix="notifyzen-demo-"))
    if (directory / "notifyzen.db").exists():  # a second Monday on top would muddle both
        raise DemoError(f"{directory} already holds a demo's history; give --dir a new directory")
    directory.mkdir(parents=True, exist_ok=True)
    day = pick_day(options, tz, today or datetime.now(tz).date(), directory / "home" / "config" / "notifyzen")
    log = directory / "notifyzen.log"
    display = has_display()
    keep = options.keep if options.keep is not None else display and sys.stdin.isatty()
    week = str(IsoWeek.containing(day.date))
    say = Commentary(options.out, tz)
    say.paragraph(opening(day, options.speed))
    say.paragraph(rules_paragraph(day))
    report_window = None
    app = None
    waiting = False
    try:
        with interrupt_on_signals(), private_bus(quiet=True) as address:
            env = demo_env(address, directory, display)
            try:
                app = start_app(env, day.begin, log)
                asyncio.run(replay(day, options, env, app, log, say))
                db = Path(env["NOTIFYZEN_DB"])
                say.say()
                for line in summary.summary_lines(db, tz):
                    say.paragraph(line)
                say.say()
                for line in summary.digest_lines(held_items(db), say.columns - 1):
                    say.say(line)
                say.say()
                if display:
                    report_window = open_report(env, week, log)
                    say.paragraph(summary.report_opened(week))
                else:
                    report = render_report(env, week, directory / REPORT_NAME, log)
                    say.say(summary.report_written(week, report))
                say.say(summary.history_line(db))
                say.say(summary.explain_hint(db))
                if keep:
                    say.say(summary.still_running(address))
                    waiting = True
                    with suppress(EOFError):
                        input()
            finally:
                stop(report_window)
                stop(app)
    except KeyboardInterrupt:
        if waiting:  # Ctrl-C is one of the two ways out offered
            return 0
        say.say(summary.stopped(directory))
        return 130
    return 0
