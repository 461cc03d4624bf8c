"""Put one tray icon per state into the running system tray, to look at them in a real tray host.

Xvfb :5 -screen 0 640x120x24 & trayer --display :5 --edge top --tint 0x242424 ... &
DISPLAY=:5 python packaging/tray_preview.py --dark --seconds 5 & import -display :5 -window root x.png
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
