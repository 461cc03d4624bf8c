"""`notifyzen rules propose` on a real history (issue 20): a week lived by a simulated user is in
the SQLite file with their reactions, as the app records them; the command proposes from it, says
why and what last week would have been, `--accept` writes the rule where the digest's buttons do,
and `rules explain` then names that rule, with the model's score beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.model import Notification
from notifyzen.core.proposals_sim import Preferences, SimUser
from notifyzen.core.replay import week_span
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths
from notifyzen.history.store import Store
from notifyzen.history.week import read_week

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 30)  # 2026-W49, the week before "today" (2026-12-07)
PREFS = Preferences(  # a user who answers "should have come through" / "could have waited" often
    must_come=frozenset({"Anke"}),
    never_read=frozenset({"BBC News"}),
    chatty=frozenset({"Family"}),
    answers=0.8,
)


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "NOTIFYZEN_DB": str(tmp_path / "history.db"),
        "TZ": "Europe/Berlin",
        "LANGUAGE": "en",
    }
    _lived_week(tmp_path / "history.db", tmp_path)
    return {**os.environ, **env}


def _lived_week(db: Path, tmp_path: Path) -> None:
    """The week in the history through the app's own Store, then the user's reactions to what the
    active rules showed them, recorded with Store.react as the pop-ups and the digest do."""
    store = Store(db)
    for event in generate_week(MONDAY, BERLIN, seed=8):
        if isinstance(event, Notification):
            store.insert(event, origin="server")
    loaded = load_active(tmp_path / "none", paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    config = replace(loaded.config, zone=BERLIN)
    entries = read_week(db, *week_span(MONDAY, BERLIN), config.idle_breakpoint)
    for seen in SimUser(PREFS, seed=8).react(simulate(entries, loaded.rules, config), config):
        for r in seen.reactions:
            store.react(r)
    store.close()


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "rules", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_propose_accept_and_explain_on_a_real_history(home: dict[str, str]) -> None:
    done = _cli(home, "propose", "--week", "2026-W49", "--json")
    assert done.returncode == 0, done.stderr
    week = json.loads(done.stdout)
    assert week["reactions"] > 500 and week["model_labels"] > 300
    by_name = {p["name"]: p for p in week["proposals"]}
    anke = by_name["Anke comes through"]
    assert anke["evidence"].startswith("Anke: you opened ") and anke["rule"]["during"] == ["deep work"]
    assert anke["model_support"] > 0.6
    news = (
        by_name["BBC News is muted"]
        if "BBC News is muted" in by_name
        else by_name["BBC News waits for the check-in"]
    )
    assert news["replay"]["popups"][1] < news["replay"]["popups"][0]

    readable = _cli(home, "propose", "--week", "2026-W49")
    assert "1. " in readable.stdout and "Last week under it: pop-ups " in readable.stdout
    assert 'Accept: notifyzen rules propose --accept "Anke comes through"' in readable.stdout

    accepted = _cli(home, "propose", "--week", "2026-W49", "--accept", "Anke comes through")
    assert accepted.returncode == 0, accepted.stderr
    written = Path(home["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "00-digest.yaml"
    assert "Anke comes through" in written.read_text()

    # Tuesday 09:30, deep work: the rule the user accepted decides, the model only advises.
    explained = _cli(
        home,
        "explain",
        "--app",
        "Signal",
        "--summary",
        "Anke",
        "--sender",
        "Anke",
        "--body",
        "lunch?",
        "--at",
        (MONDAY + timedelta(days=8)).isoformat() + "T09:30",
    )
    assert explained.returncode == 0, explained.stderr
    first, second = explained.stdout.splitlines()[:2]
    assert "Anke comes through" in first and "00-digest.yaml" in first
    assert second.strip().startswith("model score 0.") and "from Anke (+)" in second

    # Accepted once, it is not proposed again; an unknown name is a clear error.
    again = json.loads(_cli(home, "propose", "--week", "2026-W49", "--json").stdout)
    assert "Anke comes through" not in {p["name"] for p in again["proposals"]}
    wrong = _cli(home, "propose", "--week", "2026-W49", "--accept", "Nobody comes through")
    assert wrong.returncode != 0 and "no proposal named 'Nobody comes through'" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_the_weekly_report_lists_the_weeks_proposals(home: dict[str, str]) -> None:
    """`report --text` and `--json` carry the same proposals, with the replay, as the report window."""
    text = subprocess.run(
        [sys.executable, "-m", "notifyzen", "report", "--week", "2026-W49", "--text"],
        env=home,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert text.returncode == 0, text.stderr
    line = next(
        line for line in text.stdout.splitlines() if "“Anke comes through” — Anke: you opened" in line
    )
    assert "(pop-ups " in line and "people's messages within max wait" in line
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "notifyzen", "report", "--week", "2026-W49", "--json"],
            env=home,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    proposed = [s for s in data["suggestions"] if s["kind"] == "proposal"]
    assert {"Anke comes through", "Family in one pop-up"} <= {s["rule"]["name"] for s in proposed}
    anke = next(s for s in proposed if s["rule"]["name"] == "Anke comes through")
    assert anke["rule"]["during"] == ["deep work"] and anke["what_if"].startswith("pop-ups ")


def test_forget_deletes_what_was_learned_and_keeps_the_history(home: dict[str, str]) -> None:
    assert _cli(home, "propose", "--week", "2026-W49", "--json").returncode == 0  # learns the week
    model = Path(home["NOTIFYZEN_DB"] + ".model")
    assert model.exists()
    done = _cli(home, "propose", "--forget")
    assert done.returncode == 0 and done.stdout.strip() == f"deleted {model}"
    assert not model.exists() and Path(home["NOTIFYZEN_DB"]).exists()
    again = _cli(home, "propose", "--forget")
    assert "nothing learned to delete" in again.stdout
