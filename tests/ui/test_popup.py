"""Pop-ups as the user meets them: buttons act and close, timeouts expire, critical waits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QEnterEvent, QIcon, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from notifyzen.core.model import Urgency
from notifyzen.desktop import i18n
from notifyzen.ui.notice import local_file, user_icon_theme
from notifyzen.ui.placement import stack_rects
from notifyzen.ui.popup import SPACING, WIDTH, PopupStack
from tests.harness.digest_items import make_item


@pytest.fixture
def stack(qtbot: QtBot) -> Iterator[PopupStack]:
    s = PopupStack(default_timeout_ms=200)
    yield s
    s.clear()


def _record(stack: PopupStack) -> list[tuple[object, ...]]:
    """Every signal the stack emits, in order, as the bus side would see it."""
    seen: list[tuple[object, ...]] = []
    stack.action_invoked.connect(lambda id, key: seen.append(("action", id, key)))
    stack.replied.connect(lambda id, text: seen.append(("replied", id, text)))
    stack.dismissed.connect(lambda id: seen.append(("dismissed", id)))
    stack.expired.connect(lambda id: seen.append(("expired", id)))
    return seen


def _button(stack: PopupStack, id: int, text: str) -> QPushButton:
    popup = stack.popup(id)
    assert popup is not None
    (button,) = [b for b in popup.findChildren(QPushButton) if b.text() == text]
    return button


def test_clicking_an_action_emits_it_then_closes_the_popup(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(7, actions=(("accept", "Accept"), ("decline", "Decline")), expire_timeout=0))
    seen = _record(stack)
    with qtbot.waitSignal(stack.dismissed, timeout=2000):
        qtbot.mouseClick(_button(stack, 7, "Decline"), Qt.MouseButton.LeftButton)
    assert seen == [("action", 7, "decline"), ("dismissed", 7)]
    assert stack.visible_ids() == []


def test_a_resident_notification_stays_after_an_action(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(8, actions=(("pause", "Pause"),), resident=True, expire_timeout=0))
    with qtbot.waitSignal(stack.action_invoked, timeout=2000), qtbot.assertNotEmitted(stack.dismissed):
        qtbot.mouseClick(_button(stack, 8, "Pause"), Qt.MouseButton.LeftButton)
    assert stack.visible_ids() == [8]


def test_clicking_the_body_invokes_the_default_action(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(9, body="Tap to open", actions=(("default", "Open"),), expire_timeout=0))
    popup = stack.popup(9)
    assert popup is not None
    assert [b.text() for b in popup.findChildren(QPushButton)] == []  # "default" is the click, not a button
    with qtbot.waitSignal(stack.action_invoked, timeout=2000) as blocker:
        qtbot.mouseClick(popup.body.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert blocker.args == [9, "default"]


def test_the_close_button_dismisses(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(10, expire_timeout=0))
    popup = stack.popup(10)
    assert popup is not None
    with qtbot.waitSignal(stack.dismissed, timeout=2000) as blocker:
        qtbot.mouseClick(popup.close_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [10] and stack.visible_ids() == []


def test_an_explicit_timeout_expires(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(11, expire_timeout=150))
    with qtbot.waitSignal(stack.expired, timeout=3000) as blocker:
        pass
    assert blocker.args == [11] and stack.visible_ids() == []


def test_default_timeout_applies_to_minus_one(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(12))
    with qtbot.waitSignal(stack.expired, timeout=3000) as blocker:
        pass
    assert blocker.args == [12]


@pytest.mark.parametrize(
    "item",
    [
        make_item(13, urgency=Urgency.CRITICAL),  # critical with the default timeout
        make_item(14, expire_timeout=0),  # 0 = never
    ],
    ids=["critical", "zero"],
)
def test_critical_and_zero_timeout_never_expire(qtbot: QtBot, stack: PopupStack, item: object) -> None:
    stack.show(item)  # type: ignore[arg-type]
    with qtbot.assertNotEmitted(stack.expired, wait=700):
        pass
    assert stack.visible_ids() == [item.id]  # type: ignore[attr-defined]


def test_a_transient_critical_notification_still_expires(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(15, urgency=Urgency.CRITICAL, transient=True))
    with qtbot.waitSignal(stack.expired, timeout=3000):
        pass


def test_close_by_the_sender_emits_nothing(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(16, expire_timeout=0))
    with qtbot.assertNotEmitted(stack.dismissed), qtbot.assertNotEmitted(stack.expired):
        assert stack.close(16)
    assert stack.visible_ids() == [] and not stack.close(16)


def test_inline_reply_sends_the_text(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(
        make_item(
            17,
            actions=(("default", "Open"), ("inline-reply", "Reply")),
            hints={"x-kde-reply-placeholder-text": "Reply to Anke…"},
            expire_timeout=0,
        )
    )
    popup = stack.popup(17)
    assert popup is not None
    (field,) = popup.findChildren(QLineEdit)
    assert field.placeholderText() == "Reply to Anke…"
    assert "Reply" not in [b.text() for b in popup.findChildren(QPushButton)]
    qtbot.keyClicks(field, "on my way")
    seen = _record(stack)
    with qtbot.waitSignal(stack.dismissed, timeout=2000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert seen == [("replied", 17, "on my way"), ("dismissed", 17)]


class _Browser(QObject):
    """Stands in for the user's browser: QDesktopServices hands it every URL of its scheme."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[_Browser]:
    b = _Browser()
    for scheme in ("https", "javascript", "file"):
        QDesktopServices.setUrlHandler(scheme, b, "open")  # type: ignore[arg-type]  # stub wants bytes
    yield b
    for scheme in ("https", "javascript", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_a_web_link_opens_on_click_and_is_not_a_click_on_the_popup(
    qtbot: QtBot, stack: PopupStack, browser: _Browser
) -> None:
    body = '<a href="https://example.org/report">the report</a>'
    stack.show(make_item(18, body=body, actions=(("default", "Open"),), expire_timeout=0))
    popup = stack.popup(18)
    assert popup is not None
    assert browser.opened == []  # nothing opens by itself
    with qtbot.assertNotEmitted(stack.action_invoked):
        qtbot.mouseClick(popup.body.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 6))
    assert browser.opened == ["https://example.org/report"]


def test_a_script_link_is_plain_text_and_never_opens(
    qtbot: QtBot, stack: PopupStack, browser: _Browser
) -> None:
    stack.show(make_item(18, body='<a href="javascript:alert(1)">win a prize</a>', expire_timeout=0))
    popup = stack.popup(18)
    assert popup is not None
    assert popup.body.toPlainText() == "win a prize" and "javascript" not in popup.body.toHtml()
    qtbot.mouseClick(popup.body.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 6))
    popup.body.anchorClicked.emit(QUrl("javascript:alert(2)"))  # even a forged activation opens nothing
    assert browser.opened == []


def test_a_hostile_notification_renders_bounded_and_safe(qtbot: QtBot, stack: PopupStack) -> None:
    body = ("<img src=http://evil.example/a.png alt=''>" + "A" * 200 + "<script>alert(1)</script> ") * 40_000
    actions = tuple((f"k{i}", f"Action {i}") for i in range(500))
    stack.show(
        make_item(19, "Evil" * 50, "X" * 5000, body, actions=actions, app_icon="http://evil.example/i.png")
    )
    popup = stack.popup(19)
    assert popup is not None
    html = popup.body.toHtml()
    assert "evil.example" not in html and "alert" not in html
    assert popup.body.toPlainText().endswith("…")
    assert popup.width() == WIDTH
    buttons = [b.text() for b in sorted(popup.findChildren(QPushButton), key=lambda b: b.x())]
    assert buttons == ["Action 0", "Action 1", "More (498)"]  # left to right
    more = _button(stack, 19, "More (498)").menu()
    assert more is not None and len(more.actions()) == 51


def test_a_burst_is_one_card_at_the_end_of_the_stack_that_opens_the_list(qtbot: QtBot) -> None:
    """Twenty at once: four pop-ups and "16 more waiting" right under them; a click on the card
    opens the list, and nothing trickles in afterwards."""
    stack = PopupStack(max_visible=4, default_timeout_ms=60_000, area=lambda: QRect(0, 0, 1280, 800))
    seen = _record(stack)
    for id in range(1, 21):
        stack.show(make_item(id))
    try:
        assert stack.visible_ids() == [1, 2, 3, 4] and stack.more.isVisible()
        assert stack.more.text() == "16 more waiting"
        cards = [p.geometry() for id in (4, 3, 2, 1) if (p := stack.popup(id)) is not None]
        card = stack.more.geometry()
        assert card.top() == cards[-1].bottom() + 1 + SPACING and card.right() == cards[-1].right()
        with qtbot.waitSignal(stack.list_requested, timeout=2000):
            qtbot.mouseClick(stack.more, Qt.MouseButton.LeftButton)
        assert not stack.more.isVisible() and stack.waiting_ids() == []
        assert seen == [("expired", id) for id in range(5, 21)]  # gone at once, in the history
        stack.close(1)
        assert stack.visible_ids() == [2, 3, 4]  # nothing of the burst comes up later
    finally:
        stack.clear()


def test_a_burst_left_alone_is_gone_with_its_first_popups_not_half_a_minute_later(qtbot: QtBot) -> None:
    stack = PopupStack(max_visible=4, default_timeout_ms=300, area=lambda: QRect(0, 0, 1280, 800))
    seen = _record(stack)
    for id in range(1, 21):
        stack.show(make_item(id))
    qtbot.waitUntil(lambda: len(seen) == 20, timeout=2000)  # 0.3 s timeouts: once, not five rounds
    assert sorted(seen) == [("expired", id) for id in range(1, 21)]
    assert stack.visible_ids() == [] and not stack.more.isVisible()


def test_a_stream_that_never_pauses_keeps_the_card_bounded(qtbot: QtBot) -> None:
    """Thousands in a row (each restarting the card's time): past WAITING_MAX the oldest ordinary
    ones expire at once, as their pop-ups would have, instead of piling up in memory."""
    from notifyzen.ui.popup import WAITING_MAX

    stack = PopupStack(max_visible=4, default_timeout_ms=60_000, area=lambda: QRect(0, 0, 1280, 800))
    seen = _record(stack)
    total = 4 + WAITING_MAX + 100
    try:
        for id in range(1, total + 1):
            stack.show(make_item(id))
        assert len(stack.waiting_ids()) == WAITING_MAX
        assert stack.waiting_ids()[0] == 4 + 100 + 1 and stack.waiting_ids()[-1] == total
        assert seen == [("expired", id) for id in range(5, 5 + 100)]  # the oldest, in the history
    finally:
        stack.clear()


def test_a_critical_one_is_never_lost_in_a_burst(qtbot: QtBot) -> None:
    stack = PopupStack(max_visible=3, default_timeout_ms=300, area=lambda: QRect(0, 0, 1280, 800))
    for id in (1, 2, 3):
        stack.show(make_item(id, expire_timeout=0))
    stack.show(make_item(9, summary="Battery 3%", urgency=Urgency.CRITICAL))
    try:
        assert stack.visible_ids() == [2, 3, 9] and stack.waiting_ids() == [1]  # the oldest stepped back
        qtbot.wait(700)  # the card expires what it holds; the critical pop-up stays
        assert 9 in stack.visible_ids() and stack.waiting_ids() == []
    finally:
        stack.clear()


@pytest.mark.parametrize(
    ("corner", "first"),
    [
        (Qt.Corner.TopRightCorner, QRect(670, 130, 300, 80)),
        (Qt.Corner.TopLeftCorner, QRect(130, 130, 300, 80)),
        (Qt.Corner.BottomRightCorner, QRect(670, 590, 300, 80)),
        (Qt.Corner.BottomLeftCorner, QRect(130, 590, 300, 80)),
    ],
)
def test_stack_rects_start_in_the_corner_and_grow_away_from_it(corner: Qt.Corner, first: QRect) -> None:
    area = QRect(100, 100, 900, 600)  # a workspace below a 100 px bar on a second output
    rects = stack_rects(area, [QSize(300, 80), QSize(300, 50)], corner, 30, 8)
    assert rects[0] == first
    assert not rects[0].intersects(rects[1]) and abs(rects[1].center().y() - first.center().y()) == 73
    assert all(area.contains(r) for r in rects)


def test_corner_margin_and_width_from_the_settings(qtbot: QtBot) -> None:
    stack = PopupStack(
        corner=Qt.Corner.BottomLeftCorner, margin=30, width=300, area=lambda: QRect(0, 0, 1000, 700)
    )
    stack.show(make_item(1, body="body " * 20, expire_timeout=0))
    try:
        popup = stack.popup(1)
        assert popup is not None
        rect = popup.geometry()
        assert (rect.left(), rect.bottom() + 1, rect.width()) == (30, 670, 300)
    finally:
        stack.clear()


def test_the_same_id_again_replaces_in_place(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(20, summary="Downloading 10%", expire_timeout=0))
    stack.show(make_item(20, summary="Downloading 90%", expire_timeout=0))
    popup = stack.popup(20)
    assert stack.visible_ids() == [20] and popup is not None
    assert popup.summary.text() == "Downloading 90%"


def test_popups_stack_in_the_corner_newest_first_without_overlap(qtbot: QtBot, stack: PopupStack) -> None:
    for id in (1, 2, 3):
        stack.show(make_item(id, body="body " * 20, expire_timeout=0))
    rects = {id: p.geometry() for id in (1, 2, 3) if (p := stack.popup(id)) is not None}
    assert rects[3].top() < rects[2].top() < rects[1].top()  # newest nearest the top-right corner
    assert not rects[3].intersects(rects[2]) and not rects[2].intersects(rects[1])
    screen = stack.popup(1).screen().availableGeometry()  # type: ignore[union-attr]
    assert all(screen.contains(r) for r in rects.values())


def test_icon_comes_from_a_local_image_and_never_from_a_url(
    qtbot: QtBot, stack: PopupStack, tmp_path: Path
) -> None:
    picture = tmp_path / "avatar.png"
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("#00ff00"))
    assert image.save(str(picture))
    stack.show(make_item(30, hints={"image-path": f"file://{picture}"}, expire_timeout=0))
    stack.show(
        make_item(31, app_icon="https://evil.example/icon.png", hints={"image-path": "http://x/y.png"})
    )
    local, remote = stack.popup(30), stack.popup(31)
    assert local is not None and remote is not None
    shown = local.icon.pixmap().toImage()
    assert shown.width() == 40 and shown.pixelColor(20, 20) == QColor("#00ff00")  # scaled to the icon size
    assert remote.icon.pixmap().toImage().pixelColor(20, 20) != QColor("#00ff00")  # a letter avatar instead
    assert local_file("https://evil.example/icon.png") is None and local_file(str(picture)) == picture


def test_labels_and_tooltips_from_the_sender_stay_plain_text(qtbot: QtBot, stack: PopupStack) -> None:
    summary = "<img src='/etc/hosts'> <b>Save</b> " + "long " * 80
    stack.show(make_item(32, summary=summary, actions=(("s", "Save & Close"),), expire_timeout=0))
    popup = stack.popup(32)
    assert popup is not None
    (button,) = popup.findChildren(QPushButton)
    assert button.text() == "Save && Close"  # shows "Save & Close", no mnemonic eaten
    assert popup.summary.text().startswith("<img src='/etc/hosts'> <b>Save</b>")  # shown literally
    assert "<img" not in popup.summary.toolTip() and "&lt;img" in popup.summary.toolTip()


def test_hovering_pauses_the_countdown(qtbot: QtBot, stack: PopupStack) -> None:
    stack.show(make_item(33, expire_timeout=300))
    popup = stack.popup(33)
    assert popup is not None
    enter = QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5))
    QApplication.sendEvent(popup, enter)
    with qtbot.assertNotEmitted(stack.expired, wait=700):
        pass
    QApplication.sendEvent(popup, QEvent(QEvent.Type.Leave))
    with qtbot.waitSignal(stack.expired, timeout=4000):
        pass


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: QCoreApplication) -> Iterator[str]:
    """The app as a Dutch (or English) session starts it; English again afterwards."""
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


OWN_WORDS = {
    "nl": {
        "send": "Versturen",
        "reply": "Antwoord…",
        "close": "Wegdoen",
        "more": "Meer (3)",
        "waiting": "nog 1 wacht",
        "unknown": "Onbekende app",
    },
    "en": {
        "send": "Send",
        "reply": "Reply…",
        "close": "Dismiss",
        "more": "More (3)",
        "waiting": "1 more waiting",
        "unknown": "Unknown app",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"], indirect=True)
def test_a_popup_words_its_own_buttons_in_the_session_language_but_not_the_senders(
    qtbot: QtBot, language: str
) -> None:
    words = OWN_WORDS[language]
    stack = PopupStack(max_visible=2)
    actions = (("default", "Open"), ("inline-reply", "Reply"), ("accept", "Accept"), ("decline", "Decline"))
    stack.show(make_item(40, "Calendar", "Meeting moved", "Now at 14:00", actions=actions, expire_timeout=0))
    many = tuple((f"k{i}", f"Snooze {i}") for i in range(5))  # an app's "Snooze" stays the app's word
    stack.show(make_item(41, "", "Disk almost full", actions=many, expire_timeout=0))
    stack.show(make_item(42, expire_timeout=0))
    try:
        popup, nameless = stack.popup(40), stack.popup(41)
        assert popup is not None and nameless is not None
        (field,) = popup.findChildren(QLineEdit)
        assert field.placeholderText() == words["reply"]
        labels = sorted(b.text() for b in popup.findChildren(QPushButton))
        assert labels == sorted(["Accept", "Decline", words["send"]])
        assert popup.close_button.toolTip() == words["close"]
        assert popup.summary.text() == "Meeting moved" and popup.body.toPlainText() == "Now at 14:00"
        assert popup.header.text().startswith("Calendar · ")
        buttons = sorted(nameless.findChildren(QPushButton), key=lambda b: b.x())
        assert [b.text() for b in buttons] == ["Snooze 0", "Snooze 1", words["more"]]
        assert nameless.header.text().startswith(words["unknown"] + " · ")
        assert stack.more.text() == words["waiting"]
    finally:
        stack.clear()


def test_a_theme_icon_name_shows_the_users_theme_icon_not_a_letter(
    qtbot: QtBot, stack: PopupStack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sway or i3: Qt looks only in hicolor; the user's GTK icon theme has `mail-unread`."""
    theme = tmp_path / "data" / "icons" / "MyTheme"
    (theme / "48" / "actions").mkdir(parents=True)
    (theme / "index.theme").write_text(
        "[Icon Theme]\nName=MyTheme\nDirectories=48/actions\n\n[48/actions]\nSize=48\nType=Fixed\n"
    )
    image = QImage(48, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor("#0000ff"))
    assert image.save(str(theme / "48" / "actions" / "mail-unread.png"))
    (tmp_path / "config" / "gtk-3.0").mkdir(parents=True)
    (tmp_path / "config" / "gtk-3.0" / "settings.ini").write_text("[Settings]\ngtk-icon-theme-name=MyTheme\n")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    before, paths = QIcon.themeName(), QIcon.themeSearchPaths()
    QIcon.setThemeName("hicolor")
    user_icon_theme.cache_clear()
    try:
        stack.show(make_item(34, "Thunderbird", app_icon="mail-unread", expire_timeout=0))
        popup = stack.popup(34)
        assert popup is not None
        assert popup.icon.pixmap().toImage().pixelColor(20, 20) == QColor("#0000ff")  # not a "T"
    finally:
        QIcon.setThemeName(before)
        QIcon.setThemeSearchPaths(paths)
        user_icon_theme.cache_clear()
