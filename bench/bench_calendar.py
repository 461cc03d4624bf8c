"""What a calendar of 1,000 events costs (issue 19): reading it, the periodic check, decide(), startup.

The calendar: a year of a busy team around now, 20 weekly series (each with a skipped and a moved
occurrence) and 940 single events, in Europe/Amsterdam with its VTIMEZONE, as an .ics.

- read: CalendarFeed.refresh from cold (parse, expand the 9-day horizon, build the meetings);
- check: the same call when nothing changed (one stat per file), what runs every 30 s;
- decide: Engine.evaluate over a generated week with the default preset, without and with the
  calendar's meetings (CPU time per decision, median of rounds);
- startup (--startup, needs Xvfb and trayer as bench_startup.py): exec to tray icon and control
  name, without and with the calendar in config.yaml, and until the meetings are in force.

python bench/bench_calendar.py [--startup] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import icalendar  # noqa: E402

from notifyzen.calendar.feed import CalendarFeed  # noqa: E402
from notifyzen.core.config import CalendarSettings, Config  # noqa: E402
from notifyzen.core.engine import Context, Engine  # noqa: E402
from notifyzen.core.model import Notification  # noqa: E402
from notifyzen.core.ruleload import load_rules  # noqa: E402
from notifyzen.core.weekgen import generate_week  # noqa: E402
from notifyzen.desktop import paths  # noqa: E402

AMS = ZoneInfo("Europe/Amsterdam")
TITLES = ("Standup", "1:1", "Planning", "Review", "Customer call", "Retro", "Sync", "Interview")


def thousand_events(now: datetime) -> bytes:
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//notifyzen bench//EN")
    cal.add("VERSION", "2.0")
    start = (now - timedelta(days=182)).astimezone(AMS).replace(minute=0, second=0, microsecond=0)
    count = 0
    for series in range(20):
        first = start.replace(hour=9 + series % 8) + timedelta(days=series % 5)
        ev = icalendar.Event()
        ev.add("UID", f"series-{series}@bench")
        ev.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=UTC))
        ev.add("SUMMARY", f"{TITLES[series % len(TITLES)]} series {series}")
        ev.add("DTSTART", first)
        ev.add("DTEND", first + timedelta(minutes=30))
        ev.add("RRULE", {"FREQ": "WEEKLY", "COUNT": 52})
        ev.add("EXDATE", first + timedelta(weeks=27))
        cal.add_component(ev)
        moved = icalendar.Event()
        moved.add("UID", f"series-{series}@bench")
        moved.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=UTC))
        moved.add("SUMMARY", f"{TITLES[series % len(TITLES)]} series {series}")
        moved.add("RECURRENCE-ID", first + timedelta(weeks=26))
        moved.add("DTSTART", first + timedelta(weeks=26, hours=2))
        moved.add("DTEND", first + timedelta(weeks=26, hours=2, minutes=30))
        cal.add_component(moved)
        count += 2
    single = 0
    while count < 1000:
        at = start + timedelta(hours=7 + single % 10, days=single * 365 // 940)
        ev = icalendar.Event()
        ev.add("UID", f"single-{single}@bench")
        ev.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=UTC))
        ev.add("SUMMARY", f"{TITLES[single % len(TITLES)]} {single}")
        ev.add("DTSTART", at)
        ev.add("DTEND", at + timedelta(minutes=45))
        cal.add_component(ev)
        single += 1
        count += 1
    cal.add_missing_timezones()
    return cal.to_ical()


def timed(fn: object, rounds: int) -> tuple[float, float]:
    """(median CPU s, median wall s) of `fn()` over `rounds`."""
    cpu, wall = [], []
    for _ in range(rounds):
        c, w = time.process_time(), time.perf_counter()
        fn()  # type: ignore[operator]
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu), statistics.median(wall)


def decide_cost(engine: Engine, week: list[Notification], rounds: int = 15) -> float:
    per = []
    ctx = Context()
    for _ in range(rounds):
        t = time.process_time()
        for n in week:
            engine.evaluate(n, ctx, n.at)
        per.append((time.process_time() - t) / len(week))
    return statistics.median(per) * 1e6


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--startup", action="store_true", help="also time the app's startup (Xvfb, trayer)")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        ics = Path(tmp) / "team.ics"
        ics.write_bytes(thousand_events(now))
        settings = (CalendarSettings("Team", str(ics)),)
        cpu, wall = timed(lambda: CalendarFeed(settings, AMS, paths.presets_dir()).refresh(now), 5)
        size = ics.stat().st_size // 1024
        print(
            f"read 1,000 events ({size} KiB), 9-day horizon:"
            f" {cpu * 1000:.0f} ms CPU, {wall * 1000:.0f} ms wall"
        )
        feed = CalendarFeed(settings, AMS, paths.presets_dir())
        focus = feed.refresh(now)
        assert focus is not None
        cpu, _ = timed(lambda: feed.refresh(now), 200)
        print(
            f"  {len(focus.meetings)} meetings in the horizon;"
            f" the 30 s check, nothing changed: {cpu * 1e6:.0f} µs CPU"
        )

        rules, errors = load_rules([], [ROOT / "rules" / "default.yaml"])
        assert rules is not None, errors
        monday = date(2026, 11, 16)
        week = [e for e in generate_week(monday, AMS, seed=1) if isinstance(e, Notification)]
        config = Config(zone=AMS)
        meeting_week = CalendarFeed(settings, AMS, paths.presets_dir()).refresh(
            datetime(2026, 11, 19, tzinfo=AMS)
        )
        plain, aware = Engine(rules, config), Engine(rules, config, meeting_week)
        for engine in (plain, aware):  # warm the caches as a running app has them
            decide_cost(engine, week, 2)
        meetings = len(meeting_week.meetings) if meeting_week else 0
        print(
            f"decide(), default preset, {len(week)} notifications: {decide_cost(plain, week):.1f} µs without"
            f" a calendar, {decide_cost(aware, week):.1f} µs with {meetings} meetings"
        )
        if args.startup:
            startup(ics, args.runs, now)
    return 0


def startup(ics: Path, runs: int, now: datetime) -> None:
    from bench.bench_startup import _stop, start_and_time, tray_desktop  # Xvfb, trayer

    soon = (now + timedelta(minutes=3)).astimezone(AMS).replace(second=0, microsecond=0)
    extra = ics.with_name("soon.ics")
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//notifyzen bench//EN")
    cal.add("VERSION", "2.0")
    ev = icalendar.Event()
    ev.add("UID", "soon@bench")
    ev.add("DTSTAMP", now)
    ev.add("SUMMARY", "Soon")
    ev.add("DTSTART", soon)
    ev.add("DTEND", soon + timedelta(minutes=30))
    cal.add_component(ev)
    extra.write_bytes(cal.to_ical())
    results: dict[str, list[float]] = {"without": [], "with": [], "meetings in": []}
    with tray_desktop() as (display, address):
        for _ in range(runs):
            for kind in ("without", "with"):
                with tempfile.TemporaryDirectory() as home:
                    config = Path(home) / "config" / "notifyzen" / "config.yaml"
                    config.parent.mkdir(parents=True)
                    if kind == "with":
                        config.write_text(
                            f"calendars:\n  - {{name: Team, path: '{ics}'}}\n"
                            f"  - {{name: Soon, path: '{extra}'}}\n"
                        )
                    t0 = time.perf_counter()
                    proc, took = start_and_time("notifyzen", display, address, Path(home))
                    results[kind].append(took)
                    if kind == "with":
                        env = {"DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin"}
                        while soon.isoformat(timespec="seconds") not in _status(env):
                            time.sleep(0.01)
                        results["meetings in"].append(time.perf_counter() - t0)
                    _stop(proc)
    for kind, values in results.items():
        print(f"startup {kind}: median {statistics.median(values) * 1000:.0f} ms of {len(values)}")


def _status(env: dict[str, str]) -> str:
    done = subprocess.run(
        ["gdbus", "call", "--session", "--dest", "io.github.notifyzen.Notifyzen", "--object-path",
         "/io/github/notifyzen/Notifyzen", "--method", "io.github.notifyzen.Notifyzen1.Status"],
        env=env, capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    return done.stdout


if __name__ == "__main__":
    raise SystemExit(main())
