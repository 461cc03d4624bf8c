"""The history file: private, WAL, ids never reused, every acknowledged row survives a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from notifyzen import store
from notifyzen.core.model import Decision, Notification, Urgency, Verdict

AT = datetime(2026, 11, 16, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def note(summary: str = "hi", **kw: object) -> Notification:
    return Notification(app_name="App", summary=summary, at=AT, **kw)  # type: ignore[arg-type]


def test_file_is_private_and_wal(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "deep" / "h.db")
    s.insert(note(), origin="server")
    files = [tmp_path / "deep" / "h.db", tmp_path / "deep" / "h.db-wal", tmp_path / "deep" / "h.db-shm"]
    assert all(stat.S_IMODE(os.stat(f).st_mode) == 0o600 for f in files)
    assert stat.S_IMODE(os.stat(tmp_path / "deep").st_mode) == 0o700
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()


def test_round_trip_keeps_what_the_sender_sent(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    n = note(
        "Alice",
        body="<b>lunch</b>",
        urgency=Urgency.CRITICAL,
        category="im.received",
        desktop_entry="org.example.Chat",
        actions=(("default", "Open"), ("reply", "Reply")),
        hints={
            "x-kde-origin-name": "Alice",
            "x-bytes": b"\x00\xff",
            "image-data": {"$image": {"valid": False}},
        },
        expire_timeout=5000,
        resident=True,
        time_sensitive=True,
    )
    id = s.insert(n, origin="server", client=":1.7")
    s.decide(
        id, Decision(Verdict.HOLD, "focus", "held in deep work", AT + timedelta(minutes=90), window="deep")
    )
    (row_id, origin, client, item) = s.held()[0]
    assert (row_id, origin, client, item.id) == (id, "server", ":1.7", id)
    got = item.notification
    assert got.at == AT and got.at.utcoffset() == timedelta(hours=1)
    assert (got.summary, got.body, got.urgency, got.category, got.actions) == (
        n.summary,
        n.body,
        n.urgency,
        n.category,
        n.actions,
    )
    assert dict(got.hints) == dict(n.hints) and got.resident and got.time_sensitive and not got.transient
    assert (
        item.decision.explain()
        == "hold until 2026-11-16T10:30+01:00 by rule 'focus' during 'deep': held in deep work"
    )
    s.close()


def test_ids_are_never_reused(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    first = s.insert(note(), origin="server")
    last = s.insert(note(), origin="server")
    s.db.execute("DELETE FROM notification WHERE id = ?", (last,))
    s.close()
    s = store.Store(tmp_path / "h.db")
    assert s.insert(note(), origin="server") == last + 1 > first
    s.close()


def test_text_utf8_cannot_hold_is_replaced_not_refused(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    id = s.insert(note("bad \ud800 surrogate", body="\udfff"), origin="kdeconnect")
    (summary,) = s.db.execute("SELECT summary FROM notification WHERE id=?", (id,)).fetchone()
    assert summary == "bad ? surrogate"
    s.close()


def test_history_reads_while_the_writer_holds_the_file(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    s.insert(note("one"), origin="server")
    engine = store.reader(tmp_path / "h.db")
    s.insert(note("two"), origin="server")
    assert [r.summary for r in store.query(engine)] == ["one", "two"]
    with pytest.raises(Exception, match="readonly"), engine.connect() as conn:
        conn.exec_driver_sql("DELETE FROM notification")
    engine.dispose()
    s.close()


WRITER = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from notifyzen.store import Store
from notifyzen.core.model import Notification
s = Store(Path(sys.argv[1]))
while True:
    id = s.insert(Notification("App", "n", datetime.now(timezone.utc)), origin="server")
    print(id, flush=True)  # acknowledged, as a Notify reply would be
"""


def test_every_acknowledged_row_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    acked = [int(proc.stdout.readline()) for _ in range(500)]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    db = sqlite3.connect(path)
    stored = {r[0] for r in db.execute("SELECT id FROM notification")}
    db.close()
    assert set(acked) <= stored


def test_find_external_finds_what_the_phone_still_shows_across_a_reopen(tmp_path: Path) -> None:
    """A phone notification still shown after a restart is found; one that ended is not (the
    phone reuses its ids, so the same id later is a new message); a replaced one keeps its id."""
    path = tmp_path / "h.db"
    s = store.Store(path)
    shown = Decision(Verdict.DELIVER, "default", "")
    s.add(s.reserve_id(), note("Bob"), shown, origin="kdeconnect", external_id="pixel/0|signal|1")
    s.add(s.reserve_id(), note("Carol"), shown, origin="kdeconnect", external_id="pixel/0|mail|2")
    s.closed(2, AT, 3)  # removed on the phone
    s.add(s.reserve_id(), note("Dan"), shown, origin="kdeconnect", external_id="pixel/0|chat|3")
    s.closed(3, AT, 4, state="replaced")
    s.add(
        s.reserve_id(), note("Dan 2"), shown, origin="kdeconnect", external_id="pixel/0|chat|3", replaces_id=3
    )
    s.close()

    again = store.Store(path)
    assert again.find_external("kdeconnect", "pixel/0|signal|1") == 1
    assert again.find_external("kdeconnect", "pixel/0|mail|2") is None
    assert again.find_external("kdeconnect", "pixel/0|chat|3") == 3
    assert again.find_external("observe", "pixel/0|signal|1") is None
    assert again.find_external("kdeconnect", "pixel/0|signal|9") is None
    plan = " ".join(
        str(r)
        for r in again.db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM notification WHERE external_id=? AND origin=? "
            "AND closed_at IS NULL ORDER BY id DESC LIMIT 1",
            ("x", "kdeconnect"),
        )
    )
    assert "ix_notification_external_id" in plan  # a year of history is not scanned
    again.close()


def test_a_notification_updated_in_place_is_taken_in_once(tmp_path: Path) -> None:
    """A file copy's progress updated 50 times is one notification in the tray's "Taken in today"
    (Status taken_in_today starts from count_since), while every version keeps its row."""
    s = store.Store(tmp_path / "h.db")
    shown = Decision(Verdict.DELIVER, "default", "")
    first = s.reserve_id()
    s.add(first, note("copying 0%"), shown, origin="server")
    previous = first
    for i in range(1, 51):  # as Service.take writes an update: a new row, the old one ends replaced
        row = s.reserve_id()
        later = replace(note(f"copying {2 * i}%"), at=AT + timedelta(seconds=i))
        s.add(row, later, shown, origin="server", replaces_id=first)
        s.closed(previous, later.at, 4, state="replaced")
        previous = row
    s.add(s.reserve_id(), replace(note("lunch?"), at=AT + timedelta(minutes=5)), shown, origin="server")
    assert s.count_since(AT.replace(hour=0)) == 2
    assert s.count_since(AT + timedelta(seconds=30)) == 1  # a late update is no new arrival
    assert s.db.execute("SELECT count(*) FROM notification").fetchone()[0] == 52
    s.close()
