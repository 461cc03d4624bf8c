"""The user's reactions in the history (issue 20): written by the Store, read by the learned model,
the history window and `notifyzen history`.

They live in the history file, in a `reaction` table beside `notification` (schema.ReactionRow),
rather than in a file of their own: they get the history's privacy without a second copy of its
rules (0600 with its -wal/-shm, retention deletes a row's reactions with the row, `purge_rows`,
and removing the history removes them), and the model reads a reaction together with the
notification it is about in one join.

Writing one is an INSERT on the Store's connection, so it joins whatever transaction is open (a
bulk dismissal's `batch`, a check-in's): a reaction costs no commit of its own there. The one
written for every arrival that pops up is not written inside the Notify round trip at all: it
waits in memory (`arrival`) and goes in with the others of its burst at the quiet moment after
it (`flush`, from Store.checkpoint), one statement for all. Written in the round trip's own commit
it added 18% there (274 -> 323 µs in one run of bench/bench_reactions.py); deferred, nothing
measurable (63 -> 60 µs). The notification row itself says it was shown at arrival,
so what a killed notifyzen had not flushed yet is written at the next start (`recover`).
A failed write is logged and forgotten: recording what the user did must never stop the doing.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Protocol

from notifyzen.core import kairos
from notifyzen.core.model import Item, ShownBy, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

COLUMNS = ("notification_id", "kind", "at", "tz_offset", "shown_by", "after_shown", "action")
INSERT = f"INSERT INTO reaction ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
# Reactions whose notification is gone (retention deleted it, up to row id ?): they go with it.
# Through the notification_id index, so a daily purge reads the old rows' reactions, not a year's.
DELETE_ORPHANS = (
    "DELETE FROM reaction WHERE notification_id <= ? AND NOT EXISTS "
    "(SELECT 1 FROM notification WHERE notification.id = reaction.notification_id)"
)
RECOVER_S = 600.0  # `recover` looks this far back from the newest arrival: a burst, and more
PENDING_MAX = 10_000  # arrivals' SHOWN reactions kept while the history refuses them
BATCH = 500  # rows fetched at a time when reading: a year of reactions streams in flat memory


class _Writer(Protocol):
    """What of the Store this module uses (store.Store; a protocol so there is no import cycle)."""

    db: sqlite3.Connection

    def _x(self, sql: str, args: Any = ()) -> sqlite3.Cursor: ...
    def _q1(self, sql: str, args: Any = ()) -> Any: ...
    def _wrote(self, rows: int = 1) -> None: ...


def _epoch(at: datetime) -> float:
    return at.timestamp()


def _offset(at: datetime) -> int:
    off = at.utcoffset()
    return int(off.total_seconds() // 60) if off is not None else 0


def _zone(offset: int) -> timezone:
    return timezone(timedelta(minutes=offset))


def values(r: Reaction, shown_at: float | None = None) -> tuple[Any, ...]:
    """The row for `r`. Without its own `after_shown`, the time since the notification was last
    shown (`shown_at`, the row's) is filled in for anything but SHOWN itself."""
    after = r.after_shown.total_seconds() if r.after_shown is not None else None
    if after is None and shown_at is not None and r.kind is not ReactionKind.SHOWN:
        after = max(0.0, _epoch(r.at) - shown_at)
    return (
        r.notification_id,
        r.kind.value,
        _epoch(r.at),
        _offset(r.at),
        r.shown_by.value if r.shown_by is not None else None,
        after,
        r.action,
    )


def write(store: _Writer, r: Reaction) -> bool:
    """Record `r` (Store.react); False, and a line in the log, if the history refused it."""
    try:
        shown_at = None
        if r.after_shown is None and r.kind is not ReactionKind.SHOWN:
            row = store._q1("SELECT shown_at FROM notification WHERE id=?", (r.notification_id,))
            shown_at = row[0] if row is not None else None
        store._x(INSERT, values(r, shown_at))
        store._wrote()
        return True
    except sqlite3.Error as exc:  # locked by another program, full: said once, in one line
        log.warning("could not record %s for notification %d: %s", r.kind.value, r.notification_id, exc)
        return False


def arrival(row_id: int, at: datetime) -> tuple[Any, ...]:
    """The row of the SHOWN reaction of an arrival that popped up (kept for `flush`)."""
    return (row_id, ReactionKind.SHOWN.value, _epoch(at), _offset(at), ShownBy.ARRIVAL.value, None, None)


def flush(store: _Writer, pending: list[tuple[Any, ...]]) -> None:
    """Write the arrivals' SHOWN reactions kept in `pending` in one statement (and empty it).
    Outside a transaction only (the caller's quiet moment): it is its own small commit. When the
    history refuses (locked by another program, full) they wait for the next quiet moment, at
    most PENDING_MAX of them."""
    if not pending or store.db.in_transaction:
        return
    # Never wait for a lock here: this runs on the bus thread, and with the history's busy timeout
    # a file locked by another program froze every Notify and Status call for 5 s at each quiet
    # moment. A refused write is simply tried again at the next one.
    (waits,) = store.db.execute("PRAGMA busy_timeout").fetchone()
    store.db.execute("PRAGMA busy_timeout=0")
    try:
        store.db.execute("BEGIN IMMEDIATE")
        try:
            store.db.executemany(INSERT, pending)
        except BaseException:
            store.db.execute("ROLLBACK")
            raise
        store.db.execute("COMMIT")
        pending.clear()
    except sqlite3.Error as exc:
        log.warning("could not record yet that %d notification(s) were shown: %s", len(pending), exc)
        del pending[:-PENDING_MAX]
    finally:
        store.db.execute(f"PRAGMA busy_timeout={int(waits)}")


def recover(store: _Writer) -> int:
    """The SHOWN reactions of the last arrivals (RECOVER_S before the newest) that a killed
    notifyzen had kept in memory: the rows say they popped up at arrival. Returns how many were
    written. Older rows are left alone: a history from before reactions were recorded would
    otherwise seem to say the user did nothing with a year of notifications."""
    try:
        cursor = store._x(
            f"INSERT INTO reaction ({', '.join(COLUMNS)}) "
            "SELECT id, 'shown', shown_at, tz_offset, 'arrival', NULL, NULL FROM notification n "
            "WHERE at >= (SELECT max(at) FROM notification) - ? AND shown_by = 'arrival' "
            "AND shown_at IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM reaction r WHERE r.notification_id = n.id AND r.kind = 'shown')",
            (RECOVER_S,),
        )
        return cursor.rowcount
    except sqlite3.Error as exc:
        log.warning("could not recover what was shown before the last stop: %s", exc)
        return 0


def row_of(store: _Writer, public_id: int) -> int | None:
    """The newest history row of the notification its sender knows as `public_id` (an update in
    place is a row of its own recording the id it replaced), for a reaction to one no longer live."""
    row = store._q1("SELECT max(id) FROM notification WHERE id=? OR replaces_id=?", (public_id, public_id))
    return int(row[0]) if row is not None and row[0] is not None else None


def reaction_of(values: tuple[Any, ...]) -> Reaction:
    """A stored row (COLUMNS' order) back as the Reaction it was; unknown names (a newer
    notifyzen's) read as nothing rather than failing the whole read."""
    row_id, kind, at, offset, shown_by, after, action = values
    return Reaction(
        int(row_id),
        ReactionKind(kind),
        datetime.fromtimestamp(at, _zone(offset or 0)),
        ShownBy(shown_by) if shown_by in ShownBy._value2member_map_ else None,
        timedelta(seconds=after) if after is not None else None,
        action,
    )


@dataclass(frozen=True, slots=True)
class Reacted:
    """The notification a reaction is about, as the model needs it: who sent what, in which app,
    in a group or not, when it arrived, what notifyzen decided (verdict, rule) and how it was
    last shown. `item` has the rest (the whole Notification with its hints, the Decision)."""

    row_id: int
    item: Item
    origin: str
    shown_at: datetime | None
    shown_by: str | None

    @property
    def app(self) -> str:
        n = self.item.notification
        return n.desktop_entry or n.app_name

    @property
    def person(self) -> str | None:
        return kairos.sender(self.item.notification)

    @property
    def group(self) -> str | None:
        """The group chat or channel it was written in; None for one person or no conversation."""
        return kairos.group(self.item.notification)

    @property
    def text(self) -> str:
        n = self.item.notification
        return f"{n.summary}\n{n.body}" if n.body else n.summary

    @property
    def arrived_at(self) -> datetime:
        return self.item.notification.at

    @property
    def verdict(self) -> Verdict:
        return self.item.decision.verdict

    @property
    def rule(self) -> str:
        return self.item.decision.rule


def select(
    db: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    reacted: Callable[[Sequence[str], Sequence[Any]], Reacted],
) -> Iterator[tuple[Reacted, Reaction]]:
    """Every reaction from `since` up to `until` (by when it happened), oldest first, each with
    its notification; streamed BATCH rows at a time. A reaction whose row is gone is skipped.
    `reacted` reads a notification row (its column names and values): the store's own reading,
    handed in so this module does not import the store, which imports it."""
    where, args = ["1"], list[Any]()
    if since is not None:
        where.append("r.at >= ?")
        args.append(_epoch(since))
    if until is not None:
        where.append("r.at < ?")
        args.append(_epoch(until))
    cursor = db.execute(
        f"SELECT {', '.join('r.' + c for c in COLUMNS)}, n.* FROM reaction r "
        f"JOIN notification n ON n.id = r.notification_id WHERE {' AND '.join(where)} "
        "ORDER BY r.at, r.id",
        args,
    )
    names = [d[0] for d in cursor.description][len(COLUMNS) :]
    known: dict[int, Reacted] = {}  # a notification with several reactions is built once
    while batch := cursor.fetchmany(BATCH):
        for found in batch:
            reaction = _reaction_or_none(found[: len(COLUMNS)])
            if reaction is None:
                continue
            one = known.get(reaction.notification_id)
            if one is None:
                one = reacted(names, found[len(COLUMNS) :])
                if len(known) > 10 * BATCH:
                    known.clear()
                known[reaction.notification_id] = one
            yield one, reaction


def _reaction_or_none(values: tuple[Any, ...]) -> Reaction | None:
    try:
        return reaction_of(values)
    except (ValueError, TypeError):  # a kind this version does not know
        return None


def of_rows(db: sqlite3.Connection, row_ids: Iterable[int]) -> dict[int, list[Reaction]]:
    """The reactions of these history rows, oldest first each (the history window, `history`)."""
    wanted = sorted(set(row_ids))
    found: dict[int, list[Reaction]] = {}
    for start in range(0, len(wanted), BATCH):  # SQLite caps the number of bound parameters
        chunk = wanted[start : start + BATCH]
        cursor = db.execute(
            f"SELECT {', '.join(COLUMNS)} FROM reaction WHERE notification_id IN "
            f"({', '.join('?' for _ in chunk)}) ORDER BY at, id",
            chunk,
        )
        for values_ in cursor:
            reaction = _reaction_or_none(values_)
            if reaction is not None:
                found.setdefault(reaction.notification_id, []).append(reaction)
    return found


def of_rows_read(engine: Engine, row_ids: Iterable[int]) -> dict[int, list[Reaction]]:
    """`of_rows` on a reader engine."""
    connection = engine.raw_connection()
    try:
        driver = connection.driver_connection
        assert driver is not None
        try:
            return of_rows(driver, row_ids)
        except sqlite3.OperationalError:  # a file older than the reaction table, read-only
            return {}
    finally:
        connection.close()
