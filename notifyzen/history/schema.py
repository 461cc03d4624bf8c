"""The history's tables (SQLModel). One row per notification taken in, one per check-in, one
per run of notifyzen, one per reaction of the user's (issue 20), one per phone notification that
was the same message as a desktop one (issue 16).

Times are stored twice on purpose: `at` as UTC epoch seconds (a float, indexed, cheap to range
over for a year of history) and `tz_offset` in minutes, so a report can put a notification in the
hour the user lived it. The row keeps the decision and the rule that made it (issue 3), and the
lifecycle after it (shown, closed, opened, replied) that the report aggregates.

A history file outlives the notifyzen that made it, so a column added later is added to an older
file in place (`upgrade`), never by recreating the table: the user's history is kept.
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import Field, SQLModel


class NotificationRow(SQLModel, table=True):
    __tablename__ = "notification"
    # AUTOINCREMENT: a row id is never reused, even after the newest rows are deleted, so the
    # id a sender got back from Notify stays unique across restarts (issue 2).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    at: float = Field(index=True)  # arrival, UTC epoch seconds
    tz_offset: int = 0  # minutes east of UTC at arrival
    source: str = "desktop"  # desktop | phone
    origin: str = "server"  # server | observe | kdeconnect | replay
    app_name: str = Field(default="", index=True)
    desktop_entry: str | None = None
    summary: str = ""
    body: str = ""
    sender: str | None = Field(default=None, index=True)
    device: str | None = None
    urgency: int = 1
    category: str | None = None
    app_icon: str = ""
    actions_json: str = "[]"  # [[key, label], ...]
    hints_json: str = "{}"  # plain JSON; bytes as {"$bytes": base64}, image-data as metadata
    expire_timeout: int = -1
    replaces_id: int = 0
    client: str | None = None  # unique bus name of the sender, for signals back to it
    external_id: str | None = Field(default=None, index=True)  # daemon id / phone key
    # the decision
    verdict: str = "deliver"  # deliver | hold | mute
    rule: str = "default"
    reason: str = ""
    release_at: float | None = None
    window: str | None = None
    # what happened next
    state: str = Field(default="new", index=True)  # new|shown|held|muted|closed|dismissed|acted
    shown_at: float | None = None
    shown_by: str | None = None  # arrival | checkin | max_wait | breakpoint
    closed_at: float | None = None
    close_reason: int | None = None  # the spec's NotificationClosed reason
    opened: bool = False  # the user acted on it (default action / an action button)
    # what the user typed (inline reply in a pop-up or the digest)
    reply_text: str | None = None
    reply_at: float | None = None
    # what notifyzen answered for the user ("I'm focusing until 12:30", issue 11): a promise the
    # weekly report checks, kept apart so a reply typed later does not erase it
    status_reply_text: str | None = None
    status_reply_at: float | None = None


class CheckInRow(SQLModel, table=True):
    __tablename__ = "checkin"

    id: int | None = Field(default=None, primary_key=True)
    at: float = Field(index=True)
    tz_offset: int = 0
    reason: str = "scheduled"  # scheduled | breakpoint | manual | missed
    planned_at: float | None = None  # the scheduled time it served, if any
    released: int = 0  # how many held notifications it showed
    opened: bool = False  # the user opened the digest


class RunRow(SQLModel, table=True):
    """One run of notifyzen, from start to stop: the weekly report says when it was not running,
    so a week it was off for two days does not pass for a quiet one."""

    __tablename__ = "run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: float = Field(index=True)
    # moved forward with the service's heartbeat (about once a minute): where a killed or crashed
    # run ended, as far as anyone can tell
    last_alive_at: float
    ended_at: float | None = None  # a clean stop; NULL while running or when it never stopped cleanly


class ReactionRow(SQLModel, table=True):
    """What the user did with a notification once it was in front of them (core/reaction.py):
    the learned model's only training signal and the evidence a proposal cites, so each is a fact
    with its time. A row of its own per reaction, not columns on the notification: one can be
    shown, opened later, and judged ("could have waited") days after, and a snoozed one is shown
    twice. Indexed by time (the model reads "the last N days") and by notification (the history
    window shows a row's reactions)."""

    __tablename__ = "reaction"

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(index=True)  # the history row (notification.id)
    kind: str  # ReactionKind's value
    at: float = Field(index=True)  # UTC epoch seconds
    tz_offset: int = 0  # minutes east of UTC, as the notification's
    shown_by: str | None = None  # SHOWN: arrival | checkin | max_wait | breakpoint | ...
    after_shown: float | None = None  # seconds from being shown to this reaction, when known
    action: str | None = None  # ACTED: the action key the user chose


class SituationRow(SQLModel, table=True):
    """A stretch of time the desk held notifications (issue 19): the screen shared, a window full
    screen, displays mirrored, a call. `rules simulate --week` replays a past week with them, as
    it was lived; nothing else of it is kept (no window titles, no call partners)."""

    __tablename__ = "situation"

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # core.situation.Kind's value
    app: str = ""  # the sharing or calling app, as the tray named it
    started_at: float = Field(index=True)
    ended_at: float | None = None  # NULL while it goes on (or when notifyzen stopped meanwhile)


class PhoneCopyRow(SQLModel, table=True):
    """A phone notification that was the same message as another notification, so both are one
    item (issue 16): Signal on the phone and Signal Desktop say the same, notifyzen shows it once.
    When the desktop's copy came first the phone's has no row of its own, and when the phone's
    came first the desktop app may close the item; either way, after a restart of notifyzen the
    phone's resend (by its key) must still find that item, and only the phone removing its copy
    ends it for the phone. No message text: the words are the item's row's."""

    __tablename__ = "phone_copy"

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(index=True)  # the item (the id its sender knows)
    external_id: str = Field(index=True)  # the phone's key, "device/internal id"
    at: float  # when the two were found to be one, UTC epoch seconds
    removed_at: float | None = None  # the phone removed its copy (then the key is free again)


# Columns newer than the first release, in the order they came: (name, SQL type). Each is
# nullable, so ALTER TABLE ADD COLUMN gives the existing rows NULL, which means "never happened".
ADDED_COLUMNS = (("status_reply_text", "VARCHAR"), ("status_reply_at", "FLOAT"))

# Before status_reply_* existed, a status reply was stored in reply_text/reply_at. Store.replied
# (typed) always set opened=1 and Store.status_replied never did, so an unopened row's reply was
# notifyzen's. An opened one is ambiguous (the user may have clicked the message after notifyzen
# answered), so there the timing decides, as the weekly report used to: a status reply only goes
# out for a held message before it is shown, a typed one only after. A status reply that a typed
# one overwrote is lost; nothing in the row remembers it.
_MOVE_STATUS_REPLIES = (
    "UPDATE notification SET status_reply_text=reply_text, status_reply_at=reply_at, "
    "reply_text=NULL, reply_at=NULL "
    "WHERE reply_at IS NOT NULL "
    "AND (opened=0 OR (verdict='hold' AND (shown_at IS NULL OR reply_at < shown_at)))"
)


# Tables newer than the first release, created in place (the readers open the file read-only and
# never run create_all): the DDL is SQLModel's own, so an upgraded file has what a new one has.
ADDED_TABLES: tuple[type[SQLModel], ...] = (RunRow, ReactionRow, SituationRow, PhoneCopyRow)


def _create_statements(table: type[SQLModel]) -> list[str]:
    sql_table = table.__table__  # type: ignore[attr-defined]
    dialect = sqlite.dialect()
    statements = [str(CreateTable(sql_table, if_not_exists=True).compile(dialect=dialect))]
    statements += [
        str(CreateIndex(i, if_not_exists=True).compile(dialect=dialect)) for i in sql_table.indexes
    ]
    return statements


def upgrade(db: sqlite3.Connection) -> bool:
    """Add the columns and tables an older notifyzen's history lacks, in one transaction; True if
    it did.

    `db` must be in autocommit mode (isolation_level=None). Safe to run on every open: it only
    writes when something is missing, and it looks again after taking the write lock, so the app
    and `notifyzen history` starting together add them once.
    """
    if not _missing(db) and not _missing_tables(db):
        return False
    # Moving a reply rewrites its row; the old copy of the row's text must not stay behind in the
    # file's free space, where retention (Store.purge_bodies) could no longer reach it.
    db.execute("PRAGMA secure_delete=ON")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            missing = _missing(db)  # again: another process may have added them meanwhile
            tables = _missing_tables(db)
            for table in tables:
                for statement in _create_statements(table):
                    db.execute(statement)
            for name, kind in missing:
                db.execute(f"ALTER TABLE notification ADD COLUMN {name} {kind}")
            if ("status_reply_at", "FLOAT") in missing:
                db.execute(_MOVE_STATUS_REPLIES)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        db.execute("PRAGMA secure_delete=OFF")
    return bool(missing or tables)


TABLES: tuple[type[SQLModel], ...] = (
    NotificationRow,
    CheckInRow,
    RunRow,
    ReactionRow,
    SituationRow,
    PhoneCopyRow,
)


def stamp() -> int:
    """A number for these tables as this version defines them (a CRC of their DDL), kept in the
    file's user_version: notifyzen.history.store opens a file with the same stamp without SQLModel."""
    ddl = "\n".join(sorted(statement for table in TABLES for statement in _create_statements(table)))
    return zlib.crc32(ddl.encode()) & 0x7FFFFFFF or 1


def create_file(path: Path) -> None:
    """Tables and indexes of a new file, or the ones an older file lacks; then the stamp."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        SQLModel.metadata.create_all(engine)
    finally:
        engine.dispose()
    db = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        upgrade(db)
        db.execute(f"PRAGMA user_version={stamp()}")
    finally:
        db.close()


def create_tables(db: sqlite3.Connection) -> None:
    """These tables in an open connection (the Store's stand-in in memory while the file cannot
    be opened: the same statements as a new file gets)."""
    for table in TABLES:
        for statement in _create_statements(table):
            db.execute(statement)


def upgrade_file(path: Path) -> None:
    """`upgrade` for the readers (history, report, simulate), which open the file read-only: the
    app upgrades the file when it starts, but a notifyzen upgraded while an older one still runs
    would read columns the file does not have yet."""
    db = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        upgrade(db)
    finally:
        db.close()


def _missing(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """The added columns the file lacks; none when it has no notification table yet (create_all's)."""
    have = {row[1] for row in db.execute("PRAGMA table_info(notification)")}
    return [(name, kind) for name, kind in ADDED_COLUMNS if name not in have] if have else []


def _missing_tables(db: sqlite3.Connection) -> list[type[SQLModel]]:
    """The added tables the file lacks; none when it has no notification table yet (create_all's)."""
    have = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "notification" not in have:
        return []
    return [t for t in ADDED_TABLES if t.__tablename__ not in have]
