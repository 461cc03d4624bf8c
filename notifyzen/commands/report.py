"""`notifyzen report [--week 2026-W47] [--out FILE.{png,pdf,html} | --json | --text]`: the weekly
focus report.

With --out it renders without a screen (offscreen Qt when there is no display) and exits, so a
cron job or a headless box can mail the PDF; --json (keys in docs/report.md) and --text print it
for a script or a terminal without any Qt GUI; without them the report window opens. Every way
only reads the history.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notifyzen import UserError
from notifyzen.core.isoweek import IsoWeek
from notifyzen.desktop import paths
from notifyzen.desktop.words import fill, translate

if TYPE_CHECKING:  # the report's maths and the rules engine (pydantic) load when the report runs
    from notifyzen.core.report import SpanLike, WeeklyReport, WhatIf
    from notifyzen.ui.report import ReportWindow

# The rules engine's schedule, when the app wires it in: (week start, week end) -> focus spans.
SpanSource = Callable[[datetime, datetime], Iterable["SpanLike"]]


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "report",
        help=translate("CLI", "the weekly focus report (window, --out FILE, --json or --text)"),
        description=(
            translate(
                "CLI",
                "The weekly focus report: a window, or with --out a PNG, PDF or HTML file written without a"
                " screen, or with --json / --text printed for a script or a terminal.",
            )
        ),
    )
    parser.add_argument(
        "--week", type=_week, help=translate("CLI", "ISO week like 2026-W47 (default: this week)")
    )
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help=translate("CLI", "write FILE.png, FILE.pdf or FILE.html and exit"),
    )
    how.add_argument(
        "--json",
        action="store_true",
        help=translate("CLI", "print the report as JSON (keys: docs/report.md) and exit"),
    )
    how.add_argument(
        "--text", action="store_true", help=translate("CLI", "print a short summary for a terminal and exit")
    )
    parser.add_argument(
        "--tz",
        type=_zone,
        help=translate("CLI", "time zone for week and day boundaries (default: the system's)"),
    )
    parser.add_argument(
        "--show-bodies",
        action="store_true",
        help=translate("CLI", "include notification texts (off: only apps, people, counts)"),
    )
    parser.set_defaults(func=run)


def _week(text: str) -> IsoWeek:
    try:
        return IsoWeek.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _zone(text: str) -> tzinfo:
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(fill(translate("CLI", "unknown time zone %1"), repr(text))) from None


@dataclass(frozen=True, slots=True)
class Schedule:
    """What the report takes from the active rules: focus spans, max wait, a what-if per week."""

    spans: SpanSource | None = None
    max_wait: timedelta | None = None
    what_if_for: Callable[[IsoWeek], WhatIf] | None = None
    zone: tzinfo | None = None
    # the calendars' meetings (config.yaml `calendars:`): [start, end) -> (their windows, meetings)
    calendars: Callable[[datetime, datetime], tuple[list[Any], list[Any]]] | None = None
    # rules proposed from the user's reactions that week (issue 20; notifyzen/learn/week.py)
    proposals_for: Callable[[IsoWeek], tuple[Any, ...]] | None = None


def active_schedule(db: Path) -> tuple[Schedule, str | None]:
    """The user's rules and config as the report needs them, or an empty one and why not."""
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.schedule import Schedule as RulesSchedule
    from notifyzen.core.whatif import focus_spans

    loaded = load_active(paths.config_dir(), paths.presets_dir())
    if not loaded.ok or loaded.rules is None or loaded.config is None:
        from notifyzen.desktop.i18n import translate

        return Schedule(), translate(
            "Report", "the rules do not load (see `notifyzen rules check`); focus figures left out"
        )
    rules, config = loaded.rules, loaded.config
    schedule = RulesSchedule(rules.windows, config.checkins, config.zone)

    def what_if_for(week: IsoWeek) -> WhatIf:
        week_read = WeekReplay()  # the week's history and its replay, made once for all suggestions
        return lambda hint: _what_if(db, rules, config, week, hint, week_read)

    calendars = None
    if config.calendars:  # read for the weeks shown, as `rules simulate` does (docs/calendar.md)
        from notifyzen.calendar.feed import meeting_spans

        def calendars(s: datetime, e: datetime) -> tuple[list[Any], list[Any]]:
            return meeting_spans(config.calendars, paths.presets_dir(), s, e, config.zone)

    spans = lambda s, e: focus_spans(schedule, s, e)  # noqa: E731
    proposals = lambda week: _proposals(db, rules, config, week)  # noqa: E731
    return Schedule(spans, config.max_wait, what_if_for, config.zone, calendars, proposals), None


def _proposals(db: Path, rules: Any, config: Any, week: IsoWeek) -> tuple[Any, ...]:
    """The week's proposed rules as report suggestions; none when the week cannot be replayed."""
    from notifyzen.core.report import Suggestion
    from notifyzen.history.week import HistoryError
    from notifyzen.learn.week import proposals_for
    from notifyzen.ui import proposal_words as words  # the session's language; --json asks in English

    if _week_entries(db, week, config) is None:  # unreadable, or past WHAT_IF_MAX
        return ()
    try:
        found = proposals_for(db, rules, config, week.bounds(config.zone))
    except HistoryError:
        return ()
    return tuple(
        Suggestion(
            "proposal",
            p.candidate.subject,
            words.evidence(p.candidate.kind, p.candidate.figures),
            dict(p.spec),
            words.replay_sentence(p.replay.as_json()),
        )
        for p in found.proposals
    )


# Past this many notifications in a week a suggestion comes without its what-if figure: each figure
# replays the whole week, and a week of 100,000 took 8 s a replay (report --text: 219 s, 583 MiB).
WHAT_IF_MAX = 10_000


@dataclass
class WeekReplay:
    """One week's history as the simulator reads it, and its replay under the rules in force: the
    same for every suggestion of the report, so each costs one replay (its own), not two."""

    read: bool = False
    entries: list[Any] | None = None  # None: too many to replay (WHAT_IF_MAX) or unreadable
    before: Any = None


def _what_if(
    db: Path,
    rules: Any,
    config: Any,
    week: IsoWeek,
    hint: Mapping[str, Any],
    cache: WeekReplay | None = None,
) -> str | None:
    """The simulator's figure for a suggested rule over the report's week, or None if unknowable."""
    from notifyzen.core.replay_summary import impact
    from notifyzen.core.rulefile import RuleModel
    from notifyzen.core.ruleload import _rule  # the loader's own model -> Rule step, so both agree
    from notifyzen.core.whatif import rule_impact, simulate, with_rule
    from notifyzen.report.words import impact_sentence

    try:
        rule = _rule(RuleModel.model_validate(dict(hint)), "report suggestion")
    except ValueError:
        return None
    week_read = cache or WeekReplay()
    if not week_read.read:
        week_read.read = True
        week_read.entries = _week_entries(db, week, config)
    entries = week_read.entries
    if entries is None:
        return None
    if not entries:
        return impact_sentence(rule_impact(entries, rules, config, rule))
    times = [e.event.at.astimezone(UTC) for e in entries]  # as rule_impact spans them
    span = (min(times), max(times))
    if week_read.before is None:
        week_read.before = simulate(entries, rules, config, span=span)
    return impact_sentence(
        impact(week_read.before, simulate(entries, with_rule(rules, rule), config, span=span))
    )


def _week_entries(db: Path, week: IsoWeek, config: Any) -> list[Any] | None:
    """The week for the simulator, or None when it cannot be read or is past WHAT_IF_MAX (counted
    first, so such a week is never loaded)."""
    import sqlite3

    from notifyzen.history.week import HistoryError, read_week

    start, end = week.bounds(config.zone)
    try:
        db_ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            (count,) = db_ro.execute(
                "SELECT count(*) FROM notification WHERE at >= ? AND at < ?",
                (start.timestamp(), end.timestamp()),
            ).fetchone()
        finally:
            db_ro.close()
        if count > WHAT_IF_MAX:
            return None
        return read_week(db, start, end, config.idle_breakpoint)
    except (HistoryError, sqlite3.Error):
        return None


def make_loader(
    tz: tzinfo,
    *,
    db: Path | None = None,
    schedule: Schedule | None = None,
    show_bodies: bool = False,
) -> Callable[[IsoWeek], WeeklyReport]:
    """What ReportWindow needs: week -> report, from the history file (read-only)."""
    from notifyzen.report.data import open_history, weekly_report

    sched = schedule or Schedule()

    engine = open_history(db or paths.database_file())

    def load(week: IsoWeek) -> WeeklyReport:
        start = week.previous().bounds(tz)[0]
        end = week.bounds(tz)[1]
        lived, meetings = sched.calendars(start, end) if sched.calendars else ([], [])
        report = weekly_report(
            engine,
            week,
            tz,
            focus_spans=[*(sched.spans(start, end) if sched.spans else ()), *lived],
            meetings=meetings,
            max_wait=sched.max_wait,
            what_if=sched.what_if_for(week) if sched.what_if_for else None,
            show_bodies=show_bodies,
            now=datetime.now(tz),  # notifyzen not running since its last run is a gap, the future is not
        )
        proposed = sched.proposals_for(week) if sched.proposals_for and not report.empty else ()
        if not proposed:
            return report
        about = {p.subject for p in proposed}  # a proposal replaces the older suggestion about the same
        return replace(
            report, suggestions=(*proposed, *(s for s in report.suggestions if s.subject not in about))
        )

    return load


def run(args: argparse.Namespace) -> int:
    from notifyzen.core.config import local_zone
    from notifyzen.desktop import i18n
    from notifyzen.report.words import fill

    db = paths.database_file()
    schedule, problem = active_schedule(db)
    if problem:
        print(f"notifyzen: {problem}", file=sys.stderr)
    tz = args.tz or schedule.zone or local_zone()
    week = args.week or IsoWeek.containing(datetime.now(tz).date())
    if args.json or args.text:
        return print_report(db, week, tz, schedule, as_json=args.json, show_bodies=args.show_bodies)
    if args.out is not None and args.out.suffix.lower() not in (".png", ".pdf", ".html"):
        raise UserError(
            fill(
                i18n.translate("Report", "--out %1: the file name must end in .png, .pdf or .html"), args.out
            )
        )
    screen = (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    )
    if args.out is None and not screen:
        raise UserError(
            i18n.translate(
                "Report", "no display to open the report window on; use --out FILE.pdf (or .png, .html)"
            )
        )
    if args.out is not None and not screen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.out is None:
        from notifyzen.ui.placement import qpa_platform

        if (platform := qpa_platform(os.environ)) is not None:  # a dialog sway floats, as the app's
            os.environ["QT_QPA_PLATFORM"] = platform
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        i18n.install(app)  # Qt's own words too (the export dialog's buttons)
    load = make_loader(tz, db=db, schedule=schedule, show_bodies=args.show_bodies)
    if args.out is not None:
        from notifyzen.desktop.qtquiet import quiet_platform_noise
        from notifyzen.report.export import export
        from notifyzen.ui.report import export_view

        try:
            with quiet_platform_noise():  # a cron job's mail says only what went wrong
                path = export(load(week), args.out, render=export_view)
        except OSError as exc:
            raise UserError(fill(i18n.translate("Report", "cannot write %1: %2"), args.out, exc)) from None
        print(path)
        return 0
    window = open_window(week=week, tz=tz, load=load)
    window.write_rule.connect(lambda rule: print(json.dumps(rule, ensure_ascii=False), flush=True))
    return int(app.exec())


def print_report(
    db: Path, week: IsoWeek, tz: tzinfo, schedule: Schedule, *, as_json: bool, show_bodies: bool
) -> int:
    """--json and --text: the week on stdout, with QtCore's translator and nothing else of Qt.

    Unlike the window and --out, which draw an empty week for a history not made yet, a script
    asking for numbers is told there are none to read (as `notifyzen history` tells it)."""
    from notifyzen.desktop import i18n
    from notifyzen.report.words import fill

    if not db.exists():
        raise UserError(fill(i18n.translate("ReportText", "no history yet (%1 does not exist)"), db))
    load = make_loader(tz, db=db, schedule=schedule, show_bodies=show_bodies)
    if as_json:
        from notifyzen.core.report_json import report_json

        language = i18n.active_language()
        i18n.use(i18n.SOURCE_LANGUAGE)  # the suggestions' what-if sentence, like their text, in English
        try:
            report = load(week)
        finally:
            i18n.use(language)
        print(json.dumps(report_json(report), indent=1, ensure_ascii=False))
    else:
        from notifyzen.report.text import summary

        sys.stdout.write(summary(load(week)))
    return 0


def open_window(
    *,
    week: IsoWeek | None = None,
    tz: tzinfo | None = None,
    load: Callable[[IsoWeek], WeeklyReport] | None = None,
    show_bodies: bool = False,
) -> ReportWindow:
    """The report window on the user's history and active rules, shown: what tray → Weekly report
    calls. Connect `write_rule(dict)` to the rules writer; keep a reference to the window."""
    from notifyzen.core.config import local_zone
    from notifyzen.ui.report import ReportWindow

    with_bodies = None
    if load is None or tz is None:
        db = paths.database_file()
        schedule, _ = active_schedule(db)
        tz = tz or schedule.zone or local_zone()
        with_bodies = make_loader(tz, db=db, schedule=schedule, show_bodies=True)
        load = load or make_loader(tz, db=db, schedule=schedule, show_bodies=show_bodies)
    this_week = IsoWeek.containing(datetime.now(tz).date())
    window = ReportWindow(
        load, week or this_week, latest=max(week or this_week, this_week), load_with_bodies=with_bodies
    )
    window.show()
    return window
