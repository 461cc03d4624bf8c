"""Tray → History: an expired pop-up found again. Newest first, by day, searchable by app, person
and text; each says what notifyzen decided and why; its own buttons while its app listens;
"Always mute" from there asks once, writes a rule that wins and can be undone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from notifyzen.app import Digest, TrayActions
from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.history.store import Store
from notifyzen.rulefiles import write as rulewrite
from notifyzen.ui.history import HistoryWindow
from tests.harness.digest_items import NOW
from tests.harness.digest_service import fake_service

HELD = Decision(Verdict.HOLD, "focus", "held in deep work", window="deep work")
SHOWN = Decision(Verdict.DELIVER, "reminders", "reminders pass")


def week(db: Path) -> dict[str, int]:
    """A few days of notifications, as notifyzen records them; returns their ids by summary."""
    store = Store(db)
    ids = {}
    for minutes, app, sender, summary, body, decision, actions in [
        (60 * 50, "Thunderbird", None, "Invoice 2026-311", "due Friday", HELD, ()),
        (60 * 26, "Signal", "Anke", "Anke", "Lunch tomorrow?", HELD, (("default", "Open"),)),
        (90, "Calendar", None, "Standup in 5 minutes", "Room 3", SHOWN, (("join", "Join call"),)),
        (20, "Slack", "Marco", "Marco (#release)", "can you look at the build?", HELD, ()),
        (5, "Spotify", None, "Now playing", "Radiohead – Reckoner", SHOWN, ()),
    ]:
        at = NOW - timedelta(minutes=minutes)
        n = Notification(app_name=app, summary=summary, body=body, at=at, sender=sender, actions=actions)
        id = store.reserve_id()
        store.add(id, n, decision, origin="server")
        if decision.verdict is Verdict.DELIVER:
            store.shown(id, at, "arrival")
            store.closed(id, at + timedelta(seconds=8), 1, state="expired")
        ids[summary] = id
    store.close()
    return ids


@pytest.fixture
def opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, HistoryWindow, dict[str, int]]:
    for key, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("HOME", "")):
        monkeypatch.setenv(key, str(tmp_path / sub))
    service = fake_service()
    service.db_path = tmp_path / "data" / "notifyzen" / "notifyzen.db"
    ids = week(service.db_path)
    service.live = {ids["Standup in 5 minutes"]: object()}  # its app still listens
    actions = TrayActions(service, Digest(service))
    actions.history()
    window = actions.history_window
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return service, window, ids


def days(window: HistoryWindow) -> list[str]:
    return [window.tree.topLevelItem(i).text(0) for i in range(window.tree.topLevelItemCount())]  # type: ignore[union-attr]


def test_newest_first_grouped_by_day(opened: tuple[Any, HistoryWindow, dict[str, int]]) -> None:
    _, window, ids = opened
    assert window.shown_ids() == [
        ids[s]
        for s in ("Now playing", "Marco (#release)", "Standup in 5 minutes", "Anke", "Invoice 2026-311")
    ]
    assert days(window)[:2] == ["Today", "Yesterday"] and len(days(window)) == 3
    first = window.tree.currentItem()
    assert first is not None and first.text(1) == "Spotify" and first.text(4) == "expired"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("anke", ["Anke"]),
        ("thunderbird", ["Invoice 2026-311"]),
        ("build", ["Marco (#release)"]),
        ("STANDUP room", ["Standup in 5 minutes"]),
        ("nothing like it", []),
    ],
)
def test_search_by_app_person_and_text(
    opened: tuple[Any, HistoryWindow, dict[str, int]], qtbot: QtBot, query: str, found: list[str]
) -> None:
    _, window, ids = opened
    qtbot.keyClicks(window.search, query)
    assert window.shown_ids() == [ids[s] for s in found]


def test_each_says_what_was_decided_and_why(
    opened: tuple[Any, HistoryWindow, dict[str, int]], qtbot: QtBot
) -> None:
    _, window, _ids = opened
    qtbot.keyClicks(window.search, "anke")
    text = window.explain.text()
    assert text.startswith("Signal: Anke\nhold by rule 'focus' during 'deep work': held in deep work")
    # It has an Open button, but notifyzen no longer holds it live: a click would reach no one.
    assert not window.app_buttons


def test_its_own_buttons_while_its_app_listens(
    opened: tuple[Any, HistoryWindow, dict[str, int]], qtbot: QtBot
) -> None:
    service, window, ids = opened
    qtbot.keyClicks(window.search, "standup")
    assert [b.text() for b in window.app_buttons] == ["Join call"]
    qtbot.mouseClick(window.app_buttons[0], Qt.MouseButton.LeftButton)
    assert ("invoke_action", (ids["Standup in 5 minutes"], "join")) in service.posted
    assert "shown " in window.explain.text() and "expired" in window.explain.text()


def test_always_mute_from_the_history_asks_writes_and_undoes(
    opened: tuple[Any, HistoryWindow, dict[str, int]], qtbot: QtBot
) -> None:
    service, window, _ = opened
    qtbot.keyClicks(window.search, "spotify")
    qtbot.mouseClick(window.mute_button, Qt.MouseButton.LeftButton)
    box = window.question
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Always mute Spotify?"
    assert box.informativeText().endswith(  # what will change, before it does
        "It goes at the top of ~/config/notifyzen/rules/00-digest.yaml, before your other rules; "
        "Undo takes it out."
    )
    assert rulewrite.made_rules() == []  # nothing written before the answer
    yes = next(b for b in box.buttons() if b.text() == "Always mute")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert rulewrite.made_rules() == ["always mute Spotify"]
    assert ("reload_rules", ()) in service.posted
    assert "Rule written: always mute Spotify" in window.notice.text() and window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert rulewrite.made_rules() == []
    assert "taken out again" in window.notice.text()


def test_the_history_window_and_its_tray_entry_speak_dutch(qapp: Any, tmp_path: Path) -> None:
    from notifyzen.desktop import i18n
    from notifyzen.ui.tray import Tray

    i18n.install(qapp, "nl")
    try:
        ids = week(tmp_path / "h.db")
        from notifyzen.history import store

        engine = store.reader(tmp_path / "h.db")
        window = HistoryWindow()
        window.set_rows(store.query(engine), NOW)
        engine.dispose()
        assert window.windowTitle() == "Geschiedenis — notifyzen"
        assert window.search.placeholderText() == "Zoek op app, persoon of tekst"
        assert days(window)[:2] == ["Vandaag", "Gisteren"]
        assert window.shown_ids()[0] == ids["Now playing"]
        assert window.tree.currentItem().text(4) == "verlopen"  # type: ignore[union-attr]
        assert "Geschiedenis…" in [a.text() for a in Tray().menu.actions()]
    finally:
        i18n.install(qapp, "en")
