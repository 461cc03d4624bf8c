"""A history file as notifyzen wrote it before status replies had their own columns.

Written with raw sqlite3 from the tables as they were then (copied, never derived from schema.py,
which has moved on): the file a user upgrading from that version has in their XDG data dir.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

BEFORE_STATUS_REPLY_COLUMNS = """
CREATE TABLE notification (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at FLOAT NOT NULL,
    tz_offset INTEGER NOT NULL,
    source VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    app_name VARCHAR NOT NULL,
    desktop_entry VARCHAR,
    summary VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    sender VARCHAR,
    device VARCHAR,
    urgency INTEGER NOT NULL,
    category VARCHAR,
    app_icon VARCHAR NOT NULL,
    actions_json VARCHAR NOT NULL,
    hints_json VARCHAR NOT NULL,
    expire_timeout INTEGER NOT NULL,
    replaces_id INTEGER NOT NULL,
    client VARCHAR,
    external_id VARCHAR,
    verdict VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    release_at FLOAT,
    window VARCHAR,
    state VARCHAR NOT NULL,
    shown_at FLOAT,
    shown_by VARCHAR,
    closed_at FLOAT,
    close_reason INTEGER,
    opened BOOLEAN NOT NULL,
    reply_text VARCHAR,
    reply_at FLOAT
);
CREATE INDEX ix_notification_at ON notification (at);
CREATE INDEX ix_notification_state ON notification (state);
CREATE INDEX ix_notification_app_name ON notification (app_name);
CREATE INDEX ix_notification_sender ON notification (sender);
CREATE INDEX ix_notification_external_id ON notification (external_id);
CREATE TABLE checkin (
    id INTEGER NOT NULL,
    at FLOAT NOT NULL,
    tz_offset INTEGER NOT NULL,
    reason VARCHAR NOT NULL,
    planned_at FLOAT,
    released INTEGER NOT NULL,
    opened BOOLEAN NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_checkin_at ON checkin (at);
"""

DEFAULTS: Mapping[str, Any] = {
    "tz_offset": 60,
    "source": "desktop",
    "origin": "server",
    "app_name": "Chat",
    "summary": "",
    "body": "",
    "urgency": 1,
    "app_icon": "",
    "actions_json": "[]",
    "hints_json": "{}",
    "expire_timeout": -1,
    "replaces_id": 0,
    "verdict": "deliver",
    "rule": "default",
    "reason": "",
    "state": "shown",
    "opened": 0,
}


def write_old_history(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """The old tables (0600, WAL as the store made them) holding `rows` (columns of that time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(BEFORE_STATUS_REPLY_COLUMNS)
        for row in rows:
            values = {**DEFAULTS, **row}
            names = ", ".join(values)
            db.execute(
                f"INSERT INTO notification ({names}) VALUES ({', '.join('?' * len(values))})",
                [*values.values()],
            )
        db.commit()
    finally:
        db.close()


def columns(path: Path) -> list[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[1] for row in db.execute("PRAGMA table_info(notification)")]
    finally:
        db.close()
