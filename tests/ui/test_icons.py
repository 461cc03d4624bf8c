"""Tray icons at the size a tray really uses (22 px): visible on light and dark panels, and the held
count shows as a badge only when something is held."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from notifyzen.ui import icons


def opaque(image: QImage, x0: int = 0, y0: int = 0, x1: int = 22, y1: int = 22) -> list[QColor]:
    pixels = (image.pixelColor(x, y) for x in range(x0, x1) for y in range(y0, y1))
    return [c for c in pixels if c.alpha() > 200]


def is_badge(c: QColor) -> bool:
    return c.saturation() > 80


@pytest.mark.parametrize("state", icons.STATES)
@pytest.mark.parametrize("dark", [False, True])
def test_each_state_draws_a_glyph_in_panel_contrast(qapp: QApplication, state: str, dark: bool) -> None:
    image = icons.tray_pixmap(state, 0, dark, 22).toImage()
    ink = opaque(image)
    assert len(ink) > 22 * 22 // 6, "glyph too faint to see at 22 px"
    lightness = sum(c.lightness() for c in ink) / len(ink)
    assert (lightness > 200) if dark else (lightness < 80)
    assert not any(is_badge(c) for c in ink)


def test_the_states_look_different(qapp: QApplication) -> None:
    images = [icons.tray_pixmap(state, 0, False, 22).toImage() for state in icons.STATES]
    assert all(a != b for i, a in enumerate(images) for b in images[i + 1 :])


@pytest.mark.parametrize("dark", [False, True])
def test_badge_shows_only_when_something_is_held(qapp: QApplication, dark: bool) -> None:
    none_held = icons.tray_pixmap("held", 0, dark, 22).toImage()
    three = icons.tray_pixmap("held", 3, dark, 22).toImage()
    twelve = icons.tray_pixmap("held", 12, dark, 22).toImage()
    assert not any(is_badge(c) for c in opaque(none_held))
    badge = [c for c in opaque(three, 11, 0, 22, 11) if is_badge(c)]
    assert len(badge) > 40, "badge missing from the top-right corner"
    assert not any(is_badge(c) for c in opaque(three, 0, 13, 11, 22)), "badge spilled onto the glyph"
    assert three != twelve, "the count is not drawn"


def test_tray_icon_offers_the_tray_size(qapp: QApplication) -> None:
    icon = icons.tray_icon("focus", 5, dark=True)
    assert not icon.isNull()
    assert any(s.width() == 22 for s in icon.availableSizes())
    assert not icon.pixmap(22, 22).toImage().isNull()


def test_large_counts_are_capped_to_fit(qapp: QApplication) -> None:
    assert icons.badge_text(7) == "7"
    assert icons.badge_text(99) == "99"
    assert icons.badge_text(1500) == "99+"
    image = icons.tray_pixmap("held", 1500, False, 22).toImage()
    assert len([c for c in opaque(image) if is_badge(c)]) > 60


def test_unknown_state_is_refused(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="unknown tray state"):
        icons.tray_icon("sleeping", 0, False)


def test_every_shipped_svg_is_valid_and_the_app_icon_renders(qapp: QApplication) -> None:
    svgs = sorted(icons.icons_dir().rglob("*.svg"))
    assert len(svgs) >= 4
    for svg in svgs:
        assert QSvgRenderer(str(svg)).isValid(), svg
    small = icons.app_icon().pixmap(16, 16).toImage()
    teal = [c for c in opaque(small, x1=16, y1=16) if is_badge(c)]
    assert len(teal) > 40, "app icon should show its teal disc at 16 px"


def test_dark_follows_the_palette_when_the_desktop_reports_no_scheme(qapp: QApplication) -> None:
    original = qapp.palette()
    try:
        qapp.setPalette(QPalette(QColor("#242424")))
        assert icons.system_is_dark()
        qapp.setPalette(QPalette(QColor("#f6f5f4")))
        assert not icons.system_is_dark()
    finally:
        qapp.setPalette(original)
