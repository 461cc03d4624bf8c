"""Screen sharing and calls in the history, and `rules simulate --week` replaying them (issue 19).

What the user notices: a week replayed from the history holds what was held while they shared
their screen (the app did), and a what-if without `context:` shows what sharing cost; a row a
killed notifyzen left open ends where that run was last alive; the JSONL form reads back.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.cli import main
from notifyzen.core.model import Notification
from notifyzen.core.situation import Kind, Presence, Situation
from notifyzen.core.stream import DeskChange, parse_lines, to_jsonl_line
from notifyzen.history import situations as store_situations
from notifyzen.history.store import Store
from notifyzen.history.week import read_week

BERLIN = ZoneInfo("Europe/Berlin")


def at(local: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=BERLIN)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "NOTIFYZEN_DB": str(tmp_path / "history.db"),
        "TZ": "Europe/Berlin",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return {**os.environ, **env}


def history(path: Path) -> None:
    """Monday 16 Nov 2026 13:00-13:30 (outside deep work) the screen was shared with Zoom; a
    mail came at 13:10 and at 13:40."""
    store = Store(path)
    try:
        store.run_started(at("2026-11-16 12:55"))
        for when, subject in (("13:10", "Invoice 118"), ("13:40", "Invoice 119")):
            n = Notification(app_name="Thunderbird", summary=subject, at=at(f"2026-11-16 {when}"))
            store.insert(n, origin="server")
        row = store_situations.started(store, "screen_share", "Zoom", at("2026-11-16 13:00"))
        assert row is not None
        store_situations.ended(store, row, at("2026-11-16 13:30"))
        store.alive(at("2026-11-16 14:00"))
        store_situations.started(store, "call", "Teams", at("2026-11-16 15:00"))  # left open: killed
        priya = Notification(
            app_name="Signal", summary="Priya", body="quick question", at=at("2026-11-16 15:10")
        )
        store.insert(priya, origin="server")
        store.alive(at("2026-11-16 15:20"))  # its last heartbeat
    finally:
        store.close()


def test_the_week_read_back_has_the_sharing_and_the_call(home: dict[str, str]) -> None:
    path = Path(home["NOTIFYZEN_DB"])
    history(path)
    entries = read_week(path, at("2026-11-16 00:00"), at("2026-11-23 00:00"), timedelta(minutes=10))
    changes = [e.event for e in entries if isinstance(e.event, DeskChange)]
    seen = [
        (c.at.astimezone(BERLIN).strftime("%H:%M"), [p.kind for p in c.situation.presences]) for c in changes
    ]
    assert seen == [
        ("13:00", [Kind.SCREEN_SHARE]),
        ("13:30", []),
        ("15:00", [Kind.CALL]),  # still open: goes on to the end of the span
    ]
    # the JSONL form reads back as it was written
    lines = [to_jsonl_line(c) for c in changes]
    assert [e.event for e in parse_lines(lines, "desk.jsonl")] == changes


def test_a_row_a_killed_notifyzen_left_open_ends_where_it_was_last_alive(home: dict[str, str]) -> None:
    path = Path(home["NOTIFYZEN_DB"])
    history(path)
    store = Store(path)
    try:
        store_situations.end_left_open(store, at("2026-11-17 09:00"))
        ended = store.db.execute("SELECT kind, ended_at FROM situation ORDER BY id").fetchall()
    finally:
        store.close()
    assert ended == [
        ("screen_share", at("2026-11-16 13:30").timestamp()),
        ("call", at("2026-11-16 15:20").timestamp()),  # where that run was last alive
    ]


def test_a_replayed_week_holds_what_sharing_held_and_a_what_if_without_it_does_not(
    home: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history(Path(home["NOTIFYZEN_DB"]))
    assert main(["rules", "simulate", "--week", "2026-W47", "--json"]) == 0
    first, second, in_call = json.loads(capsys.readouterr().out)["notifications"]
    assert (first["decision"], first["window"]) == ("hold", "screen sharing")
    # in the call (no calendars): the meeting preset's rule and hour, as the app has them
    assert (in_call["decision"], in_call["window"], in_call["rule"]) == ("hold", "meeting", "people")
    assert in_call["shown_at"] == "2026-11-16T16:10:00+01:00"
    assert (first["shown_by"], first["shown_at"]) == ("breakpoint", "2026-11-16T13:30:00+01:00")
    assert second["decision"] == "deliver"
    off = tmp_path / "no-context.yaml"
    off.write_text("context: {screen_share: 'off', calls: 'off'}\n")
    assert main(["rules", "simulate", "--week", "2026-W47", "--json", "--config", str(off)]) == 0
    first, _, _ = json.loads(capsys.readouterr().out)["notifications"]
    assert first["decision"] == "deliver"


def test_bad_desk_lines_are_clear_errors() -> None:
    from notifyzen.core.stream import StreamError

    with pytest.raises(StreamError, match="kind"):
        parse_lines(
            ['{"at": "2026-11-16T13:00:00+01:00", "event": "desk", "going_on": [{"kind": "karaoke"}]}'],
            "desk.jsonl",
        )
    ok = DeskChange.of(
        at("2026-11-16 13:00"), Situation((Presence(Kind.CALL, at("2026-11-16 13:00"), "Zoom"),))
    )
    assert parse_lines([to_jsonl_line(ok)], "desk.jsonl")[0].event == ok


def test_a_damaged_history_keeps_its_situations_when_salvaged(tmp_path: Path) -> None:
    """A history moved aside as damaged is copied into a fresh one (issue 22): the times the
    screen was shared or a call held notifications come along, or the report and `rules
    simulate` would replay that week as if the desk had been free."""
    from notifyzen.history import repair

    damaged = tmp_path / "damaged.db"
    history(damaged)
    fresh = Store(tmp_path / "fresh.db")
    try:
        assert repair.salvage(damaged, fresh.db) == 3
        kept = fresh.db.execute("SELECT kind, app, ended_at IS NULL FROM situation ORDER BY id").fetchall()
    finally:
        fresh.close()
    assert kept == [("screen_share", "Zoom", 0), ("call", "Teams", 1)]
