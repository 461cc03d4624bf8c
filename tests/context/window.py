"""A real X11 app window for tests: `python -m tests.context.window NAME` shows a window of class
NAME and reads commands from stdin: `full` (F11: the app asks the window manager for full screen,
as Qt's showFullScreen does through _NET_WM_STATE), `normal`, `raise` (activate it). It prints
`shown <window id>` once mapped."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QLabel


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "slides"
    app = QApplication([name])
    app.setApplicationName(name)
    app.setDesktopFileName(name)
    window = QLabel(f"<h1>{name}</h1>")
    window.setWindowTitle(name)
    window.resize(400, 300)
    window.setStyleSheet("background: #224; color: white;")
    window.show()

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
        elif line.strip() == "full":
            window.showFullScreen()
        elif line.strip() == "normal":
            window.showNormal()
        elif line.strip() == "raise":
            window.raise_()
            window.activateWindow()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    QTimer.singleShot(300, lambda: print("shown", hex(int(window.winId())), flush=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
