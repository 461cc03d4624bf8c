"""The history: one SQLite file that every notification is written to before anything else happens.

Writes go through one raw sqlite3 connection with prepared statements, because they sit inside the
Notify round trip (see docs/performance.md); SQLModel defines the tables (notifyzen/history/schema.py) and
does the reading for history and reports. The app's own start needs neither: SQLAlchemy and
SQLModel cost ~0.3 s and ~35 MiB to import, so a file stamped with this version's tables
(SCHEMA_STAMP) is opened with sqlite3 alone and the held messages are read back raw.

The file is WAL with synchronous=NORMAL: a killed notifyzen keeps every committed row, and readers
(`notifyzen history`) never block the writer. The file, and the -wal/-shm files SQLite derives
from it, are private to the user (0600), since notifications carry messages.

A damaged file is moved aside and replaced by a fresh one holding what could be read
(notifyzen/history/repair.py); a file that cannot be opened at all (full disk, read-only) leaves the
Store running on a stand-in in memory that refuses every arrival, so Notify is answered NotStored
and the tray says why, until the real file opens again. Ids are reserved under SQLite's write lock,
so two sessions sharing one history (one home, two logins) never give out the same id.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from notifyzen.bus.wire import hints_from_json, hints_to_json
from notifyzen.core.model import Decision, Item, Notification, ShownBy, Source, Urgency, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.core.timeline import CheckIn
from notifyzen.history import phone_copies as store_phone_copies
from notifyzen.history import reactions as store_reactions
from notifyzen.history import repair as store_repair

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from notifyzen.history.schema import CheckInRow, NotificationRow

# notifyzen.history.schema.stamp() of this version's tables; tests/history/test_store.py checks
# that they agree.
SCHEMA_STAMP = 169952541

_INSERT_COLUMNS = (
    "at",
    "tz_offset",
    "source",
    "origin",
    "app_name",
    "desktop_entry",
    "summary",
    "body",
    "sender",
    "device",
    "urgency",
    "category",
    "app_icon",
    "actions_json",
    "hints_json",
    "expire_timeout",
    "replaces_id",
    "client",
    "external_id",
    "verdict",
    "rule",
    "reason",
    "state",
    "opened",
)
_INSERT = (
    f"INSERT INTO notification ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})"
)
FLAGS_HINT = "x-notifyzen-flags"
DIGEST_SHOWN_BY = ("checkin", "breakpoint")  # shown_by of what a check-in listed in the digest
_ADD_COLUMNS = (
    "id",
    *_INSERT_COLUMNS[:19],
    "verdict",
    "rule",
    "reason",
    "release_at",
    "window",
    "state",
    "shown_at",
    "shown_by",
    "opened",
)
_ADD = f"INSERT INTO notification ({', '.join(_ADD_COLUMNS)}) VALUES ({', '.join('?' for _ in _ADD_COLUMNS)})"
CHECKPOINT_AFTER = 500  # arrivals; a checkpoint otherwise waits for a quiet moment (Service)
# heartbeats (about a minute apart) between checkpoints when nothing arrives: the WAL stays small
ALIVE_PER_CHECKPOINT = 60
# Each commit appends its pages to the WAL (~37 KB for one arrival with its five indexes): a
# check-in showing 20,000 held grew it to 252 MiB. So every kind of write counts towards
# CHECKPOINT_AFTER, and after a checkpoint SQLite cuts the WAL back to WAL_KEPT at the next write
# (journal_size_limit): it never stays large while notifyzen runs.
WAL_KEPT = 4 * 1024 * 1024
# An id a sender chose (Notify's replaces_id, spec 1.3) becomes a row id only up to here: the ids
# given out after it follow it, and libnotify keeps ids in a gint, so one chosen near 2**31 must
# not push them past it. A larger one is recorded as the replaced id instead (`reserve_for`).
CHOSEN_ID_MAX = 2**30
log = logging.getLogger(__name__)
_T = TypeVar("_T")
STATE_FOR_VERDICT = {Verdict.DELIVER: "shown", Verdict.HOLD: "held", Verdict.MUTE: "muted"}


def epoch(at: datetime) -> float:
    return at.timestamp()


def offset_minutes(at: datetime) -> int:
    off = at.utcoffset()
    return int(off.total_seconds() // 60) if off is not None else 0


def from_epoch(seconds: float, offset: int) -> datetime:
    """A stored moment back as the user saw it: the epoch in the UTC offset it was stored with."""
    return datetime.fromtimestamp(seconds, timezone(timedelta(minutes=offset)))


def _with_flags(n: Notification) -> Mapping[str, Any]:
    """The flags the schema has no column for ride along in the hints, under notifyzen's key."""
    flags = {k: True for k in ("time_sensitive", "transient", "resident") if getattr(n, k)}
    return {**n.hints, FLAGS_HINT: flags} if flags else n.hints


PINNED_MAX = 500  # pins kept across a restart: a digest line each, far more than anyone pins


def _pinned(rows: Collection[int]) -> list[int]:
    """Row ids for an IN (...) list: at most PINNED_MAX (SQLite caps bound parameters)."""
    return sorted(rows)[-PINNED_MAX:]


def _scrub(value: Any) -> Any:
    """Strings Python holds but UTF-8 cannot (lone surrogates) are replaced, never refused."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


@contextmanager
def _private_umask() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def create(path: Path) -> None:
    """Create the file (0600) and its tables if missing; safe to call on an existing history, whose
    table gains the columns added since it was made (schema.upgrade), its rows kept. A file this
    version made or upgraded already carries its stamp: nothing to do, and no SQLModel to import."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _private_umask():
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        os.chmod(path, 0o600)
        if _stamp_of(path) == SCHEMA_STAMP:
            return
        from notifyzen.history import schema

        schema.create_file(path)


def _stamp_of(path: Path) -> int:
    db = sqlite3.connect(path, timeout=10)
    try:
        (stamp,) = db.execute("PRAGMA user_version").fetchone()
        return int(stamp)
    finally:
        db.close()


def _emptied(path: Path) -> bool:
    """No history where an earlier run kept one: gone, or cut to 0 bytes."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


def _storage_error(exc: BaseException) -> bool:
    """The file system or SQLite refused (full, read-only, no permission): not a bug of ours."""
    return isinstance(exc, OSError) or isinstance(store_repair.sqlite_error(exc), sqlite3.Error)


def _why(exc: BaseException, path: Path) -> str:
    if store_repair.is_full(exc, path):
        return "database or disk is full"
    return str(store_repair.sqlite_error(exc))


class _Columns:
    """A raw row read by column name the way a NotificationRow is (row_item needs only that)."""

    __slots__ = ("_values",)

    def __init__(self, names: Sequence[str], values: Sequence[Any]) -> None:
        self._values = dict(zip(names, values, strict=True))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None


def _reacted(names: Sequence[str], values: Sequence[Any]) -> store_reactions.Reacted:
    """A reaction's notification as store_reactions.select hands it over: a raw joined row."""
    row = _Columns(names, values)
    return store_reactions.Reacted(
        int(row.id),
        row_item(row),  # type: ignore[arg-type]
        row.origin,
        from_epoch(row.shown_at, row.tz_offset) if row.shown_at is not None else None,
        row.shown_by,
    )


class Store:
    """The writer. Lives on the bus thread; the only writer in this process (another session's
    notifyzen may share the file: ids are reserved under the write lock, `reserve_for`).

    `last_id`: the highest id an earlier run gave out, as remembered beside the history (the
    heartbeat file); `expected`: an earlier run kept a history here. A history then found at 0
    bytes or gone is said (`repair`), and its ids are not given out again."""

    def __init__(self, path: Path, *, last_id: int = 0, expected: bool = False) -> None:
        self.path = path
        self.repair: store_repair.Repair | None = None  # what was done to a damaged/emptied file
        self.unwritable: str | None = None  # why the file cannot be opened now (full disk, ...)
        self.full = False  # the last arrival was refused for want of room
        self.unsaved = 0  # writes since the last checkpoint
        self.last_write = 0.0  # time.monotonic() of the last arrival
        self._next_id = last_id + 1
        self._reserved = False  # reserve_for holds the write lock until add commits
        self._batch = False  # inside `batch`: commit every CHECKPOINT_AFTER writes
        self.needs_check = False  # run store_repair.quick_check_file, then `damage_found`
        self._refused: sqlite3.OperationalError | None = None  # why reserve_for got no lock
        self._run: int | None = None  # this run's row in the run log (run_started)
        self._started: datetime | None = None
        self._shown_later: list[tuple[Any, ...]] = []  # arrivals' SHOWN reactions (reactions.py)
        self.db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        emptied = expected and _emptied(path)
        if emptied:
            self._found_empty(last_id)
        try:
            self.db = self._open(check=True)
            if emptied:  # recorded in the file too: a second session or a lost .last-run
                store_repair.keep_ids_above(self.db, last_id)
        except Exception as exc:
            if store_repair.is_damage(exc):
                self._repair(exc)
            elif _storage_error(exc):
                self._stand_in(exc)
            else:
                raise
        self._next_id = max(self._next_id, self._last_id() + 1)
        store_reactions.recover(self)  # what a killed run had not written yet

    def _open(self, *, check: bool = False) -> sqlite3.Connection:
        """The real file, created if missing. `check`: say (`needs_check`) whether it should be
        quick_checked: the last run did not end cleanly, or a reader met damage (repair.py)."""
        create(self.path)
        with _private_umask():
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            with _private_umask():
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA busy_timeout=5000")
            # SQLite's automatic checkpoint (every 1,000 WAL pages) ran inside a Notify call now
            # and then; the Service checkpoints in quiet moments instead (docs/performance.md), and
            # the Store still does after CHECKPOINT_AFTER writes so an endless stream cannot grow
            # the WAL.
            db.execute("PRAGMA wal_autocheckpoint=0")
            db.execute(f"PRAGMA journal_size_limit={WAL_KEPT}")
            marker = store_repair.check_marker(self.path)
            if check and (marker.exists() or store_repair.last_run_unclean(db)):
                self.needs_check = True  # the service runs it beside the start (`damage_found`)
            db.execute("SELECT seq FROM sqlite_sequence").fetchall()  # the file is a database
        except BaseException:
            db.close()
            raise
        return db

    def _found_empty(self, last_id: int) -> None:
        """An earlier run kept a history here, and it is 0 bytes or gone: said, never silent."""
        size = self.path.stat().st_size if self.path.exists() else None
        what = "is empty (0 bytes)" if size == 0 else "is gone"
        log.error("the history %s %s: starting a fresh one; ids go on after %d", self.path, what, last_id)
        why = "emptied" if size == 0 else "missing"
        self.repair = store_repair.Repair(why, time.time(), f"the history {what}")

    def _repair(self, exc: BaseException) -> None:
        """The file is damaged: move it aside, start a fresh one, copy into it what can be read."""
        log.error("the history %s is damaged (%s): moving it aside, starting a fresh one", self.path, exc)
        floor = self._next_id - 1
        self.db.close()
        now = time.time()
        try:
            moved = store_repair.move_aside(self.path, now)
        except FileNotFoundError:  # another notifyzen sharing this history moved it already
            self.db = self._open()
            return
        except OSError:  # cannot rename here (read-only): arrivals are refused as before
            log.error("the damaged history %s cannot be moved aside", self.path, exc_info=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            raise exc from None
        self.db = self._open()
        saved = store_repair.salvage(moved, self.db, floor)
        log.error("the damaged history is kept as %s; %d notification(s) salvaged", moved, saved)
        self.repair = store_repair.Repair("damaged", now, str(exc), str(moved), saved)
        self._next_id = max(self._next_id, self._last_id() + 1)
        self._rerecord_run()

    def damage_found(self, problem: str) -> None:
        """quick_check (run off the bus thread at start) found damage no statement met yet."""
        store_repair.check_marker(self.path).unlink(missing_ok=True)
        if self.repair is None and self.unwritable is None:
            self._repair(store_repair.Damaged(problem))

    def _stand_in(self, exc: BaseException) -> None:
        """The file cannot be opened (full disk, read-only, no permission): run on a history in
        memory that `add` never writes to, so no arrival is acknowledged that is not on disk."""
        from notifyzen.history import schema

        self.unwritable = _why(exc, self.path)
        self.full = store_repair.is_full(exc, self.path)
        log.error("the history %s cannot be opened (%s); arrivals are refused until it can", self.path, exc)
        self.db.close()
        self.db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        schema.create_tables(self.db)

    def _reopen(self) -> bool:
        """Try the real file again (the user made room); True once notifyzen writes there."""
        try:
            db = self._open()
        except Exception as exc:
            if store_repair.is_damage(exc):
                self._repair(exc)
                self.unwritable = None
                return True
            if not _storage_error(exc):
                raise
            self.unwritable = _why(exc, self.path)
            self.full = store_repair.is_full(exc, self.path)
            return False
        self.db.close()
        self.db = db
        self.unwritable = None
        self.full = False
        self._next_id = max(self._next_id, self._last_id() + 1)
        log.warning("the history %s can be written again", self.path)
        self._run = None
        self._rerecord_run()
        return True

    def _rerecord_run(self) -> None:
        """This run in the run log of a file that replaced the one it was recorded in."""
        if self._started is None:
            return
        if self._run is not None:
            have = self.db.execute("SELECT 1 FROM run WHERE id=?", (self._run,)).fetchone()
            if have is not None:
                return
        self.run_started(self._started)

    def _x(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement. Damage met here repairs the file (`_repair`) and the statement runs
        again on the fresh one: the first error, not only a check at start, finds it."""
        try:
            return self.db.execute(sql, args)
        except sqlite3.DatabaseError as exc:
            if not store_repair.is_damage(exc):
                raise
            self._repair(exc)
            return self.db.execute(sql, args)

    def _q(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """A query's rows, read under the same guard as `_x` (damage may show only while the
        rows are read, not when the statement starts)."""
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            if not store_repair.is_damage(exc):
                raise
            self._repair(exc)
            return self.db.execute(sql, args).fetchall()

    def _q1(self, sql: str, args: Sequence[Any] = ()) -> Any:
        rows = self._q(sql, args)
        return rows[0] if rows else None

    def _wrote(self, rows: int = 1) -> None:
        """Count a write; checkpoint after CHECKPOINT_AFTER of them (inside a `batch`, commit
        first; inside a `transaction`, not before it ends)."""
        self.unsaved += rows
        if self.unsaved < CHECKPOINT_AFTER:
            return
        if self._batch and self.db.in_transaction:
            self.db.execute("COMMIT")
            self.checkpoint()
            self._x("BEGIN IMMEDIATE")
        elif not self.db.in_transaction:
            self.checkpoint()

    @property
    def last_id(self) -> int:
        """The highest id given out so far (remembered beside the history by the heartbeat)."""
        return self._next_id - 1

    def health(self) -> dict[str, Any]:
        """For `status` and the tray: can the history be written, and what was done to it."""
        problem = "full" if self.full else ("unwritable" if self.unwritable else None)
        return {
            "ok": problem is None and self.repair is None,
            "problem": problem,
            "error": self.unwritable,
            "repair": self.repair.as_status() if self.repair is not None else None,
        }

    def close(self) -> None:
        store_reactions.flush(self, self._shown_later)
        self.db.close()

    def _last_id(self) -> int:
        """The highest id ever given (AUTOINCREMENT's record, so deleted rows count too)."""
        seq = self._q1("SELECT seq FROM sqlite_sequence WHERE name='notification'")
        (top,) = self._q1("SELECT max(id) FROM notification")
        return max(int(seq[0]) if seq else 0, int(top or 0))

    def reserve_id(self) -> int:
        """The id the next `add` will store under, when this is the only writer."""
        return self._next_id

    def reserve_for(self, replaces_id: int, live: Container[int]) -> tuple[int, int]:
        """(row id, replaces_id to record) for an arrival that keeps the id `replaces_id` (0: it
        gets a new one); `live` holds the ids in use. The sender's id is then `public_id`: the
        recorded one, else the row id. `add` must follow: the write lock is held until it commits.

        An update of a live notification is a new row recording the id it replaces (a version).
        An id no row has (never given out) becomes the row id itself: a first version like any
        other, and the ids given out later follow it. One given out before (that notification
        ended), or above CHOSEN_ID_MAX, is a new row recording it: a version of it. A new id
        skips one a sender chose that is still live, so the two never meet.

        Another notifyzen may write to the same file (two sessions of one user): the id is read
        from AUTOINCREMENT's record under SQLite's write lock (BEGIN IMMEDIATE), held until `add`
        commits, so the Timeline still decides under the final id and no two rows meet (746 of
        10,000 were refused with "UNIQUE constraint failed" before)."""
        if self.unwritable is not None:
            self._reopen()
        self._begin_reservation()
        if replaces_id and replaces_id not in live and replaces_id <= CHOSEN_ID_MAX:
            taken = self._q1("SELECT 1 FROM notification WHERE id=?", (replaces_id,))
            if taken is None:
                return replaces_id, 0
        row_id = self._next_id
        while not replaces_id and row_id in live:
            row_id += 1
        return row_id, replaces_id

    def _begin_reservation(self) -> None:
        self._refused = None
        if self._reserved and self.db.in_transaction:  # an earlier reservation add never followed
            self.db.execute("COMMIT")
        self._reserved = False
        if self.db.in_transaction:  # inside the caller's transaction (`transaction`): its lock
            return
        try:
            self._x("BEGIN IMMEDIATE")
            self._reserved = True
            seq = self._q1("SELECT seq FROM sqlite_sequence WHERE name='notification'")
            self._next_id = max(self._next_id, int(seq[0]) + 1 if seq else 1)
        except sqlite3.OperationalError as exc:  # locked by another program or full: add says so
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self._reserved = False
            self._refused = exc  # without waiting out the busy timeout a second time

    def add(
        self,
        id: int,
        n: Notification,
        decision: Decision,
        *,
        origin: str,
        client: str | None = None,
        external_id: str | None = None,
        replaces_id: int = 0,
    ) -> None:
        """Commit an arrival with its decision in one statement (the Notify reply waits on it).

        Raises sqlite3.IntegrityError if `id` was taken after all; then `reserve_id` has moved on.
        Raises sqlite3.OperationalError when the file cannot be written (locked, full, unwritable).
        """
        shown = decision.verdict is Verdict.DELIVER
        values = (
            id,
            *self._arrival(n, origin, client, external_id, replaces_id),
            decision.verdict.value,
            decision.rule,
            decision.reason,
            epoch(decision.release_at) if decision.release_at else None,
            decision.window,
            STATE_FOR_VERDICT[decision.verdict],
            epoch(n.at) if shown else None,
            "arrival" if shown else None,
            0,
        )
        reserved, self._reserved = self._reserved, False
        refused, self._refused = self._refused, None
        try:
            if self.unwritable is not None:
                raise sqlite3.OperationalError(f"the history cannot be written: {self.unwritable}")
            if refused is not None:
                raise refused
            try:
                self._x(_ADD, values)
            except sqlite3.IntegrityError:
                raise
            except sqlite3.OperationalError:  # locked or full: scrubbing the text would only wait again
                raise
            except (UnicodeEncodeError, sqlite3.Error):
                self._x(_ADD, tuple(_scrub(v) for v in values))
            if reserved and self.db.in_transaction:
                self.db.execute("COMMIT")
        except sqlite3.IntegrityError:
            self._rollback(reserved)
            self._next_id = self._last_id() + 1
            raise
        except sqlite3.OperationalError as exc:
            self._rollback(reserved)
            self.full = store_repair.is_full(exc, self.path)
            raise
        self.full = False
        self._next_id = max(self._next_id, id + 1)
        self.last_write = time.monotonic()
        if shown:  # it popped up (or the desktop showed it) as it came; written after the burst
            self._shown_later.append(store_reactions.arrival(id, n.at))
        self._wrote()

    def _rollback(self, reserved: bool) -> None:
        if reserved and self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def checkpoint(self) -> None:
        """Copy the WAL into the file. PASSIVE: never waits for readers (`notifyzen history`); the
        next write then starts the WAL over and cuts it back to WAL_KEPT."""
        if self.db.in_transaction:  # SQLite refuses inside one ("database table is locked")
            return
        store_reactions.flush(self, self._shown_later)  # the quiet moment after a burst
        try:
            self._x("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.OperationalError as exc:  # another program holds a lock: next time
            log.warning("checkpoint failed: %s", exc)
        self.unsaved = 0

    @staticmethod
    def _arrival(
        n: Notification, origin: str, client: str | None, external_id: str | None, replaces_id: int
    ) -> tuple[Any, ...]:
        return (
            epoch(n.at),
            offset_minutes(n.at),
            n.source.value,
            origin,
            n.app_name,
            n.desktop_entry,
            n.summary,
            n.body,
            n.sender,
            n.device,
            int(n.urgency),
            n.category,
            n.app_icon,
            json.dumps(n.actions),
            hints_to_json(_with_flags(n)),
            n.expire_timeout,
            replaces_id,
            client,
            external_id,
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Several writes, one commit (one WAL append instead of one per statement: a check-in of
        20,000 or a bulk dismissal writes each page once). Inside another one it joins it."""
        if self.db.in_transaction:
            yield
            return
        self._x("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:
                self._x("ROLLBACK")
            raise
        if self.db.in_transaction:  # a repair in between started the file over in autocommit
            self._x("COMMIT")
        self._wrote(0)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many writes the user made at once (a bulk dismissal), committed CHECKPOINT_AFTER at a
        time with a checkpoint between. 20,000 dismissals of 2 KB notifications: 1.7 s with the WAL
        at 4 MiB (one commit each: 2.2 s; one transaction: 0.9 s, but 79 MiB of WAL)."""
        if self.db.in_transaction:
            yield
            return
        self._batch = True
        try:
            with self.transaction():
                yield
        finally:
            self._batch = False

    def insert(
        self,
        n: Notification,
        *,
        origin: str,
        client: str | None = None,
        external_id: str | None = None,
        replaces_id: int = 0,
    ) -> int:
        """Commit an arrival not decided yet and return its row id."""
        values = (*self._arrival(n, origin, client, external_id, replaces_id), "deliver", "", "", "new", 0)
        try:
            cursor = self._x(_INSERT, values)
        except (UnicodeEncodeError, sqlite3.Error):
            cursor = self._x(_INSERT, tuple(_scrub(v) for v in values))
        row_id = cursor.lastrowid
        assert row_id is not None
        self._next_id = max(self._next_id, row_id + 1)
        return row_id

    def decide(self, row_id: int, d: Decision, *, shown_at: datetime | None = None) -> None:
        state = STATE_FOR_VERDICT[d.verdict]
        self._x(
            "UPDATE notification SET verdict=?, rule=?, reason=?, release_at=?, window=?, state=?, "
            "shown_at=?, shown_by=? WHERE id=?",
            (
                d.verdict.value,
                d.rule,
                d.reason,
                epoch(d.release_at) if d.release_at else None,
                d.window,
                state,
                epoch(shown_at) if shown_at else None,
                "arrival" if shown_at else None,
                row_id,
            ),
        )
        self._wrote()

    def shown(self, row_id: int, at: datetime, shown_by: str) -> None:
        """A held one reached the user (a check-in, a breakpoint, its max wait): the row says how
        it was last shown, the reaction log keeps each showing (a snoozed one is shown twice)."""
        with self.transaction():
            self._x(
                "UPDATE notification SET state='shown', shown_at=?, shown_by=? WHERE id=?",
                (epoch(at), shown_by, row_id),
            )
            how = ShownBy(shown_by) if shown_by in ShownBy._value2member_map_ else None
            self.react(Reaction(row_id, ReactionKind.SHOWN, at, how))

    def closed(self, row_id: int, at: datetime, reason: int, *, state: str = "closed") -> None:
        """The end of a notification's life (the spec's reason code); the first ending wins."""
        self._x(
            "UPDATE notification SET state=?, closed_at=?, close_reason=? WHERE id=? AND closed_at IS NULL",
            (state, epoch(at), reason, row_id),
        )
        self._wrote()

    def end_stale(
        self, at: datetime, digest_since: datetime | None = None, pinned: Collection[int] = ()
    ) -> int:
        """Pop-ups of an earlier run are gone with it: their rows end with reason 4 (undefined).
        Only our own (server) ones: the desktop or the phone may still show the others. What a
        check-in listed in the digest since `digest_since` stays, and the rows the user pinned
        there: the user has not dealt with them yet, and the digest lists them again
        (`in_digest`)."""
        keep = epoch(digest_since) if digest_since is not None else None
        rows = _pinned(pinned)
        cursor = self._x(
            "UPDATE notification SET state='closed', closed_at=?, close_reason=4 "
            "WHERE state='shown' AND closed_at IS NULL AND origin='server' "
            "AND NOT (shown_by IN (?, ?) AND ? IS NOT NULL AND shown_at >= ?) "
            f"AND id NOT IN ({', '.join('?' * len(rows))})",
            (epoch(at), *DIGEST_SHOWN_BY, keep, keep, *rows),
        )
        self._wrote(cursor.rowcount)
        return cursor.rowcount

    def in_digest(
        self, since: datetime, pinned: Collection[int] = ()
    ) -> list[tuple[int, str, str | None, Item]]:
        """Our own notifications a check-in since `since` listed, or that the user pinned in the
        digest, and the user has not dealt with (not opened, dismissed, replaced or closed by
        their app), oldest first, as `held`."""
        rows = _pinned(pinned)
        return self._items(
            "state='shown' AND closed_at IS NULL AND origin='server' "
            f"AND ((shown_by IN (?, ?) AND shown_at >= ?) OR id IN ({', '.join('?' * len(rows))}))",
            (*DIGEST_SHOWN_BY, epoch(since), *rows),
        )

    def _items(self, where: str, args: Sequence[Any] = ()) -> list[tuple[int, str, str | None, Item]]:
        sql = f"SELECT * FROM notification WHERE {where} ORDER BY id"
        try:
            cursor = self._x(sql, args)
            values = cursor.fetchall()
        except sqlite3.DatabaseError as exc:  # the damage was met while reading on: repair, again
            if not store_repair.is_damage(exc):
                raise
            self._repair(exc)
            cursor = self.db.execute(sql, args)
            values = cursor.fetchall()
        names = [d[0] for d in cursor.description]
        rows = [cast("NotificationRow", _Columns(names, v)) for v in values]
        return [(int(r.id or 0), r.origin, r.client, row_item(r)) for r in rows]

    def told_since(self, since: datetime) -> list[Item]:
        """The notifications notifyzen sent a status reply for since `since` (issue 11), as they
        arrived, oldest first: at a start, who was told in the focus window still running. A reply
        goes out as its message arrives, so the arrival's index finds them."""
        found = self._items("at >= ? AND status_reply_at IS NOT NULL", (epoch(since),))
        return [item for _, _, _, item in found]

    def opened(self, row_id: int) -> None:
        self._x("UPDATE notification SET opened=1 WHERE id=?", (row_id,))
        self._wrote()

    def replied(self, row_id: int, text: str, at: datetime) -> None:
        """The user typed a reply. A status reply sent earlier stays in its own columns."""
        self._x(
            "UPDATE notification SET reply_text=?, reply_at=?, opened=1 WHERE id=?",
            (_scrub(text), epoch(at), row_id),
        )
        self._wrote()

    def status_replied(self, row_id: int, text: str, at: datetime) -> None:
        """notifyzen answered for the user (issue 11): the user has not opened anything. Kept apart
        from a reply the user types later, which would otherwise erase the promise the weekly
        report checks."""
        self._x(
            "UPDATE notification SET status_reply_text=?, status_reply_at=? WHERE id=?",
            (_scrub(text), epoch(at), row_id),
        )
        self._wrote()

    def react(self, reaction: Reaction) -> None:
        """What the user did with a notification (issue 20; store_reactions.py): joins an open
        transaction or batch, and never fails the action it records."""
        store_reactions.write(self, reaction)

    def reactions(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[tuple[store_reactions.Reacted, Reaction]]:
        """The reactions since `since`, oldest first, each with its notification (the model's)."""
        store_reactions.flush(self, self._shown_later)
        return store_reactions.select(self.db, since, until, reacted=_reacted)

    def last_checkin_at(self) -> datetime | None:
        """When the latest check-in that showed anything happened: the digest lists what it
        brought (and what came after), not what earlier ones did (issue 18: left items go)."""
        row = self.db.execute(
            "SELECT at, tz_offset FROM checkin WHERE released > 0 ORDER BY at DESC LIMIT 1"
        ).fetchone()
        return from_epoch(row[0], row[1] or 0) if row is not None else None

    def checkin(self, c: CheckIn, *, planned_at: datetime | None = None) -> int:
        cursor = self._x(
            "INSERT INTO checkin (at, tz_offset, reason, planned_at, released, opened) VALUES (?,?,?,?,?,0)",
            (
                epoch(c.at),
                offset_minutes(c.at),
                c.reason,
                epoch(planned_at) if planned_at else None,
                len(c.released),
            ),
        )
        assert cursor.lastrowid is not None
        self._wrote()
        return cursor.lastrowid

    # The run log: when notifyzen ran, so the weekly report can tell a quiet week from one it was
    # off for. A failed write is logged and forgotten: it must never stop the service's heartbeat.
    def run_started(self, at: datetime) -> None:
        self._started = at
        try:
            cursor = self._x(
                "INSERT INTO run (started_at, last_alive_at) VALUES (?, ?)", (epoch(at), epoch(at))
            )
            self._run = cursor.lastrowid
        except sqlite3.Error as exc:
            log.warning("could not record the start of this run: %s", exc)

    def alive(self, at: datetime) -> None:
        """Still running at `at` (the service's heartbeat): a run that is killed ends here.

        Checkpoints every ALIVE_PER_CHECKPOINT heartbeats, since nothing else does while no
        notification arrives and the WAL would otherwise grow by a page a minute. A history that
        could not be opened is tried again here, so the tray clears once there is room."""
        if self.unwritable is not None:
            self._reopen()
        if self._run is None:
            return
        try:
            self._x("UPDATE run SET last_alive_at=? WHERE id=?", (epoch(at), self._run))
            self.unsaved += 1
            if self.unsaved >= ALIVE_PER_CHECKPOINT:
                self.checkpoint()
        except sqlite3.Error as exc:  # locked by another program, a full disk: said in one line
            log.warning("could not record that notifyzen is still running: %s", exc)

    def run_ended(self, at: datetime) -> None:
        """A clean stop at `at`."""
        if self._run is None:
            return
        try:
            self._x(
                "UPDATE run SET last_alive_at=?, ended_at=? WHERE id=?", (epoch(at), epoch(at), self._run)
            )
        except sqlite3.Error as exc:
            log.warning("could not record the end of this run: %s", exc)
        self._run = None

    def purge_bodies(self, before: datetime) -> int:
        """Retention: erase the message text (body, replies typed and sent for the user) of rows
        that arrived before `before`. When they were sent stays, for the report's promises.

        The rows stay, so counts and the weekly report do not change. secure_delete overwrites the
        old text in the file and the checkpoint empties the WAL, so it is gone from disk, not only
        from queries. Returns how many rows were erased."""
        self._x("PRAGMA secure_delete=ON")
        try:
            cursor = self._x(
                "UPDATE notification SET body='', reply_text=NULL, status_reply_text=NULL "
                "WHERE at < ? AND (body != '' OR reply_text IS NOT NULL OR status_reply_text IS NOT NULL)",
                (epoch(before),),
            )
            erased = cursor.rowcount
            if erased:
                self._x("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._x("PRAGMA secure_delete=OFF")
        return erased

    def purge_rows(self, before: datetime, chunk: int = 5000) -> int:
        """Row retention (`retention: {rows_days: N}`): notifications that arrived before `before`
        and have ended go, with the check-ins and runs of that time, so a history stays bounded
        however long notifyzen runs. What is still held or on screen stays whatever its age, and
        AUTOINCREMENT keeps the deleted ids from being given out again. Deleted `chunk` rows per
        transaction with a checkpoint between, so the WAL never holds the whole purge; like
        purge_bodies, secure_delete leaves no text behind in the file. Returns the rows deleted."""
        cutoff = epoch(before)
        deleted = 0
        (last,) = self._q1(  # the newest that goes: only reactions up to it are looked at
            "SELECT max(id) FROM notification WHERE at < ? AND state NOT IN ('held', 'shown', 'new')",
            (cutoff,),
        )
        self._x("PRAGMA secure_delete=ON")
        try:
            while True:
                with self.transaction():
                    count = self._x(
                        "DELETE FROM notification WHERE id IN (SELECT id FROM notification WHERE at < ? "
                        "AND state NOT IN ('held', 'shown', 'new') LIMIT ?)",
                        (cutoff, chunk),
                    ).rowcount
                self.checkpoint()
                deleted += count
                if count < chunk:
                    break
            with self.transaction():
                self._x("DELETE FROM checkin WHERE at < ?", (cutoff,))
                self._x("DELETE FROM run WHERE last_alive_at < ? AND id != ?", (cutoff, self._run or 0))
                self._x("DELETE FROM situation WHERE ended_at < ?", (cutoff,))  # store_situations.py
                self._x(store_reactions.DELETE_ORPHANS, (last or 0,))  # reactions go with their rows
                self._x(store_phone_copies.DELETE_ORPHANS, (last or 0,))  # and phone pairings
            self._x("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._x("PRAGMA secure_delete=OFF")
        return deleted

    def find_external(self, origin: str, external_id: str) -> int | None:
        """The id (the one the sender knows) of a notification another daemon or the phone still
        shows as `external_id`, from this run or an earlier one; None if there is none or it ended.

        Only rows that have not ended count: a phone reuses its ids (Signal: one per chat), so
        after the phone removed it or the user dismissed it, the same id is a new message."""
        row = self._q1(
            "SELECT id, replaces_id FROM notification WHERE external_id=? AND origin=? "
            "AND closed_at IS NULL ORDER BY id DESC LIMIT 1",
            (external_id, origin),
        )
        return int(row[1] or row[0]) if row is not None else None

    def last_external(self, origin: str, external_id: str) -> store_phone_copies.Known | None:
        """The newest version of what another daemon or the phone knows as `external_id`, ended
        or not, also when it was the same message as a desktop notification and so has no row of
        its own (history/phone_copies.py). A phone resends its whole shade on every connection,
        also what notifyzen showed, or the user dismissed here, in an earlier run: the link
        compares the words to tell a resend from news."""
        return store_phone_copies.last(self, origin, external_id)

    def pair_phone_copy(self, item_id: int, external_id: str, at: datetime) -> None:
        """The phone's notification `external_id` is the same message as item `item_id`."""
        store_phone_copies.pair(self, item_id, external_id, at)

    def phone_copy_removed(self, external_id: str, at: datetime) -> None:
        """The phone removed its notification `external_id` (paired or not)."""
        store_phone_copies.removed(self, external_id, at)

    def phone_copies(self, ids: Iterable[int]) -> list[tuple[int, str]]:
        """(item, phone key) for these items' phone copies the phone still shows, as far as known."""
        return store_phone_copies.of_items(self, ids)

    def open_external(self, origin: str) -> list[str]:
        """External ids (`device/phone id` for the phone) whose newest row has not ended: what
        an earlier run believed the phone still shows."""
        found = self._q(
            "SELECT DISTINCT external_id FROM notification WHERE origin=? AND closed_at IS NULL "
            "AND external_id IS NOT NULL",
            (origin,),
        )
        return [str(r[0]) for r in found]

    def end_external(self, origin: str, external_id: str, at: datetime, reason: int = 3) -> int:
        """The phone (or daemon) ended a notification this run knew only from the history (shown
        before a restart): its row ends too, so `find_external` no longer returns it and the id,
        when the phone reuses it, is taken as the new message it is."""
        cursor = self._x(
            "UPDATE notification SET state='closed', closed_at=?, close_reason=? "
            "WHERE external_id=? AND origin=? AND closed_at IS NULL",
            (epoch(at), reason, external_id, origin),
        )
        self._wrote(cursor.rowcount)
        return cursor.rowcount

    def count_since(self, at: datetime) -> int:
        """Notifications that arrived since `at` (the tray's "Taken in today").

        An update in place (Notify with the `replaces_id` of a live one: a copy's progress, "3 new
        messages") is a row of its own but the same notification to the user, so only first
        versions (replaces_id 0) count; a late update of an earlier one is no new arrival."""
        (count,) = self._q1(
            "SELECT count(*) FROM notification WHERE at >= ? AND replaces_id = 0", (epoch(at),)
        )
        return int(count)

    def held(self) -> list[tuple[int, str, str | None, Item]]:
        """Rows still waiting for a check-in: (row id, origin, client, Item with the sender's id)."""
        return self._items("state='held'")


def public_id(row: NotificationRow) -> int:
    """The id the sender knows: the replaced one, if this row replaced another in place."""
    return row.replaces_id or int(row.id or 0)


def row_notification(row: NotificationRow) -> Notification:
    try:
        actions = tuple((str(k), str(v)) for k, v in json.loads(row.actions_json))
    except (ValueError, TypeError):
        actions = ()
    hints = hints_from_json(row.hints_json)
    flags = hints.pop(FLAGS_HINT, {})
    flags = flags if isinstance(flags, dict) else {}
    return Notification(
        app_name=row.app_name,
        summary=row.summary,
        at=from_epoch(row.at, row.tz_offset),
        body=row.body,
        source=Source(row.source) if row.source in Source._value2member_map_ else Source.DESKTOP,
        urgency=Urgency.parse(row.urgency),
        category=row.category,
        desktop_entry=row.desktop_entry,
        sender=row.sender,
        device=row.device,
        app_icon=row.app_icon,
        actions=actions,
        hints=hints,
        expire_timeout=row.expire_timeout,
        time_sensitive=bool(flags.get("time_sensitive")),
        transient=bool(flags.get("transient")),
        resident=bool(flags.get("resident")),
    )


def row_decision(row: NotificationRow) -> Decision:
    release = from_epoch(row.release_at, row.tz_offset) if row.release_at is not None else None
    verdict = Verdict(row.verdict) if row.verdict in Verdict._value2member_map_ else Verdict.DELIVER
    return Decision(verdict, row.rule or "default", row.reason, release, window=row.window)


def row_item(row: NotificationRow) -> Item:
    return Item(public_id(row), row_notification(row), row_decision(row))


def reader(path: Path) -> Engine:
    """A read-only engine: history works whether or not the app is running (WAL allows it).
    The one write is `upgrade_file`'s, when an older notifyzen made the file (once).

    A history that cannot be written to (a read-only file system, a backup mounted read-only) is
    still read: read-only, else as an immutable file (what a WAL not yet copied back holds is then
    not seen). One that cannot be read at all, or is damaged, is a UserError naming the file and
    why, never a traceback; a damaged one is also marked, so the app's next start checks it and
    moves it aside (repair.py)."""
    from sqlalchemy import create_engine, text

    from notifyzen.history.schema import upgrade_file

    if not path.exists():
        raise FileNotFoundError(path)
    try:
        upgrade_file(path)
    except (OSError, sqlite3.Error) as exc:
        if store_repair.is_damage(exc):
            raise _unreadable(path, exc) from None
        log.info("the history %s cannot be written (%s); reading it as it is", path, exc)
    last: BaseException | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        engine = create_engine(f"sqlite:///file:{path}?{options}&uri=true")
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT id FROM notification ORDER BY id DESC LIMIT 1")).all()
            return engine
        except Exception as exc:
            engine.dispose()
            if not _storage_error(exc):
                raise
            if store_repair.is_damage(exc):
                raise _unreadable(path, exc) from None
            last = exc
    assert last is not None
    raise _unreadable(path, last)


def read_reactions(
    engine: Engine, since: datetime | None = None, until: datetime | None = None
) -> Iterator[tuple[store_reactions.Reacted, Reaction]]:
    """store_reactions.select on a reader (`reader`: read-only, works while the app runs), for the
    model's training outside the app and for `notifyzen history`."""
    connection = engine.raw_connection()
    try:
        driver = connection.driver_connection
        assert driver is not None
        yield from store_reactions.select(driver, since, until, reacted=_reacted)
    finally:
        connection.close()


def _unreadable(path: Path, exc: BaseException) -> Exception:
    """The UserError for a history that cannot be read (damaged: marked for the next start)."""
    from notifyzen import UserError

    why = store_repair.sqlite_error(exc)
    if store_repair.is_damage(exc):
        with suppress(OSError):
            store_repair.check_marker(path).touch(mode=0o600)
        return UserError(
            f"the history {path} is damaged ({why}); notifyzen moves it aside and keeps what can "
            "be read the next time it starts"
        )
    return UserError(f"cannot read the history {path}: {why}")


def _reading(fn: Callable[[], _T], engine: Engine) -> _T:
    """Damage met while reading rows is said like damage met when opening (`_unreadable`)."""
    try:
        return fn()
    except Exception as exc:
        if not _storage_error(exc):
            raise
        raise _unreadable(_engine_path(engine), exc) from None


def _engine_path(engine: Engine) -> Path:
    """The file behind a `reader` engine (its URL is file:PATH?mode=ro&...)."""
    database = str(engine.url.database or "")
    return Path(database.removeprefix("file:").split("?")[0])


def query(
    engine: Engine,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    app: str | None = None,
    limit: int | None = None,
) -> Sequence[NotificationRow]:
    from sqlmodel import Session, col, select

    from notifyzen.history.schema import NotificationRow

    stmt = select(NotificationRow).order_by(col(NotificationRow.id))
    if since is not None:
        stmt = stmt.where(NotificationRow.at >= epoch(since))
    if until is not None:
        stmt = stmt.where(NotificationRow.at < epoch(until))
    if app:
        stmt = stmt.where(col(NotificationRow.app_name).ilike(app))
    with Session(engine) as session:
        rows = _reading(lambda: session.exec(stmt).all(), engine)
    return rows[-limit:] if limit else rows


def get(engine: Engine, row_id: int) -> NotificationRow | None:
    from sqlmodel import Session

    from notifyzen.history.schema import NotificationRow

    with Session(engine) as session:
        return _reading(lambda: session.get(NotificationRow, row_id), engine)


def checkins(engine: Engine, *, since: datetime | None = None) -> Sequence[CheckInRow]:
    from sqlmodel import Session, col, select

    from notifyzen.history.schema import CheckInRow

    stmt = select(CheckInRow).order_by(col(CheckInRow.id))
    if since is not None:
        stmt = stmt.where(CheckInRow.at >= epoch(since))
    with Session(engine) as session:
        return _reading(lambda: session.exec(stmt).all(), engine)
