"""A proposed rule in the digest (issue 20): the evidence in one line, "Show what would change"
with last week's replay and the rule's YAML, and one click that hands the rule to the app (which
writes it with Undo, as the digest's other rules). Real widgets, Qt offscreen; proposals from a
real replay of a simulated user's week."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from notifyzen.core.model import Decision, Item, Notification, Verdict
from notifyzen.core.proposals_replay import propose
from notifyzen.core.proposals_sim import Preferences, SimUser
from notifyzen.core.replay import Entry
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths
from notifyzen.ui.digest import DigestWindow
from notifyzen.ui.proposal_bar import ProposalSource

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def proposals(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    loaded = load_active(tmp_path_factory.mktemp("none"), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    config = replace(loaded.config, zone=BERLIN)
    entries = [Entry(i + 1, e) for i, e in enumerate(generate_week(date(2026, 11, 16), BERLIN, seed=10))]
    prefs = Preferences(frozenset({"Anke"}), frozenset({"BBC News"}), frozenset({"Family"}))
    seen = SimUser(prefs, seed=10).react(simulate(entries, loaded.rules, config), config)
    found = [p.as_json() for p in propose(seen, entries, loaded.rules, config)]
    assert len(found) >= 2
    return found


def _window(qtbot: QtBot) -> DigestWindow:
    window = DigestWindow()
    qtbot.addWidget(window)
    at = datetime(2026, 12, 7, 10, 30, tzinfo=BERLIN)
    n = Notification(
        "Slack", "Priya Raman", at - timedelta(minutes=20), "can you review !482?", sender="Priya Raman"
    )
    window.set_items(
        [Item(1, n, Decision(Verdict.HOLD, "default", "no rule matched in a focus window"))], at=at
    )
    window.show()
    return window


def test_the_digest_proposes_shows_what_would_change_and_hands_over_the_rule(
    qtbot: QtBot, proposals: list[dict[str, Any]]
) -> None:
    window = _window(qtbot)
    bar = window.proposal
    assert not bar.isVisible()  # nothing proposed yet: no bar
    bar.set_proposals(proposals)
    first = proposals[0]
    assert bar.isVisible()
    assert bar.evidence.text() == f"Proposed rule “{first['name']}”: {first['evidence']}"
    assert not bar.details.isVisible()
    qtbot.mouseClick(bar.show_button, _left())
    assert bar.details.isVisible() and bar.show_button.text() == "Hide what would change"
    shown = bar.details.text()
    assert shown.startswith(f"Last week under it: {first['replay']['sentence']}")
    assert f'- name: "{first["name"]}"' in shown  # the rule as it will be written
    assert "agrees" not in shown  # no model yet, nothing said of it
    bar.set_proposals([{**first, "model_support": 0.87}])
    assert "What you react to, as learned, agrees: 0.87" in bar.details.text()
    bar.set_proposals(proposals)
    qtbot.mouseClick(bar.show_button, _left())
    with qtbot.waitSignal(bar.accepted) as accepted:
        qtbot.mouseClick(bar.accept_button, _left())
    assert accepted.args == [first["rule"], first["evidence"]]
    assert proposals[1]["name"] in bar.evidence.text()  # the next one, not the one written
    qtbot.mouseClick(bar.decline_button, _left())  # "Not now" for the rest
    for _ in proposals[2:]:
        qtbot.mouseClick(bar.decline_button, _left())
    assert not bar.isVisible()


def test_proposals_are_worked_out_off_the_gui_thread(qtbot: QtBot, proposals: list[dict[str, Any]]) -> None:
    import threading

    window = _window(qtbot)
    ran_on: list[str] = []

    def compute() -> list[dict[str, Any]]:
        ran_on.append(threading.current_thread().name)
        return proposals

    source = ProposalSource(compute)
    source.ready.connect(window.proposal.set_proposals)
    with qtbot.waitSignal(source.ready, timeout=10_000):
        source.refresh()
    assert ran_on == ["notifyzen-proposals"]
    assert window.proposal.isVisible() and proposals[0]["name"] in window.proposal.evidence.text()


def test_a_failing_computation_leaves_the_digest_without_a_bar(qtbot: QtBot) -> None:
    window = _window(qtbot)

    def broken() -> list[dict[str, Any]]:
        raise OSError("history being repaired")

    source = ProposalSource(broken)
    source.ready.connect(window.proposal.set_proposals)
    with qtbot.waitSignal(source.ready, timeout=10_000):
        source.refresh()
    assert not window.proposal.isVisible()


def _left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_at_a_check_in_the_app_proposes_from_the_history_writes_on_accept_and_undoes(
    qtbot: QtBot, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """app.Digest end to end: a lived week with reactions in a real history; at a check-in the
    proposal arrives from the worker thread, "Add this rule" writes it to 00-digest.yaml where the
    digest's rules go, the notice names the file, and Undo takes it out again."""
    from PySide6.QtCore import Qt

    from notifyzen.app import Digest
    from notifyzen.clock import FakeClock
    from notifyzen.core.timeline import CheckIn
    from notifyzen.rulefiles import write as rulewrite
    from tests.harness.digest_service import fake_service
    from tests.learn.test_proposals_cli import _lived_week

    for key, value in {
        "XDG_CONFIG_HOME": tmp_path / "config",
        "XDG_DATA_HOME": tmp_path / "data",
        "HOME": tmp_path,
        "TZ": "Europe/Berlin",
    }.items():
        monkeypatch.setenv(key, str(value))
    db = tmp_path / "history.db"
    _lived_week(db, tmp_path)
    service = fake_service()
    service.db_path = db
    service.clock = FakeClock(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN))
    digest = Digest(service)
    told: list[str] = []
    digest.on_rules = lambda: told.append("rules changed")
    at = datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN)
    n = Notification(
        "Slack", "Priya Raman", at - timedelta(minutes=20), "got a minute?", sender="Priya Raman"
    )
    item = Item(1, n, Decision(Verdict.HOLD, "default", "no rule matched in a focus window"))
    digest.show(CheckIn(at, "scheduled", (1,)), [item])
    window = digest.window
    try:
        qtbot.waitUntil(window.proposal.isVisible, timeout=30_000)
        name = window.proposal.current["name"]
        qtbot.mouseClick(window.proposal.accept_button, Qt.MouseButton.LeftButton)
        assert rulewrite.made_rules() == [name]
        assert window.notice.isVisible() and "00-digest.yaml" in window.notice_text.text()
        assert told == ["rules changed"]
        assert ("reload_rules", ()) in service.posted
        qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
        assert rulewrite.made_rules() == []
    finally:
        window.close()
