"""Stands in for the user's editor: a window that logs every key it receives to a file, so a
run can tell whether typing still reaches it while pop-ups come."""

from __future__ import annotations

import sys

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit


class Editor(QPlainTextEdit):
    def __init__(self, log_path: str) -> None:
        super().__init__()
        self.log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115  # open while the window is

    def keyPressEvent(self, e: QKeyEvent) -> None:
        self.log.write(e.text())
        self.log.flush()
        super().keyPressEvent(e)


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    app.setDesktopFileName("editor")
    editor = Editor(sys.argv[1])
    editor.setWindowTitle("editor")
    editor.show()
    app.exec()
