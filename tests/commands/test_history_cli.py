"""`notifyzen history` filters, run as the user runs them, on a real history file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.history.store import Store

APPS = ["Slack", "S_ack", "100%", "Spam"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A history with one notification per app, oldest first, in a throwaway XDG data dir."""
    data = tmp_path / "data"
    (data / "notifyzen").mkdir(parents=True)
    store = Store(data / "notifyzen" / "notifyzen.db")
    now = datetime.now().astimezone()
    for i, app in enumerate(APPS):
        n = Notification(app_name=app, summary=f"from {app}", body="", at=now - timedelta(minutes=10 - i))
        store.add(store.reserve_id(), n, Decision(Verdict.DELIVER, "default", ""), origin="server")
    store.close()
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "TZ": "UTC"}


def history(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )


def apps_listed(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [line.split("from ", 1)[1] for line in done.stdout.splitlines() if "from " in line]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("S_ack", ["S_ack"]),
        ("100%", ["100%"]),
        ("s*", ["Spam", "S_ack", "Slack"]),
        ("*ack", ["S_ack", "Slack"]),
    ],
)
def test_app_only_star_is_a_wildcard(env: dict[str, str], pattern: str, expected: list[str]) -> None:
    assert apps_listed(history(env, "--app", pattern)) == expected


def test_limit_with_app_keeps_the_newest(env: dict[str, str]) -> None:
    assert apps_listed(history(env, "--app", "s*", "--limit", "1")) == ["Spam"]


def test_the_table_lists_the_newest_first(env: dict[str, str]) -> None:
    """Its help says newest first: the newest N, the newest on top (was: oldest on top)."""
    assert apps_listed(history(env, "--limit", "2")) == ["Spam", "100%"]
    assert apps_listed(history(env)) == ["Spam", "100%", "S_ack", "Slack"]


def test_limit_zero_is_all_and_a_negative_limit_is_refused(env: dict[str, str]) -> None:
    assert apps_listed(history(env, "--limit", "0")) == APPS[::-1]
    done = history(env, "--limit=-1")
    assert done.returncode == 2 and "--limit -1: expected a number of rows" in done.stderr, done
    assert "Traceback" not in done.stderr


def test_since_too_long_ago_is_a_message_not_a_traceback(env: dict[str, str]) -> None:
    done = history(env, "--since", "99999999999d")
    assert done.returncode == 2 and "--since '99999999999d': too long ago" in done.stderr, done.stderr


def test_explain_and_json_keep_what_notifyzen_answered_and_what_the_user_typed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data / "notifyzen" / "notifyzen.db")
    at = datetime(2026, 11, 16, 9, 30, tzinfo=timezone(timedelta(hours=1)))  # told in the zone it came
    held = Decision(Verdict.HOLD, "focus", "held in deep work", at + timedelta(hours=1), window="deep work")
    id = store.reserve_id()
    store.add(
        id,
        Notification(app_name="Signal", summary="Anke", body="lunch?", at=at, sender="Anke"),
        held,
        origin="server",
    )
    store.status_replied(id, "I'm focusing until 10:30", at + timedelta(seconds=2))
    store.shown(id, at + timedelta(hours=1), "checkin")
    store.replied(id, "yes, 12:30 at the canteen", at + timedelta(hours=1, minutes=5))
    store.close()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "TZ": "UTC"}
    explained = history(env, "--explain", str(id))
    assert explained.returncode == 0, explained.stderr
    lines = explained.stdout.splitlines()
    assert "status reply sent 2026-11-16T09:30:02+01:00: I'm focusing until 10:30" in lines
    assert "replied 2026-11-16T10:35:00+01:00: yes, 12:30 at the canteen" in lines
    exported = history(env, "--json")
    assert exported.returncode == 0, exported.stderr
    (row,) = json.loads(exported.stdout)
    assert (row["status_reply_text"], row["status_reply_at"]) == (
        "I'm focusing until 10:30",
        (at + timedelta(seconds=2)).timestamp(),
    )
    assert (row["reply_text"], row["reply_at"]) == (
        "yes, 12:30 at the canteen",
        (at + timedelta(minutes=65)).timestamp(),
    )


def test_piping_into_head_ends_quietly(tmp_path: Path) -> None:
    """`notifyzen history --json | head` stops reading early: no traceback on the terminal."""
    data = tmp_path / "data"
    (data / "notifyzen").mkdir(parents=True)
    store = Store(data / "notifyzen" / "notifyzen.db")
    now = datetime.now().astimezone()
    for i in range(1500):  # more than a pipe holds
        at = now - timedelta(seconds=i)
        n = Notification(app_name="Chat", summary=f"message {i}", body="x" * 100, at=at)
        store.add(store.reserve_id(), n, Decision(Verdict.DELIVER, "default", ""), origin="server")
    store.close()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "TZ": "UTC"}
    reader = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "history", "--json", "--limit", "1500"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(100)  # what `head -c 100` takes, then it goes away
    reader.stdout.close()
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=30) == 141
    assert err == ""
