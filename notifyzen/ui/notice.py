"""Pieces a pop-up and the digest share: the sender's icon, the body in a fixed number of lines.

Icons come only from the icon theme or a local file; a URL in app_icon or image-path is ignored,
never fetched. When nothing usable is given, a letter avatar drawn in the palette's highlight
colour stands in, so an unknown app still gets a recognisable mark in light and dark themes.

Outside Plasma and GNOME (sway, i3) Qt has no platform theme and looks only in "hicolor", where
names such as `mail-unread` are not: `user_icon_theme` then takes the theme the user chose for
GTK apps (settings.ini), else the first installed of the common ones, and a name missing there
is tried as its `-symbolic` variant (Adwaita 43 ships most only so).
"""

from __future__ import annotations

import configparser
import html
import os
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QImageReader,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from notifyzen.core.markup import Span, parse, render_html, truncate
from notifyzen.core.model import Item
from notifyzen.desktop.paths import resources_dir

MAX_ICON_FILE = 16 * 1024 * 1024  # a notification icon larger than this is not an icon


def tooltip(text: str, limit: int = 600) -> str:
    """A tooltip that can never be read as rich text (Qt guesses, and would render <img> tags)."""
    text = text.strip()[:limit]
    return f"<p>{html.escape(text).replace(chr(10), '<br/>')}</p>" if text else ""


def button_text(text: str) -> str:
    """A sender's label on a button or menu entry: '&' is a character, not a keyboard mnemonic."""
    return text.replace("&", "&&")


def local_file(ref: str) -> Path | None:
    """A path for "/abs/file.png" or "file:///abs/file.png"; None for theme names and URLs."""
    ref = ref.strip()
    if ref.startswith("file://"):
        ref = unquote(urlsplit(ref).path)
    if not ref.startswith("/"):
        return None
    path = Path(ref)
    try:
        return path if path.is_file() and path.stat().st_size <= MAX_ICON_FILE else None
    except OSError:
        return None


def _from_file(path: Path, size: int) -> QPixmap | None:
    reader = QImageReader(str(path))
    native = reader.size()
    if native.isValid() and native.width() > 0 and native.height() > 0:
        reader.setScaledSize(native.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else QPixmap.fromImage(image)


COMMON_THEMES = ("breeze", "Adwaita", "Papirus", "elementary", "Yaru", "gnome", "oxygen", "Tango")


def _icon_dirs() -> list[Path]:
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [Path.home() / ".icons", *(Path(d) / "icons" for d in [data, *dirs.split(":")] if d)]


def _gtk_theme() -> str | None:
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    for version in ("gtk-4.0", "gtk-3.0"):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(config / version / "settings.ini", encoding="utf-8")
        except (OSError, configparser.Error, UnicodeDecodeError):
            continue
        name = parser.get("Settings", "gtk-icon-theme-name", fallback="").strip().strip('"')
        if name:
            return name
    return None


@cache
def user_icon_theme() -> str:
    """The icon theme pop-ups use: Qt's when a platform theme gave one, else the user's GTK
    choice, else the first common theme installed; "hicolor" when there is none."""
    current = QIcon.themeName()
    if current and current != "hicolor":
        return current
    dirs = _icon_dirs()
    paths = [str(d) for d in dirs if d.is_dir()]
    QIcon.setThemeSearchPaths(
        [*QIcon.themeSearchPaths(), *(p for p in paths if p not in QIcon.themeSearchPaths())]
    )
    installed = lambda name: any((d / name / "index.theme").is_file() for d in dirs)  # noqa: E731
    for name in (_gtk_theme(), *COMMON_THEMES):
        if name and installed(name):
            QIcon.setThemeName(name)
            QIcon.setFallbackThemeName("hicolor")
            return name
    return current or "hicolor"


def _from_theme(name: str, size: int) -> QPixmap | None:
    name = name.strip()
    if not name or "/" in name or ":" in name:
        return None
    user_icon_theme()
    for candidate in (name, f"{name}-symbolic"):
        icon = QIcon.fromTheme(candidate)
        if not icon.isNull():
            return icon.pixmap(size, size)
    return None


def icon_pixmap(item: Item, size: int, palette: QPalette, letter_for: str | None = None) -> QPixmap:
    """image-path, then app_icon, then the desktop entry's icon, then a letter avatar.

    The avatar shows the sender's initial, or `letter_for`'s where the sender is already named
    (a person's heading in the digest).
    """
    n = item.notification
    image_path = n.hints.get("image-path") or n.hints.get("image_path")
    for ref in (image_path if isinstance(image_path, str) else "", n.app_icon, n.desktop_entry or ""):
        if not ref:
            continue
        path = local_file(ref)
        pixmap = _from_file(path, size) if path else _from_theme(ref, size)
        if pixmap is not None:
            return pixmap
    for ref in (n.app_icon, n.desktop_entry or ""):
        glyph = fallback_glyph(ref)
        if glyph is not None:
            return _bundled(glyph, size, palette.color(QPalette.ColorRole.Text).name())
    return letter_avatar(letter_for or n.sender or n.app_name or "?", size, palette)


# A theme icon name the user's theme lacks ("mail-unread" without Breeze or Adwaita): the kind of
# thing it names, drawn from notifyzen's own few glyphs, before a letter stands in for it.
FALLBACKS = (
    ("mail", ("mail", "evolution", "thunderbird", "geary", "kmail")),
    ("calendar", ("calendar", "appointment", "alarm", "reminder", "korganizer", "clock")),
    ("call", ("call", "phone", "dialer")),
    ("chat", ("chat", "im-", "message", "signal", "telegram", "whatsapp", "slack", "user-available")),
    ("warning", ("warning", "error", "important", "battery-caution", "battery-low")),
    ("info", ("information", "info", "update", "download")),
)


def fallback_glyph(name: str) -> str | None:
    """Which bundled glyph stands for the theme icon `name` (None: no idea; a letter then)."""
    folded = name.strip().casefold()
    if not folded or "/" in folded or ":" in folded:
        return None
    return next((glyph for glyph, words in FALLBACKS if any(w in folded for w in words)), None)


@cache
def _bundled(glyph: str, size: int, ink: str) -> QPixmap:
    svg = (resources_dir() / "icons" / "fallback" / f"{glyph}.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(svg.replace("#2e3436", ink).encode()))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


# Mid-dark fills that carry white letters (contrast >= 4.5:1) and stand out on light and dark themes.
AVATAR_FILLS = ("#1b6fb5", "#13806b", "#8e44ad", "#b83227", "#b35000", "#2d7d46", "#5b4fc4", "#5f6b73")


def avatar_fill(name: str) -> QColor:
    """The same name always gets the same colour, so an app is recognisable across a digest."""
    key = sum((i + 1) * ord(c) for i, c in enumerate(name.casefold()))
    return QColor(AVATAR_FILLS[key % len(AVATAR_FILLS)])


def letter_avatar(name: str, size: int, palette: QPalette) -> QPixmap:
    letter = next((c for c in name if c.isalnum()), "?").upper()
    return _avatar(letter, avatar_fill(name).name(), size)


@lru_cache(maxsize=512)
def _avatar(letter: str, fill: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QPainterPath()
    circle.addEllipse(QRectF(0, 0, size, size))
    painter.fillPath(circle, QColor(fill))
    font = QFont(painter.font())
    font.setPixelSize(round(size * 0.46))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return pixmap


def fit_body(body: str, font: QFont, width: int, lines: int, limit: int = 800) -> str:
    """Rich text of the body that fills at most `lines` lines at `width`, ending in "…" if cut.

    Laid out with the same wrapping the body widget uses (at words, else anywhere), so a URL or
    a 10 MB word without spaces wraps instead of widening the pop-up.
    """
    spans = parse(body, limit)
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    option = doc.defaultTextOption()
    option.setWrapMode(option.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setTextWidth(width)
    doc.setHtml("x")
    room = doc.size().height() * (lines + 0.4)  # a little slack for an emoji's taller line

    def height(candidate: tuple[Span, ...]) -> float:
        doc.setHtml(render_html(candidate))
        return doc.size().height()

    if height(spans) <= room:
        return render_html(spans)
    total = sum(len(s.text) for s in spans)
    lo, hi = 0, total
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if height(truncate(spans, mid)) <= room:
            lo = mid
        else:
            hi = mid - 1
    return render_html(truncate(spans, lo))
