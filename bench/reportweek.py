"""A generated week as the history would hold it after living through a plausible schedule.

The week generator (notifyzen.core.weekgen) makes what *arrived*; the report needs what was
*decided* and what happened next. Until the rules engine's replay can do that, this applies a
small fixed schedule so the report, its screenshots and its benchmark have lived-in data:
focus windows on weekdays 09:00-12:00 and 13:30-16:30, check-ins at 12:15, 17:00 and 20:30,
Mum and Anke and critical things break through, news and store updates are muted, people held
in focus get a status reply promising to be seen within 90 minutes.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel, create_engine

from notifyzen.core.model import Notification, Urgency
from notifyzen.core.report import FocusSpan, ReportCheckIn, ReportRow
from notifyzen.core.stream import Presence
from notifyzen.core.weekgen import generate_week
from notifyzen.schema import CheckInRow, NotificationRow

FOCUS = (("deep work", time(9), time(12)), ("afternoon focus", time(13, 30), time(16, 30)))
CHECKINS = (time(12, 15), time(17), time(20, 30))
VIP = {"Mum", "Anke"}
MUTED_APPS = {"BBC News", "Google Play Store", "Nextcloud"}
MAX_WAIT = timedelta(minutes=90)
OPEN_RATE = {
    "Signal": 0.6, "WhatsApp": 0.6, "Telegram": 0.5, "Telegram Desktop": 0.6, "Slack": 0.45,
    "Thunderbird": 0.3, "Calendar": 0.25, "Firefox": 0.3, "Phone": 0.5, "Power Management": 0.3,
    "Strava": 0.0, "Duolingo": 0.0,
}  # fmt: skip


def focus_spans(monday: date, tz: tzinfo, weeks: int = 1) -> list[FocusSpan]:
    days = (monday + timedelta(days=i) for i in range(7 * weeks))
    return [
        FocusSpan(name, datetime.combine(d, a, tz), datetime.combine(d, b, tz))
        for d in days
        if d.weekday() < 5
        for name, a, b in FOCUS
    ]


def lived_week(
    monday: date, tz: tzinfo, *, seed: int = 0, size: int | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[FocusSpan]]:
    """(notification rows, check-in rows, focus spans) as column dicts of schema.py's tables."""
    rng = random.Random(seed)
    events = generate_week(monday, tz, seed=seed, size=size)
    spans = focus_spans(monday, tz)
    edges = [(s.start.timestamp(), s.end.timestamp(), s.name) for s in spans]
    checkins = _checkins(monday, tz, rng, events)
    moments = sorted((c["at"], c["reason"]) for c in checkins if c["reason"] != "missed")
    rows = [_row(n, edges, moments, rng) for n in events if isinstance(n, Notification)]
    for c in checkins:
        c["released"] = sum(1 for r in rows if r["shown_at"] == c["at"])
    return rows, checkins, spans


def _checkins(monday: date, tz: tzinfo, rng: random.Random, events: Iterable[object]) -> list[dict[str, Any]]:
    out = []
    for i in range(7):
        for t in CHECKINS:
            at = datetime.combine(monday + timedelta(days=i), t, tz)
            missed = rng.random() < 0.1
            out.append(_checkin(at, "missed" if missed else "scheduled", at, opened=not missed))
    for e in events:  # coming back to the desk in the afternoon is a natural break
        if isinstance(e, Presence) and not e.idle and 14 <= e.at.hour < 17 and rng.random() < 0.5:
            out.append(_checkin(e.at, "breakpoint", None, opened=True))
    return sorted(out, key=lambda c: c["at"])


def _checkin(at: datetime, reason: str, planned: datetime | None, *, opened: bool) -> dict[str, Any]:
    return {
        "at": at.timestamp(),
        "tz_offset": _offset(at),
        "reason": reason,
        "planned_at": planned.timestamp() if planned else None,
        "released": 0,
        "opened": opened,
    }


def _offset(at: datetime) -> int:
    delta = at.utcoffset()
    return int(delta.total_seconds() // 60) if delta else 0


def _row(
    n: Notification,
    edges: list[tuple[float, float, str]],
    moments: list[tuple[float, str]],
    rng: random.Random,
) -> dict[str, Any]:
    at = n.at.timestamp()
    window = next((name for a, b, name in edges if a <= at < b), None)
    verdict, rule = "deliver", "default"
    if n.app_name in MUTED_APPS:
        verdict, rule = "mute", "mute noise"
    elif n.urgency is Urgency.CRITICAL or n.category == "call.unanswered":
        rule = "urgent"
    elif n.sender in VIP:
        rule = "family"
    elif window:
        verdict, rule = "hold", "focus"
    row: dict[str, Any] = {
        "at": at, "tz_offset": _offset(n.at), "source": n.source.value, "origin": "replay",
        "app_name": n.app_name, "desktop_entry": n.desktop_entry, "summary": n.summary, "body": n.body,
        "sender": n.sender, "device": n.device, "urgency": int(n.urgency), "category": n.category,
        "verdict": verdict, "rule": rule, "reason": rule, "window": window,
        "state": "muted" if verdict == "mute" else "shown",
        "opened": verdict != "mute" and rng.random() < OPEN_RATE.get(n.app_name, 0.03),
        "shown_at": at if verdict == "deliver" else None,
        "shown_by": "arrival" if verdict == "deliver" else None,
        "release_at": None, "reply_text": None, "reply_at": None,
    }  # fmt: skip
    if verdict == "hold":
        _release(row, moments, rng)
    return row


def _release(row: dict[str, Any], moments: list[tuple[float, str]], rng: random.Random) -> None:
    at = row["at"]
    shown, by = next(((m, r) for m, r in moments if m >= at), (None, None))
    if row["sender"]:
        promise = at + MAX_WAIT.total_seconds()
        row.update(reply_text="In focus; I'll see this by then.", reply_at=at + 1, release_at=promise)
        if shown is None or shown > promise:
            late = rng.random() < 0.15  # away from the desk when the max wait ran out
            shown, by = promise + (rng.uniform(300, 2400) if late else 0), "max_wait"
    row["shown_at"], row["shown_by"] = shown, "checkin" if by == "scheduled" else by
    if shown is None:
        row["state"] = "held"


def report_rows(rows: Iterable[dict[str, Any]]) -> list[ReportRow]:
    names = [f.name for f in fields(ReportRow)]
    return [ReportRow(**{k: r[k] for k in names if k != "body"}) for r in rows]


def report_checkins(checkins: Iterable[dict[str, Any]]) -> list[ReportCheckIn]:
    return [ReportCheckIn(**c) for c in checkins]


def utc_week(monday: date) -> datetime:
    return datetime.combine(monday, time(0), UTC)


def write_history(path: Path, rows: Iterable[dict[str, Any]], checkins: Iterable[dict[str, Any]]) -> None:
    """The tables exactly as schema.py declares them (indexes included), filled with executemany."""
    engine = create_engine(f"sqlite:///{path}")
    tables = [NotificationRow.__table__, CheckInRow.__table__]  # type: ignore[attr-defined]
    SQLModel.metadata.create_all(engine, tables=tables)
    engine.dispose()
    with sqlite3.connect(path) as db:
        _insert(db, "notification", rows)
        _insert(db, "checkin", checkins)


def _insert(db: sqlite3.Connection, table: str, items: Iterable[dict[str, Any]]) -> None:
    it = iter(items)
    first = next(it, None)
    if first is None:
        return
    names = list(first)
    defaults = {  # SQLModel's defaults live in Python, not in the table
        name: f.default
        for name, f in (NotificationRow if table == "notification" else CheckInRow).model_fields.items()
        if name != "id" and name not in first
    }
    names += list(defaults)
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
    db.executemany(sql, ({**defaults, **item} for item in itertools.chain([first], it)))
