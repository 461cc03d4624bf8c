"""The check-in digest as a user works through it: from the keyboard, group by group."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from notifyzen.core.digest import Reply
from notifyzen.core.replay_summary import Impact
from notifyzen.desktop import i18n
from notifyzen.ui import theme
from notifyzen.ui.digest import IDS, KIND, PRESSING, REPLY, DigestWindow
from notifyzen.ui.digest_model import WHEN
from notifyzen.ui.digest_words import impact_sentence
from tests.harness.digest_items import NOW, make_item, morning


@pytest.fixture
def window(qtbot: QtBot) -> DigestWindow:
    w = DigestWindow()
    qtbot.addWidget(w)
    w.set_items(morning(), at=NOW)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()  # the user clicked into it: only then do its keys act
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
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
    _press(qtbot, window, Qt.Key.Key_Down)  # over Anke's heading, straight to her Signal line
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


def _heading(w: DigestWindow, title: str) -> None:
    """Click a group's heading (the arrows pass over headings)."""
    row = next(r for r in w._visible_rows() if r.data(KIND) == "group" and r.data(0) == title)
    point = w.view.visualRect(row).center()
    QTest.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert _current(w)[:2] == ("group", title)


def test_the_arrows_go_from_line_to_line_over_the_headings(qtbot: QtBot, window: DigestWindow) -> None:
    seen = []
    for _ in range(8):
        seen.append(_current(window)[0])
        _press(qtbot, window, Qt.Key.Key_Down)
    _press(qtbot, window, Qt.Key.Key_Up, Qt.Key.Key_Up)
    seen.append(_current(window)[0])
    _press(qtbot, window, Qt.Key.Key_Home)
    assert "group" not in seen and _current(window)[1] == "Marco (#release)"
    _press(qtbot, window, Qt.Key.Key_Up)  # nothing above the first line but its heading: stays
    assert _current(window)[1] == "Marco (#release)"


def test_s_on_a_heading_snoozes_the_whole_group(qtbot: QtBot, window: DigestWindow) -> None:
    _heading(window, "Mum")
    assert window.dismiss_button.text() == "Dismiss group"
    with qtbot.waitSignal(window.snoozed, timeout=1000) as blocker:
        _press(qtbot, window, Qt.Key.Key_S)
    assert sorted(blocker.args[0]) == [7, 8, 9]
    assert "Mum" not in [g.title for g in window.digest.groups]


def test_u_answers_should_have_come_through_and_keeps_the_line(qtbot: QtBot, window: DigestWindow) -> None:
    """The answer has a key, as every other button does, so a digest is worked through without
    the mouse; the line stays, so the next key acts on it too."""
    got: list[tuple[list[int], str]] = []
    window.answered.connect(lambda ids, kind: got.append((list(ids), kind)))
    selected = window.selected_ids()
    _press(qtbot, window, Qt.Key.Key_U)
    assert got == [(selected, "should_have_come")]
    assert window.selected_ids() == selected
    assert "U urgent" in window.keys.text()


def test_enter_opens_the_newest_and_counts_the_rest_as_read(qtbot: QtBot, window: DigestWindow) -> None:
    seen: list[tuple[str, object]] = []
    window.opened.connect(lambda id: seen.append(("opened", id)))
    window.dismissed.connect(lambda ids: seen.append(("dismissed", ids)))
    _press(qtbot, window, Qt.Key.Key_Return)
    assert seen == [("opened", 6), ("dismissed", [5])]


def test_enter_on_a_clicked_heading_folds_it_and_opens_nothing(qtbot: QtBot, window: DigestWindow) -> None:
    _heading(window, "Marco")
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
    marco_in_slack = window.digest.matching(hint)
    assert marco_in_slack and set(marco_in_slack) <= set(window.digest.ids)
    with (
        qtbot.waitSignal(window.always_mute, timeout=1000) as blocker,
        qtbot.waitSignal(window.dismissed, timeout=1000) as gone,
    ):
        _press(qtbot, window, Qt.Key.Key_Return)
    assert blocker.args == [hint]
    assert not window.confirm.isVisible()
    # muted for good: what is listed of it goes too (it stays in the history)
    assert sorted(gone.args[0]) == sorted(marco_in_slack)
    assert not set(marco_in_slack) & set(window.digest.ids)


def test_escape_cancels_a_pending_rule_then_closes(qtbot: QtBot, window: DigestWindow) -> None:
    _heading(window, "Marco")
    _press(qtbot, window, Qt.Key.Key_A)  # always allow Marco, from his heading
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


def test_a_check_in_while_the_user_works_keeps_their_line_and_their_half_typed_reply(
    qtbot: QtBot, window: DigestWindow
) -> None:
    """The 12:30 check-in arrives while the user is on Anke's line typing an answer: the next
    Delete or Enter must still be about Anke, and what they typed must still be there."""
    reply = (("default", "Open"), ("inline-reply", "Reply"))
    anke = [
        make_item(i.id, "Signal", "Anke", i.notification.body, sender="Anke", actions=reply)
        for i in morning()[:3]
    ]
    items = [*anke, *morning()[3:]]
    window.set_items(items, at=NOW)
    _press(qtbot, window, Qt.Key.Key_Down)
    assert _current(window)[2] == [3, 2, 1]
    qtbot.mouseClick(window.reply_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.reply_field, "On my w")

    later = make_item(16, "CI", "Build passed: main #4815", minutes_ago=1)
    window.set_items([*items, later], at=NOW)  # what app.Digest does at the next check-in
    assert _current(window)[2] == [3, 2, 1]
    assert window.reply_row.isVisible() and window.reply_field.text() == "On my w"

    newer = make_item(
        17, "Signal", "Anke", "Or shall we meet there?", sender="Anke", minutes_ago=0, actions=reply
    )
    window.set_items([*items, later, newer], at=NOW)  # her new message joins the line being answered
    assert _current(window)[2] == [17, 3, 2, 1]
    assert window.reply_field.text() == "On my w"
    qtbot.keyClicks(window.reply_field, "ay")
    with qtbot.waitSignal(window.replied, timeout=1000) as blocker:
        qtbot.keyClick(window.reply_field, Qt.Key.Key_Return)
    assert blocker.args == [17, "On my way"]


def test_escape_in_the_reply_field_puts_the_reply_away_and_the_keys_work_again(
    qtbot: QtBot, window: DigestWindow
) -> None:
    reply = (("default", "Open"), ("inline-reply", "Reply"))
    window.set_items([make_item(1, "Telegram", "Mum", "Call me", sender="Mum", actions=reply)], at=NOW)
    qtbot.mouseClick(window.reply_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.reply_field, "hi")
    with qtbot.assertNotEmitted(window.replied):
        qtbot.keyClick(window.reply_field, Qt.Key.Key_Escape)
    assert window.isVisible() and not window.reply_row.isVisible()
    assert window.view.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_r_replies_from_the_keyboard_where_the_app_takes_replies(qtbot: QtBot, window: DigestWindow) -> None:
    reply = (("default", "Open"), ("inline-reply", "Reply"))
    window.set_items(
        [
            make_item(1, "Telegram", "Mum", "Call me", sender="Mum", actions=reply),
            make_item(2, "Thunderbird", "Invoice", "due Friday", minutes_ago=30),
        ],
        at=NOW,
    )
    assert _current(window)[2] == [1]
    _press(qtbot, window, Qt.Key.Key_R)
    assert window.reply_row.isVisible() and window.reply_field.hasFocus()
    qtbot.keyClicks(window.reply_field, "on my way")
    with qtbot.waitSignal(window.replied, timeout=1000) as sent:
        qtbot.keyClick(window.reply_field, Qt.Key.Key_Return)
    assert sent.args == [1, "on my way"]
    assert _current(window)[2] == [2]  # a mail offers no reply: R opens nothing there
    _press(qtbot, window, Qt.Key.Key_R)
    assert not window.reply_row.isVisible()


def test_a_digest_shown_while_the_user_types_elsewhere_takes_no_keys(qtbot: QtBot) -> None:
    """Issue 18: a check-in opened over a chat; "yes sure, am on my way⏎" snoozed lines and wrote
    "always allow". Shown quietly, the keyboard stays in the chat, and even keys that reach the
    list do nothing until the user switches into the digest."""
    chat = QLineEdit()
    qtbot.addWidget(chat)
    chat.show()
    chat.activateWindow()
    qtbot.waitUntil(chat.isActiveWindow, timeout=2000)
    w = DigestWindow()
    qtbot.addWidget(w)
    w.set_items(morning(), at=NOW)
    w.show_quietly()
    qtbot.waitExposed(w)
    # Qt's offscreen platform activates every window shown; under a real window manager the chat
    # keeps the keyboard (tests/ui/test_digest_focus_x11.py). Here: the user is still in the chat.
    chat.activateWindow()
    qtbot.waitUntil(chat.isActiveWindow, timeout=2000)
    assert not w.isActiveWindow()
    with (
        qtbot.assertNotEmitted(w.snoozed),
        qtbot.assertNotEmitted(w.dismissed),
        qtbot.assertNotEmitted(w.opened),
        qtbot.assertNotEmitted(w.rule_preview),
    ):
        qtbot.keyClicks(w.view, "yes sure, am on my way")
        qtbot.keyClick(w.view, Qt.Key.Key_Return)
    assert w.digest.count == 15 and not w.confirm.isVisible()
    w.activateWindow()  # the user switches in: now the keys are theirs
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    with qtbot.waitSignal(w.snoozed, timeout=1000):
        qtbot.keyClick(w.view, Qt.Key.Key_S)


def test_enter_on_a_line_with_nothing_to_open_says_so_and_keeps_it(
    qtbot: QtBot, window: DigestWindow
) -> None:
    window.set_items([make_item(1, "Backup", "Backup finished", "42 GB")], at=NOW)
    assert not window.open_button.isEnabled()
    with qtbot.assertNotEmitted(window.opened), qtbot.assertNotEmitted(window.dismissed):
        _press(qtbot, window, Qt.Key.Key_Return)
    assert list(window.digest.ids) == [1]  # still there: nothing happened to it
    assert window.notice.isVisible() and "Nothing to open" in window.notice_text.text()


def test_dismiss_all_and_shift_delete_clear_the_list(qtbot: QtBot, window: DigestWindow) -> None:
    with qtbot.waitSignal(window.dismissed, timeout=1000) as gone:
        _press(qtbot, window, Qt.Key.Key_Delete)  # one line first
    assert gone.args == [[6, 5]]
    with qtbot.waitSignal(window.dismissed, timeout=1000) as rest:
        qtbot.keyClick(window.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(rest.args[0]) == sorted(set(range(1, 16)) - {5, 6})
    assert window.empty.isVisible() and not window.dismiss_all_button.isEnabled()
    window.set_items(morning(), at=NOW)
    with qtbot.waitSignal(window.dismissed, timeout=1000) as clicked:
        qtbot.mouseClick(window.dismiss_all_button, Qt.MouseButton.LeftButton)
    assert len(clicked.args[0]) == 15


def test_p_pins_a_line_and_says_so(qtbot: QtBot, window: DigestWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_P)
    assert window.pinned == {6, 5}
    assert window.view.currentIndex().data(WHEN).startswith("pinned · ")
    assert window.pin_button.text() == "Unpin"
    _press(qtbot, window, Qt.Key.Key_P)
    assert window.pinned == set() and window.pin_button.text() == "Pin"


def test_a_written_rule_is_said_with_undo_until_the_user_takes_it_back(
    qtbot: QtBot, window: DigestWindow
) -> None:
    _press(qtbot, window, Qt.Key.Key_M)
    with qtbot.waitSignal(window.always_mute, timeout=1000):
        _press(qtbot, window, Qt.Key.Key_Return)
    window.rule_written("always mute Marco in Slack", "~/.config/notifyzen/rules/00-digest.yaml")
    assert window.notice.isVisible() and window.undo_button.isVisible()
    assert "always mute Marco in Slack" in window.notice_text.text()
    assert not window.open_rule_button.isVisible()
    _press(qtbot, window, Qt.Key.Key_Delete, Qt.Key.Key_Delete)  # work goes on; the offer stays
    assert window.undo_button.isVisible()
    with qtbot.waitSignal(window.undo_rule, timeout=1000) as undo:
        qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert undo.args == ["always mute Marco in Slack"]
    window.rule_undone("always mute Marco in Slack", True)
    assert "taken out again" in window.notice_text.text() and not window.undo_button.isVisible()


def test_a_rule_of_the_users_that_comes_first_is_named_with_a_way_to_it(
    qtbot: QtBot, window: DigestWindow
) -> None:
    window.rule_written("always mute Thunderbird", "~/r/00-digest.yaml", ("mail", "~/r/0-mine.yaml:19"))
    assert "“mail” (~/r/0-mine.yaml:19) comes first" in window.notice_text.text()
    with qtbot.waitSignal(window.open_rule, timeout=1000) as opened:
        qtbot.mouseClick(window.open_rule_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["~/r/0-mine.yaml:19"]


def test_escape_closes_an_all_caught_up_digest(qtbot: QtBot) -> None:
    """Check in now with nothing held opens "All caught up"; the list is hidden, so Esc reached
    no one and the window (whose footer says "Esc close") stayed."""
    w = DigestWindow()
    qtbot.addWidget(w)
    w.set_items([], at=NOW)
    w.show()
    qtbot.waitExposed(w)
    assert w.empty.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert not w.isVisible()


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


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: QCoreApplication) -> Iterator[str]:
    """The app as a Dutch (or English) session starts it; English again afterwards."""
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


WORDS = {
    "nl": {
        "headline": "16 vastgehouden · 4 mensen · 7 apps",
        "dismiss": "2 wegdoen",
        "snooze": "2 uitstellen",
        "pressing": "tijdgevoelig",
        "tooltip": "Marco: 2 vastgehouden van Slack",
        "allow": "Altijd doorlaten",
        "question": "Marco in Slack altijd dempen?",
        "write": "Altijd dempen",
        "cancel": "Annuleren",
        "keys": "Del wegdoen",
        "reply": "Je liet Anke om di 11:42 weten: “Focus tot 12:00”",
        "unknown": "Onbekende app",
        "empty": "Er wacht niets op je",
        "nothing": "Niets vastgehouden",
        "whatif": "Had vorige week 1 melding gedempt, waarvan 0 van mensen; "
        "had vorige week 12 meldingen meteen getoond, waarvan 3 van mensen.",
    },
    "en": {
        "headline": "16 held · 4 people · 7 apps",
        "dismiss": "Dismiss 2",
        "snooze": "Snooze 2",
        "pressing": "time-sensitive",
        "tooltip": "Marco: 2 held from Slack",
        "allow": "Always allow",
        "question": "Always mute Marco in Slack?",
        "write": "Always mute",
        "cancel": "Cancel",
        "keys": "Del dismiss",
        "reply": "You told Anke at Tue 11:42: “Focus tot 12:00”",
        "unknown": "Unknown app",
        "empty": "Nothing is waiting for you",
        "nothing": "Nothing held",
        "whatif": "Would have muted 1 notification last week, 0 of them from people; "
        "would have shown 12 notifications at once last week, 3 of them from people.",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"], indirect=True)
def test_the_digest_speaks_the_session_language_and_leaves_what_was_sent_alone(
    qtbot: QtBot, language: str
) -> None:
    words = WORDS[language]
    w = DigestWindow()
    qtbot.addWidget(w)
    nameless = make_item(16, "", "Disk almost full", minutes_ago=5)
    told = Reply("Focus tot 12:00", NOW - timedelta(days=1, minutes=3))  # a Dutch reply stays as sent
    w.set_items([*morning(), nameless], {3: told}, at=NOW)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    assert w.headline.text() == words["headline"]
    # The first line is Marco's in Slack: names and what he wrote are never translated.
    assert _current(w) == ("entry", "Marco (#release)", [6, 5])
    assert (w.dismiss_button.text(), w.snooze_button.text()) == (words["dismiss"], words["snooze"])
    assert w.allow_button.text() == words["allow"] and words["keys"] in w.keys.text()
    heading = w.view.currentIndex().parent()
    assert heading.data(Qt.ItemDataRole.DisplayRole) == "Marco"
    assert heading.data(PRESSING) == words["pressing"]
    assert words["tooltip"] in heading.data(Qt.ItemDataRole.ToolTipRole)
    notes = [r.data(REPLY) for r in w._visible_rows() if r.data(REPLY)]
    assert notes == [words["reply"]]
    titles = [w.model.item(row).text() for row in range(w.model.rowCount())]
    assert words["unknown"] in titles and "Software Updates" in titles

    _press(qtbot, w, Qt.Key.Key_M)
    assert w.question.text() == words["question"]
    assert (w.write_rule.text(), w.cancel_rule.text()) == (words["write"], words["cancel"])
    _press(qtbot, w, Qt.Key.Key_Escape)
    for _ in range(30):
        if not w.digest.groups:
            break
        _press(qtbot, w, Qt.Key.Key_Delete)
    assert w.empty.isVisible() and words["empty"] in w.empty.text()
    assert w.headline.text() == words["nothing"]


@pytest.mark.parametrize("language", ["nl", "en"], indirect=True)
def test_what_a_new_rule_would_have_done_is_said_in_the_session_language(language: str) -> None:
    impact = Impact(
        notifications=40,
        held=0,
        muted=1,
        delivered=12,
        people_held=0,
        people_muted=0,
        people_delivered=3,
        interruptions_before=0,
        interruptions_after=12,
    )
    assert impact_sentence(impact) == WORDS[language]["whatif"]
