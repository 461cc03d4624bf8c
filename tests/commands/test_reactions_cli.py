"""`notifyzen history` says what the user did with each notification (issue 20), run as the user
runs it on a real history file: the table after the summary, --explain line by line, --json as data."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.history.store import Store


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Anke's message opened after 2 min; a build mail held, shown at the check-in and judged
    "should have come through"; a newsletter left to expire."""
    data = tmp_path / "data"
    (data / "notifyzen").mkdir(parents=True)
    store = Store(data / "notifyzen" / "notifyzen.db")
    now = datetime.now().astimezone().replace(microsecond=0) - timedelta(hours=1)

    def arrive(app: str, summary: str, verdict: Verdict, at: datetime) -> int:
        n = Notification(app_name=app, summary=summary, at=at, actions=(("rerun", "Run again"),))
        row_id = store.reserve_id()
        store.add(row_id, n, Decision(verdict, "default", ""), origin="server")
        return row_id

    anke = arrive("Signal", "Anke", Verdict.DELIVER, now)
    store.react(Reaction(anke, ReactionKind.OPENED, now + timedelta(minutes=2)))
    build = arrive("Mail", "Build broke", Verdict.HOLD, now + timedelta(minutes=3))
    store.shown(build, now + timedelta(minutes=30), "checkin")
    store.react(Reaction(build, ReactionKind.SHOULD_HAVE_COME, now + timedelta(minutes=31)))
    news = arrive("Shop", "Newsletter", Verdict.DELIVER, now + timedelta(minutes=4))
    ci = arrive("CI", "Build failed", Verdict.DELIVER, now + timedelta(minutes=5))
    store.react(Reaction(ci, ReactionKind.ACTED, now + timedelta(minutes=5, seconds=40), action="rerun"))
    store.react(Reaction(news, ReactionKind.EXPIRED, now + timedelta(minutes=4, seconds=6)))
    store.close()
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "TZ": "UTC"}


def history(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_table_says_what_the_user_did_last(env: dict[str, str]) -> None:
    lines = {line.split()[0]: line for line in history(env).splitlines()[1:] if line.split()[0].isdigit()}
    assert lines["1"].endswith("Anke  · opened after 2 min")
    assert lines["2"].endswith("Build broke  · you said: should have come through")
    assert lines["3"].endswith("Newsletter"), "expired: its state says so already"
    assert lines["4"].endswith("Build failed  · chose “Run again” after 40 s"), "named as its button was"


def test_explain_lists_the_reactions_with_their_times(env: dict[str, str]) -> None:
    out = history(env, "--explain", "2")
    assert "shown " in out and "(checkin)" in out
    said = [line for line in out.splitlines() if line.startswith("you said: ")]
    assert len(said) == 1 and said[0].startswith("you said: should have come through (2")


def test_json_exports_the_reactions(env: dict[str, str]) -> None:
    rows = {row["summary"]: row for row in json.loads(history(env, "--json"))}
    assert [(r["kind"], r["shown_by"], r["after_shown_s"]) for r in rows["Anke"]["reactions"]] == [
        ("shown", "arrival", None),
        ("opened", None, 120.0),
    ]
    assert [r["kind"] for r in rows["Build broke"]["reactions"]] == ["shown", "should_have_come"]
    assert rows["Build broke"]["reactions"][0]["shown_by"] == "checkin"
    assert datetime.fromisoformat(rows["Newsletter"]["reactions"][1]["at_iso"]).tzinfo is not None


def test_dutch_words(env: dict[str, str]) -> None:
    out = history({**env, "LANG": "nl_NL.UTF-8"})
    assert "geopend na 2 min" in out and "je zei: had moeten doorkomen" in out
