"""The daily retention purge runs from APScheduler on the bus thread, at 03:30 local time.

A fake clock cannot drive APScheduler (it reads the real clock), so this test runs the real
service, checks the job is armed for the next 03:30 in the user's zone, then makes it due now and
sees old message text erased from the history while the rows stay.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from notifyzen.clock import RealClock
from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.history.store import Store
from notifyzen.service import service as service_module
from notifyzen.service.service import Service


def write_old_message(db: Path, days: int) -> None:
    """A chat message `days` old in the history, its text still there, as another writer puts it."""
    writer = Store(db)
    old = Notification(
        app_name="Chat",
        summary="Anke",
        body="old secret",
        at=datetime.now().astimezone() - timedelta(days=days),
    )
    writer.add(writer.reserve_id(), old, Decision(Verdict.DELIVER, "default", ""), origin="server")
    writer.close()


@pytest.mark.slow
def test_the_daily_purge_is_armed_for_0330_and_erases_old_text(
    bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service_module, "ADAPTER_MODULES", ())
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    config = tmp_path / "config" / "notifyzen"
    config.mkdir(parents=True)
    (config / "config.yaml").write_text("retention:\n  bodies_days: 30\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = tmp_path / "history.db"
    service = Service(db_path=db, clock=RealClock(), bus_address=bus_address, mode="server")
    assert service.start() == "server"
    try:
        job = service.housekeeping.get_job("retention")
        due = job.next_run_time
        assert (due.hour, due.minute) == (3, 30) and str(due.tzinfo) == "Europe/Amsterdam"
        assert timedelta(0) < due - datetime.now(due.tzinfo) <= timedelta(days=1)

        # An old message arrives in the history after the start-up purge (as if a day went by).
        write_old_message(db, days=40)

        now = datetime.now(due.tzinfo)
        service.loop.call_soon_threadsafe(lambda: job.modify(next_run_time=now))
        deadline = time.monotonic() + 10
        bodies: list[str] = ["old secret"]
        while time.monotonic() < deadline:
            with sqlite3.connect(db) as con:
                bodies = [b for (b,) in con.execute("SELECT body FROM notification WHERE summary='Anke'")]
            if bodies == [""]:
                break
            time.sleep(0.1)
        assert bodies == [""], "the scheduled purge did not erase the old text"
    finally:
        service.stop()


@pytest.mark.slow
def test_a_shorter_retention_saved_while_running_erases_at_once(
    bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user sets `bodies_days: 7` for privacy: old text goes when the file is saved, not at
    the next 03:30 or the next start."""
    monkeypatch.setattr(service_module, "ADAPTER_MODULES", ())
    config = tmp_path / "config" / "notifyzen"
    config.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = tmp_path / "history.db"
    write_old_message(db, days=10)
    service = Service(db_path=db, clock=RealClock(), bus_address=bus_address, mode="server")
    assert service.start() == "server"
    try:
        with sqlite3.connect(db) as con:
            assert [b for (b,) in con.execute("SELECT body FROM notification")] == ["old secret"]  # kept
        (config / "config.yaml").write_text("retention:\n  bodies_days: 7\n")
        service.post(service.reload_rules)  # what the file watcher posts on a save
        deadline = time.monotonic() + 10
        bodies = ["old secret"]
        while time.monotonic() < deadline and bodies != [""]:
            time.sleep(0.05)
            with sqlite3.connect(db) as con:
                bodies = [b for (b,) in con.execute("SELECT body FROM notification")]
        assert bodies == [""]
    finally:
        service.stop()
