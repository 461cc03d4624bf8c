"""The run log: notifyzen records when it runs, and the weekly report says when it did not.

Real SQLite files written by the Store (or as an older notifyzen left them), the running Service
on a private bus with a FakeClock, and `notifyzen report --out` as a user runs it.
"""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.clock import FakeClock
from notifyzen.core.isoweek import IsoWeek
from notifyzen.history import schema
from notifyzen.history.store import Store
from notifyzen.report.data import load_week, open_history, weekly_report
from tests.history.old_history import write_old_history
from tests.report.test_checkin_history import running, set_clock
from tests.report.test_report_cli import report

AMS = ZoneInfo("Europe/Amsterdam")
BERLIN = ZoneInfo("Europe/Berlin")  # test_checkin_history's zone; the same clock as Amsterdam's
W47 = IsoWeek(2026, 47)  # Mon 16 Nov – Sun 22 Nov 2026


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


def runs_in(path: Path) -> list[tuple[float, float, float | None]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(db.execute("SELECT started_at, last_alive_at, ended_at FROM run ORDER BY id"))
    finally:
        db.close()


def lived(path: Path, *runs: tuple[datetime, datetime, bool]) -> Path:
    """A history whose runs went as given: (start, last heartbeat, stopped cleanly)."""
    for start, last, clean in runs:
        s = Store(path)
        s.run_started(start)
        t = start
        while t + timedelta(minutes=1) <= last:  # the heartbeat, once a minute
            t += timedelta(minutes=1)
            s.alive(t)
        s.alive(last)
        if clean:
            s.run_ended(last)
        s.close()
    return path


def test_the_store_writes_a_run_and_the_report_reads_the_gap(tmp_path: Path) -> None:
    path = lived(
        tmp_path / "h.db",
        (at(16, 8), at(17, 14), True),  # stopped on Tuesday at 14:00
        (at(19, 9, 10), at(20, 18, 30), False),  # killed on Friday; last heartbeat 18:30
        (at(21, 10), at(22, 12), True),
    )
    assert runs_in(path)[:2] == [
        (at(16, 8).timestamp(), at(17, 14).timestamp(), at(17, 14).timestamp()),
        (at(19, 9, 10).timestamp(), at(20, 18, 30).timestamp(), None),
    ]
    gaps = weekly_report(open_history(path), W47, AMS).not_running
    assert [(g.start, g.end) for g in gaps] == [
        (at(17, 14), at(19, 9, 10)),
        (at(20, 18, 30), at(21, 10)),
    ]
    # after Sunday's run notifyzen did not come back: up to now, that is a gap too
    gaps = weekly_report(open_history(path), W47, AMS, now=at(23, 9)).not_running
    assert (gaps[-1].start, gaps[-1].end) == (at(22, 12), at(23, 0))


def test_only_the_runs_around_the_week_are_read(tmp_path: Path) -> None:
    """A year of runs: those of the week and the week before (its focus figures count only while
    notifyzen ran too), the last one before them (Monday's edge) and the one after (Sunday's)."""
    path = tmp_path / "h.db"
    lived(path, (at(16, 8) - timedelta(days=300), at(16, 8) - timedelta(days=299), True))
    lived(path, (at(2, 8), at(2, 18), True))  # the week before the week before: the last run before
    lived(path, (at(13, 8), at(13, 18), True), (at(18, 8), at(18, 18), True), (at(25, 8), at(25, 9), True))
    lived(path, (at(30, 8), at(30, 9), True))
    runs = load_week(open_history(path), W47, AMS).runs
    read = (at(2, 8), at(13, 8), at(18, 8), at(25, 8))
    assert [r.started_at for r in runs] == [t.timestamp() for t in read]
    gaps = weekly_report(open_history(path), W47, AMS).not_running
    assert [(g.start, g.end) for g in gaps] == [
        (W47.bounds(AMS)[0], at(18, 8)),
        (at(18, 18), W47.bounds(AMS)[1]),
    ]


def test_a_history_from_before_the_run_log_gains_it_and_says_nothing(tmp_path: Path) -> None:
    """An older notifyzen's file, read by `notifyzen report` (read-only) before the app ever ran:
    it gains the run table, keeps its rows, and the report claims no gap for weeks it cannot know."""
    path = tmp_path / "old.db"
    write_old_history(path, [{"at": at(17, 10).timestamp(), "app_name": "Mail", "summary": "hi"}])
    report = weekly_report(open_history(path), W47, AMS, now=at(25, 12))
    assert report.totals.notifications == 1
    assert report.not_running == ()
    assert runs_in(path) == []
    db = sqlite3.connect(path, isolation_level=None)
    assert schema.upgrade(db) is False, "once is enough"
    db.close()
    s = Store(path)  # and the app starting on it writes its runs there
    s.run_started(at(23, 9))
    s.close()
    assert runs_in(path) == [(at(23, 9).timestamp(), at(23, 9).timestamp(), None)]


def test_the_app_adds_the_run_table_to_an_older_history(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_old_history(path, [{"at": at(17, 10).timestamp(), "app_name": "Mail", "summary": "hi"}])
    db = sqlite3.connect(path, isolation_level=None)
    assert schema.upgrade(db) is True
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert {"run", "ix_run_started_at"} <= tables


def test_a_quiet_heartbeat_keeps_the_wal_small(tmp_path: Path) -> None:
    """A day without a single notification: the heartbeat's writes are checkpointed, not piled up."""
    path = lived(tmp_path / "h.db", (at(16, 0), at(17, 0), False))
    s = Store(path)
    s.run_started(at(17, 0))
    for minute in range(24 * 60):
        s.alive(at(17, 0) + timedelta(minutes=minute))
    wal = path.with_name(path.name + "-wal").stat().st_size
    s.close()
    assert wal < 400_000, wal  # about an hour of heartbeats; a day's would be about 6 MB


@pytest.mark.slow
def test_the_service_records_its_run_and_a_clean_stop(bus_address: str, tmp_path: Path) -> None:
    """Started at 08:00, alive through the day's check-ins, stopped at 12:31; started again at
    17:30 and stopped at 18:00: the report says notifyzen was off Mon 12:31 – 17:30. (A run that
    is killed, and so never records its stop, is the Store tests' lived(..., clean=False).)"""
    db = tmp_path / "history.db"
    service = running(db, FakeClock(at(16, 8), running=False), bus_address, tmp_path)
    try:
        assert runs_in(db) == [(at(16, 8).timestamp(), at(16, 8).timestamp(), None)]
        for moment in (at(16, 10, 31), at(16, 12, 31)):
            set_clock(service, moment)
        assert runs_in(db)[-1][1] == at(16, 12, 31).timestamp(), "the heartbeat moves last alive"
    finally:
        service.stop()
    assert runs_in(db) == [(at(16, 8).timestamp(), at(16, 12, 31).timestamp(), at(16, 12, 31).timestamp())]

    service = running(db, FakeClock(at(16, 17, 30), running=False), bus_address, tmp_path)
    set_clock(service, at(16, 18))
    service.stop()
    assert runs_in(db)[-1] == (at(16, 17, 30).timestamp(), at(16, 18).timestamp(), at(16, 18).timestamp())

    gaps = weekly_report(open_history(db), W47, BERLIN, now=at(16, 18, 5)).not_running
    assert [(g.start, g.end) for g in gaps] == [(at(16, 12, 31), at(16, 17, 30))]


def test_the_report_command_says_when_notifyzen_was_off(tmp_path: Path) -> None:
    """`notifyzen report --out` (HTML and PDF, English and Dutch) carries the line."""
    path = lived(tmp_path / "h.db", (at(16, 8), at(17, 14), True), (at(19, 9, 10), at(23, 9), True))
    page = tmp_path / "week.html"
    done = report(path, tmp_path, "--week", "2026-W47", "--out", str(page))
    assert done.returncode == 0, done.stderr
    line = "notifyzen was not running: Tue 14:00 – Thu 09:10 (43 h 10 min); nothing was recorded then"
    assert line in page.read_text()

    pdf = tmp_path / "week.pdf"
    done = report(path, tmp_path, "--week", "2026-W47", "--out", str(pdf), lang="nl_NL.UTF-8")
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=30).stdout
    assert "notifyzen draaide niet: di 14:00 – do 09:10 (43 u 10 min); in die tijd is er niets" in " ".join(
        text.split()
    )

    quiet = tmp_path / "w46.html"  # the week before the first run: nothing claimed
    done = report(path, tmp_path, "--week", "2026-W46", "--out", str(quiet))
    assert done.returncode == 0, done.stderr
    assert "not running" not in quiet.read_text()
