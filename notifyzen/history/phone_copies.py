"""Phone notifications that were the same message as another notification (issue 16).

Signal on the phone and Signal Desktop notify with the same words; notifyzen makes one item of
them (`core.phone_match.find_echo`, in notifyzen/phone/link.py). Which row that item has depends
on which copy came first: the desktop's (then the phone's copy has no row at all) or the phone's
(then the desktop app may close the item, as Signal Desktop does once the chat is read there,
with the close reason a phone removal has too). The phone resends every notification still in
its shade on each connection, and notifyzen must still know it after a restart: so the pairing is
kept in the history, in a `phone_copy` table (schema.PhoneCopyRow: the item, the phone's key,
when they were paired, and when the phone removed its copy). No message text is kept in it; it
goes with its item when retention deletes the item (`DELETE_ORPHANS`).

Plain functions on the Store's connection, like history/reactions.py; the Store wraps them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple, Protocol

# Pairings whose item is gone (retention deleted it, up to row id ?): they go with it.
DELETE_ORPHANS = (
    "DELETE FROM phone_copy WHERE notification_id <= ? AND NOT EXISTS "
    "(SELECT 1 FROM notification WHERE notification.id = phone_copy.notification_id)"
)


class _Writer(Protocol):
    """What of the Store this module uses (store.Store; a protocol so there is no import cycle)."""

    def _x(self, sql: str, args: Any = ()) -> sqlite3.Cursor: ...
    def _q(self, sql: str, args: Any = ()) -> list[Any]: ...
    def _q1(self, sql: str, args: Any = ()) -> Any: ...
    def _wrote(self, rows: int = 1) -> None: ...


class Known(NamedTuple):
    """What the history knows of a phone key: its item's newest version, and who ended it."""

    id: int  # the item (the id its sender knows)
    summary: str
    body: str
    reason: int | None  # the newest version's close reason, None while it is live
    # For an item paired with the phone's copy: whether the phone removed that copy (the close
    # reason may be the desktop app's). None for an item of the phone's alone: its close reason
    # 3 is the phone's.
    removed_on_phone: bool | None


def pair(store: _Writer, item_id: int, external_id: str, at: datetime) -> None:
    """The phone's notification `external_id` is item `item_id` too (once per pairing)."""
    newest = store._q1(
        "SELECT notification_id, removed_at FROM phone_copy WHERE external_id=? ORDER BY id DESC LIMIT 1",
        (external_id,),
    )
    if newest is not None and newest[0] == item_id and newest[1] is None:
        return
    store._x(
        "INSERT INTO phone_copy (notification_id, external_id, at, removed_at) VALUES (?, ?, ?, NULL)",
        (item_id, external_id, at.timestamp()),
    )
    store._wrote()


def removed(store: _Writer, external_id: str, at: datetime) -> None:
    """The phone removed its notification `external_id`: a pairing of it ends (the key is free
    for the next message, which Signal posts under the same key). Most phone notifications were
    never paired: for those it only reads (no write lock, nothing that could wait for one)."""
    paired = store._q1(
        "SELECT 1 FROM phone_copy WHERE external_id=? AND removed_at IS NULL LIMIT 1", (external_id,)
    )
    if paired is None:
        return
    cursor = store._x(
        "UPDATE phone_copy SET removed_at=? WHERE external_id=? AND removed_at IS NULL",
        (at.timestamp(), external_id),
    )
    if cursor.rowcount:
        store._wrote(cursor.rowcount)


def of_items(store: _Writer, ids: Iterable[int]) -> list[tuple[int, str]]:
    """(item, phone key) of the pairings of these items the phone has not removed."""
    wanted = sorted(set(ids))
    found: list[tuple[int, str]] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store._q(
            "SELECT notification_id, external_id FROM phone_copy "
            f"WHERE removed_at IS NULL AND notification_id IN ({marks}) ORDER BY id",
            chunk,
        )
        found += [(int(r[0]), str(r[1])) for r in rows]
    return found


def last(store: _Writer, origin: str, external_id: str) -> Known | None:
    """The newest item the phone's `external_id` was: its own, or the one its copy was paired with."""
    own = store._q1(
        "SELECT id, replaces_id, summary, body, close_reason FROM notification "
        "WHERE external_id=? AND origin=? ORDER BY id DESC LIMIT 1",
        (external_id, origin),
    )
    paired = store._q1(
        "SELECT notification_id, removed_at FROM phone_copy WHERE external_id=? ORDER BY id DESC LIMIT 1",
        (external_id,),
    )
    own_id = int(own[1] or own[0]) if own is not None else 0
    if paired is None or int(paired[0]) < own_id:
        if own is None:
            return None
        return Known(own_id, str(own[2] or ""), str(own[3] or ""), own[4], None)
    item = int(paired[0])
    # The item's newest version: the desktop app, or the phone, may have replaced it since. Its
    # versions all come after it, so the scan goes down from the newest row to it at most.
    newest = store._q1(
        "SELECT summary, body, close_reason FROM notification "
        "WHERE id >= ? AND (id = ? OR replaces_id = ?) ORDER BY id DESC LIMIT 1",
        (item, item, item),
    )
    if newest is None:  # retention deleted it
        return None
    return Known(item, str(newest[0] or ""), str(newest[1] or ""), newest[2], paired[1] is not None)
