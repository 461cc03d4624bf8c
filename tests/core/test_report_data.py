"""The report reads a week from a real SQLite history: both weeks, narrow columns, on the index."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, SQLModel, create_engine

from notifyzen.core.report import IsoWeek
from notifyzen.reportdata import load_week, open_history, row_query, weekly_report
from notifyzen.schema import CheckInRow, NotificationRow

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
    from notifyzen.reportdata import checkin_query

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
