"""Colours taken from the desktop's palette, so pop-ups and the digest follow light and dark themes.

Nothing here is a fixed text or background colour: secondary text is a blend of the palette's
text and background, so it stays readable on whatever theme the user picked. The one fixed hue is
the critical accent stripe, a red that reads on both light and dark backgrounds and never carries
text. `dark_palette()` exists for screenshots and tests of dark mode.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

CRITICAL = QColor("#da4453")  # Breeze's "negative" red; readable as a stripe on light and dark
CRITICAL_ON_DARK = QColor("#ed5565")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """a moved towards b by t (0..1)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def secondary_text(palette: QPalette) -> QColor:
    """Dimmed text for app names, times and counts: still well above contrast limits."""
    return blend(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.38)


def secondary_on_base(palette: QPalette) -> QColor:
    """The same dimming for text in lists and fields (Text on Base rather than on Window)."""
    return blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.4)


def border(palette: QPalette) -> QColor:
    return blend(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.78)


def critical(palette: QPalette) -> QColor:
    return CRITICAL_ON_DARK if is_dark(palette) else CRITICAL


def css(color: QColor) -> str:
    return color.name(QColor.NameFormat.HexRgb)


def dark_palette() -> QPalette:
    """A Breeze-Dark-like palette, for checking the windows in dark mode."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202326",
        QPalette.ColorRole.WindowText: "#fcfcfc",
        QPalette.ColorRole.Base: "#141618",
        QPalette.ColorRole.AlternateBase: "#1d1f22",
        QPalette.ColorRole.Text: "#fcfcfc",
        QPalette.ColorRole.Button: "#292c30",
        QPalette.ColorRole.ButtonText: "#fcfcfc",
        QPalette.ColorRole.Highlight: "#3daee9",
        QPalette.ColorRole.HighlightedText: "#fcfcfc",
        QPalette.ColorRole.Link: "#1d99f3",
        QPalette.ColorRole.LinkVisited: "#9b59b6",
        QPalette.ColorRole.ToolTipBase: "#292c30",
        QPalette.ColorRole.ToolTipText: "#fcfcfc",
        QPalette.ColorRole.PlaceholderText: "#8a8d90",
        QPalette.ColorRole.Mid: "#3a3d41",
        QPalette.ColorRole.Light: "#3a3d41",
        QPalette.ColorRole.Dark: "#141618",
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e7175"))
    return p
