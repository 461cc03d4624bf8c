"""Render every icon to one PNG so a person can judge them: the app icon at the sizes menus and
docks use, and each tray state at 22 px on a light and a dark panel, also blown up 8x (pixel for
pixel) to show how the glyph falls on the pixel grid.

    QT_QPA_PLATFORM=offscreen python packaging/icon_sheet.py /tmp/icons.png
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

from notifyzen.ui.icons import app_icon, tray_pixmap

PANELS = {"light panel": (QColor("#f6f5f4"), False), "dark panel": (QColor("#242424"), True)}
CASES = [("free", 0), ("focus", 0), ("held", 0), ("held", 3), ("held", 12), ("held", 150)]
ZOOM = 8
CELL = 22 * ZOOM + 24


def render(path: str) -> None:
    width = 40 + CELL * len(CASES)
    height = 200 + len(PANELS) * (CELL + 90)
    sheet = QImage(width, height, QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#ffffff"))
    p = QPainter(sheet)
    label = QFont("DejaVu Sans")
    label.setPixelSize(13)
    p.setFont(label)
    x = 20
    for size in (16, 22, 32, 48, 128):
        p.drawPixmap(x, 170 - size, app_icon().pixmap(size, size))
        p.drawText(x, 188, f"{size}")
        x += size + 24
    y = 210
    for name, (bg, dark) in PANELS.items():
        p.fillRect(0, y, width, CELL + 80, bg)
        p.setPen(QColor("#eeeeec" if dark else "#2e3436"))
        p.drawText(20, y + 18, name)
        for i, (state, held) in enumerate(CASES):
            cx = 20 + i * CELL
            small = tray_pixmap(state, held, dark, 22)
            p.drawPixmap(cx, y + 30, small)
            p.drawPixmap(cx + 30, y + 30, tray_pixmap(state, held, dark, 16))
            big = small.toImage().scaled(
                22 * ZOOM,
                22 * ZOOM,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
            p.drawImage(cx, y + 60, big)
            p.drawText(QRectF(cx, y + 60 + 22 * ZOOM, CELL, 18), f"{state} held={held}")
        y += CELL + 90
    p.end()
    sheet.save(path)


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    render(sys.argv[1] if len(sys.argv) > 1 else "icons.png")
