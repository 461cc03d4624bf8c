"""What notifyzen wrote: the demo reads every line it prints back from the app's history file, so
the commentary shows what notifyzen decided, not what the demo expected. Returns rows and numbers;
the narration words them."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


class History:
    """The demo's window on the history file: new rows and check-ins since it last looked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        self.db.row_factory = sqlite3.Row
        self.last_row = 0
        self.last_checkin = 0
        self.announced: set[int] = set()

    def close(self) -> None:
        self.db.close()

    def new_rows(self) -> list[sqlite3.Row]:
        rows = self.db.execute(
            "SELECT * FROM notification WHERE id > ? ORDER BY id", (self.last_row,)
        ).fetchall()
        if rows:
            self.last_row = rows[-1]["id"]
        return rows

    def new_checkins(self) -> list[sqlite3.Row]:
        rows = self.db.execute(
            "SELECT * FROM checkin WHERE id > ? ORDER BY id", (self.last_checkin,)
        ).fetchall()
        if rows:
            self.last_checkin = rows[-1]["id"]
        return rows

    def early_releases(self) -> list[sqlite3.Row]:
        """Held rows shown before a check-in (max wait, hold-until, a person breaking through)."""
        rows = self.db.execute(
            "SELECT * FROM notification WHERE verdict = 'hold' AND shown_by IS NOT NULL "
            "AND shown_by NOT IN ('checkin', 'breakpoint', 'arrival') ORDER BY shown_at, id"
        ).fetchall()
        fresh = [r for r in rows if r["id"] not in self.announced]
        self.announced.update(r["id"] for r in fresh)
        return fresh


def held_items(db: Path) -> list[Any]:
    """Every notification notifyzen held back today, as Items, straight from the history."""
    from notifyzen.history import store

    engine = store.reader(db)
    try:
        return [store.row_item(r) for r in store.query(engine, limit=None) if r.verdict == "hold"]
    finally:
        engine.dispose()


def day_totals(db: Path) -> tuple[int, int, int, list[tuple[float, int]]]:
    """How many came in, were held, broke through a focus window; and each check-in (when, how many)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        total, held, through = con.execute(
            "SELECT count(*), sum(verdict = 'hold'), sum(verdict = 'deliver' AND window IS NOT NULL) "
            "FROM notification"
        ).fetchone()
        checkins = con.execute("SELECT at, released FROM checkin ORDER BY at").fetchall()
    finally:
        con.close()
    return total, held or 0, through or 0, [(at, n) for at, n in checkins]


def telling_row(db: Path) -> tuple[int, str, str] | None:
    """The most telling row to --explain: the one that broke through, else one that was held."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT id, app_name, verdict FROM notification WHERE verdict = 'deliver' AND window IS NOT NULL "
            "UNION ALL SELECT id, app_name, verdict FROM notification WHERE verdict = 'hold' LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    return None if row is None else (row[0], row[1], row[2])
