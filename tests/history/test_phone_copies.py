"""The phone's copy of a desktop message, kept in the history (issue 16): a phone resending its
shade after notifyzen restarted finds the one item the two copies were, whichever came first and
whoever closed it, until the phone removes its copy; old histories gain the table in place."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from notifyzen.core.model import Decision, Notification, Source, Verdict
from notifyzen.history import schema, store
from tests.history.old_history import write_old_history

AT = datetime(2026, 11, 16, 9, 30, tzinfo=timezone(timedelta(hours=1)))
KEY = "pixel/0|org.thoughtcrime.securesms|101|null|10234"
CLOSED_BY_CALL, DISMISSED = 3, 2


def desktop(s: store.Store, summary: str = "Anna de Vries", at: datetime = AT) -> int:
    row_id, _ = s.reserve_for(0, ())
    n = Notification(app_name="Signal", summary=summary, body="Are you coming?", at=at)
    s.add(row_id, n, Decision(Verdict.HOLD, "deep-work", ""), origin="server")
    return row_id


def phone(s: store.Store, body: str, replaces: int = 0, at: datetime = AT) -> int:
    row_id, version_of = s.reserve_for(replaces, {replaces} if replaces else ())
    n = Notification(app_name="Signal", summary="Anna de Vries", body=body, at=at, source=Source.PHONE)
    decision = Decision(Verdict.HOLD, "deep-work", "")
    s.add(row_id, n, decision, origin="kdeconnect", external_id=KEY, replaces_id=version_of)
    return row_id


def test_the_phones_copy_of_a_desktop_message_finds_that_item_until_the_phone_removes_it(
    tmp_path: Path,
) -> None:
    s = store.Store(tmp_path / "h.db")
    assert s.last_external("kdeconnect", KEY) is None  # never seen: news
    item = desktop(s)
    s.pair_phone_copy(item, KEY, AT)
    s.pair_phone_copy(item, KEY, AT)  # paired again (the desktop app notified twice): one pairing
    assert s.last_external("kdeconnect", KEY) == (item, "Anna de Vries", "Are you coming?", None, False)
    s.closed(item, AT + timedelta(minutes=5), CLOSED_BY_CALL, state="closed")  # read in Signal Desktop
    known = s.last_external("kdeconnect", KEY)
    assert known is not None and (known.reason, known.removed_on_phone) == (CLOSED_BY_CALL, False)
    assert s.phone_copies([item, 999]) == [(item, KEY)]

    s.phone_copy_removed(KEY, AT + timedelta(minutes=6))  # the phone removed its copy
    known = s.last_external("kdeconnect", KEY)
    assert known is not None and known.removed_on_phone is True
    assert s.phone_copies([item]) == []
    # Signal posts the chat's next message under the same key: the phone's own row is newer
    newer = phone(s, "Still coming?", at=AT + timedelta(minutes=7))
    assert s.last_external("kdeconnect", KEY) == (newer, "Anna de Vries", "Still coming?", None, None)
    s.close()


def test_the_newest_version_of_a_paired_item_is_what_the_resend_is_compared_with(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    item = desktop(s)
    desktop(s, summary="Bob")  # someone else meanwhile
    s.pair_phone_copy(item, KEY, AT)
    s.closed(item, AT + timedelta(minutes=1), DISMISSED, state="dismissed")
    grown = phone(s, "2 new messages", replaces=item, at=AT + timedelta(minutes=9))
    assert grown != item
    known = s.last_external("kdeconnect", KEY)
    assert known == (item, "Anna de Vries", "2 new messages", None, False)
    # the phone's first copy came first, the desktop's joined it: its own rows and the pairing agree
    s.pair_phone_copy(item, KEY, AT)
    assert s.last_external("kdeconnect", KEY) == known
    s.close()


def test_a_pairing_goes_with_its_item_when_retention_deletes_it(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    old = desktop(s, at=AT - timedelta(days=400))
    s.closed(old, AT - timedelta(days=400), DISMISSED, state="dismissed")
    s.pair_phone_copy(old, KEY, AT - timedelta(days=400))
    recent = desktop(s, summary="Bob")
    s.pair_phone_copy(recent, "pixel/0|org.signal|2", AT)
    assert s.purge_rows(AT - timedelta(days=365)) == 1
    left = s.db.execute("SELECT notification_id FROM phone_copy").fetchall()
    assert left == [(recent,)]
    assert s.last_external("kdeconnect", KEY) is None
    s.close()


def test_an_older_history_gains_the_phone_copy_table_in_place(tmp_path: Path) -> None:
    path = tmp_path / "notifyzen.db"
    write_old_history(path, [{"at": AT.timestamp(), "app_name": "Signal", "summary": "kept"}])
    s = store.Store(path)
    s.pair_phone_copy(1, KEY, AT)
    known = s.last_external("kdeconnect", KEY)
    assert known is not None and (known.id, known.summary) == (1, "kept")
    s.close()
    db = sqlite3.connect(path, isolation_level=None)
    indexes = {row[1] for row in db.execute("PRAGMA index_list(phone_copy)")}
    assert {"ix_phone_copy_external_id", "ix_phone_copy_notification_id"} <= indexes
    assert schema.upgrade(db) is False
    db.close()
