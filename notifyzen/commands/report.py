"""`notifyzen report [--week 2026-W47] [--out FILE.{png,pdf,html}]`: the weekly focus report.

With --out it renders without a screen (offscreen Qt when there is no display) and exits, so a
cron job or a headless box can mail the PDF; without it the report window opens. Either way it
only reads the history.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notifyzen.cli import UserError
from notifyzen.core.report import IsoWeek, SpanLike, WeeklyReport, WhatIf

# The rules engine's schedule, when the app wires it in: (week start, week end) -> focus spans.
SpanSource = Callable[[datetime, datetime], Iterable[SpanLike]]


def register(sub: Any) -> None:
    parser = sub.add_parser("report", help="the weekly focus report (window, or --out FILE)")
    parser.add_argument("--week", type=_week, help="ISO week like 2026-W47 (default: this week)")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write FILE.png, FILE.pdf or FILE.html and exit"
    )
    parser.add_argument(
        "--tz", type=_zone, help="time zone for week and day boundaries (default: the system's)"
    )
    parser.add_argument(
        "--show-bodies",
        action="store_true",
        help="include notification texts (off: only apps, people, counts)",
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
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r}") from None


def local_zone() -> tzinfo:
    """The system's named zone (so DST weeks come out right), else its current fixed offset."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(os.readlink("/etc/localtime").partition("zoneinfo/")[2])
    for name in filter(None, candidates):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def make_loader(
    tz: tzinfo,
    *,
    db: Path | None = None,
    spans: SpanSource | None = None,
    max_wait: timedelta | None = None,
    what_if: WhatIf | None = None,
    show_bodies: bool = False,
) -> Callable[[IsoWeek], WeeklyReport]:
    """What ReportWindow needs: week -> report, from the history file (read-only)."""
    from notifyzen import paths
    from notifyzen.reportdata import open_history, weekly_report

    engine = open_history(db or paths.database_file())

    def load(week: IsoWeek) -> WeeklyReport:
        start = week.previous().bounds(tz)[0]
        end = week.bounds(tz)[1]
        return weekly_report(
            engine,
            week,
            tz,
            focus_spans=list(spans(start, end)) if spans else (),
            max_wait=max_wait,
            what_if=what_if,
            show_bodies=show_bodies,
        )

    return load


def run(args: argparse.Namespace) -> int:
    tz = args.tz or local_zone()
    week = args.week or IsoWeek.containing(datetime.now(tz).date())
    if args.out is not None and args.out.suffix.lower() not in (".png", ".pdf", ".html"):
        raise UserError(f"--out {args.out}: the file name must end in .png, .pdf or .html")
    if args.out is not None and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    load = make_loader(tz, show_bodies=args.show_bodies)
    if args.out is not None:
        from notifyzen.report_export import export

        try:
            path = export(load(week), args.out)
        except OSError as exc:
            raise UserError(f"cannot write {args.out}: {exc}") from None
        print(path)
        return 0
    from notifyzen.ui.report import ReportWindow

    this_week = IsoWeek.containing(datetime.now(tz).date())
    window = ReportWindow(load, week, latest=max(week, this_week))
    window.write_rule.connect(lambda rule: print(json.dumps(rule, ensure_ascii=False), flush=True))
    window.show()
    return int(app.exec())
