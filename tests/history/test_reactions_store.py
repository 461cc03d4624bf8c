"""Reactions in the history file (issue 20): written beside the rows they are about, read back with
what a model needs of each notification, as private as the history, gone with their rows."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from notifyzen.core.model import Decision, Notification, ShownBy, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.history import reactions as store_reactions
from notifyzen.history import schema, store
from tests.history.old_history import write_old_history

AT = datetime(2026, 11, 16, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def arrive(s: store.Store, summary: str, verdict: Verdict, at: datetime = AT, **kw: object) -> int:
    n = Notification(app_name="Signal", summary=summary, body="see you at 5", at=at, **kw)  # type: ignore[arg-type]
    row_id, _ = s.reserve_for(0, ())
    rule = "focus" if verdict is Verdict.HOLD else "default"
    s.add(row_id, n, Decision(verdict, rule, ""), origin="server")
    return row_id


def kinds(s: store.Store, since: datetime | None = None) -> list[tuple[int, str, str | None]]:
    return [(r.notification_id, r.kind.value, r.shown_by) for _, r in s.reactions(since)]


def test_a_pop_up_at_arrival_and_a_check_in_are_each_a_shown_reaction(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    popped = arrive(s, "Anke", Verdict.DELIVER, sender="Anke")
    held = arrive(s, "Build passed", Verdict.HOLD)
    muted = arrive(s, "Spam", Verdict.MUTE)
    assert kinds(s) == [(popped, "shown", ShownBy.ARRIVAL)], "nothing held or muted was shown"
    s.shown(held, AT + timedelta(hours=1), "checkin")
    s.shown(held, AT + timedelta(hours=3), "checkin")  # snoozed, and shown at the next one again
    assert kinds(s) == [(popped, "shown", "arrival"), (held, "shown", "checkin"), (held, "shown", "checkin")]
    assert muted not in {r.notification_id for _, r in s.reactions()}
    s.close()


def test_time_since_shown_is_filled_in_and_the_row_comes_with_what_a_model_needs(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    row = arrive(s, "Anke", Verdict.DELIVER, sender="Anke", category="im.received")
    s.react(Reaction(row, ReactionKind.OPENED, AT + timedelta(minutes=2)))
    s.react(Reaction(row, ReactionKind.ACTED, AT + timedelta(minutes=3), action="mark-read"))
    s.react(Reaction(row, ReactionKind.COULD_HAVE_WAITED, AT + timedelta(days=1)))
    got = list(s.reactions())
    assert [r.kind for _, r in got] == [
        ReactionKind.SHOWN,
        ReactionKind.OPENED,
        ReactionKind.ACTED,
        ReactionKind.COULD_HAVE_WAITED,
    ]
    assert [r.after_shown for _, r in got] == [
        None,
        timedelta(minutes=2),
        timedelta(minutes=3),
        timedelta(days=1),
    ]
    assert got[2][1].action == "mark-read"
    reacted = got[1][0]
    assert (reacted.row_id, reacted.app, reacted.person, reacted.group) == (row, "Signal", "Anke", None)
    assert reacted.text == "Anke\nsee you at 5"
    assert (reacted.verdict, reacted.rule, reacted.arrived_at) == (Verdict.DELIVER, "default", AT)
    assert got[1][1].at == AT + timedelta(minutes=2) and got[1][1].at.utcoffset() == timedelta(hours=1)
    s.close()


def test_reading_the_last_days_only_reads_those(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    old = arrive(s, "old", Verdict.DELIVER, at=AT - timedelta(days=20))
    new = arrive(s, "new", Verdict.DELIVER)
    assert [r.notification_id for _, r in s.reactions(AT - timedelta(days=7))] == [new]
    assert {r.notification_id for _, r in s.reactions()} == {old, new}
    plan = " ".join(
        str(row[-1])
        for row in s.db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM reaction r JOIN notification n ON n.id = r.notification_id "
            "WHERE r.at >= ?",
            (0,),
        )
    )
    assert "ix_reaction_at" in plan, plan
    s.close()


def test_a_group_message_is_said_to_be_one(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    arrive(s, "#team-backend", Verdict.DELIVER, sender="#team-backend")
    ((reacted, _),) = list(s.reactions())
    assert reacted.group == "#team-backend"
    s.close()


def test_reactions_are_as_private_as_the_history_and_go_with_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    s = store.Store(path)
    now = datetime(2026, 12, 7, 12, tzinfo=UTC)
    old = arrive(s, "old", Verdict.DELIVER, at=now - timedelta(days=400))
    s.react(Reaction(old, ReactionKind.DISMISSED, now - timedelta(days=400)))
    s.closed(old, now - timedelta(days=400), 2, state="dismissed")
    held = arrive(s, "old but held", Verdict.HOLD, at=now - timedelta(days=400))
    s.react(Reaction(held, ReactionKind.SHOULD_HAVE_COME, now - timedelta(days=1)))
    recent = arrive(s, "recent", Verdict.DELIVER, at=now - timedelta(days=2))
    s.react(Reaction(recent, ReactionKind.EXPIRED, now - timedelta(days=2)))
    for name in ("h.db", "h.db-wal", "h.db-shm"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o600
    assert s.purge_rows(now - timedelta(days=365)) == 1
    left = {(r.notification_id, r.kind.value) for _, r in s.reactions()}
    assert left == {(held, "should_have_come"), (recent, "shown"), (recent, "expired")}
    (count,) = s.db.execute("SELECT count(*) FROM reaction WHERE notification_id=?", (old,)).fetchone()
    assert count == 0, "the deleted row's reactions are gone from the file, not only unreadable"
    s.close()


def test_an_older_history_gains_the_reaction_table_in_place(tmp_path: Path) -> None:
    path = tmp_path / "notifyzen.db"
    write_old_history(path, [{"at": AT.timestamp(), "app_name": "Mail", "summary": "kept"}])
    s = store.Store(path)
    s.react(Reaction(1, ReactionKind.SHOULD_HAVE_COME, AT + timedelta(hours=2)))
    ((reacted, reaction),) = list(s.reactions())
    assert (reacted.item.notification.summary, reaction.kind) == ("kept", ReactionKind.SHOULD_HAVE_COME)
    s.close()
    db = sqlite3.connect(path, isolation_level=None)
    indexes = {row[1] for row in db.execute("PRAGMA index_list(reaction)")}
    assert {"ix_reaction_at", "ix_reaction_notification_id"} <= indexes
    assert schema.upgrade(db) is False
    db.close()


def test_a_reader_sees_the_reactions_while_the_app_writes(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    s = store.Store(path)
    row = arrive(s, "Anke", Verdict.DELIVER)
    s.react(Reaction(row, ReactionKind.REPLIED, AT + timedelta(seconds=40)))
    s.checkpoint()  # the quiet moment after a burst: the arrivals' "shown" go in
    engine = store.reader(path)
    try:
        read = [(r.kind, r.after_shown) for _, r in store.read_reactions(engine)]
        by_row = store_reactions.of_rows_read(engine, [row, 999])
    finally:
        engine.dispose()
    assert read == [(ReactionKind.SHOWN, None), (ReactionKind.REPLIED, timedelta(seconds=40))]
    assert [r.kind for r in by_row[row]] == [ReactionKind.SHOWN, ReactionKind.REPLIED] and 999 not in by_row
    s.close()


def test_a_reaction_to_a_public_id_finds_the_newest_version(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    first = arrive(s, "v1", Verdict.DELIVER)
    row_id, version_of = s.reserve_for(first, {first})
    n = Notification(app_name="Signal", summary="v2", at=AT)
    s.add(row_id, n, Decision(Verdict.DELIVER, "default", ""), origin="server", replaces_id=version_of)
    assert store_reactions.row_of(s, first) == row_id != first
    assert store_reactions.row_of(s, 12345) is None
    s.close()


def test_a_history_that_refuses_the_write_never_fails_the_action(tmp_path: Path) -> None:
    s = store.Store(tmp_path / "h.db")
    row = arrive(s, "Anke", Verdict.DELIVER)
    s.db.execute("DROP TABLE reaction")
    assert store_reactions.write(s, Reaction(row, ReactionKind.OPENED, AT)) is False
    s.react(Reaction(row, ReactionKind.OPENED, AT))  # logged, not raised
    s.close()


def test_shown_at_arrival_waits_for_the_quiet_moment_and_survives_a_kill(tmp_path: Path) -> None:
    """Not written inside the Notify round trip: kept until the burst is over. A notifyzen
    killed before that writes it at its next start, from the row (which says it popped up)."""
    path = tmp_path / "h.db"
    s = store.Store(path)
    first = arrive(s, "one", Verdict.DELIVER)
    (count,) = s.db.execute("SELECT count(*) FROM reaction").fetchone()
    assert count == 0, "nothing extra in the arrival's own commit"
    s.checkpoint()
    (count,) = s.db.execute("SELECT count(*) FROM reaction").fetchone()
    assert count == 1
    second = arrive(s, "two", Verdict.DELIVER, at=AT + timedelta(seconds=1))
    s.db.close()  # killed: what was kept in memory is gone with the process
    again = store.Store(path)
    assert kinds(again) == [(first, "shown", ShownBy.ARRIVAL), (second, "shown", ShownBy.ARRIVAL)]
    again.close()
    again = store.Store(path)
    assert len(kinds(again)) == 2, "recovered once, not at every start"
    again.close()


def test_shown_waits_while_another_program_locks_the_history(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    s = store.Store(path)
    s.db.execute("PRAGMA busy_timeout=50")
    row = arrive(s, "one", Verdict.DELIVER)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # e.g. a sqlite3 shell with a write open
    s.checkpoint()  # the quiet moment: refused, kept
    other.execute("ROLLBACK")
    other.close()
    assert kinds(s) == [(row, "shown", ShownBy.ARRIVAL)], "written at the next chance"
    s.close()
