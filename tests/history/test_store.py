"""The history file: private, WAL, ids never reused, every acknowledged row survives a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from notifyzen.core.model import Decision, Notification, Urgency, Verdict
from notifyzen.history import schema, store
from tests.history.old_history import columns, write_old_history

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
from notifyzen.history.store import Store
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


def test_a_typed_reply_keeps_the_status_reply_notifyzen_sent(tmp_path: Path) -> None:
    """notifyzen told Anke "focusing until 10:30"; at the check-in the user typed their own answer.
    The history keeps both: the first is a promise the weekly report checks."""
    s = store.Store(tmp_path / "h.db")
    held = Decision(Verdict.HOLD, "focus", "", AT + timedelta(minutes=90), window="deep work")
    id = s.reserve_id()
    s.add(id, note("Anke", sender="Anke"), held, origin="server")
    s.status_replied(id, "I'm focusing until 10:30", AT + timedelta(seconds=1))
    s.shown(id, AT + timedelta(minutes=90), "checkin")
    s.replied(id, "see you at 12:30", AT + timedelta(minutes=95))
    s.close()
    row = store.get(store.reader(tmp_path / "h.db"), id)
    assert row is not None
    assert (row.status_reply_text, row.status_reply_at) == ("I'm focusing until 10:30", AT.timestamp() + 1)
    assert (row.reply_text, row.reply_at, row.opened) == ("see you at 12:30", AT.timestamp() + 95 * 60, True)


def test_a_history_from_before_status_reply_columns_opens_and_keeps_its_rows(tmp_path: Path) -> None:
    """The file of a user upgrading notifyzen: status replies then shared reply_text/reply_at with
    typed ones. It gains the columns, every row stays as it was, and the replies notifyzen sent
    move to their own columns (schema._MOVE_STATUS_REPLIES says how they are told apart)."""
    path = tmp_path / "data" / "notifyzen.db"
    t = AT.timestamp()
    hold = {"verdict": "hold", "rule": "focus", "window": "deep work", "release_at": t + 5400}
    shown = {"state": "shown", "shown_at": t + 5400, "shown_by": "checkin"}
    write_old_history(
        path,
        [
            # notifyzen answered Anke; she was shown at the check-in, never opened
            {
                "at": t,
                "sender": "Anke",
                "summary": "lunch?",
                **hold,
                **shown,
                "reply_text": "focusing",
                "reply_at": t + 1,
            },
            # the user typed to Bob in the pop-up
            {
                "at": t,
                "sender": "Bob",
                "summary": "hi",
                "shown_at": t,
                "opened": 1,
                "reply_text": "hey",
                "reply_at": t + 60,
            },
            # notifyzen answered Carl, later the user clicked his message
            {
                "at": t,
                "sender": "Carl",
                **hold,
                **shown,
                "opened": 1,
                "reply_text": "focusing",
                "reply_at": t + 2,
            },
            # no reply at all
            {"at": t, "sender": "Dan", "summary": "plain", "body": "a body", "shown_at": t},
            # notifyzen answered Eve; retention erased the text since
            {"at": t, "sender": "Eve", **hold, "state": "held", "reply_at": t + 3},
            # the user typed to Fay after the check-in: it had overwritten notifyzen's, which is lost
            {
                "at": t,
                "sender": "Fay",
                **hold,
                **shown,
                "opened": 1,
                "reply_text": "ok!",
                "reply_at": t + 5500,
            },
        ],
    )
    assert "status_reply_at" not in columns(path)
    before = raw_rows(path)

    s = store.Store(path)
    assert {"status_reply_text", "status_reply_at"} <= set(columns(path))
    after = raw_rows(path)
    replies = ("reply_text", "reply_at", "status_reply_text", "status_reply_at")
    assert [{k: v for k, v in r.items() if k not in replies} for r in after] == [
        {k: v for k, v in r.items() if k not in replies} for r in before
    ], "every row stays as it was"
    assert {r["sender"]: tuple(r[k] for k in replies) for r in after} == {
        "Anke": (None, None, "focusing", t + 1),
        "Bob": ("hey", t + 60, None, None),
        "Carl": (None, None, "focusing", t + 2),
        "Dan": (None, None, None, None),
        "Eve": (None, None, None, t + 3),
        "Fay": ("ok!", t + 5500, None, None),
    }
    # and it goes on as a history of this version: ids after the old ones, status replies apart
    id = s.reserve_id()
    s.add(id, note("Gus", sender="Gus"), Decision(Verdict.DELIVER, "default", ""), origin="server")
    s.status_replied(1, "again", AT)
    s.close()
    assert id == 7
    assert raw_rows(path)[0]["status_reply_text"] == "again"
    db = sqlite3.connect(path, isolation_level=None)
    assert schema.upgrade(db) is False, "a second start changes nothing"
    db.close()


def test_history_of_an_older_notifyzen_reads_while_that_version_still_runs(tmp_path: Path) -> None:
    """notifyzen upgraded, the old one still running: `notifyzen history` (a reader that never
    opens the Store) adds the columns itself rather than failing on columns the file lacks."""
    path = tmp_path / "notifyzen.db"
    t = AT.timestamp()
    write_old_history(
        path, [{"at": t, "sender": "Anke", "verdict": "hold", "reply_text": "focusing", "reply_at": t}]
    )
    (row,) = store.query(store.reader(path))
    assert (row.sender, row.status_reply_text, row.reply_text) == ("Anke", "focusing", None)


def raw_rows(path: Path) -> list[dict[str, object]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM notification ORDER BY id")]
    finally:
        db.close()


def test_the_stamp_names_this_versions_tables() -> None:
    """A changed table with an unchanged stamp would leave old files un-upgraded at start."""
    assert schema.stamp() == store.SCHEMA_STAMP, f"tables changed: set store.SCHEMA_STAMP = {schema.stamp()}"


HELD_AFTER_RESTART = """
import sys
from datetime import datetime
from pathlib import Path
from notifyzen.history.store import Store
s = Store(Path(sys.argv[1]))
held = s.held()
listed = s.in_digest(datetime.fromisoformat("2026-01-01T00:00:00+00:00"))
print(len(held), held[0][3].notification.summary, held[0][3].decision.rule, len(listed))
print("sqlalchemy" in sys.modules, "sqlmodel" in sys.modules)
"""


def test_the_app_reopens_its_history_without_the_orm(tmp_path: Path) -> None:
    """Start-up reads held messages back raw: SQLAlchemy/SQLModel (~0.3 s, ~35 MiB) stay unloaded
    once the file carries this version's stamp; a file without one is upgraded and stamped."""
    path = tmp_path / "h.db"
    write_old_history(path, [])  # an older notifyzen's file: no stamp
    s = store.Store(path)
    n = Notification(app_name="Mail", summary="Invoice", at=datetime(2026, 11, 14, 9, tzinfo=UTC))
    s.add(s.reserve_id(), n, Decision(Verdict.HOLD, "focus", "in focus"), origin="server")
    s.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (store.SCHEMA_STAMP,)
    out = subprocess.run(
        [sys.executable, "-c", HELD_AFTER_RESTART, str(path)], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "1 Invoice focus 0"
    assert out[1] == "False False"
