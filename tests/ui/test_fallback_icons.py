"""An icon name the user's icon theme lacks is drawn as the kind of thing it names (a mail, a chat,
a calendar, a call, a warning), from notifyzen's own glyphs, before a letter stands in for it."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from notifyzen.core.model import DELIVER_BY_DEFAULT, Item, Notification
from notifyzen.ui.notice import _bundled, fallback_glyph, icon_pixmap, letter_avatar, user_icon_theme

AT = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def item(app_icon: str, app_name: str = "Thunderbird") -> Item:
    return Item(1, Notification(app_name=app_name, summary="x", at=AT, app_icon=app_icon), DELIVER_BY_DEFAULT)


def test_names_map_to_the_kind_of_thing() -> None:
    assert fallback_glyph("mail-unread") == "mail"
    assert fallback_glyph("appointment-soon") == "calendar"
    assert fallback_glyph("call-incoming") == "call"
    assert fallback_glyph("im-message-new") == "chat"
    assert fallback_glyph("dialog-warning") == "warning"
    assert fallback_glyph("software-update-available") == "info"
    assert fallback_glyph("org.example.Whatever") is None
    assert fallback_glyph("/usr/share/pixmaps/x.png") is None


def test_a_missing_theme_icon_is_the_bundled_glyph_not_a_letter(qapp: QApplication) -> None:
    palette = QPalette()
    ink = palette.color(QPalette.ColorRole.Text).name()
    # a name no installed theme has (Qt also tries its dash-separated prefixes), that says what it is
    user_icon_theme()
    name = next(
        n
        for n in ("geary-notifyzen-test", "kmail-notifyzen-test", "mailz-notifyzen")
        if QIcon.fromTheme(n).isNull()
    )
    drawn = icon_pixmap(item(name), 48, palette).toImage()
    assert drawn == _bundled("mail", 48, ink).toImage()
    assert drawn != letter_avatar("Thunderbird", 48, palette).toImage()
    unknown = icon_pixmap(item("xyzzy-nothing"), 48, palette).toImage()
    assert unknown == letter_avatar("Thunderbird", 48, palette).toImage()
