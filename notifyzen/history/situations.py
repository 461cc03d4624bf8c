"""When the desk held notifications (issue 19), in the history: the `situation` table.

The context adapter (notifyzen/context/live.py) writes a row when the screen starts being shared,
a call starts, ... and ends it when that stops; `rules simulate --week` reads them back
(notifyzen/history/week.py) so a replayed week holds what was held then. Like the run log, a row
left open by a notifyzen that was killed is ended at the next start, where that run was last
seen alive. Retention deletes the rows with the runs (Store.purge_rows). A failed write is
logged and forgotten: recording must never stop the service.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

log = logging.getLogger(__name__)


class _Writer(Protocol):
    def _x(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor: ...


def started(store: _Writer, kind: str, app: str, at: datetime) -> int | None:
    try:
        cursor = store._x(
            "INSERT INTO situation (kind, app, started_at) VALUES (?, ?, ?)", (kind, app, at.timestamp())
        )
        return cursor.lastrowid
    except sqlite3.Error:
        log.warning("could not record that %s started", kind, exc_info=True)
        return None


def ended(store: _Writer, row: int, at: datetime) -> None:
    try:
        store._x("UPDATE situation SET ended_at=? WHERE id=? AND ended_at IS NULL", (at.timestamp(), row))
    except sqlite3.Error:
        log.warning("could not record the end of situation %d", row, exc_info=True)


def end_left_open(store: _Writer, now: datetime) -> None:
    """Rows a killed or crashed notifyzen left open end where the run they started in was last
    seen alive (its heartbeat, about once a minute)."""
    try:
        store._x(
            "UPDATE situation SET ended_at = max(started_at, coalesce((SELECT r.last_alive_at FROM run r "
            "WHERE r.started_at <= situation.started_at ORDER BY r.started_at DESC LIMIT 1), started_at)) "
            "WHERE ended_at IS NULL AND started_at < ?",
            (now.timestamp(),),
        )
    except sqlite3.Error:
        log.warning("could not end the situations a stopped notifyzen left open", exc_info=True)
