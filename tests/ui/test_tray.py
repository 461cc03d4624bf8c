"""The tray menu from a status dict (what `notifyzen status --json` prints): what it says about
the day, which choices it offers, and that each choice leaves as the right signal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from notifyzen.desktop import i18n
from notifyzen.ui.tray import Tray

STATUS: dict[str, Any] = {
    "mode": "server",
    "taken_in_today": 12,
    "held": 3,
    "next_checkin": "2026-11-16T12:30:00+01:00",
    "focus_window": "deep work",
    "clock": "2026-11-16T09:40:00+01:00",
    "paused": False,
    "manual_focus": False,
    "rules_errors": [],
}


@pytest.fixture
def tray(qtbot: QtBot) -> Iterator[Tray]:
    tray = Tray()
    tray.update(STATUS)
    yield tray
    tray.hide()


def texts(tray: Tray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if a.isVisible() and not a.isSeparator()]


def test_the_menu_tells_the_day_and_offers_the_choices(tray: Tray) -> None:
    assert texts(tray) == [
        "Focus: deep work",
        "3 held · next check-in 12:30",
        "Taken in today: 12",
        "Mode: server (notifyzen shows notifications)",
        "Check in now",
        "Open digest",
        "History…",
        "Focus for 25 min",
        "Focus for 1 hour",
        "Focus until tomorrow",
        "End focus",
        "Pause notifyzen (let everything through)",
        "Edit rules…",
        "Weekly report…",
        "Start at login",
        "Quit notifyzen",
    ]
    assert not tray.end_focus_action.isEnabled()  # a scheduled window is not ended from here
    assert "3 held" in tray.toolTip()


def test_with_no_check_in_ahead_the_menu_says_how_to_see_what_waits(tray: Tray) -> None:
    # config `checkins: []` and no focus end ahead: "until the next check-in" would be never
    tray.update(STATUS | {"held": 4, "next_checkin": None, "focus_window": None})
    assert "4 held · no check-in planned (Check in now shows them)" in texts(tray)


def test_next_checkin_tomorrow_and_a_broken_rule_file(qtbot: QtBot, tray: Tray) -> None:
    tray.update(
        STATUS
        | {
            "held": 1,
            "next_checkin": "2026-11-17T10:30:00+01:00",
            "clock": "2026-11-16T18:00:00+01:00",
            "focus_window": None,
            "rules_errors": ["/home/u/.config/notifyzen/rules/work.yaml:14:5: unknown key"],
        }
    )
    shown = texts(tray)
    assert shown[:3] == [
        "Rules: error in work.yaml:14 (the last good rules apply)",
        "Free: notifications come through",
        "1 held · next check-in tomorrow 10:30",
    ]
    assert tray.rules_action.isEnabled() and not tray.rules_action.icon().isNull()
    with qtbot.waitSignal(tray.open_file_requested, timeout=1000) as opened:
        tray.rules_action.trigger()
    assert opened.args == ["/home/u/.config/notifyzen/rules/work.yaml"]


def test_manual_focus_and_pause_change_what_the_items_offer(tray: Tray) -> None:
    tray.update(STATUS | {"manual_focus": True, "focus_window": "focus"})
    assert tray.end_focus_action.isEnabled()
    tray.update(STATUS | {"paused": True})
    assert tray.state_action.text() == "Paused: everything comes through"
    assert tray.pause_action.text() == "Resume notifyzen (hold again)"


def test_focus_the_user_chose_says_until_when_in_local_time(qapp: QApplication, tray: Tray) -> None:
    """'Focus: focus' told nothing; the end of the block is what one wants to know (the service
    gives it on the user's wall clock; tests/service/test_focus_dst.py has the night the clocks change)."""
    manual = STATUS | {"manual_focus": True, "focus_window": "focus"}
    tray.update(manual | {"manual_focus_until": "2026-11-16T10:05:00+01:00"})
    assert tray.state_action.text() == "Focus until 10:05"
    assert "Focus until 10:05" in tray.toolTip()
    tray.update(manual | {"manual_focus_until": "2026-11-17T00:00:00+01:00"})
    assert tray.state_action.text() == "Focus until tomorrow 00:00"
    tray.update(manual | {"manual_focus_until": None})
    assert tray.state_action.text() == "Focus until you end it"
    i18n.install(qapp, "nl")
    try:
        tray.update(manual | {"manual_focus_until": "2026-11-16T10:05:00+01:00"})
        dutch = tray.state_action.text()
    finally:
        i18n.install(qapp, "en")
    assert dutch == "Focus tot 10:05"


def test_each_choice_leaves_as_its_signal(qtbot: QtBot, tray: Tray) -> None:
    with qtbot.waitSignal(tray.checkin_requested, timeout=1000):
        tray.checkin_action.trigger()
    with qtbot.waitSignal(tray.focus_requested, timeout=1000) as focus:
        tray.focus25_action.trigger()
    assert focus.args == [25.0]
    with qtbot.waitSignal(tray.focus_tomorrow_requested, timeout=1000):  # the Service knows the zone
        tray.focus_day_action.trigger()
    with qtbot.waitSignal(tray.pause_requested, timeout=1000):
        tray.pause_action.trigger()
    tray.update(STATUS | {"paused": True})
    with qtbot.waitSignal(tray.resume_requested, timeout=1000):
        tray.pause_action.trigger()
    for action, signal in [
        (tray.digest_action, tray.digest_requested),
        (tray.edit_rules_action, tray.edit_rules_requested),
        (tray.report_action, tray.report_requested),
        (tray.quit_action, tray.quit_requested),
    ]:
        with qtbot.waitSignal(signal, timeout=1000):
            action.trigger()
    with qtbot.waitSignal(tray.autostart_toggled, timeout=1000) as toggled:
        tray.autostart_action.trigger()
    assert toggled.args == [True]


def test_a_dutch_session_gets_a_dutch_menu(qtbot: QtBot, qapp: QApplication) -> None:
    i18n.install(qapp, "nl")
    try:
        tray = Tray()
        tray.update(STATUS)
        shown = texts(tray)
        tray.hide()
    finally:
        i18n.install(qapp, "en")
    assert shown[:2] == ["Focus: deep work", "3 vastgehouden · volgende check-in 12:30"]
    assert "Nu inchecken" in shown and "notifyzen afsluiten" in shown


def test_the_desktops_do_not_disturb_is_named_with_whose_it_is(qtbot: QtBot, qapp: QApplication) -> None:
    """Observe mode: the user's own Do not disturb is theirs (notifyzen follows it and never lifts
    it); notifyzen's own is on only while focusing; off, or in server mode, nothing is said."""
    tray = Tray()
    try:
        tray.update({**STATUS, "mode": "observe", "dnd": "yours"})
        assert "Do not disturb (yours): only critical ones pop up" in texts(tray)
        assert "Do not disturb (yours)" in tray.toolTip()
        tray.update({**STATUS, "mode": "observe", "dnd": "notifyzen"})
        assert "Do not disturb: on while you focus" in texts(tray)
        for quiet in ({**STATUS, "mode": "observe", "dnd": "off"}, STATUS):
            tray.update(quiet)
            assert not [t for t in texts(tray) if "Do not disturb" in t]
        i18n.install(qapp, "nl")
        tray.update({**STATUS, "mode": "observe", "dnd": "yours"})
        assert "Niet storen (van jou): alleen dringende meldingen verschijnen" in texts(tray)
    finally:
        i18n.install(qapp, "en")
        tray.hide()


def test_paused_shows_in_the_icon_not_a_held_count() -> None:
    from notifyzen.ui.tray import icon_state

    assert icon_state({**STATUS, "paused": True, "held": 0}) == "paused"
    assert icon_state({**STATUS, "paused": True, "held": 5}) == "paused"
    assert icon_state({**STATUS, "paused": False}) == "held"


def test_undo_rule_offers_the_newest_button_rule_by_name(qtbot: QtBot) -> None:
    tray = Tray()
    assert not tray.undo_rule_action.isVisible()
    tray.set_undo("always allow Sam in Signal")
    assert tray.undo_rule_action.isVisible()
    assert tray.undo_rule_action.text() == "Undo rule: always allow Sam in Signal"
    with qtbot.waitSignal(tray.undo_rule_requested, timeout=1000) as undo:
        tray.undo_rule_action.trigger()
    assert undo.args == ["always allow Sam in Signal"]
    tray.set_undo(None)
    assert not tray.undo_rule_action.isVisible()
