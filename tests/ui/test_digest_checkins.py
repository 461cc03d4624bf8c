"""app.Digest across check-ins and rules, as the user lives it: what was shown and left goes at
the next check-in (pinned lines stay); a rule written from the digest wins over a copied preset,
says so in the window and can be undone there and from the tray."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from notifyzen.app import Digest
from notifyzen.core.timeline import CheckIn
from notifyzen.desktop.paths import presets_dir
from notifyzen.rulefiles import write as rulewrite
from notifyzen.ui.digest import IDS
from tests.harness.digest_items import NOW, make_item, morning
from tests.harness.digest_service import fake_service


@pytest.fixture
def digest(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    d = Digest(fake_service())
    yield d
    if d.window is not None:
        d.window.close()


def checkin(d: Digest, items: list[Any], hour: int = 12) -> None:
    d.show(CheckIn(NOW.replace(hour=hour), "scheduled", tuple(i.id for i in items)), items)


def test_what_was_shown_and_left_goes_at_the_next_check_in_and_a_pinned_line_stays(
    digest: Digest, qtbot: QtBot
) -> None:
    """Issue 18: 16 held at 12:30, among them ones from 11:53 that had been shown and left."""
    checkin(digest, morning(), 11)
    window = digest.window
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.view, Qt.Key.Key_P)  # keep Marco's line
    assert window.pinned == {6, 5}
    posted: Any = digest.service
    kept = [args[1] for name, args in posted.posted if name == "save"]
    assert kept == [[5, 6]], "the pins are kept for after a restart (service_pins.save)"
    later = [make_item(16, "CI", "Build passed", minutes_ago=1), make_item(17, "Mail", "Invoice")]
    checkin(digest, later, 12)
    assert sorted(window.digest.ids) == [5, 6, 16, 17]
    assert window.headline.text().startswith("4 held")
    shown = [sorted(args[0]) for name, args in posted.posted if name == "digest_showing"]
    assert shown[-1] == [5, 6, 16, 17]  # notifyzen status lists what the window lists
    # Unpinned, it goes too at the one after.
    select = next(r for r in window._visible_rows() if list(r.data(IDS) or []) == [6, 5])
    window.view.setCurrentIndex(select)
    qtbot.keyClick(window.view, Qt.Key.Key_P)
    assert [args[1] for name, args in posted.posted if name == "save"][-1] == []
    checkin(digest, [make_item(18, "Signal", "Hi", sender="Mum")], 13)
    assert list(window.digest.ids) == [18]


def test_a_check_in_shows_the_digest_without_activating_it_and_the_tray_does(digest: Digest) -> None:
    checkin(digest, morning())
    window = digest.window
    assert window.isVisible()
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_always_mute_from_the_digest_wins_and_can_be_undone_there_and_in_the_tray(
    digest: Digest, qtbot: QtBot, tmp_path: Path
) -> None:
    rules = tmp_path / "config" / "notifyzen" / "rules"
    rules.mkdir(parents=True)
    (rules / "20-work.yaml").write_text((presets_dir() / "work-focus.yaml").read_text())
    told: list[str] = []
    digest.on_rules = lambda: told.append("rules changed")
    mail = make_item(1, "Thunderbird", "Invoice", "due Friday", desktop_entry="org.mozilla.Thunderbird")
    checkin(digest, [mail])
    window = digest.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    assert window.confirm.isVisible()  # asks once
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert rulewrite.made_rules() == ["always mute Thunderbird"]
    assert (rules / "00-digest.yaml").is_file()
    assert rulewrite.first_rule(mail.notification).name == "always mute Thunderbird"  # type: ignore[union-attr]
    assert window.notice.isVisible() and "00-digest.yaml" in window.notice_text.text()
    assert not window.open_rule_button.isVisible()  # nothing of the user's comes first
    assert told == ["rules changed"]
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert rulewrite.made_rules() == []
    assert rulewrite.first_rule(mail.notification).name == "mail"  # type: ignore[union-attr]
    assert "taken out again" in window.notice_text.text()
    assert told == ["rules changed", "rules changed"]


def test_a_rule_of_the_users_that_still_comes_first_is_named(
    digest: Digest, qtbot: QtBot, tmp_path: Path
) -> None:
    rules = tmp_path / "config" / "notifyzen" / "rules"
    rules.mkdir(parents=True)
    (rules / "0-mine.yaml").write_text((presets_dir() / "work-focus.yaml").read_text())
    mail = make_item(1, "Thunderbird", "Invoice", "due Friday")
    checkin(digest, [mail])
    window = digest.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert "“mail” (~/config/notifyzen/rules/0-mine.yaml:" in window.notice_text.text()
    assert window.open_rule_button.isVisible()
