"""`notifyzen history` filters, run as the user runs them, on a real history file."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.store import Store

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
        ("s*", ["Slack", "S_ack", "Spam"]),
        ("*ack", ["Slack", "S_ack"]),
    ],
)
def test_app_only_star_is_a_wildcard(env: dict[str, str], pattern: str, expected: list[str]) -> None:
    assert apps_listed(history(env, "--app", pattern)) == expected


def test_limit_with_app_keeps_the_newest(env: dict[str, str]) -> None:
    assert apps_listed(history(env, "--app", "s*", "--limit", "1")) == ["Spam"]


def test_limit_zero_is_all_and_a_negative_limit_is_refused(env: dict[str, str]) -> None:
    assert apps_listed(history(env, "--limit", "0")) == APPS
    done = history(env, "--limit=-1")
    assert done.returncode == 2 and "--limit -1: expected a number of rows" in done.stderr, done
    assert "Traceback" not in done.stderr


def test_since_too_long_ago_is_a_message_not_a_traceback(env: dict[str, str]) -> None:
    done = history(env, "--since", "99999999999d")
    assert done.returncode == 2 and "--since '99999999999d': too long ago" in done.stderr, done.stderr
