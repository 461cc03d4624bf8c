"""The report's side of the history database: read one week (and the one before) as ReportRows.

Read-only and narrow on purpose. The history grows by a few hundred thousand rows a year, so a
week is one range scan over the `at` index selecting only the columns the report aggregates; the
body column is not even selected unless the user turned show_bodies on. The store (intake) owns
writing; this module never creates tables or writes, except that a file an older notifyzen made
gains the columns added since (schema.upgrade_file), once.

A notification updated in place (Notify with the `replaces_id` of a live one) has one row per
version; the report counts notifications, so the versions are folded into one ReportRow here
(`one_per_notification`), before anything is counted. docs/architecture.md says which version's
figures the folded row keeps.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, create_engine, select
from sqlalchemy.sql import ColumnElement

from notifyzen.core.report import (
    CHECKIN_COLUMNS,
    ROW_COLUMNS,
    IsoWeek,
    ReportCheckIn,
    ReportRow,
    SpanLike,
    WeeklyReport,
    WhatIf,
    build_report,
)
from notifyzen.core.runs import Run
from notifyzen.history.schema import CheckInRow, NotificationRow, upgrade_file

NOTIFICATIONS = NotificationRow.__table__  # type: ignore[attr-defined]
CHECKINS = CheckInRow.__table__  # type: ignore[attr-defined]


def open_history(path: Path) -> Engine | None:
    """A read-only engine on the history, or None when there is no history yet."""
    if not path.exists():
        return None
    upgrade_file(path)
    return create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")


@dataclass(frozen=True, slots=True)
class WeekRows:
    """This week's and the previous week's rows, as build_report wants them."""

    week: IsoWeek
    rows: list[ReportRow]
    checkins: list[ReportCheckIn]
    previous_rows: list[ReportRow]
    previous_checkins: list[ReportCheckIn]
    runs: list[Run] = field(default_factory=list)


VERSION_COLUMNS = ("id", "replaces_id")  # ahead of the ReportRow's columns in every selected row


def row_query(lo: float, hi: float, *, show_bodies: bool = False) -> Select[Any]:
    """Every version that arrived in [lo, hi): (id, replaces_id, *the ReportRow's columns)."""
    names = (*VERSION_COLUMNS, *ROW_COLUMNS, *(("body",) if show_bodies else ()))
    at: ColumnElement[float] = NOTIFICATIONS.c.at
    return select(*(NOTIFICATIONS.c[n] for n in names)).where(at >= lo, at < hi).order_by(at)


def checkin_query(lo: float, hi: float) -> Select[Any]:
    at: ColumnElement[float] = CHECKINS.c.at
    return select(*(CHECKINS.c[n] for n in CHECKIN_COLUMNS)).where(at >= lo, at < hi).order_by(at)


# The runs that touch [lo, hi), and the one just before and just after (core.runs.not_running
# reads the week's edges from them). The run log is a few rows a day, so no index is needed
# beyond started_at's.
_RUN_END = "coalesce(ended_at, last_alive_at)"
RUNS_QUERY = (
    f"SELECT * FROM (SELECT started_at, last_alive_at, ended_at FROM run WHERE {_RUN_END} < :lo "
    "ORDER BY started_at DESC LIMIT 1) "
    f"UNION SELECT started_at, last_alive_at, ended_at FROM run WHERE started_at < :hi AND {_RUN_END} >= :lo "
    "UNION SELECT * FROM (SELECT started_at, last_alive_at, ended_at FROM run WHERE started_at >= :hi "
    "ORDER BY started_at LIMIT 1) "
    "ORDER BY started_at"
)


def load_week(engine: Engine | None, week: IsoWeek, tz: tzinfo, *, show_bodies: bool = False) -> WeekRows:
    """Both weeks in one range scan each for notifications, check-ins and runs (the week
    before's focus figures, too, count only while notifyzen ran)."""
    if engine is None:
        return WeekRows(week, [], [], [], [])
    lo = week.previous().bounds(tz)[0].timestamp()
    mid, end = (b.timestamp() for b in week.bounds(tz))
    with engine.connect() as conn:
        rows = one_per_notification(_raw(conn, row_query(lo, end, show_bodies=show_bodies)))
        checkins = [ReportCheckIn(*r) for r in _raw(conn, checkin_query(lo, end))]
        runs = [Run(*r) for r in _driver(conn).execute(RUNS_QUERY, {"lo": lo, "hi": end})]
    split = _first_at_or_after(rows, mid)
    c_split = _first_at_or_after(checkins, mid)
    return WeekRows(week, rows[split:], checkins[c_split:], rows[:split], checkins[:c_split], runs)


def one_per_notification(versions: Iterable[tuple[Any, ...]]) -> list[ReportRow]:
    """One ReportRow per notification from row_query's rows (in arrival order), updates folded in.

    A notification is counted where its first version arrived; an update whose first version
    arrived before the range read belongs to that earlier week and is left out. Updates arriving
    after the range are not read: a week is reported as it stood at its end. One pass and a dict,
    so a week of plain rows (the usual case) costs about what building the ReportRows did.
    """
    rows: list[ReportRow] = []
    where: dict[int, int] = {}  # a first version's id -> its index in rows
    updates: list[tuple[Any, ...]] = []
    for version in versions:
        if version[1]:
            updates.append(version)
        else:
            where[version[0]] = len(rows)
            rows.append(ReportRow(*version[2:]))
    for update in sorted(updates):  # by row id: the order the versions were written in
        index = where.get(update[1])
        if index is not None:
            rows[index] = _fold(rows[index], ReportRow(*update[2:]))
    return rows


def _fold(so_far: ReportRow, update: ReportRow) -> ReportRow:
    """The notification as the user lived it: it came when it first came, ended up as the
    update decided (verdict, rule, window, text), reached them when a version first did, was
    opened if any version was, and a status reply sent for an earlier version keeps its promise."""
    seen = so_far.shown_at is not None
    replied = so_far.status_reply_at is not None
    return update._replace(
        at=so_far.at,
        tz_offset=so_far.tz_offset,
        shown_at=so_far.shown_at if seen else update.shown_at,
        shown_by=so_far.shown_by if seen else update.shown_by,
        opened=so_far.opened or update.opened,
        status_reply_at=so_far.status_reply_at if replied else update.status_reply_at,
        release_at=so_far.release_at if replied else update.release_at,
    )


def _raw(conn: Connection, query: Select[Any]) -> Iterable[tuple[Any, ...]]:
    """Run a SQLAlchemy-built query on the sqlite3 cursor: plain tuples, a fifth less CPU per week."""
    compiled = query.compile(dialect=conn.dialect)
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    return _driver(conn).execute(str(compiled), params)


def _driver(conn: Connection) -> Any:
    """The sqlite3 connection under SQLAlchemy's."""
    driver = conn.connection.driver_connection
    assert driver is not None
    return driver


def _first_at_or_after(items: list[ReportRow] | list[ReportCheckIn], moment: float) -> int:
    return bisect_left(items, moment, key=lambda item: item.at)


def weekly_report(
    engine: Engine | None,
    week: IsoWeek,
    tz: tzinfo,
    *,
    focus_spans: Iterable[SpanLike] = (),
    max_wait: timedelta | None = None,
    what_if: WhatIf | None = None,
    show_bodies: bool = False,
    now: datetime | None = None,
    meetings: Iterable[tuple[datetime, datetime]] = (),
) -> WeeklyReport:
    """Query and aggregate one week; what the report window and `notifyzen report` call. `now`,
    when given, lets the report say notifyzen has not been running since its last run ended, and
    keeps the hours still to come out of the focus figures. `meetings`: the calendars' meetings
    of both weeks (notifyzen.calendar.feed.meeting_spans), for the meeting time."""
    data = load_week(engine, week, tz, show_bodies=show_bodies)
    return build_report(
        data.rows,
        data.checkins,
        week,
        tz,
        focus_spans=focus_spans,
        previous_rows=data.previous_rows,
        previous_checkins=data.previous_checkins,
        max_wait=max_wait,
        what_if=what_if,
        show_bodies=show_bodies,
        runs=data.runs,
        now=now,
        meetings=meetings,
    )
