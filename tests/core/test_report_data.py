"""The report reads a week from a real SQLite history: both weeks, narrow columns, on the index."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, SQLModel, create_engine

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.core.report import IsoWeek
from notifyzen.history.schema import CheckInRow, NotificationRow
from notifyzen.history.store import Store
from notifyzen.report.data import load_week, open_history, row_query, weekly_report
from tests.history.old_history import write_old_history

AMS = ZoneInfo("Europe/Amsterdam")
W47 = IsoWeek(2026, 47)


def ts(y: int, mo: int, d: int, h: int) -> float:
    return datetime(y, mo, d, h, tzinfo=AMS).timestamp()


def history(path: Path) -> Path:
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        s.add(NotificationRow(at=ts(2026, 11, 9, 10), tz_offset=60, app_name="Old", body="last week"))
        s.add(
            NotificationRow(
                at=ts(2026, 11, 16, 10),
                tz_offset=60,
                app_name="Mail",
                sender="Bob",
                verdict="hold",
                window="deep work",
                shown_at=ts(2026, 11, 16, 12),
                body="the secret plan",
                summary="Bob",
            )
        )
        s.add(NotificationRow(at=ts(2026, 11, 22, 23), tz_offset=60, app_name="Slack", source="phone"))
        s.add(NotificationRow(at=ts(2026, 11, 23, 1), tz_offset=60, app_name="Next week"))
        s.add(CheckInRow(at=ts(2026, 11, 16, 12), tz_offset=60, planned_at=ts(2026, 11, 16, 12)))
        s.add(
            CheckInRow(
                at=ts(2026, 11, 10, 12), tz_offset=60, reason="missed", planned_at=ts(2026, 11, 10, 12)
            )
        )
        s.commit()
    engine.dispose()
    return path


def test_a_week_and_the_one_before_come_back_without_bodies(tmp_path: Path) -> None:
    engine = open_history(history(tmp_path / "h.db"))
    data = load_week(engine, W47, AMS)
    assert [r.app_name for r in data.rows] == ["Mail", "Slack"]
    assert [r.app_name for r in data.previous_rows] == ["Old"]
    assert len(data.checkins) == 1 and data.previous_checkins[0].reason == "missed"
    assert all(r.body is None for r in data.rows + data.previous_rows)
    mail = data.rows[0]
    assert (mail.sender, mail.verdict, mail.window, mail.shown_at) == (
        "Bob",
        "hold",
        "deep work",
        ts(2026, 11, 16, 12),
    )
    assert "body" not in str(row_query(0, 1)) and "summary" not in str(row_query(0, 1))


def test_bodies_only_when_asked(tmp_path: Path) -> None:
    engine = open_history(history(tmp_path / "h.db"))
    data = load_week(engine, W47, AMS, show_bodies=True)
    assert data.rows[0].body == "the secret plan"


def test_the_report_end_to_end_and_without_a_history(tmp_path: Path) -> None:
    report = weekly_report(open_history(history(tmp_path / "h.db")), W47, AMS)
    assert (report.totals.notifications, report.totals.phone, report.totals.held) == (2, 1, 1)
    assert report.previous is not None and report.previous.notifications == 1
    assert report.previous.checkins_planned == 1 and report.previous.checkins_kept == 0
    assert open_history(tmp_path / "missing.db") is None
    assert weekly_report(None, W47, AMS).empty


def test_the_history_is_opened_read_only(tmp_path: Path) -> None:
    engine = open_history(history(tmp_path / "h.db"))
    assert engine is not None
    with engine.connect() as conn:
        try:
            conn.exec_driver_sql("DELETE FROM notification")
        except Exception as exc:  # sqlite3.OperationalError wrapped by SQLAlchemy
            assert "readonly" in str(exc)
        else:
            raise AssertionError("the report could write to the history")


def test_the_week_queries_use_the_at_indexes(tmp_path: Path) -> None:
    engine = open_history(history(tmp_path / "h.db"))
    assert engine is not None
    from notifyzen.report.data import checkin_query

    with engine.connect() as conn:
        for query in (row_query(0.0, 1.0), checkin_query(0.0, 1.0)):
            sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "USING INDEX ix_" in plan and "_at" in plan, plan


def test_the_dst_week_is_read_to_its_last_local_minute(tmp_path: Path) -> None:
    """2026-W43 ends at Monday 00:00 CET = 23:00 UTC, an hour later than it began in CEST terms."""
    path = tmp_path / "dst.db"
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    utc = lambda s: datetime.fromisoformat(s + "+00:00").timestamp()  # noqa: E731
    with Session(engine) as s:
        for at, offset, app in (
            ("2026-10-18T21:59", 120, "week before"),  # Sun 23:59 CEST
            ("2026-10-18T22:00", 120, "first"),  # Mon 00:00 CEST
            ("2026-10-25T22:59", 60, "last"),  # Sun 23:59 CET, the 25-hour Sunday
            ("2026-10-25T23:00", 60, "week after"),  # Mon 00:00 CET
        ):
            s.add(NotificationRow(at=utc(at), tz_offset=offset, app_name=app))
        s.commit()
    engine.dispose()
    data = load_week(open_history(path), IsoWeek(2026, 43), AMS)
    assert [r.app_name for r in data.rows] == ["first", "last"]
    assert [r.app_name for r in data.previous_rows] == ["week before"]


SHOWN = Decision(Verdict.DELIVER, "default", "")


def taken(s: Store, n: Notification, decision: Decision = SHOWN, *, updates: int = 0) -> list[int]:
    """One notification and `updates` updates in place a minute apart, written as Service.take
    writes them: each version a row of its own, the one before it ending as replaced."""
    rows = [s.reserve_id()]
    s.add(rows[0], n, decision, origin="server")
    for i in range(1, updates + 1):
        at = n.at + timedelta(minutes=i)
        rows.append(s.reserve_id())
        s.add(
            rows[-1],
            replace(n, summary=f"{n.summary} ({i})", at=at),
            decision,
            origin="server",
            replaces_id=rows[0],
        )
        s.closed(rows[-2], at, 4, state="replaced")
    return rows


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


def test_a_notification_updated_in_place_counts_once(tmp_path: Path) -> None:
    """Dolphin's copy progress updated 50 times is one notification on Monday, one for Dolphin,
    one in the heatmap, and no "Dolphin: 51 sent, 0 opened — mute?"; every version stays a row."""
    path = tmp_path / "h.db"
    s = Store(path)
    copy = Notification(app_name="Dolphin", summary="Copying", at=local(16, 9), category="transfer")
    taken(s, copy, updates=50)
    taken(s, Notification(app_name="Mail", summary="Invoice", at=local(16, 11)))
    s.close()
    report = weekly_report(open_history(path), W47, AMS)
    assert report.totals.notifications == 2
    assert (report.days[0].total, report.days[0].delivered) == (2, 2)
    assert [(t.name, t.sent) for t in report.top_apps] == [("Dolphin", 1), ("Mail", 1)]
    assert report.heatmap[0][9] == 1  # counted at its first arrival, 09:00
    assert report.suggestions == ()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM notification").fetchone()[0] == 52


def test_an_app_that_keeps_updating_is_suggested_by_its_real_count(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    s = Store(path)
    for i in range(25):
        taken(s, Notification(app_name="Dolphin", summary=f"Copying {i}", at=local(17, 9, 2 * i)), updates=3)
    s.close()
    report = weekly_report(open_history(path), W47, AMS)
    assert [s.text for s in report.suggestions] == ["Dolphin: 25 sent, 0 opened — mute?"]
    assert report.days[1].total == 25 and report.top_apps[0].sent == 25


def test_an_updated_message_is_one_with_its_latest_outcome(tmp_path: Path) -> None:
    """A chat rewriting "2 new messages" while held: one message from Anna, held in deep work,
    waiting from its first arrival until the check-in showed it, and opened when the user opened
    the shown version."""
    path = tmp_path / "h.db"
    s = Store(path)
    held = Decision(Verdict.HOLD, "people wait", "held in deep work", local(16, 12), window="deep work")
    chat = Notification(
        app_name="Signal", summary="Anna", body="2 new messages", at=local(16, 10), sender="Anna"
    )
    *_, latest = taken(s, chat, held, updates=2)
    s.shown(latest, local(16, 12), "checkin")
    s.opened(latest)
    s.close()
    report = weekly_report(open_history(path), W47, AMS)
    assert (report.totals.notifications, report.totals.held, report.totals.avoided) == (1, 1, 1)
    assert [(t.name, t.sent, t.opened) for t in report.top_people] == [("Anna", 1, 1)]
    assert report.waits.count == 1 and report.waits.median == timedelta(hours=2)


def test_an_update_after_the_week_began_is_counted_in_the_week_it_first_came(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    s = Store(path)
    taken(s, Notification(app_name="Dolphin", summary="Copying", at=local(15, 23, 58)), updates=5)
    s.close()
    data = load_week(open_history(path), W47, AMS)
    assert (len(data.previous_rows), len(data.rows)) == (1, 0)


def test_a_promise_counts_though_the_user_typed_a_reply_afterwards(tmp_path: Path) -> None:
    """notifyzen told Anna and Bob "focusing until 12:00"; the check-in showed both at 12:00, and
    the user typed Anna an answer. Two promises made, two kept; Carl, to whom the user only typed
    (shown at once), was promised nothing."""
    path = tmp_path / "h.db"
    s = Store(path)
    held = Decision(Verdict.HOLD, "people wait", "held in deep work", local(16, 12), window="deep work")
    for name in ("Anna", "Bob"):
        (id,) = taken(s, Notification(app_name="Signal", summary=name, at=local(16, 10), sender=name), held)
        s.status_replied(id, "I'm focusing until 12:00", local(16, 10))
        s.shown(id, local(16, 12), "checkin")
        if name == "Anna":
            s.replied(id, "lunch at 1?", local(16, 12, 5))
    (carl,) = taken(s, Notification(app_name="Signal", summary="Carl", at=local(16, 13), sender="Carl"))
    s.replied(carl, "yes", local(16, 13, 1))
    s.close()
    t = weekly_report(open_history(path), W47, AMS).totals
    assert (t.replies, t.promises_kept, t.opened) == (2, 2, 2)


def test_a_history_from_an_older_notifyzen_reports_its_promises(tmp_path: Path) -> None:
    """A file from before status replies had their own columns, read by `notifyzen report` while
    no new notifyzen has opened it yet: it gains the columns, and its status replies still count."""
    path = tmp_path / "old.db"
    hold = {"verdict": "hold", "window": "deep work", "release_at": ts(2026, 11, 16, 12)}
    write_old_history(
        path,
        [
            {"at": ts(2026, 11, 16, 10), "sender": "Anna", **hold, "shown_at": ts(2026, 11, 16, 12),
             "reply_text": "focusing", "reply_at": ts(2026, 11, 16, 10)},
            {"at": ts(2026, 11, 16, 10), "sender": "Bob", **hold, "state": "held",
             "reply_text": "focusing", "reply_at": ts(2026, 11, 16, 10)},
            {"at": ts(2026, 11, 16, 11), "sender": "Carl", "shown_at": ts(2026, 11, 16, 11), "opened": 1,
             "reply_text": "typed", "reply_at": ts(2026, 11, 16, 11)},
        ],
    )  # fmt: skip
    t = weekly_report(open_history(path), W47, AMS).totals
    assert (t.notifications, t.replies, t.promises_kept) == (3, 2, 1)
