"""The user's two answers about a decision (issue 20) where a notification is shown: the pop-up's
"⋯" (on hover) and right click, the digest's button, the history window's buttons; only the answer
that would correct what happened is offered, and each is acknowledged where it was given."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QEnterEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from notifyzen.core.model import Decision, Urgency, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.history import reactions as store_reactions
from notifyzen.history import store
from notifyzen.ui.digest import DigestWindow
from notifyzen.ui.history import ID, HistoryWindow
from notifyzen.ui.popup import PopupStack
from tests.harness.digest_items import NOW, make_item, morning
from tests.ui.test_history_window import week

THROUGH = Decision(Verdict.DELIVER, "default", "delivered")


@pytest.fixture
def stack(qtbot: QtBot) -> Iterator[PopupStack]:
    s = PopupStack(default_timeout_ms=60_000)
    yield s
    s.clear()


def hover(widget: object) -> None:
    QApplication.sendEvent(widget, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))  # type: ignore[arg-type]


def menu_words(menu: QMenu | None) -> list[str]:
    assert menu is not None
    return [a.text() for a in menu.actions()]


def test_the_pop_ups_answer_is_out_of_sight_until_the_pointer_is_over_it(
    stack: PopupStack, qtbot: QtBot
) -> None:
    stack.show(make_item(7, "Slack", "Marco", "can you look at the build?", decision=THROUGH))
    popup = stack.popup(7)
    assert popup is not None
    qtbot.waitExposed(popup)
    assert not popup.options.isVisible(), "a pop-up that came through looks as it did"
    hover(popup)
    assert popup.options.isVisible()
    assert menu_words(popup.options.menu()) == ["Could have waited"], "it came through: not 'should have'"


def test_an_answer_from_the_menu_is_signalled_and_acknowledged_in_the_pop_up(
    stack: PopupStack, qtbot: QtBot
) -> None:
    got: list[tuple[int, str]] = []
    stack.answered.connect(lambda id, kind: got.append((id, kind)))
    stack.show(make_item(7, "Slack", "Marco", "build?", decision=THROUGH))
    popup = stack.popup(7)
    assert popup is not None
    qtbot.waitExposed(popup)
    before = popup.height()
    menu = popup.options.menu()
    assert menu is not None
    menu.actions()[0].trigger()
    assert got == [(7, "could_have_waited")]
    assert popup.noted.isVisible() and popup.noted.text().startswith("Noted")
    assert popup.height() > before and stack.popup(7) is popup, "it stays; the user may still act on it"


def test_a_held_one_popping_up_later_may_have_been_either_and_right_click_offers_it(
    stack: PopupStack, qtbot: QtBot
) -> None:
    stack.show(make_item(8, "Mail", "Build broke", minutes_ago=120))  # held, released at its max wait
    popup = stack.popup(8)
    assert popup is not None
    qtbot.waitExposed(popup)
    assert menu_words(popup.options.menu()) == ["Should have come through", "Could have waited"]
    center = popup.rect().center()
    QApplication.sendEvent(
        popup, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, center, popup.mapToGlobal(center))
    )
    menu = popup.options.menu()
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=2_000)
    menu.hide()


def test_the_digest_asks_should_have_come_through_of_the_selected_line(qtbot: QtBot) -> None:
    window = DigestWindow()
    qtbot.addWidget(window)
    window.set_items(morning(), at=NOW)
    window.show()
    qtbot.waitExposed(window)
    got: list[tuple[list[int], str]] = []
    window.answered.connect(lambda ids, kind: got.append((list(ids), kind)))
    selected = window.selected_ids()
    assert window.answer_button.text() == "Should have come through" and window.answer_button.isEnabled()
    qtbot.mouseClick(window.answer_button, Qt.MouseButton.LeftButton)
    assert got == [(selected, "should_have_come")]
    assert window.notice.isVisible() and window.notice_text.text().startswith("Noted")
    assert window.selected_ids() == selected, "the line stays: the answer is about the decision"


def test_the_history_window_offers_the_answer_that_fits_and_shows_it(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    ids = week(db)
    s = store.Store(db)
    s.react(Reaction(ids["Standup in 5 minutes"], ReactionKind.OPENED, NOW - timedelta(minutes=88)))
    s.close()
    engine = store.reader(db)
    rows = store.query(engine)
    reactions = store_reactions.of_rows_read(engine, [int(r.id or 0) for r in rows])
    engine.dispose()
    window = HistoryWindow()
    qtbot.addWidget(window)
    window.set_rows(rows, NOW, reactions)
    window.show()
    qtbot.waitExposed(window)
    got: list[tuple[int, str]] = []
    window.reacted.connect(lambda row, kind: got.append((row, kind)))

    def select(summary: str) -> None:
        lines = [
            day.child(i)
            for d in range(window.tree.topLevelItemCount())
            if (day := window.tree.topLevelItem(d)) is not None
            for i in range(day.childCount())
            if day.child(i) is not None
        ]
        window.tree.setCurrentItem(next(line for line in lines if line and line.data(0, ID) == ids[summary]))

    select("Standup in 5 minutes")  # came through, opened
    assert window.tree.currentItem().text(4).endswith("· opened after 2 min")  # type: ignore[union-attr]
    shown = [k for k, b in window.answer_buttons.items() if b.isVisible()]
    assert shown == [ReactionKind.COULD_HAVE_WAITED]
    select("Marco (#release)")  # held
    shown = [k for k, b in window.answer_buttons.items() if b.isVisible()]
    assert shown == [ReactionKind.SHOULD_HAVE_COME]
    qtbot.mouseClick(window.answer_buttons[ReactionKind.SHOULD_HAVE_COME], Qt.MouseButton.LeftButton)
    assert got == [(ids["Marco (#release)"], "should_have_come")]
    assert window.notice.text().startswith("Noted")
    line = window.tree.currentItem()
    assert line is not None and line.text(4).endswith("· you said: should have come through")
    assert "you said: should have come through" in window.explain.text()


def test_opening_a_folded_line_reads_its_older_ones_along(qtbot: QtBot) -> None:
    """The digest counts the older notifications of an opened line as read: it says so, so their
    dismissal is not taken for "dismissed unread"."""
    window = DigestWindow()
    qtbot.addWidget(window)
    window.set_items(morning(), at=NOW)
    window.show()
    qtbot.waitExposed(window)
    seen: list[tuple[str, object]] = []
    window.opened.connect(lambda id: seen.append(("opened", id)))
    window.read_along.connect(lambda ids: seen.append(("read along", list(ids))))
    window.dismissed.connect(lambda ids: seen.append(("dismissed", list(ids))))
    ids = window.selected_ids()
    assert len(ids) == 2, "Marco's line holds two"
    window.activateWindow()
    window._act("open")
    assert seen == [("opened", ids[0]), ("read along", ids[1:]), ("dismissed", ids[1:])]


def test_the_pop_up_waits_while_its_answers_are_open_and_counts_down_after(qtbot: QtBot) -> None:
    """Moving into the "⋯" menu leaves the pop-up: it must not time out under the user's choice."""
    stack = PopupStack(default_timeout_ms=2_000)
    try:
        stack.show(make_item(7, "Shop", "Flash sale", decision=THROUGH))
        popup = stack.popup(7)
        assert popup is not None
        qtbot.waitExposed(popup)
        hover(popup)
        assert not popup.timer.isActive(), "paused under the pointer, as before"
        menu = popup.options.menu()
        assert menu is not None
        menu.popup(popup.mapToGlobal(popup.rect().bottomLeft()))
        qtbot.waitUntil(menu.isVisible, timeout=2_000)
        QApplication.sendEvent(popup, QEvent(QEvent.Type.Leave))
        assert not popup.timer.isActive() and popup.options.isVisible()
        menu.hide()
        qtbot.waitUntil(popup.timer.isActive, timeout=2_000)  # closed with the pointer elsewhere
        assert not popup.options.isVisible()
    finally:
        stack.clear()


def test_an_update_in_place_keeps_one_menu_with_the_answers_that_fit(stack: PopupStack, qtbot: QtBot) -> None:
    stack.show(make_item(9, "Mail", "Build broke", minutes_ago=120))  # held, popped up later
    popup = stack.popup(9)
    assert popup is not None
    menu = popup.options.menu()
    for _ in range(50):
        stack.show(make_item(9, "Mail", "Build broke again", decision=THROUGH))
    assert popup.options.menu() is menu and menu_words(menu) == ["Could have waited"]
    assert len(popup.findChildren(QMenu)) == 1


def test_what_the_user_saw_only_as_n_more_waiting_is_said_to_be_only_counted(qtbot: QtBot) -> None:
    """Expired from the card: one that never had a pop-up of its own is "only counted" first; one
    that had one (it stepped back into the card for a critical one) is not."""
    stack = PopupStack(default_timeout_ms=60_000, max_visible=2)
    seen: list[tuple[str, int]] = []
    stack.only_counted.connect(lambda id: seen.append(("only counted", id)))
    stack.expired.connect(lambda id: seen.append(("expired", id)))
    try:
        for id in (1, 2, 3):
            stack.show(make_item(id, "Chat", f"message {id}", decision=THROUGH))
        stack.show(make_item(4, "Alarm", "Fire drill", urgency=Urgency.CRITICAL, decision=THROUGH))
        assert stack.visible_ids() == [2, 4] and stack.waiting_ids() == [1, 3]
        stack._expire_waiting()  # the card's own timeout
        assert seen == [("expired", 1), ("only counted", 3), ("expired", 3)]
    finally:
        stack.clear()
