"""Dismissing a whole digest at once (issue 22, item 6): 20,000 held notifications dismissed in
one go end as dismissed, each app hears NotificationClosed, and the history's WAL stays small
(Service.dismiss_many writes them as one batch: Store.batch).

The service runs in-process on a private bus, as the tray app runs it; the 20,000 rows are put in
the history beforehand and come back as held at start, as after a restart.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from notifyzen.clock import FakeClock
from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.core.timeline import Timeline
from notifyzen.history.store import Store
from notifyzen.service.service import Service

COUNT = 20_000
MIB = 1024 * 1024
NOW = datetime.fromisoformat("2026-11-14T12:00:00+01:00")


def held_history(db: Path) -> list[int]:
    store = Store(db)
    release = NOW + timedelta(hours=5)
    ids = []
    with store.transaction():
        for i in range(COUNT):
            n = Notification(app_name=f"app{i % 7}", summary=f"held {i}", body="x" * 2000, at=NOW)
            row_id, _ = store.reserve_for(0, ())
            store.add(row_id, n, Decision(Verdict.HOLD, "default", "", release), origin="server")
            ids.append(row_id)
    store.close()
    return ids


@pytest.mark.slow
def test_dismissing_20000_at_once_ends_them_all_with_a_small_wal(bus_address: str, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    ids = held_history(db)
    service = Service(
        db_path=db,
        clock=FakeClock(NOW, running=False),
        mode="server",
        bus_address=bus_address,
        timeline_factory=Timeline,
    )
    service.start()
    wal = db.with_name("h.db-wal")
    peak = 0
    try:
        assert len(service.live) == COUNT
        done = threading.Event()
        started = time.monotonic()
        service.post(service.dismiss_many, ids)
        service.post(done.set)
        while not done.wait(0.02):
            peak = max(peak, wal.stat().st_size)
        took = time.monotonic() - started
        assert not service.live
    finally:
        service.stop()
    store = Store(db)
    try:
        states = dict(store.db.execute("SELECT state, count(*) FROM notification GROUP BY state").fetchall())
    finally:
        store.close()
    assert states == {"dismissed": COUNT}
    assert peak < 16 * MIB, f"the WAL reached {peak / MIB:.0f} MiB"
    assert took < 60, f"{took:.0f} s for {COUNT} dismissals"
