"""A damaged history must never blind the user (issue 22).

One zeroed page used to make every Notify answer `NotStored: database disk image is malformed`,
nothing was shown and `status` looked normal. Now the Store calls on this module when SQLite says
the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB), at start or on the first failing statement:
the file is moved aside (`<history>.damaged-<time>`, with its WAL, kept for the user), a fresh
history takes its place at once, and every row that can still be read is copied into it under its
own id. A damaged page loses only the rows on it, because the copy walks the rowid B-tree in
ranges and steps over what it cannot read.

`PRAGMA quick_check` finds damage that no statement has touched yet, but it reads the whole file:
0.2-0.6 s warm and 2.3-4.1 s cold for a 200,000-row (125 MiB) history. So it runs only when the
last run did not end cleanly (killed, crashed, power lost: the run table says so), which is when
damage is likely, or when `notifyzen history` met damage (`check_marker`); and in a worker thread
beside the start, so intake goes on meanwhile (the repair itself then runs on the bus thread).
Otherwise the first statement that meets the damage triggers the same repair.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_DAMAGE = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
TABLES = ("notification", "checkin", "run", "situation", "reaction", "phone_copy")  # copied in this order
BATCH = 500  # rows read one by one near a damaged page, at most, before jumping past it
CHUNK = 5000  # rows copied by one statement where the file is sound
POINT_READS_MAX = 65_536  # rowids read one by one around a damaged page, at most


class Damaged(sqlite3.DatabaseError):
    """quick_check found damage that no statement has met yet."""


@dataclass(frozen=True)
class Repair:
    """What happened to the history at this run, for `status` and the tray."""

    why: str  # "damaged": moved aside and salvaged; "emptied": found at 0 bytes
    at: float  # epoch seconds
    error: str
    moved_to: str | None = None
    salvaged: int = 0

    def as_status(self) -> dict[str, Any]:
        return {
            "why": self.why,
            "at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self.at)),
            "error": self.error,
            "moved_to": self.moved_to,
            "salvaged": self.salvaged,
        }


def sqlite_error(exc: BaseException) -> BaseException:
    """The sqlite3 error behind one SQLAlchemy wrapped (schema.create_file uses an engine)."""
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, sqlite3.Error) else exc


def is_damage(exc: BaseException) -> bool:
    exc = sqlite_error(exc)
    if isinstance(exc, Damaged):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in _DAMAGE
    return isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in str(exc) or "not a database" in str(exc)
    )


def is_full(exc: BaseException, path: Path) -> bool:
    """SQLite says the disk is full, or says "disk I/O error" (it could not grow the -shm file)
    on a file system with no room left."""
    exc = sqlite_error(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "full" in str(exc) or getattr(exc, "errno", None) == errno.ENOSPC:
        return True
    if not (isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)):
        return False
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def last_run_unclean(db: sqlite3.Connection) -> bool:
    """The newest run never recorded a clean end: the one time quick_check is worth its cost."""
    try:
        row = db.execute("SELECT ended_at FROM run ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # no run table yet (an old history): nothing to tell by
        return False
    return row is not None and row[0] is None


def check_marker(path: Path) -> Path:
    """Left beside the history by a reader (`notifyzen history`) that met damage: the app's next
    start then runs quick_check whatever the run table says."""
    return path.with_name(path.name + ".check")


def quick_check(db: sqlite3.Connection) -> str | None:
    """None when SQLite finds the file sound, else its first complaint."""
    try:
        (first,) = db.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:  # some damage stops the check itself
        if is_damage(exc):
            return str(exc)
        raise
    return None if first == "ok" else str(first)


def quick_check_file(path: Path) -> str | None:
    """`quick_check` on a connection of its own (read-only), so it can run in a worker thread
    while the bus thread takes notifications; None also when the check could not run."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        return quick_check(db)
    except sqlite3.Error:
        log.warning("quick_check of %s could not run", path, exc_info=True)
        return None
    finally:
        db.close()


def move_aside(path: Path, at: float) -> Path:
    """Rename the history and its WAL out of the way, for the user to keep or delete; the -shm
    is only an index of the WAL and is rebuilt from it."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(at))
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + "-wal"))
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return target


def salvage(source: Path, into: sqlite3.Connection, floor: int = 0) -> int:
    """Copy every readable row of `source` into `into` (a fresh history, autocommit) under its own
    id; returns how many notifications were saved. The ids given out later stay above `floor` and
    above every id the damaged file still names, so a sender never meets one of its old ids.

    Sound stretches go over in SQL, CHUNK rows a statement, into tables whose indexes are built
    once at the end: 200,000 rows take 2.7 s (7.7 s row by row through Python, indexes kept)."""
    try:
        into.execute("ATTACH DATABASE ? AS damaged", (str(source),))
    except sqlite3.Error:
        log.warning("the damaged history cannot be opened at all; nothing salvaged", exc_info=True)
        return 0
    saved = 0
    try:
        for table in TABLES:
            try:
                columns = _common_columns(into, table)
            except sqlite3.Error:
                log.warning("salvage: the %s table cannot be read", table, exc_info=True)
                continue
            if columns:
                count = _copy(into, table, ", ".join(columns))
                saved = count if table == "notification" else saved
        floor = max(floor, _top_id(into))
    finally:
        into.execute("DETACH DATABASE damaged")
    keep_ids_above(into, floor)
    into.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return saved


def _common_columns(db: sqlite3.Connection, table: str) -> list[str]:
    """Columns both files have: an older notifyzen's history lacks the newer ones."""
    have = [row[1] for row in db.execute(f"PRAGMA damaged.table_info({table})")]
    want = {row[1] for row in db.execute(f"PRAGMA main.table_info({table})")}
    return [c for c in have if c in want]


def _copy(db: sqlite3.Connection, table: str, names: str) -> int:
    """The rows of damaged.`table` into main.`table`, its indexes dropped meanwhile."""
    indexes = db.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    insert = f"INSERT OR IGNORE INTO main.{table} ({names}) "
    chunk = f"SELECT {names} FROM damaged.{table} WHERE rowid > ? ORDER BY rowid LIMIT {CHUNK}"
    top = f"SELECT max(rowid) FROM ({chunk.replace(names, 'rowid', 1)})"
    values = f"VALUES ({', '.join('?' * len(names.split(', ')))})"
    for name, _ in indexes:
        db.execute(f"DROP INDEX main.{name}")
    count = 0
    last = -(2**63)
    try:
        while True:
            try:
                (end,) = db.execute(top, (last,)).fetchone()
                if end is None:
                    break  # the end of the table
                db.execute("BEGIN IMMEDIATE")
                count += db.execute(insert + chunk, (last,)).rowcount
                db.execute("COMMIT")
                last = end
            except sqlite3.DatabaseError:  # a damaged page in this stretch: row by row around it
                if db.in_transaction:  # SQLite takes no more from a transaction that met damage
                    db.execute("ROLLBACK")
                rows, last_read = _around_damage(db, f"damaged.{table}", names, last)
                if rows:
                    db.execute("BEGIN IMMEDIATE")
                    count += db.executemany(insert + values, rows).rowcount
                    db.execute("COMMIT")
                if last_read is None:
                    break
                last = last_read
    finally:
        for _, sql in indexes:
            db.execute(sql)
    return count


def _around_damage(
    db: sqlite3.Connection, table: str, names: str, last: int
) -> tuple[list[tuple[Any, ...]], int | None]:
    """The rows after `last` that can be read one by one, up to and past a damaged stretch;
    returns them and where to go on from (None: nothing readable after them)."""
    after = f"SELECT rowid, {names} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?"
    rows = _one_by_one(db, after, last)
    if rows:
        return [row[1:] for row in rows], rows[-1][0]
    beyond, rows = _past_damage(db, table, names, last)
    return [row[1:] for row in rows], beyond


def _one_by_one(src: sqlite3.Connection, after: str, last: int) -> list[tuple[Any, ...]]:
    """The rows after `last` up to the first one that cannot be read."""
    rows: list[tuple[Any, ...]] = []
    while len(rows) < BATCH:
        try:
            row = src.execute(after, (last, 1)).fetchone()
        except sqlite3.DatabaseError:
            break
        if row is None:
            break
        rows.append(row)
        last = row[0]
    return rows


def _past_damage(
    src: sqlite3.Connection, table: str, names: str, last: int
) -> tuple[int | None, list[tuple[Any, ...]]]:
    """Jump ever further past `last` until the B-tree can be read again; the rowids jumped over
    are then tried one by one (they may sit on sound pages beside the damaged one). Returns where
    to go on from (None: nothing readable after `last`) and the rows found on the way."""
    probe = f"SELECT rowid FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 1"
    start = max(last, 0)
    step = 1
    while True:
        if step >= 2**62:
            return None, []
        try:
            src.execute(probe, (start + step,)).fetchone()
            break
        except sqlite3.DatabaseError:
            step *= 2
    exact = f"SELECT rowid, {names} FROM {table} WHERE rowid = ?"
    rows: list[tuple[Any, ...]] = []
    for rowid in range(start + 1, min(start + step, start + POINT_READS_MAX) + 1):
        try:
            rows += src.execute(exact, (rowid,)).fetchall()
        except sqlite3.DatabaseError:
            continue
    return start + step, rows


def _top_id(src: sqlite3.Connection) -> int:
    """The highest id the damaged file still names (AUTOINCREMENT's record or the newest row)."""
    top = 0
    for query in (
        "SELECT seq FROM damaged.sqlite_sequence WHERE name='notification'",
        "SELECT max(rowid) FROM damaged.notification",
    ):
        try:
            row = src.execute(query).fetchone()
            top = max(top, int(row[0] or 0) if row else 0)
        except sqlite3.Error:
            continue
    return top


def keep_ids_above(db: sqlite3.Connection, floor: int) -> None:
    """AUTOINCREMENT gives ids above sqlite_sequence's record: raise it to `floor`."""
    if floor <= 0:
        return
    db.execute("BEGIN IMMEDIATE")
    updated = db.execute(
        "UPDATE sqlite_sequence SET seq=max(seq, ?) WHERE name='notification'", (floor,)
    ).rowcount
    if not updated:
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('notification', ?)", (floor,))
    db.execute("COMMIT")
