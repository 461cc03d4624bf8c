"""Put one tray icon per state into the running system tray, to look at them in a real tray host.

On a machine without a screen (a dark panel; drop --dark and use --tint 0xf6f5f4 for a light one):

    Xvfb :57 -screen 0 400x60x24 &
    DISPLAY=:57 trayer --edge top --widthtype pixel --width 260 --align left \
        --transparent true --alpha 0 --tint 0x242424 --iconspacing 8 &
    DISPLAY=:57 QT_QPA_PLATFORM=xcb python packaging/tray_preview.py --dark --seconds 4 &
    sleep 3; import -display :57 -window root tray.png
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from notifyzen.ui.icons import tray_icon

CASES = [("free", 0), ("focus", 0), ("held", 0), ("held", 3), ("held", 12), ("held", 150)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    if not QSystemTrayIcon.isSystemTrayAvailable():
        print("no system tray", file=sys.stderr)
        return 1
    icons = []
    for state, held in CASES:
        icon = QSystemTrayIcon(tray_icon(state, held, args.dark))
        icon.setToolTip(f"{state} {held}")
        icon.show()
        icons.append(icon)
    QTimer.singleShot(int(args.seconds * 1000), app.quit)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
