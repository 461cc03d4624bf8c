"""A generated week as the history would hold it: generated arrivals, decided by the real engine.

The week generator (notifyzen.core.weekgen) makes what *arrived*; the report needs what was
*decided* and what happened next. This replays the week through the real Timeline (the
simulator's whatif.simulate) with the default preset plus a few user rules (family passes, news
is muted, people in focus wait with a status reply), then writes rows the way the store would,
so the report's tests, screenshots and benchmark see lived-in data. Whether the user opened a
notification is the one thing made up (a seeded chance per app).
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel, create_engine

from notifyzen.core.report import FocusSpan, ReportCheckIn, ReportRow
from notifyzen.core.weekgen import generate_week
from notifyzen.history.schema import CheckInRow, NotificationRow

MAX_WAIT = timedelta(minutes=90)
OPEN_RATE = {
    "Signal": 0.6, "WhatsApp": 0.6, "Telegram": 0.5, "Telegram Desktop": 0.6, "Slack": 0.45,
    "Thunderbird": 0.3, "Calendar": 0.25, "Firefox": 0.3, "Phone": 0.5, "Power Management": 0.3,
    "Strava": 0.0, "Duolingo": 0.0,
}  # fmt: skip


def _offset(at: datetime) -> int:
    delta = at.utcoffset()
    return int(delta.total_seconds() // 60) if delta else 0


def _checkin(at: datetime, reason: str, planned: datetime | None, *, opened: bool) -> dict[str, Any]:
    return {
        "at": at.timestamp(),
        "tz_offset": _offset(at),
        "reason": reason,
        "planned_at": planned.timestamp() if planned else None,
        "released": 0,
        "opened": opened,
    }


def report_rows(rows: Iterable[dict[str, Any]]) -> list[ReportRow]:
    names = ReportRow._fields
    return [ReportRow(**{k: r[k] for k in names if k != "body"}) for r in rows]


def report_checkins(checkins: Iterable[dict[str, Any]]) -> list[ReportCheckIn]:
    return [ReportCheckIn(**c) for c in checkins]


def write_history(path: Path, rows: Iterable[dict[str, Any]], checkins: Iterable[dict[str, Any]]) -> None:
    """The tables exactly as schema.py declares them (indexes included), filled with executemany."""
    engine = create_engine(f"sqlite:///{path}")
    tables = [NotificationRow.__table__, CheckInRow.__table__]  # type: ignore[attr-defined]
    SQLModel.metadata.create_all(engine, tables=tables)
    engine.dispose()
    with sqlite3.connect(path) as db:
        # a throwaway file: no journal, no fsync, a big page cache for the index b-trees
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;")
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


USER_RULES = """
rules:
  - name: family
    match: {sender: [Mum, Anke]}
    action: deliver
  - name: news is noise
    match: {app: [BBC News, Google Play Store]}
    action: mute
  - name: people wait politely
    during: any
    match: {person: true}
    action: hold
    reply: status
"""


def engine_rules(tz: tzinfo) -> tuple[Any, Any]:
    """(RuleSet, Config): the default preset plus USER_RULES, as the app would load them."""
    from notifyzen.core.ruleload import load_active
    from notifyzen.desktop import paths

    with tempfile.TemporaryDirectory() as config_dir:
        (Path(config_dir) / "rules").mkdir()
        (Path(config_dir) / "rules" / "mine.yaml").write_text(USER_RULES)
        loaded = load_active(Path(config_dir), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None, loaded.errors
    return loaded.rules, replace(loaded.config, zone=tz)


def lived_week(
    monday: date, tz: tzinfo, *, seed: int = 0, size: int | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[FocusSpan]]:
    """(notification rows, check-in rows, focus spans) as column dicts of schema.py's tables."""
    from notifyzen.core.stream import Entry
    from notifyzen.core.whatif import simulate

    rules, config = engine_rules(tz)
    events = generate_week(monday, tz, seed=seed, size=size)
    start = datetime.combine(monday, time(0), tz)
    span = (start, datetime.combine(monday + timedelta(days=7), time(0), tz))
    run = simulate([Entry(i + 1, e) for i, e in enumerate(events)], rules, config, span=span)
    rng = random.Random(seed)
    rows = [_simulated_row(o, rng) for o in run.outcomes]
    checkins = [
        _checkin(c.at, c.reason, c.at if c.reason == "scheduled" else None, opened=rng.random() < 0.8)
        | {"released": len(c.released)}
        for c in run.checkins
    ]
    return rows, checkins, list(run.focus)


def _simulated_row(o: Any, rng: random.Random) -> dict[str, Any]:
    n, d = o.notification, o.decision
    at = n.at.timestamp()
    shown = o.shown_at.timestamp() if o.shown_at else None
    verdict = d.verdict.value
    return {
        "at": at, "tz_offset": _offset(n.at), "source": n.source.value, "origin": "replay",
        "app_name": n.app_name, "desktop_entry": n.desktop_entry, "summary": n.summary, "body": n.body,
        "sender": n.sender, "device": n.device, "urgency": int(n.urgency), "category": n.category,
        "verdict": verdict, "rule": d.rule, "reason": d.reason, "window": d.window,
        "release_at": d.release_at.timestamp() if d.release_at else None,
        "state": "muted" if verdict == "mute" else "shown" if shown else "held",
        "shown_at": shown, "shown_by": o.shown_by.value if o.shown_by else None,
        "opened": shown is not None and rng.random() < OPEN_RATE.get(n.app_name, 0.03),
        "status_reply_text": "In focus; I'll see this by then." if d.reply else None,
        "status_reply_at": at + 1 if d.reply else None,
    }  # fmt: skip
