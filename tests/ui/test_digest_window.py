"""The check-in digest as a user works through it: from the keyboard, group by group."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from notifyzen.core.digest import Reply
from notifyzen.ui import theme
from notifyzen.ui.digest import IDS, KIND, REPLY, DigestWindow
from tests.digest_items import NOW, morning


@pytest.fixture
def window(qtbot: QtBot) -> DigestWindow:
    w = DigestWindow()
    qtbot.addWidget(w)
    w.set_items(morning(), at=NOW)
    w.show()
    qtbot.waitExposed(w)
    return w


def _current(w: DigestWindow) -> tuple[str, str, list[int]]:
    index = w.view.currentIndex()
    return index.data(KIND), index.data(Qt.ItemDataRole.DisplayRole), list(index.data(IDS))


def _press(qtbot: QtBot, w: DigestWindow, *keys: Qt.Key) -> None:
    for key in keys:
        qtbot.keyClick(w.view, key)


def test_it_opens_on_the_most_pressing_line_with_a_headline(window: DigestWindow) -> None:
    assert window.headline.text() == "15 held · 4 people · 6 apps"
    assert _current(window) == ("entry", "Marco (#release)", [6, 5])
    assert window.dismiss_button.text() == "Dismiss 2"


def test_arrows_move_and_delete_dismisses_the_selected_ids(qtbot: QtBot, window: DigestWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Down)  # past Anke's heading to her Signal line
    assert _current(window) == ("entry", "Running 5 minutes late 🙈", [3, 2, 1])
    with qtbot.waitSignal(window.dismissed, timeout=1000) as blocker:
        _press(qtbot, window, Qt.Key.Key_Delete)
    assert blocker.args == [[3, 2, 1]]
    # The line is gone and the cursor stays in place, on what came next.
    assert _current(window)[2] == [4]
    assert window.digest.count == 12
    with qtbot.waitSignal(window.dismissed, timeout=1000) as blocker:
        _press(qtbot, window, Qt.Key.Key_Delete)
    assert blocker.args == [[4]]
    assert "Anke" not in [g.title for g in window.digest.groups]


def test_s_on_a_heading_snoozes_the_whole_group(qtbot: QtBot, window: DigestWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down)
    assert _current(window)[:2] == ("group", "Mum")
    with qtbot.waitSignal(window.snoozed, timeout=1000) as blocker:
        _press(qtbot, window, Qt.Key.Key_S)
    assert sorted(blocker.args[0]) == [7, 8, 9]
    assert "Mum" not in [g.title for g in window.digest.groups]


def test_enter_opens_the_newest_and_counts_the_rest_as_read(qtbot: QtBot, window: DigestWindow) -> None:
    seen: list[tuple[str, object]] = []
    window.opened.connect(lambda id: seen.append(("opened", id)))
    window.dismissed.connect(lambda ids: seen.append(("dismissed", ids)))
    _press(qtbot, window, Qt.Key.Key_Return)
    assert seen == [("opened", 6), ("dismissed", [5])]


def test_enter_on_a_heading_folds_it_and_opens_nothing(qtbot: QtBot, window: DigestWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_Up)
    assert _current(window)[:2] == ("group", "Marco")
    with qtbot.assertNotEmitted(window.opened):
        _press(qtbot, window, Qt.Key.Key_Return)
    assert not window.view.isExpanded(window.view.currentIndex())


def test_an_expanded_line_lists_each_notification_to_open_alone(qtbot: QtBot, window: DigestWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_Right, Qt.Key.Key_Down)
    assert _current(window) == ("item", "ping", [6])
    with qtbot.waitSignal(window.opened, timeout=1000) as blocker, qtbot.assertNotEmitted(window.dismissed):
        _press(qtbot, window, Qt.Key.Key_Enter)
    assert blocker.args == [6]
    assert window.digest.count == 14


def test_always_mute_asks_first_shows_the_what_if_then_writes(qtbot: QtBot, window: DigestWindow) -> None:
    previews: list[tuple[str, dict[str, object]]] = []

    def answer(kind: str, hint: dict[str, object]) -> None:  # what the app does: compute, then show
        previews.append((kind, hint))
        window.set_whatif("Would have held 9 of 11 notifications from Marco in Slack last week")

    window.rule_preview.connect(answer)
    with qtbot.assertNotEmitted(window.always_mute):
        _press(qtbot, window, Qt.Key.Key_M)
    hint = {"app": "Slack", "sender": "Marco", "desktop_entry": "com.slack.Slack"}
    assert previews == [("mute", hint)]
    assert window.question.text() == "Always mute Marco in Slack?"
    assert window.whatif.isVisible() and "9 of 11" in window.whatif.text()
    with qtbot.waitSignal(window.always_mute, timeout=1000) as blocker:
        _press(qtbot, window, Qt.Key.Key_Return)
    assert blocker.args == [hint]
    assert not window.confirm.isVisible()


def test_escape_cancels_a_pending_rule_then_closes(qtbot: QtBot, window: DigestWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_Up, Qt.Key.Key_A)  # always allow Marco, from his heading
    assert window.question.text() == "Always allow Marco?"
    with qtbot.assertNotEmitted(window.always_allow):
        _press(qtbot, window, Qt.Key.Key_Escape)
    assert window.isVisible() and not window.confirm.isVisible()
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_the_buttons_act_on_the_selection(qtbot: QtBot, window: DigestWindow) -> None:
    with qtbot.waitSignal(window.snoozed, timeout=1000) as blocker:
        qtbot.mouseClick(window.snooze_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [[6, 5]]


def test_a_status_reply_is_shown_under_its_line(qtbot: QtBot) -> None:
    w = DigestWindow()
    qtbot.addWidget(w)
    w.set_items(morning(), {3: Reply("In a focus block until 12:00", NOW - timedelta(minutes=3))}, at=NOW)
    rows = w._visible_rows()
    notes = {tuple(r.data(IDS)): r.data(REPLY) for r in rows if r.data(REPLY)}
    assert notes == {(3, 2, 1): "You told Anke at 11:42: “In a focus block until 12:00”"}


def test_clearing_everything_says_so(qtbot: QtBot, window: DigestWindow) -> None:
    for _ in range(30):
        if not window.digest.groups:
            break
        _press(qtbot, window, Qt.Key.Key_Delete)
    assert window.digest.count == 0
    assert window.empty.isVisible() and "caught up" in window.empty.text()
    assert window.headline.text() == "Nothing held"


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        ch = [
            ((v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4)
            for v in (c.red(), c.green(), c.blue())
        ]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_secondary_text_stays_readable_in_light_and_dark(qtbot: QtBot, dark: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = theme.dark_palette() if dark else app.style().standardPalette()
    base = palette.color(palette.ColorRole.Base)
    window = palette.color(palette.ColorRole.Window)
    assert _contrast(theme.secondary_on_base(palette), base) >= 4.5
    assert _contrast(theme.secondary_text(palette), window) >= 4.5
    assert _contrast(theme.critical(palette), base) >= 3.0
