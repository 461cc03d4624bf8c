"""Row retention (issue 22, item 6): `retention: {rows_days: 365}` keeps a history bounded.

Retention used to blank bodies only, so a history grew by every notification for ever. With
rows_days, ended notifications older than that go (with their check-ins and runs); what is still
held stays whatever its age, and the ids of deleted rows are never given out again.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.history.store import Store
from tests.harness.notifyzen_proc import SATURDAY_NOON, client, db_path, notify, run, start, stop


def history_with_old_rows(db: Path, now: datetime) -> dict[str, int]:
    """Three notifications 400 days old (two ended, one still held), two from last week."""
    store = Store(db)
    ids: dict[str, int] = {}
    for name, days, verdict in (
        ("old shown", 400, Verdict.DELIVER),
        ("old muted", 400, Verdict.MUTE),
        ("old held", 400, Verdict.HOLD),
        ("recent shown", 7, Verdict.DELIVER),
        ("recent muted", 7, Verdict.MUTE),
    ):
        n = Notification(app_name="Chat", summary=name, body="words", at=now - timedelta(days=days))
        row_id, _ = store.reserve_for(0, ())
        store.add(row_id, n, Decision(verdict, "default", ""), origin="server")
        ids[name] = row_id
        if verdict is Verdict.DELIVER:
            store.closed(row_id, n.at + timedelta(minutes=1), 2, state="dismissed")
    store.close()
    return ids


@pytest.mark.slow
def test_rows_older_than_rows_days_go_what_is_held_stays_ids_go_on(
    session_env: dict[str, str], bus_address: str
) -> None:
    config = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen"
    config.mkdir(parents=True)
    (config / "config.yaml").write_text("retention:\n  rows_days: 365\n")
    db = db_path(session_env)
    db.parent.mkdir(parents=True)
    ids = history_with_old_rows(db, datetime.fromisoformat(SATURDAY_NOON))
    proc = start(session_env, "--mode", "server")
    try:

        async def one() -> int:
            async with client(bus_address) as bus:
                return await notify(bus, "new")

        new_id = run(one())
    finally:
        stop(proc)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        kept = [r[0] for r in conn.execute("SELECT summary FROM notification ORDER BY id")]
    finally:
        conn.close()
    assert kept == ["old held", "recent shown", "recent muted", "new"]
    assert new_id > max(ids.values()), "an id of a deleted row was given out again"
