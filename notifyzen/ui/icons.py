"""Tray and window icons, drawn from the SVGs in resources/icons.

The tray glyphs are symbolic (one colour, #2e3436 in the files, as icon themes expect). A tray does
not tell a Qt app its panel colour, so the caller says whether the panel is dark and the glyph is
recoloured here. The number of held notifications changes at run time, so it is not an SVG: it is
painted as a badge over the glyph, with a transparent gap around it so it stays legible on any
panel colour at 22 px.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from notifyzen import APP_ID
from notifyzen.desktop.paths import resources_dir

STATES = ("free", "focus", "held", "paused")
# The sizes trays and menus ask for; QIcon picks the nearest and scales only what is missing.
SIZES = (16, 22, 24, 32, 48, 64)

SYMBOLIC_INK = "#2e3436"
INK_ON_LIGHT = "#2e3436"
INK_ON_DARK = "#eeeeec"
# Held is not alarming: the badge uses the app's own teal, not a warning red.
BADGE_FILL = QColor("#1d6f78")
BADGE_FILL_ON_DARK = QColor("#3fa7a3")
BADGE_TEXT = QColor("#ffffff")
BADGE_TEXT_ON_DARK = QColor("#10272a")


def system_is_dark() -> bool:
    """Best guess for `dark`: the desktop's colour scheme (Plasma, GNOME and the portal report it
    to Qt), else the window colour of the palette Qt was given. Panels can differ from windows;
    there is no standard way to ask a tray for its colour."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def icons_dir() -> Path:
    return resources_dir() / "icons"


def state_file(state: str) -> Path:
    if state not in STATES:
        raise ValueError(f"unknown tray state {state!r} (expected one of {', '.join(STATES)})")
    if state == "free":
        return icons_dir() / "hicolor" / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg"
    return icons_dir() / "tray" / f"{state}-symbolic.svg"


def app_icon() -> QIcon:
    """The full-colour application icon (window title bars, About, the Flatpak/desktop entry)."""
    return QIcon(str(icons_dir() / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"))


@cache
def _svg(state: str, dark: bool) -> bytes:
    text = state_file(state).read_text(encoding="utf-8")
    return text.replace(SYMBOLIC_INK, INK_ON_DARK if dark else INK_ON_LIGHT).encode()


def badge_text(held: int) -> str:
    return str(held) if held < 100 else "99+"


def glyph(state: str, size: int, dark: bool) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_svg(state, dark)))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def _badge_rect(text: str, size: int) -> QRectF:
    height = max(9.0, round(size * 0.5))
    width = height if len(text) == 1 else height + (len(text) - 1) * height * 0.42
    width = min(width, float(size))
    return QRectF(size - width, 0, width, height)


def draw_badge(pixmap: QPixmap, held: int, dark: bool) -> None:
    """Paint the held count in the top-right corner, cutting a gap into the glyph around it."""
    size = pixmap.width()
    text = badge_text(held)
    rect = _badge_rect(text, size)
    radius = rect.height() / 2
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gap = max(1.0, size / 16)
    halo = QPainterPath()
    halo.addRoundedRect(rect.adjusted(-gap, -gap, gap, gap), radius + gap, radius + gap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    painter.fillPath(halo, Qt.GlobalColor.transparent)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    pill = QPainterPath()
    pill.addRoundedRect(rect, radius, radius)
    painter.fillPath(pill, BADGE_FILL_ON_DARK if dark else BADGE_FILL)
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(max(7, round(rect.height() * (0.82 if len(text) < 3 else 0.7))))
    painter.setFont(font)
    painter.setPen(BADGE_TEXT_ON_DARK if dark else BADGE_TEXT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()


def tray_pixmap(state: str, held: int, dark: bool, size: int) -> QPixmap:
    pixmap = glyph(state, size, dark)
    if held > 0:
        draw_badge(pixmap, held, dark)
    return pixmap


def tray_icon(state: str, held: int, dark: bool) -> QIcon:
    """The tray icon for a state ("free", "focus", "held", "paused"); a count badge shows when held > 0."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(tray_pixmap(state, held, dark, size))
    return icon
